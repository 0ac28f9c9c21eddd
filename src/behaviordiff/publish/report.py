"""The shareable report: one self-contained HTML file (no network, no external assets) a PM
or CS lead opens from a PR or a ticket. Every transcript and knowledge-base text is escaped by
the template environment; differences are word-level: sentences matched first, then the words of
each changed pair.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from behaviordiff.publish.changelog import in_review
from behaviordiff.publish.gate import ROLE_NAMES, STAGES, evaluate
from behaviordiff.publish.state import ChangeState, ReleaseState, review_reason
from behaviordiff.publish.templates import BUILT_IN, render
from behaviordiff.terminal import safe_terminal_text
from behaviordiff.textutil import PUBLISHED_CHARS, cap_quoted

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.store import Workspace
    from behaviordiff.transcripts import Transcript

PROBES_SHOWN = 6
"""Probes shown side by side per change; the rest are named."""
_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


def _opcodes(old: list[str], new: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """The alignment of two token lists (`diffing.align`, DeepDiff's), sentence by sentence
    when they are long: DeepDiff over thousands of tokens at once cost most of a large report."""
    from behaviordiff.diffing.align import align_chunked
    from behaviordiff.diffing.words import sentence_spans

    return [
        (op.tag, op.i1, op.i2, op.j1, op.j2)
        for op in align_chunked(old, new, sentence_spans, limit=100)
    ]


def _marks(old: list[str], new: list[str]) -> tuple[set[int], set[int]]:
    """Indices of the tokens the old text lost and the new one gained, in order."""
    removed: set[int] = set()
    added: set[int] = set()
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag != "equal":
            removed.update(range(i1, i2))
            added.update(range(j1, j2))
    return removed, added


def _segments(tokens: list[str], marked: set[int]) -> list[Segment]:
    """Runs of unchanged and changed tokens; whitespace between two changed words stays
    inside the highlight, so a changed phrase reads as one."""
    segments: list[Segment] = []
    run: list[str] = []
    run_changed = False
    for index, token in enumerate(tokens):
        changed = index in marked
        if token.isspace():
            # between two changed words, the space belongs to the changed phrase
            changed = index - 1 in marked and index + 1 in marked
        if run and changed != run_changed:
            segments.append(Segment("".join(run), run_changed))
            run = []
        run.append(token)
        run_changed = changed
    if run:
        segments.append(Segment("".join(run), run_changed))
    return segments


_UNIT = re.compile(r".*?(?:[.!?]+(?=\s)|\n|$)\s*", re.S)
MAX_WORDS = 400
"""A pair of sentences longer than this is marked whole, not word by word: word-level
differences cost quadratic time, and a sentence this long is no longer read word by word."""
MAX_UNITS = 300
"""Texts of more sentences than this are marked whole."""
REPLY_CHARS = 10_000
"""A reply longer than this shows its start and "… (N more characters)", as in the app."""
MAX_CHARS = 200_000
"""Texts longer than this together are marked whole before they are even split."""


def _units(text: str) -> list[str]:
    """Sentences and lines, each with the whitespace after it: joined, they are the text."""
    return [unit for unit in _UNIT.findall(text) if unit]


def _pair(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """Word-level differences of two sentences."""
    old_tokens = _TOKEN.findall(old)
    new_tokens = _TOKEN.findall(new)
    if old_tokens == new_tokens:
        return [Segment(old, False)], [Segment(new, False)]
    if max(len(old_tokens), len(new_tokens)) > MAX_WORDS:
        return [Segment(old, True)], [Segment(new, True)]
    # words only: whitespace is never a difference a reader looks for, and fewer items make
    # the comparison faster; marks are mapped back to the tokens, whitespace included
    old_words = [index for index, token in enumerate(old_tokens) if not token.isspace()]
    new_words = [index for index, token in enumerate(new_tokens) if not token.isspace()]
    removed, added = _marks(
        [old_tokens[index] for index in old_words], [new_tokens[index] for index in new_words]
    )
    return (
        _segments(old_tokens, {old_words[index] for index in removed}),
        _segments(new_tokens, {new_words[index] for index in added}),
    )


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    run: list[str] = []
    for segment in segments:
        if not segment.text:
            continue
        if run and merged[-1].changed != segment.changed:
            merged[-1] = Segment("".join(run), merged[-1].changed)
            run = []
        if not run:
            merged.append(segment)
        run.append(segment.text)
    if run:
        merged[-1] = Segment("".join(run), merged[-1].changed)
    return merged


def word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """The old and the new text as segments, with the words that differ marked: sentences
    are matched first, then the words of each changed sentence pair."""
    if old == new:
        return [Segment(old, False)], [Segment(new, False)]
    if len(old) + len(new) < 2 * MAX_WORDS:
        return _pair(old, new)  # short texts: word by word at once
    if len(old) + len(new) > MAX_CHARS:
        return [Segment(old, True)], [Segment(new, True)]
    old_units, new_units = _units(old), _units(new)
    if max(len(old_units), len(new_units)) > MAX_UNITS:
        return [Segment(old, True)], [Segment(new, True)]
    removed, added, changed = _unit_marks(old_units, new_units)
    old_segments: list[Segment] = []
    new_segments: list[Segment] = []
    pairs = dict(changed)
    partners = {j: i for i, j in changed}
    for index, unit in enumerate(old_units):
        if index in pairs:
            old_segments += _pair(unit, new_units[pairs[index]])[0]
        else:
            old_segments.append(Segment(unit, index in removed))
    for index, unit in enumerate(new_units):
        if index in partners:
            new_segments += _pair(old_units[partners[index]], unit)[1]
        else:
            new_segments.append(Segment(unit, index in added))
    return _merge(old_segments), _merge(new_segments)


def _unit_marks(old: list[str], new: list[str]) -> tuple[set[int], set[int], list[tuple[int, int]]]:
    """Sentences removed, added, and changed in place (old index, new index)."""
    removed: set[int] = set()
    added: set[int] = set()
    changed: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            continue
        pairs = _pair_sentences(old, new, range(i1, i2), range(j1, j2)) if tag == "replace" else []
        changed += pairs
        removed.update(set(range(i1, i2)) - {i for i, _ in pairs})
        added.update(set(range(j1, j2)) - {j for _, j in pairs})
    return removed, added, changed


PAIR_LIMIT = 400
"""Sentence comparisons tried in one replaced run before pairing in order."""


def _pair_sentences(
    old: list[str], new: list[str], old_range: range, new_range: range
) -> list[tuple[int, int]]:
    """Pairs of a replaced run's sentences. As many on each side: in order. Else, in order,
    each old one with the most similar new one still free (at least half its words in
    common); a sentence with no such partner was removed or added. A long run pairs in order,
    as far as the shorter side goes."""
    if len(old_range) == len(new_range) or len(old_range) * len(new_range) > PAIR_LIMIT:
        return list(zip(old_range, new_range, strict=False))
    words = {index: Counter(_TOKEN.findall(new[index])) for index in new_range}
    pairs: list[tuple[int, int]] = []
    start = new_range.start
    for i in old_range:
        mine = Counter(_TOKEN.findall(old[i]))
        best, best_ratio = None, 0.5
        for j in range(start, new_range.stop):
            # the share of words two sentences have in common (each counted as often as
            # both have it), over both sentences' words
            total = mine.total() + words[j].total()
            ratio = 2 * (mine & words[j]).total() / total if total else 1.0
            if ratio >= best_ratio:
                best, best_ratio = j, ratio
        if best is not None:
            pairs.append((i, best))
            start = best + 1
    return pairs


def _published(value: Any) -> Any:
    """A writer's text as the report shows it: whole up to `PUBLISHED_CHARS` (a list item by
    item), else cut with a visible "… (N more characters)"."""
    if isinstance(value, list):
        return [_published(item) for item in value]
    return cap_quoted(str(value), PUBLISHED_CHARS) if isinstance(value, str) else value


NAME_CHARS = 200
"""A tool's or an argument's name longer than this is cut, with how much was left out."""
ACTION_CHARS = 2 * REPLY_CHARS
"""The most characters of arguments one tool call shows (a long one still leaves room for
the short ones after it); the arguments past it are counted, not shown."""


def _action(call: Any) -> str:
    """A tool call as `name(key=value, …)`. An agent's arguments can be megabytes: each
    value shows its start up to `REPLY_CHARS` and how much was left out, and arguments past
    `ACTION_CHARS` in all are counted, not shown."""
    arguments = call.arguments if isinstance(call.arguments, dict) else {}
    shown: list[str] = []
    used = 0
    for index, (key, value) in enumerate(arguments.items()):
        text = f"{cap_quoted(str(key), NAME_CHARS)}={cap_quoted(str(value), REPLY_CHARS)}"
        if shown and used + len(text) > ACTION_CHARS:
            left = len(arguments) - index
            shown.append(f"… ({left:,} more argument{'s' if left != 1 else ''})")
            break
        shown.append(text)
        used += len(text)
    return f"{cap_quoted(str(call.name), NAME_CHARS)}({', '.join(shown)})"


def _replies(workspace: Workspace, state: ReleaseState) -> dict[tuple[str, str], Transcript]:
    """(side, probe id) → the first stored run of the probes the report shows."""
    from behaviordiff.store.runs import first_transcripts

    shown = [
        probe_id
        for change in state.changes
        for probe_id in (change.change.probe_ids if change.change else [])[:PROBES_SHOWN]
    ]
    return first_transcripts(workspace, state.release.id, shown) if shown else {}


def _probe_views(
    change: ChangeState, replies: dict[tuple[str, str], Transcript]
) -> list[dict[str, Any]]:
    if change.change is None:
        return []
    excerpts = {item.probe_id: item for item in change.change.excerpts}
    views = []
    for probe_id in change.change.probe_ids[:PROBES_SHOWN]:
        old_run = replies.get(("base", probe_id))
        new_run = replies.get(("head", probe_id))
        excerpt = excerpts.get(probe_id)
        old_text = old_run.final_reply if old_run else (excerpt.old if excerpt else "")
        new_text = new_run.final_reply if new_run else (excerpt.new if excerpt else "")
        # a reply can be megabytes: the report shows its start, and says how much is left
        old_text, new_text = cap_quoted(old_text, REPLY_CHARS), cap_quoted(new_text, REPLY_CHARS)
        if not (old_text or new_text):
            continue
        old_segments, new_segments = word_diff(old_text, new_text)
        old_actions = [_action(call) for call in old_run.tool_calls] if old_run else []
        new_actions = [_action(call) for call in new_run.tool_calls] if new_run else []
        views.append(
            {
                "probe_id": probe_id,
                "old": old_segments,
                "new": new_segments,
                "old_actions": old_actions,
                "new_actions": new_actions,
                "old_escalated": bool(old_run and old_run.escalated),
                "new_escalated": bool(new_run and new_run.escalated),
                "source": "run" if old_run or new_run else "excerpt",
            }
        )
    return views


def _edit_views(state: ReleaseState, change: ChangeState) -> list[dict[str, Any]]:
    views = []
    for item in change.edits:
        content = item.record.content
        old_body = str(content.get("old_body") or "")
        new_body = content.get("new_body")
        old_segments, new_segments = word_diff(
            old_body, old_body if new_body is None else str(new_body)
        )
        views.append(
            {
                "handle": item.handle,
                "target": item.label,
                "title": item.title,
                "status": item.record.status,
                "reason": review_reason(item.record),
                "flagged_only": new_body is None,
                "conflicts": [str(sentence) for sentence in content.get("conflicts") or []],
                "rationale": _published(item.record.rationale),
                "old": old_segments,
                "new": new_segments,
                "delivered": state.delivered.get(item.record.key),
                "look_again": item.state.flag,
            }
        )
    return views


def _change_view(
    state: ReleaseState, change: ChangeState, replies: dict[tuple[str, str], Transcript]
) -> dict[str, Any]:
    data = change.change
    content = change.content
    conditions = [condition.describe() for condition in data.conditions] if data else []
    probe_ids = list(data.probe_ids) if data else []
    return {
        "handle": change.handle,
        "key": change.key,
        "title": change.title,
        "kind": data.kind if data else "",
        "facets": list(data.facets) if data else [],
        "status": change.status,
        "reason": review_reason(change.note.record) if change.note else None,
        "look_again": change.note.state.flag if change.note else None,
        "severity": str(content.get("severity") or ""),
        "note": {
            name: _published(content.get(name) or ("" if name != "cs_actions" else []))
            for name in ("before", "after", "when", "customer_impact", "cs_actions")
        },
        "approved_by": change.approval.by if change.approval else None,
        "approved_at": change.approval.at if change.approval else None,
        "approved_despite": (
            list(change.note.record.dismissed) if change.note and change.approved else []
        ),
        "ack": change.ack.to_dict() if change.ack else None,
        "acked": change.acked,
        "ack_outdated": change.ack_outdated,
        "conditions": conditions,
        "probe_count": len(probe_ids),
        "probes": _probe_views(change, replies),
        "more_probes": probe_ids[PROBES_SHOWN:],
        "edits": _edit_views(state, change),
    }


def build_report(
    workspace: Workspace,
    state: ReleaseState,
    *,
    today: date | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, Any]:
    """What the report shows, as plain data (also the `report --format json` output).
    `on_progress` hears (stage, done, total) as the changes' differences are computed."""
    today = today or date.today()
    replies = _replies(workspace, state)
    changes = []
    for done, change in enumerate(state.changes, start=1):
        changes.append(_change_view(state, change, replies))
        if on_progress is not None:
            on_progress("highlighting differences", done, len(state.changes))
    gates = {stage: evaluate(state, stage, today) for stage in STAGES}
    summary = state.analysis.verdict_counts() if state.analysis else {}
    return {
        "release": {
            "id": state.release.id,
            "name": state.release.name,
            "base": state.release.base_label,
            "head": state.release.head_label,
            "created_at": state.release.created_at,
            "effective_date": state.release.effective_date,
            "in_review": in_review(state),
        },
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "verdicts": {str(key): int(value) for key, value in summary.items()},
        "runs": {
            "planned": state.planned_runs,
            "ok": state.ok_runs,
            "failed": state.failed_runs,
        },
        "counts": state.counts(),
        "gates": {
            stage: {
                "passed": result.passed,
                "summary": result.headline(),
                "missing": [
                    {**item.to_dict(), "role_name": ROLE_NAMES[item.role]}
                    for item in result.missing
                ],
            }
            for stage, result in gates.items()
        },
        "lead_time": gates["full"].lead_time.to_dict() if gates["full"].lead_time else None,
        "changes": changes,
        "wording": [
            {"id": group.id, "title": group.title, "probes": len(group.probe_ids)}
            for group in state.wording
        ],
        "withdrawn_acks": [ack.to_dict() for ack in state.withdrawn],
    }


def _visible(value: Any) -> Any:
    """`value` with every string's control characters and bidi overrides shown as `\\x1b`
    and `\\u202e` (`safe_terminal_text`): the page holds none raw, in its HTML or its data."""
    if isinstance(value, str):
        return safe_terminal_text(value)
    if isinstance(value, Segment):  # the marked old/new words of a reply or an edit
        return Segment(safe_terminal_text(value.text), value.changed)
    if isinstance(value, dict):
        return {_visible(key): _visible(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_visible(item) for item in value]
    return value


def render_report(data: dict[str, Any], project: Project | None = None) -> str:
    """The HTML page, every text from data in it made visible (`_visible`). Its one script
    is allowed by hash in the page's Content-Security-Policy, so nothing else runs and
    nothing is fetched, even if a template let text through."""
    import base64
    import hashlib

    data = _visible(data)
    script = (BUILT_IN / "report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return render(project, "report.html.j2", report=data, script=script, script_hash=digest)

"""How results look in a terminal: every renderer of the CLI, shared by its commands and
the demo. Rich only; the data comes from the core API (`behaviordiff.pipeline`)."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.panel import Panel
from rich.table import Table

from behaviordiff.cli.console import StageProgress, Text, hang, line, stderr, stdout
from behaviordiff.textutil import brief_error, error_signature

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress

    from behaviordiff.pipeline import (
        Analysis,
        BehaviorChange,
        DraftOutcome,
        DraftRecord,
        Hunk,
        PipelineResult,
        RunEvent,
        RunOutcome,
        VersionDiff,
    )
    from behaviordiff.publish.review_file import ImportOutcome

_SAMPLE = re.compile(r"sample \d+: ")
"""The "sample N: " a failed run's note starts with (detect.analyze)."""


def _emphasise(sentence: str, words: Iterable[str], base_style: str, word_style: str) -> Text:
    text = Text(sentence, style=base_style)
    for word in set(words):
        if word.strip():
            pattern = (
                (r"\b" if word[0].isalnum() else "")
                + re.escape(word)
                + (r"\b" if word[-1].isalnum() else "")
            )
            text.highlight_regex(pattern, word_style)
    return text


def render_diff(diff: VersionDiff) -> None:
    out = stdout
    stats = diff.stats()
    line(
        Text.assemble(
            ("diff ", "bold"),
            (diff.base, "red"),
            " → ",
            (diff.head, "green"),
            f"   {len(diff.prompt_hunks)} prompt change(s), "
            f"{len(diff.config_hunks)} config change(s)"
            + (f", {len(diff.code_hunks)} code/data change(s)" if diff.code_hunks else ""),
        )
    )
    if diff.is_empty():
        out.print("The versions are identical.", style="dim")
        return
    last_file = last_section = None
    for hunk in diff.prompt_hunks:
        if hunk.file != last_file:
            out.print()
            out.print(Text(hunk.file, style="bold underline"))
            last_file, last_section = hunk.file, None
        if (
            hunk.section
            and hunk.section != last_section
            and hunk.kind
            not in (
                "section_added",
                "section_removed",
            )
        ):
            out.print(Text(f"  § {hunk.section}", style="bold cyan"))
            last_section = hunk.section
        _render_prompt_hunk(hunk)
    last_file = None
    for hunk in diff.code_hunks:
        if hunk.file != last_file:
            out.print()
            out.print(Text(hunk.file, style="bold underline"))
            last_file = hunk.file
        _render_code_hunk(hunk)
    if diff.config_hunks:
        out.print()
        out.print(Text("agent.yaml and templates", style="bold underline"))
        for hunk in diff.config_hunks:
            marker, style = {
                "config_added": ("+", "green"),
                "tool_added": ("+", "green"),
                "variable_added": ("+", "green"),
                "config_removed": ("-", "red"),
                "tool_removed": ("-", "red"),
                "variable_removed": ("-", "red"),
            }.get(hunk.kind, ("~", "yellow"))
            hang(f"  {marker} ", Text(hunk.summary()), style)
    out.print()
    line(Text(", ".join(_count(kind, count) for kind, count in stats.items()), style="dim"))


def _count(kind: str, count: int) -> str:
    """`sentence_changed`, 4 → "4 sentences changed"."""
    noun, _, verb = kind.rpartition("_")
    noun = {"config": "config key", "code": "code hunk", "data": "data key"}.get(
        noun, {"data_lines": "data hunk"}.get(noun, noun.replace("_", " "))
    )
    return f"{count} {noun}{'' if count == 1 else 's'} {verb}"


def _render_code_hunk(hunk: Hunk) -> None:
    """Code and data as they are written: whole lines, never re-flowed into sentences."""
    out = stdout
    if hunk.kind.endswith("_file_added") or hunk.kind.endswith("_file_removed"):
        added = hunk.kind.endswith("_added")
        out.print(Text(f"  {hunk.summary()}", style="green" if added else "red"))
        return
    if hunk.kind in ("code_changed", "data_lines_changed"):
        out.print(Text(f"  @ {hunk.key}", style="bold cyan"))
        for marker, value, style in (("-", hunk.old, "red"), ("+", hunk.new, "green")):
            for code_line in str(value).splitlines() if value is not None else []:
                out.print(Text(f"    {marker} {code_line}", style=style), overflow="fold")
        return
    marker, style = {"data_added": ("+", "green"), "data_removed": ("-", "red")}.get(
        hunk.kind, ("~", "yellow")
    )
    hang(f"  {marker} ", Text(hunk.summary().split(" → ", 1)[-1]), style)


def _render_prompt_hunk(hunk: Hunk) -> None:
    out = stdout
    if hunk.kind in ("file_added", "file_removed"):
        out.print(
            Text(f"  {hunk.summary()}", style="green" if hunk.kind == "file_added" else "red")
        )
        return
    if hunk.kind in ("section_added", "section_removed"):
        added = hunk.kind == "section_added"
        out.print(
            Text(f"  § {hunk.section} ", style="bold cyan")
            + Text(
                "(section added)" if added else "(section removed)",
                style="green" if added else "red",
            )
        )
        for sentence in (hunk.new if added else hunk.old) or []:
            hang(f"    {'+' if added else '-'} ", sentence, "green" if added else "red")
        return
    if hunk.kind == "sentence_added":
        hang("    + ", str(hunk.new), "green")
    elif hunk.kind == "sentence_removed":
        hang("    - ", str(hunk.old), "red")
    elif hunk.kind == "sentence_changed":
        out.print(Text("    ~ sentence changed", style="yellow"))
        hang(
            "      - ",
            _emphasise(str(hunk.old), hunk.removed_words, "red", "bold reverse red"),
            "red",
        )
        hang(
            "      + ",
            _emphasise(str(hunk.new), hunk.added_words, "green", "bold reverse green"),
            "green",
        )


def render_probe_summary(summary: dict[str, Any]) -> None:
    stdout.print(
        Text.assemble(
            ("probes ", "bold"),
            (summary["suite"], "cyan"),
            f"   {summary['probes']} probe{'' if summary['probes'] == 1 else 's'} in "
            f"{len(summary['files'])} file{'' if len(summary['files']) == 1 else 's'}",
        )
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("tag")
    table.add_column("probes", justify="right")
    for tag, count in summary["tags"].items():
        table.add_row(tag, str(count))
    if summary["untagged"]:
        table.add_row(Text("(untagged)", style="dim"), str(summary["untagged"]))
    stdout.print(table)
    turns = ", ".join(f"{count} {kind}" for kind, count in summary["turns"].items())
    stdout.print(
        f"{turns}; {summary['with_tool_fixtures']} with tool fixtures; "
        f"{summary['with_expectations']} with expected behavior",
        style="dim",
    )
    if summary.get("templates_checked"):
        head = f"Templates render for every probe: {summary['templates_checked']} renders against"
        whole = f"{head} {', '.join(summary['agents'])}."
        if len(whole) <= stdout.width:
            stdout.print(whole, style="green", highlight=False, soft_wrap=True)
        else:  # one version a line: a wrap never cuts a path in two
            stdout.print(head, style="green", highlight=False)
            for agent in summary["agents"]:
                stdout.print(f"  {agent}", style="green", highlight=False, soft_wrap=True)


KB_ROWS_SHOWN = 200
"""The items `kb check` lists in text (all of them in JSON)."""


def render_kb_summary(summary: dict[str, Any]) -> None:
    formats = ", ".join(f"{count} {name}" for name, count in summary["formats"].items())
    stdout.print(
        Text.assemble(
            ("knowledge base ", "bold"),
            f"  {summary['macros']} macros, {summary['articles']} articles ({formats})",
            (f"; {summary['inactive']} inactive" if summary["inactive"] else "", "dim"),
        )
    )
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("kind", "id", "title", "format", "placeholders"):
        table.add_column(column)
    items = summary["items"]
    for item in items[:KB_ROWS_SHOWN]:  # a table measures every cell: 100,000 rows took minutes
        title = Text(item["title"], style="" if item["active"] else "dim")
        table.add_row(
            item["kind"], item["id"], title, item["body_format"], str(len(item["placeholders"]))
        )
    stdout.print(table)
    if len(items) > KB_ROWS_SHOWN:
        stdout.print(
            f"… and {len(items) - KB_ROWS_SHOWN:,} more items (`--format json` lists every one)",
            style="dim",
        )
    _render_export_targets(summary.get("read_as") or {})
    placeholders = summary["placeholders"]
    if placeholders:
        more = len(placeholders) - KB_ROWS_SHOWN
        stdout.print(
            "Placeholders kept verbatim: "
            + ", ".join(placeholders[:KB_ROWS_SHOWN])
            + (f" and {more:,} more" if more > 0 else ""),
            style="dim",
        )


def _render_export_targets(read_as: dict[str, int]) -> None:
    """Where the edits of these items can go, said before anyone drafts: an item goes back
    in the format it was read from, and a CSV macro list names no helpdesk, so its edits
    are handed to people as a CSV and can never be pushed (said only at export before)."""
    from behaviordiff.export.model import PLATFORM, SOURCE_TARGET

    parts = [
        f"`--to {SOURCE_TARGET.get(source, 'csv')}` for the {count:,} read from "
        f"{PLATFORM.get(source, source or 'an unknown format')}"
        for source, count in sorted(read_as.items())
    ]
    if parts:
        stdout.print("Edits export with " + "; ".join(parts) + ".", style="dim")
    if "csv" in read_as:
        stdout.print(
            "A CSV macro list names no helpdesk: edits of its items go to people as a CSV "
            "(`export --to csv`) and cannot be pushed. To push them, use the helpdesk's "
            "own export (Zendesk, Freshdesk or Intercom JSON) under knowledge_base.macros.",
            style="yellow",
        )


_VERDICT_STYLE = {
    "behavior-changed": "bold red",
    "inconclusive": "yellow",
    "wording-only": "cyan",
    "unchanged": "dim",
}


def _change_block(analysis: Analysis, change: BehaviorChange, *, style: str) -> None:
    out = stdout
    out.print()
    line(
        Text.assemble(
            (f"{change.id} ", "bold"),
            (change.title, style),
            f"   {len(change.probe_ids)} probe(s)",
            ("   " + ", ".join(change.facets), "dim"),
        )
    )
    if change.kind == "wording" and (change.before or change.after):
        hang(
            "  words: ",
            Text(", ".join(change.before) or "—", style="red")
            + Text(" → ")
            + Text(", ".join(change.after) or "—", style="green"),
        )
    if change.conditions:
        hang("  when: ", change.conditions[0].describe())
        for condition in change.conditions[1:2]:
            hang("  next best rule: ", condition.describe(), "dim")
    for rank, item in enumerate(change.attribution, start=1):
        label = "  likely cause: " if rank == 1 else "                "
        summary = item.summary if len(item.summary) <= 110 else item.summary[:109] + "…"
        hang(
            label + f"{item.hunk_id} ", Text(summary) + Text("\n" + "; ".join(item.reasons), "dim")
        )
    hang("  probes: ", ", ".join(change.probe_ids))
    for excerpt in change.excerpts[:1]:
        out.print(Text(f"  {excerpt.probe_id}", style="dim"))
        hang("    - ", excerpt.old, "red")
        hang("    + ", excerpt.new, "green")


def _id_span(ids: list[str]) -> str:
    """Every short name, or the first to the last when there are more than three: never a
    list that stops short of what the blocks below show."""
    return ", ".join(ids) if len(ids) <= 3 else f"{ids[0]} to {ids[-1]}"


def _handles_legend(analysis: Analysis) -> str:
    """One line saying what the short names in the blocks below stand for."""
    parts = []
    changes, groups = analysis.changes, analysis.wording_groups
    if changes:
        ids = _id_span([change.id for change in changes])
        parts.append(
            f"{ids} {'are behavior changes' if len(changes) > 1 else 'is a behavior change'} "
            "(probes that changed the same way)"
        )
    if groups:
        ids = _id_span([group.id for group in groups])
        parts.append(
            f"{ids} {'group' if len(groups) > 1 else 'groups'} probes whose wording changed "
            "but not their behavior"
        )
    hunks = [item.hunk_id for group in [*changes, *groups] for item in group.attribution]
    if hunks:
        parts.append(f"{hunks[0]} and the like name a changed sentence or key of `diff`")
    return ("; ".join(parts) + ".") if parts else ""


def render_analysis(analysis: Analysis) -> None:
    """Verdicts grouped by behavior change, with conditions, likely causes and excerpts."""
    out = stdout
    counts = analysis.verdict_counts()
    line(
        Text.assemble(
            ("compare ", "bold"),
            (analysis.old_label, "red"),
            " → ",
            (analysis.new_label, "green"),
            f"   {len(analysis.probes)} probes: ",
            (f"{counts['behavior-changed']} behavior-changed", _VERDICT_STYLE["behavior-changed"]),
            ", ",
            (f"{counts['wording-only']} wording-only", _VERDICT_STYLE["wording-only"]),
            ", ",
            (f"{counts['inconclusive']} inconclusive", _VERDICT_STYLE["inconclusive"]),
            ", ",
            f"{counts['unchanged']} unchanged",
        )
    )
    undecided = [probe for probe in analysis.probes if probe.verdict == "inconclusive"]
    failed = [probe for probe in undecided if not probe.old_samples or not probe.new_samples]
    if not analysis.changes and not undecided:
        out.print("No behavior change beyond sampling noise.", style="green")
    elif not analysis.changes:
        out.print(
            f"No behavior change found, but {len(undecided)} probe(s) cannot be decided yet"
            + (f" ({len(failed)} with failed runs)" if failed else "")
            + ": see Inconclusive below.",
            style="yellow",
        )
    legend = _handles_legend(analysis)
    if legend:
        line(Text(legend, style="dim"))
    for change in analysis.changes:
        _change_block(analysis, change, style="bold red")
    for group in analysis.wording_groups:
        _change_block(analysis, group, style="cyan")
    if undecided:
        out.print()
        out.print(Text("Inconclusive", style="bold yellow"))
        first_failed: dict[str, str] = {}  # how runs failed → the first probe shown so
        for probe in undecided:
            more = (
                f"; ~{probe.more_samples} more sample(s) per version" if probe.more_samples else ""
            )
            if probe in failed:
                more = "; runs failed"
                if probe.notes:
                    signature = error_signature(_SAMPLE.sub("", probe.notes[0], count=1))
                    if signature in first_failed:
                        more += f" the same way as {first_failed[signature]}"
                    else:
                        first_failed[signature] = probe.probe_id
                        more += ": " + brief_error(probe.notes[0]).replace("\n", "\n    ")
            line(Text(f"  {probe.probe_id}: {', '.join(probe.facets) or 'no run'}{more}"))
    noise = analysis.noise
    out.print()
    rates = ", ".join(f"{facet} {rate:.1%}" for facet, rate in noise.deviation_rates.items())
    line(
        Text(
            f"noise floor ({'measured' if noise.measured else 'prior, not measured'}; "
            f"{noise.probes_with_several_samples} probes with several samples): how much "
            "samples of the same version differ anyway; a change counts only beyond it. "
            f"Per-sample disagreement (how often one sample does what the other samples of its "
            f"probe and version do not): {rates}. Meaning floor {noise.meaning_floor:.2f}: how "
            f"far apart in meaning two replies of one version get ({noise.backend} backend).",
            style="dim",
        )
    )
    if analysis.unmatched.get("old_only") or analysis.unmatched.get("new_only"):
        out.print(
            Text(
                f"not compared: {len(analysis.unmatched.get('old_only', []))} probe(s) only in "
                "old, "
                f"{len(analysis.unmatched.get('new_only', []))} only in new",
                style="yellow",
            )
        )


_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


def _body_diff(old: str, new: str) -> Text:
    """The sentences an edit removes and adds (deepdiff, by sentence)."""
    from behaviordiff.pipeline import sentence_changes

    text = Text()
    for _, removed, added in sentence_changes(old, new):
        if removed:
            text.append(f"- {removed}\n", style="red")
        if added:
            text.append(f"+ {added}\n", style="green")
    return text


def _short_reason(reason: str, limit: int = 200) -> str:
    reason = " ".join(reason.split())
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


def _render_fallbacks(outcome: DraftOutcome) -> None:
    """Each draft the template wrote because the model's drafts failed their checks."""
    titles = {
        (record.change_id, record.item_key): record.content.get("item_title")
        for record in outcome.edits
    }
    for fallback in outcome.fallbacks:
        change, draft = fallback.get("change_id", "?"), fallback.get("draft", "?")
        if draft == "note":
            what = "note"
        else:
            title = fallback.get("title") or titles.get((change, draft))
            what = f"edit {title} ({draft})" if title else f"edit {draft}"
        stdout.print(
            Text.assemble(
                f"  {change} {what}: ",
                (_short_reason(fallback.get("reason") or "no reason given"), "dim"),
            )
        )
    refused = sorted(
        {
            fallback.get("change_id", "?")
            for fallback in outcome.fallbacks
            if (fallback.get("reason") or "").startswith("the model server refused the request")
        }
    )
    for change in refused:
        # a new pass would be refused the same way: only this change is asked again
        stdout.print(
            Text(
                f"  The model server refused {change}'s requests, so the template drafted them; "
                "once the request fits the model (a shorter article, a model with a longer "
                "context), re-draft only that change: `behaviordiff review redraft "
                f"{change} --release {outcome.release_id} --drafter llm`",
                style="yellow",
            )
        )


def carry_counts_text(carried: int, dropped: int) -> Text:
    """How many review decisions (a writer's edit, approval or rejection) of an earlier
    release this drafting carried over, and how many it could not carry (no change of this
    release matches them, or their part went into another change's edit), as `run` and
    `draft` print it."""
    decisions = f"{carried} review decision{'' if carried == 1 else 's'}"
    text = Text(f"From an earlier release: {decisions} carried over", style="dim")
    if dropped:
        text.append(", ", style="dim")
        text.append(f"{dropped} dropped", style="yellow")
        text.append(
            " (`behaviordiff review list` says which and why)",
            style="dim",
        )
    text.append(".", style="dim")
    return text


def _who(record: DraftRecord) -> str:
    """Whose text it is: the writer's (as `review list` says it) once edited, else the drafter."""
    return f"writer ({record.edited_by})" if record.edited_by else record.origin


def looked_at(outcome: DraftOutcome, change_id: str) -> list[str]:
    """`DraftOutcome.unedited_near` as `macro “Title”` / `FAQ article “Title”`."""
    return [
        f"{'macro' if near['kind'] == 'macro' else 'FAQ article'} “{near['title']}”"
        for near in outcome.unedited_near(change_id)
    ]


def render_drafts(outcome: DraftOutcome) -> None:
    stdout.print(
        Text.assemble(
            ("Release ", "bold"),
            (f"#{outcome.release_id}", "cyan"),
            f"  drafter {outcome.drafter}; {len(outcome.notes)} note(s), "
            f"{len(outcome.edits)} suggested edit(s); effective "
            f"{outcome.effective_date or 'not set'}",
        )
    )
    if outcome.effective_from is not None:
        stdout.print(
            f"The effective date {outcome.effective_date} was carried from release "
            f"#{outcome.effective_from} with the drafts of the same changes; set another with "
            f"`behaviordiff draft --release {outcome.release_id} --effective DATE`.",
            style="dim",
            highlight=False,
        )
    edits_by_change: dict[str, list[Any]] = {}
    for record in outcome.edits:
        if not record.stale:
            edits_by_change.setdefault(record.change_id, []).append(record)
    for record in outcome.notes:
        if record.stale:
            continue
        note = record.content
        # The title opens the body, where it wraps: a box's own title is cut at the width.
        body = Text(f"{note['title']}\n", style="bold")
        for label, key in (
            ("Before", "before"),
            ("After", "after"),
            ("When", "when"),
            ("Customer impact", "customer_impact"),
        ):
            body.append(f"{label}: ", style="bold")
            body.append(f"{note[key]}\n")
        body.append("What CS should do:\n", style="bold")
        for action in note["cs_actions"]:
            body.append(f"  • {action}\n")
        body.append("Evidence:\n", style="bold")
        for item in note["evidence"]:
            body.append(f"  {item['probe_id']}\n", style="cyan")
            body.append(f"    old: {item['old']}\n", style="red")
            body.append(f"    new: {item['new']}\n", style="green")
        severity = note["severity"]
        stdout.print(
            Panel(
                body,
                title=Text.assemble(
                    (f"{record.change_id} ", "bold"),
                    (f"[{severity}]", _SEVERITY_STYLE.get(severity, "")),
                ),
                subtitle=f"{record.status} · {_who(record)}",
                title_align="left",
                subtitle_align="right",
            )
        )
        for edit_record in edits_by_change.get(record.change_id, []):
            edit = edit_record.content
            header = Text.assemble(
                ("  Suggested edit ", "bold"),
                (edit["item_title"], "cyan"),
                f"  ({edit_record.status} · {_who(edit_record)})",
            )
            stdout.print(header)
            if edit.get("new_body"):
                stdout.print(_body_diff(edit["old_body"], edit["new_body"]))
            else:
                stdout.print("  Flagged, no rewrite. Conflicting:", style="yellow")
                for sentence in edit["conflicts"]:
                    stdout.print(f"    “{sentence}”")
            stdout.print(Text(f"  Why: {edit_record.rationale}\n", style="dim"))
        looked = looked_at(outcome, record.change_id)
        if looked:
            stdout.print(
                Text(
                    "  On this topic, no edit drafted (no sentence found stating the old rule; "
                    f"read {'it' if len(looked) == 1 else 'them'}): " + ", ".join(looked) + "\n",
                    style="yellow",
                )
            )
    for big in outcome.too_big:
        kind, _, ident = str(big["item"]).partition(":")
        stdout.print(
            Text(
                f"{'FAQ article' if kind == 'article' else 'macro'} {ident} “{big['title']}” "
                f"({big['chars']:,} characters) was not read for drafting: over the "
                f"{big['limit']:,}-character limit for one item; check it by hand "
                "against the notes.",
                style="yellow",
            )
        )
    usage = outcome.stats
    if outcome.drafter == "llm":
        stdout.print(
            f"LLM calls {usage['llm_calls']} ({usage['cached_calls']} from cache), tokens "
            f"{usage['prompt_tokens']} in / {usage['completion_tokens']} out; "
            f"{len(outcome.fallbacks)} template fallback(s)" + (":" if outcome.fallbacks else "."),
            style="dim",
        )
        _render_fallbacks(outcome)
    if outcome.kept:
        stdout.print(
            f"{outcome.kept} draft(s) edited or approved by a writer were left as they were.",
            style="dim",
        )
    if outcome.carried or outcome.dropped:
        stdout.print(carry_counts_text(outcome.carried, outcome.dropped))
    if outcome.unapproved:
        stdout.print(
            Text(
                f"{outcome.unapproved} approved draft(s) read differently now and are back to "
                "draft: approve them again (flagged `changed since approval` in `behaviordiff "
                "review list`).",
                style="yellow",
            )
        )
    # the approvals taken back (just above) are marked too: the rest are writers' texts
    writers_texts = outcome.outdated - outcome.unapproved
    if writers_texts > 0:
        stdout.print(
            Text(
                f"{writers_texts} draft(s) with a writer's text read differently now: look at "
                "them again (flagged `outdated` in `behaviordiff review list`).",
                style="yellow",
            )
        )
    if outcome.removed:
        stdout.print(
            f"{outcome.removed} untouched draft(s) no longer produced were removed.", style="dim"
        )
    stale = [record for record in (*outcome.notes, *outcome.edits) if record.stale]
    if stale:
        stdout.print(
            Text(
                f"{len(stale)} draft(s) a writer edited or approved are stale: this release's "
                "changes or knowledge base no longer produce them. Review or discard them:",
                style="yellow",
            )
        )
        for record in stale:
            title = record.content.get("title") or record.content.get("item_title") or ""
            stdout.print(f"  {record.kind} {record.key} ({record.status}): {title}")


def _money(value: float | None) -> str:
    return "unknown" if value is None else f"${value:.4f}"


def clock(seconds: float) -> str:
    """`44s`, `3m05s`, `1h02m`: short, and never read as a time of day."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole % 3600 // 60:02d}m"


def time_column() -> Any:
    """A progress column that says which time it shows: `ETA 44s left` while running (`ETA …`
    before a rate is known), `took 1m49s` once done. A bare `0:00:44` reads as either."""
    from rich.progress import ProgressColumn, Task

    class TimeColumn(ProgressColumn):
        max_refresh = 0.5

        def render(self, task: Task) -> Text:
            if task.finished:
                elapsed = task.finished_time if task.finished_time is not None else task.elapsed
                return Text(f"took {clock(elapsed or 0)}", style="progress.elapsed")
            left = task.time_remaining
            shown = "ETA …" if left is None else f"ETA {clock(left)} left"
            return Text(shown, style="progress.remaining")

    return TimeColumn()


class ProgressView:
    """Renders run events: a live bar on a terminal, plain lines otherwise, nothing for JSON."""

    def __init__(self, *, live: bool, quiet: bool):
        """`quiet` (JSON output) silences plain progress lines; a live bar on a terminal's
        stderr still shows, as it cannot end up in what a script reads from stdout."""
        self.live = live
        self.quiet = quiet and not live
        self.bar: RichProgress | None = None
        self.task: Any = None
        self.last_line = 0.0
        self.last_percent = -1
        self.stages = StageProgress("Analysing", quiet=quiet)
        """For what follows the runs (analysis), once the run bar has stopped."""
        self.failures: dict[str, tuple[str, list[str]]] = {}
        """How runs failed (`error_signature`) → the first one's error and the runs that
        failed so: a broken agent fails every run alike, and one traceback says it."""

    def __enter__(self) -> ProgressView:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
        self.stages.close()

    def _start_bar(self, total: int, completed: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        # The numbers come first and the bar takes what width is left, down to nothing on a
        # narrow terminal; rate and spend only where they fit.
        wide = stderr.width >= 100
        columns = [
            TextColumn("[bold]running"),
            MofNCompleteColumn(),
            TextColumn("[red]{task.fields[errors]} err"),
            time_column(),
        ]
        if wide:
            columns[2:2] = [
                TextColumn("{task.fields[rate]:>6.1f}/s"),
                TextColumn("{task.fields[spend]}"),
            ]
        self.bar = Progress(
            *columns,
            BarColumn(bar_width=max(5, min(40, stderr.width - (75 if wide else 45)))),
            console=stderr,
            transient=False,
        )
        self.bar.start()
        self.task = self.bar.add_task(
            "run", total=total, completed=completed, rate=0.0, errors=0, spend="$0.0000"
        )

    def _failed(self, event: RunEvent, error: str, *, show: bool) -> None:
        """Note a failed run; print its error (shortened) only when it is the first to fail
        that way. The whole text is in the run's stored transcript."""
        job = event.job
        where = f"{job.side} {job.probe.id} #{job.sample}" if job else "a run"
        _, runs = self.failures.setdefault(error_signature(error), (error, []))
        runs.append(where)
        if show and len(runs) == 1:
            self._print_failure(where, error)

    @staticmethod
    def _print_failure(where: str, error: str) -> None:
        text = brief_error(error).replace("\n", "\n  ")
        sys.stderr.write(f"error: {where}: {text}\n")

    def _failures_summary(self, *, with_first: bool) -> None:
        """After the runs: how many failed like each first failure (printed here too when
        the live bar kept it off the screen), and where the whole text is."""
        if not self.failures:
            return
        for error, runs in self.failures.values():
            if with_first:
                self._print_failure(runs[0], error)
            if len(runs) > 1:
                others = len(runs) - 1
                sys.stderr.write(
                    f"error: {others} more run{'s' if others != 1 else ''} failed the same way "
                    f"as {runs[0]}\n"
                )
        sys.stderr.write(
            "The whole error of each failed run is kept with it: `behaviordiff transcripts "
            "--side both -o runs/` writes them.\n"
        )
        sys.stderr.flush()
        self.failures = {}

    def __call__(self, event: RunEvent) -> None:
        if self.quiet:
            return
        progress = event.progress
        if event.kind == "start":
            if event.message:
                # each line whole when piped (file names are not broken across lines)
                for message_line in event.message.splitlines():
                    line(message_line, console=stderr)
            if self.live:
                self._start_bar(progress.total, progress.completed)
            return
        if event.kind == "stop":
            stderr.print(Text(f"Stopping: {event.message}", style="yellow"))
            return
        if event.kind == "retry":
            if not self.live:
                sys.stderr.write(f"retry: {event.message}\n")
            return
        failure = (
            event.transcript.error if event.kind == "run" and event.transcript is not None else None
        )
        if self.bar is not None:
            self.bar.update(
                self.task,
                completed=progress.completed,
                rate=progress.rate,
                errors=progress.errors,
                spend=_money(progress.cost),
            )
            if failure:
                self._failed(event, failure, show=False)
            if event.kind == "done":
                self.bar.stop()
                self.bar = None
                self._failures_summary(with_first=True)
            return
        now = time.monotonic()
        percent = progress.completed * 10 // max(progress.total, 1)
        if failure:
            self._failed(event, failure, show=True)
        if event.kind == "done":
            self._failures_summary(with_first=False)
        if event.kind == "done" or percent != self.last_percent or now - self.last_line > 5:
            self.last_line, self.last_percent = now, percent
            eta = progress.eta
            # a rate of runs this invocation did; with every run reused there is none
            rate = f", {progress.rate:.1f}/s" if progress.done else ""
            sys.stderr.write(
                f"{progress.completed}/{progress.total} runs{rate}, "
                f"{progress.errors} errors, {progress.requests} requests, "
                f"{_money(progress.cost)}"
                + (f", ETA {eta:.0f}s" if eta is not None and event.kind != "done" else "")
                + "\n"
            )
            sys.stderr.flush()


def render_estimate(outcome: RunOutcome) -> None:
    estimate = outcome.estimate
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    probes = outcome.total // max(outcome.samples * 2, 1)
    table.add_row(
        "runs", f"{outcome.total} ({probes} probes × {outcome.samples} samples × 2 versions)"
    )
    if outcome.already_done:
        table.add_row("already stored", str(outcome.already_done))
    table.add_row("runs to do", str(estimate.runs))
    table.add_row("answered from cache", str(estimate.cached_runs))
    table.add_row("requests", str(estimate.requests))
    table.add_row("tokens in / out", f"{estimate.prompt_tokens:,} / {estimate.completion_tokens:,}")
    cost = _money(estimate.cost)
    if estimate.unpriced_models:
        cost += f" (no price for {', '.join(estimate.unpriced_models)})"
    table.add_row("estimated cost", cost)
    if estimate.from_history:
        table.add_row(
            "measured", f"{estimate.from_history} of {estimate.runs} runs from earlier runs' usage"
        )
    stdout.print(table)


def _side_cell(part: Any) -> Text:
    text = Text()
    counts = [
        (f"{part.ok} ok", "green" if part.ok else "dim") if part.ok or not part.not_run else None,
        (f"{part.errors} errors", "red") if part.errors else None,
        (
            ("not run" if not part.ok and not part.errors else f"{part.not_run} not run"),
            "dim",
        )
        if part.not_run
        else None,
    ]
    for index, (shown, style) in enumerate(count for count in counts if count is not None):
        text.append((", " if index else "") + shown, style=style)
    if part.actions:
        actions = ", ".join(
            f"{name}×{count}" if count > 1 else name for name, count in sorted(part.actions.items())
        )
        text.append(f"  {actions}", style="cyan")
    if part.escalated:
        text.append(f"  escalated×{part.escalated}", style="yellow")
    return text


def render_outcome(outcome: RunOutcome, base: str, head: str) -> None:
    table = Table(header_style="bold", box=None, pad_edge=False)
    table.add_column("probe")
    table.add_column(f"base: {base}")
    table.add_column(f"head: {head}")
    for probe in outcome.probes:
        table.add_row(probe.probe_id, _side_cell(probe.base), _side_cell(probe.head))
    stdout.print(table)
    render_run_line(outcome)


def render_run_line(outcome: RunOutcome) -> None:
    """What the runs came to, in one line, plus what needs attention."""
    progress = outcome.progress
    stored = outcome.counts
    summary = f"Release #{outcome.release_id}: {stored.get('ok', 0)} of {outcome.total} runs ok" + (
        f", {stored.get('error', 0)} with errors" if stored.get("error") else ""
    )
    reused = f"{outcome.reused} reused from earlier releases" if outcome.reused else ""
    if progress is not None and progress.done:
        summary += (
            f"; this run: {progress.done} runs ({progress.cached} from cache"
            + (f", {reused}" if reused else "")
            + f"), {progress.requests} requests, {progress.retries} retries, "
            f"{_money(progress.cost)}, {progress.elapsed:.1f}s"
        )
    elif reused:
        summary += f"; nothing to run: all {reused}, no request sent"
    elif outcome.unchanged:
        summary += (
            "; it already holds these versions and runs (same versions, probes and "
            "samples), so no new release was made and no request sent"
        )
    line(Text(summary))
    if outcome.stopped:
        stdout.print(Text(f"Stopped early: {outcome.stopped}", style="yellow"))
        stdout.print(
            Text(
                "Not analysed or drafted: part of the suite has not run. Run the same command "
                "again to finish the release (finished runs are kept).",
                style="yellow",
            )
        )
    if stored.get("error"):
        stdout.print(
            Text("Runs with errors are run again by the next `behaviordiff run`.", style="yellow")
        )


def render_pipeline(result: PipelineResult, base: str, head: str) -> None:
    """The runs, then the behavior changes, then the drafts: what a release holds."""
    from rich.rule import Rule

    if result.analysis is None:
        render_outcome(result.outcome, base, head)
    else:
        render_run_line(result.outcome)
    if result.analysis is not None:
        stdout.print(Rule("Behavior changes"))
        render_analysis(result.analysis)
    if result.drafts is not None:
        stdout.print(Rule("Drafts for review"))
        render_drafts(result.drafts)
    if result.draft_error is not None:
        from behaviordiff.cli.console import show_error

        show_error(result.draft_error)


def render_review_import(outcome: ImportOutcome) -> None:
    """What a committed review file did to a release (`review import`, `gate --reviews`)."""
    line(
        f"{outcome.file}: {len(outcome.applied)} decision(s) recorded in release "
        f"#{outcome.release_id}, {len(outcome.unchanged)} already held, "
        f"{len(outcome.skipped)} not applied"
    )
    if outcome.other_release:
        hang("  ! ", Text(outcome.other_release), "yellow")
    if outcome.other_samples:
        hang("  ! ", Text(outcome.other_samples), "yellow")
    for skipped in outcome.skipped:
        hang("  - ", Text(f"{skipped['handle']}: {skipped['reason']}"), "yellow")
    cs_total = (
        len(outcome.acknowledged)
        + len(outcome.marked_done)
        + len(outcome.cs_unchanged)
        + len(outcome.cs_skipped)
    )
    if cs_total:
        line(
            f"CS: {len(outcome.acknowledged)} acknowledgement(s) and {len(outcome.marked_done)} "
            f"applied edit(s) recorded, {len(outcome.cs_unchanged)} already held, "
            f"{len(outcome.cs_skipped)} not applied"
        )
        for skipped in outcome.cs_skipped:
            hang("  - ", Text(f"{skipped['handle']}: {skipped['reason']}"), "yellow")

"""`behaviordiff draft`: behavior notes and macro/FAQ edits for a release's changes."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.panel import Panel
from rich.text import Text

from behaviordiff.cli.console import OutputFormat, StageProgress, print_json, stdout, warn
from behaviordiff.cli.options import ConfigOption, FormatOption, WorkspaceOption

if TYPE_CHECKING:
    from behaviordiff.drafting import DraftOutcome
    from behaviordiff.store import Workspace

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


class DrafterName(StrEnum):
    auto = "auto"
    llm = "llm"
    template = "template"


def parse_effective(value: str | None) -> str | None:
    if value is None:
        return None
    from behaviordiff.errors import UsageError

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(
            f"--effective '{value}' is not a date", hint="write it as YYYY-MM-DD, e.g. 2026-12-01"
        ) from None


def _body_diff(old: str, new: str) -> Text:
    """The sentences an edit removes and adds (deepdiff, by sentence)."""
    from behaviordiff.diffing.versions import sentence_changes

    text = Text()
    for _, removed, added in sentence_changes(old, new):
        if removed:
            text.append(f"- {removed}\n", style="red")
        if added:
            text.append(f"+ {added}\n", style="green")
    return text


def newest_analysed_release(store: Workspace) -> int:
    """The newest release with a stored analysis (a run stopped by its budget or Ctrl-C has
    none), saying on stderr which newer ones were passed over; the newest release when none
    has one (drafting it then says why it cannot)."""
    latest = store.require_latest_release()
    skipped: list[int] = []
    for candidate in store.releases():
        if store.has_analysis(candidate.id):
            if skipped:
                warn(
                    [
                        f"release(s) #{', #'.join(map(str, skipped))} have no analysis (a run "
                        "stopped before it: budget, Ctrl-C or failed runs): drafting "
                        f"#{candidate.id}; run `behaviordiff run` again with the same versions "
                        "to finish the newer one"
                    ]
                )
            return candidate.id
        skipped.append(candidate.id)
    return latest.id


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


def render(outcome: DraftOutcome) -> None:
    stdout.print(
        Text.assemble(
            ("Release ", "bold"),
            (f"#{outcome.release_id}", "cyan"),
            f"  drafter {outcome.drafter}; {len(outcome.notes)} note(s), "
            f"{len(outcome.edits)} suggested edit(s); effective "
            f"{outcome.effective_date or 'not set'}",
        )
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
                subtitle=f"{record.status} · {record.origin}",
                title_align="left",
                subtitle_align="right",
            )
        )
        for edit_record in edits_by_change.get(record.change_id, []):
            edit = edit_record.content
            header = Text.assemble(
                ("  Suggested edit ", "bold"),
                (edit["item_title"], "cyan"),
                f"  ({edit_record.status} · {edit_record.origin})",
            )
            stdout.print(header)
            if edit.get("new_body"):
                stdout.print(_body_diff(edit["old_body"], edit["new_body"]))
            else:
                stdout.print("  Flagged, no rewrite. Conflicting:", style="yellow")
                for sentence in edit["conflicts"]:
                    stdout.print(f"    “{sentence}”")
            stdout.print(Text(f"  Why: {edit['rationale']}\n", style="dim"))
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
    if outcome.carried:
        stdout.print(
            f"{outcome.carried} draft(s) carry a writer's edit or approval of the same change "
            "from an earlier release (an approval holds only where the text reads the same).",
            style="dim",
        )
    if outcome.unapproved:
        stdout.print(
            Text(
                f"{outcome.unapproved} approved draft(s) read differently now and are back to "
                "draft: approve them again (`behaviordiff review list`).",
                style="yellow",
            )
        )
    if outcome.outdated:
        stdout.print(
            Text(
                f"{outcome.outdated} draft(s) a writer edited or approved read differently now: "
                "look at them again (flagged `outdated` in `behaviordiff review list`).",
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


def register(app: typer.Typer) -> None:
    @app.command("draft", short_help="Behavior notes and macro/FAQ edits for a release.")
    def draft_command(
        release: Annotated[
            int | None,
            typer.Option(
                "--release",
                "-r",
                help="Release id. Default: the latest release with an analysis.",
            ),
        ] = None,
        drafter: Annotated[
            DrafterName | None,
            typer.Option(
                "--drafter",
                help="llm phrases with a model (grounding-checked), template needs none; auto "
                "picks llm when OPENAI_API_KEY or a base URL is set. "
                "Default: drafting.drafter in the config.",
            ),
        ] = None,
        effective: Annotated[
            str | None,
            typer.Option("--effective", help="Effective date of the change (YYYY-MM-DD)."),
        ] = None,
        config: ConfigOption = None,
        workspace: WorkspaceOption = None,
        output_format: FormatOption = OutputFormat.text,
    ) -> None:
        """Draft behavior notes and macro/FAQ edits for a release's behavior changes.

        Drafts a writer has edited or approved are never overwritten.
        """
        from behaviordiff.config import find_project
        from behaviordiff.drafting import draft_release
        from behaviordiff.store import Workspace

        effective_date = parse_effective(effective)
        project = find_project(Path.cwd(), config)
        with Workspace(project.workspace_path(workspace), create=False) as store:
            if release is None:
                release = newest_analysed_release(store)
            with StageProgress("Drafting", quiet=output_format is OutputFormat.json) as progress:
                outcome = draft_release(
                    store,
                    release,
                    project,
                    drafter=drafter.value if drafter is not None else None,
                    effective=effective_date,
                    on_progress=progress,
                )
        if output_format is OutputFormat.json:
            print_json(outcome.to_dict())
        else:
            render(outcome)

"""The rollout gate: may a release go to shadow, canary (1 → 5 → 15 → 40 → 80%) or 100%?

Each stage needs what the one before it needs, and more:
- `shadow`: a complete release: every planned run done, none failed, the analysis stored.
- `canary`: every behavior change reviewed (approved or rejected) and no draft outdated.
- `full`: every approved change acknowledged by CS for its current text, and its approved
  macro/article edits exported or marked done.
What is missing is listed with the role that must act (engineering, writer, CS) and the
command that does it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from behaviordiff.publish.state import ReleaseState, review_reason

Stage = Literal["shadow", "canary", "full"]
STAGES: tuple[Stage, ...] = ("shadow", "canary", "full")
Role = Literal["engineering", "writer", "cs"]
ROLE_NAMES: dict[str, str] = {"engineering": "engineering", "writer": "writer", "cs": "CS"}


@dataclass(frozen=True)
class Missing:
    """One thing that stops the stage."""

    stage: Stage
    """The first stage that needs it."""
    role: Role
    subject: str
    message: str
    fix: str

    def to_dict(self) -> dict[str, str]:
        return {
            "stage": self.stage,
            "role": self.role,
            "subject": self.subject,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class LeadTime:
    """The planned date for 100% and what is left to do before it."""

    effective_date: str
    days_left: int
    """Negative once the date has passed."""
    unacknowledged: int

    def describe(self) -> str:
        if self.days_left > 0:
            when = f"{self.days_left} day{'s' if self.days_left != 1 else ''} left"
        elif self.days_left == 0:
            when = "the date is today"
        else:
            ago = -self.days_left
            when = f"the date passed {ago} day{'s' if ago != 1 else ''} ago"
        text = f"100% planned for {self.effective_date}: {when}"
        if self.unacknowledged:
            text += f"; CS still has {self.unacknowledged} change(s) to acknowledge"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "effective_date": self.effective_date,
            "days_left": self.days_left,
            "unacknowledged": self.unacknowledged,
            "summary": self.describe(),
        }


@dataclass
class GateResult:
    release_id: int
    release_name: str
    stage: Stage
    missing: list[Missing] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lead_time: LeadTime | None = None

    @property
    def passed(self) -> bool:
        return not self.missing

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1

    def roles(self) -> list[str]:
        """The roles that must act, in the order the rollout needs them."""
        order = ("engineering", "writer", "cs")
        present = {item.role for item in self.missing}
        return [role for role in order if role in present]

    def headline(self) -> str:
        stage = "100%" if self.stage == "full" else self.stage
        if self.passed:
            return f"Release #{self.release_id} may proceed to {stage}."
        roles = ", ".join(ROLE_NAMES[role] for role in self.roles())
        return (
            f"Release #{self.release_id} may not proceed to {stage}: "
            f"{len(self.missing)} thing(s) missing ({roles} must act)."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "release_id": self.release_id,
            "release": self.release_name,
            "stage": self.stage,
            "passed": self.passed,
            "exit_code": self.exit_code,
            "summary": self.headline(),
            "roles": self.roles(),
            "missing": [item.to_dict() for item in self.missing],
            "warnings": self.warnings,
            "lead_time": self.lead_time.to_dict() if self.lead_time else None,
        }


def lead_time(state: ReleaseState, today: date) -> LeadTime | None:
    effective = state.release.effective_date
    if not effective:
        return None
    try:
        planned = date.fromisoformat(effective)
    except ValueError:
        return None
    unacknowledged = sum(1 for change in state.changes if change.approved and not change.acked)
    return LeadTime(effective, (planned - today).days, unacknowledged)


def _shadow(state: ReleaseState, add: Any) -> None:
    release = state.release.id
    rerun = "run `behaviordiff run` again with the same versions: it redoes only what is missing"
    if state.failed_runs:
        add(
            "engineering",
            "runs",
            f"{state.failed_runs} run(s) failed after their retries",
            f"see them with `behaviordiff transcripts --release {release} --side both -o runs/`; "
            + rerun,
        )
    if state.planned_runs is not None:
        missing = state.planned_runs - state.ok_runs - state.failed_runs
        if missing > 0:
            add(
                "engineering",
                "runs",
                f"{missing} of {state.planned_runs} planned run(s) were never done (the run "
                "was stopped: budget, Ctrl-C or a streak of failures)",
                rerun,
            )
    if state.analysis is None:
        add(
            "engineering",
            "analysis",
            "the release has no analysis of what changed",
            rerun + "; it analyses the release once every run is done",
        )


def _canary(state: ReleaseState, add: Any, warnings: list[str]) -> None:
    release = state.release.id
    for change in state.changes:
        status = change.status
        if change.note is None:
            add(
                "writer",
                change.handle,
                f"{change.handle} ({change.title}) has no note drafted",
                f"`behaviordiff draft --release {release}`, then review it",
            )
        elif status == "needs-engineering":
            comment = review_reason(change.note.record)
            add(
                "engineering",
                change.handle,
                f"{change.handle} ({change.title}) was sent back to engineering"
                + (f": {comment}" if comment else ""),
                "fix the agent or the probes and run again; a writer then reviews the new draft",
            )
        elif status not in ("approved", "rejected"):
            add(
                "writer",
                change.handle,
                f"{change.handle} ({change.title}) is not reviewed (status {status})",
                f"`behaviordiff review approve {change.handle}`, or `behaviordiff review reject "
                f"{change.handle} --reason not-a-behavior-change` (or expected-noise, or other "
                f"--text WHY) (--release {release})",
            )
    for change in state.changes:
        for item in ([change.note] if change.note else []) + change.edits:
            if item.record.outdated:
                add(
                    "writer",
                    item.handle,
                    f"{item.handle} ({item.label}: {item.title}) is outdated: a writer's text "
                    "over a machine draft that reads differently now",
                    f"read it again: `behaviordiff review edit {item.handle}` or "
                    f"`behaviordiff review reset {item.handle}`, then approve it",
                )
    pending = [
        item.handle
        for change in state.changes
        if change.approved
        for item in change.edits
        if item.record.status not in ("approved", "rejected")
    ]
    if pending:
        warnings.append(
            f"suggested edit(s) {', '.join(pending)} of approved changes are not reviewed yet: "
            "100% needs them approved (then exported or done) or rejected"
        )
    rejected = [change.handle for change in state.changes if change.status == "rejected"]
    wrong = [
        change.handle
        for change in state.changes
        if change.note is not None
        and change.note.record.reason == "wrong-draft"
        and change.status == "rejected"
    ]
    if wrong:
        warnings.append(
            f"rejected as a wrong draft: {', '.join(wrong)}: if the behavior change is real, "
            "CS gets no note for it; edit the note and approve it instead"
        )
    if rejected:
        warnings.append(
            f"rejected as not a behavior change: {', '.join(rejected)} (not published, "
            "not for CS to acknowledge)"
        )
    if state.stale:
        handles = ", ".join(item.handle for item in state.stale)
        warnings.append(
            f"stale draft(s) {handles}: the latest drafting no longer produces them; "
            "they are not published"
        )


def _full(state: ReleaseState, add: Any) -> None:
    release = state.release.id
    for change in state.changes:
        if not change.approved:
            continue
        if change.ack is None:
            add(
                "cs",
                change.handle,
                f"{change.handle} ({change.title}) is not acknowledged by CS",
                f"`behaviordiff ack --release {release} --change {change.handle} --by NAME` "
                "once macros, articles and the rep briefing are updated",
            )
        elif not change.acked:
            add(
                "cs",
                change.handle,
                f"{change.handle} ({change.title}) was acknowledged by {change.ack.acked_by} "
                "for an earlier text: the note was edited since",
                f"read it again and `behaviordiff ack --release {release} --change "
                f"{change.handle} --by NAME`",
            )
        for item in change.edits:
            status = item.record.status
            if status == "rejected":
                continue
            if status != "approved":
                add(
                    "writer",
                    item.handle,
                    f"{item.handle} ({item.label}: {item.title}) is not reviewed (status {status})",
                    f"`behaviordiff review approve {item.handle}`, or `behaviordiff review "
                    f"reject {item.handle} --reason wrong-draft --text WHY`",
                )
            elif item.record.key not in state.delivered:
                add(
                    "cs",
                    item.handle,
                    f"{item.handle} ({item.label}: {item.title}) is approved but neither "
                    "exported nor marked done",
                    f"`behaviordiff export --release {release} ...`, or once applied by hand "
                    f"`behaviordiff ack done {item.handle} --release {release} --by NAME`",
                )


def evaluate(state: ReleaseState, stage: Stage, today: date | None = None) -> GateResult:
    """What `stage` needs of the release, and what is missing."""
    result = GateResult(state.release.id, state.release.name, stage)

    def add_for(current: Stage) -> Any:
        def add(role: Role, subject: str, message: str, fix: str) -> None:
            result.missing.append(Missing(current, role, subject, message, fix))

        return add

    _shadow(state, add_for("shadow"))
    if stage in ("canary", "full"):
        _canary(state, add_for("canary"), result.warnings)
    if stage == "full":
        _full(state, add_for("full"))
    result.lead_time = lead_time(state, today or date.today())
    if stage == "full" and result.lead_time and result.lead_time.unacknowledged:
        result.warnings.append(result.lead_time.describe())
    return result

"""The rollout gate: may a release go to shadow, canary (1 → 5 → 15 → 40 → 80%) or 100%?

Each stage needs what the one before it needs, and more:
- `shadow`: a complete release: every planned run done, none failed, the analysis stored.
- `canary`: every behavior change reviewed (approved or rejected), no draft outdated, and
  no probe left undecided (a change there would reach customers unreviewed).
- `full`: every approved change acknowledged by CS for its current text, and its approved
  macro/article edits applied in the helpdesk: pushed (`behaviordiff push`) or marked done by
  CS (`ack done`). An export alone is a file handed over, not proof the helpdesk has the text.
What is missing is listed with the role that must act (engineering, writer, CS) and the
command that does it.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from behaviordiff.publish.state import ReleaseState, review_reason

if TYPE_CHECKING:
    from behaviordiff.config import Project
    from behaviordiff.publish.review_file import ImportOutcome
    from behaviordiff.review import ReviewItem

Stage = Literal["shadow", "canary", "full"]
STAGES: tuple[Stage, ...] = ("shadow", "canary", "full")
Role = Literal["engineering", "writer", "cs"]
ROLE_NAMES: dict[str, str] = {"engineering": "engineering", "writer": "writer", "cs": "CS"}
_COMMAND = re.compile(r"`(behaviordiff [^`]+)`")


def fix_commands(fix: str) -> list[str]:
    """The commands a fix names, in its order, as they are typed (NAME, FILE or WHY to fill
    in): every fix writes its commands in backticks."""
    return _COMMAND.findall(fix)


@dataclass(frozen=True)
class Missing:
    """One thing that stops the stage."""

    stage: Stage
    """The first stage that needs it."""
    role: Role
    subject: str
    message: str
    fix: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "role": self.role,
            "subject": self.subject,
            "message": self.message,
            "fix": self.fix,
            "commands": fix_commands(self.fix),
        }


@dataclass(frozen=True)
class NextStep:
    """What CS runs next for several missing items at once: one acknowledgement of every
    change not acknowledged, one export (and push, or `ack done`) per helpdesk."""

    role: Role
    subjects: tuple[str, ...]
    step: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "subjects": list(self.subjects),
            "step": self.step,
            "commands": fix_commands(self.step),
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
            count = self.unacknowledged
            text += f"; CS still has {count} change{'s' if count != 1 else ''} to acknowledge"
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
    next_steps: list[NextStep] = field(default_factory=list)
    """CS's missing items gathered into the few commands that clear them (100% only)."""

    def named(self) -> str:
        """The release as people name it: `release #3 (support-v1 → support-v2)`."""
        return f"release #{self.release_id}" + (
            f" ({self.release_name})" if self.release_name else ""
        )

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
        named = self.named()
        named = named[:1].upper() + named[1:]
        if self.passed:
            return f"{named} may proceed to {stage}."
        roles = ", ".join(ROLE_NAMES[role] for role in self.roles())
        return (
            f"{named} may not proceed to {stage}: "
            f"{len(self.missing)} thing{'s' if len(self.missing) != 1 else ''} missing "
            f"({roles} must act)."
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
            "next": [step.to_dict() for step in self.next_steps],
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


def rerun_command(base_label: str, head_label: str) -> str:
    """The `behaviordiff run` that finishes a release: its two versions as the run gave them
    (folders or `REF:path`), quoted for a shell; the bare command when one is unknown."""
    if not base_label or not head_label:
        return "behaviordiff run"
    return f"behaviordiff run {shlex.quote(base_label)} {shlex.quote(head_label)}"


def _shadow(state: ReleaseState, add: Any) -> None:
    release = state.release.id
    rerun = (
        f"run `{rerun_command(state.release.base_label, state.release.head_label)}` again "
        "(the same versions): it redoes only what is missing"
    )
    if state.failed_runs:
        add(
            "engineering",
            "runs",
            f"{state.failed_runs} run(s) failed after their retries",
            f"see them with `behaviordiff transcripts --release {release} --side both -o runs/`; "
            + rerun,
        )
    if state.running:
        wait = "wait for that run to finish, then run the gate again"
        if state.planned_runs is not None:
            missing = state.planned_runs - state.ok_runs - state.failed_runs
            add(
                "engineering",
                "runs",
                f"{missing} of {state.planned_runs} planned run(s) are not done yet: a "
                "behaviordiff run is working on this release now",
                wait,
            )
        add(
            "engineering",
            "analysis",
            "the release has no analysis yet: its run analyses it once every run is done",
            wait,
        )
        return
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


_REJECTED_AS = {
    "not-a-behavior-change": "as not a behavior change",
    "expected-noise": "as expected noise",
}


def _look_again(item: ReviewItem, what: str, release: int) -> tuple[str, str] | None:
    """The one line the gate gives a draft a writer has to look at (again), with its fix; None
    for a draft that needs nothing of a writer now. A writer's text over a machine draft that
    moved is outdated; an approval that no longer holds (the agent moved under a draft
    approved as drafted) is a draft not reviewed, not a writer's text."""
    record, handle, state = item.record, item.handle, item.state
    suffix = f"{handle} --release {release}"
    if record.kind == "note":
        reject = (
            f"`behaviordiff review reject {suffix} --reason not-a-behavior-change` (or "
            "--reason expected-noise, or --reason other --text WHY)"
        )
    else:
        reject = f"`behaviordiff review reject {suffix} --reason wrong-draft --text WHY`"
    if state.look_again == "outdated":
        return (
            f"{what} is outdated: {state.why(release)}",
            f"read it again: `behaviordiff review edit {suffix}` or `behaviordiff review reset "
            f"{suffix}`, then approve it",
        )
    if state.settled:
        return None
    approve = f"`behaviordiff review approve {suffix}`"
    if state.look_again == "reopened":
        return (
            f"{what} is not reviewed: {state.why(release)}",
            f"read it, then {approve}; or {reject}",
        )
    return f"{what} is not reviewed (status {record.status})", f"{approve}, or {reject}"


def _undecided(state: ReleaseState, add: Any, reviews: ImportOutcome | None = None) -> None:
    """Probes the analysis could not decide with the samples it had: a behavior change may
    hide there, and no one has reviewed it. Probes whose runs failed are not counted here: the
    shadow stage already stops the release for them. Gated with a committed review file (CI),
    the fix names the config key: a `--samples` typed once is gone at CI's next run."""
    undecided = [probe for probe in state.undecided() if probe.old_samples and probe.new_samples]
    if state.analysis is None or not undecided:
        return
    shown = ", ".join(probe.probe_id for probe in undecided[:5])
    if len(undecided) > 5:
        shown += f" and {len(undecided) - 5} more"
    run_settings = state.release.settings.get("run") or {}
    samples = run_settings.get("samples") if isinstance(run_settings, dict) else None
    if not isinstance(samples, int):  # a release stored without its settings: what it ran
        samples = max(
            (max(probe.old_samples, probe.new_samples) for probe in state.analysis.probes),
            default=None,
        )
    from behaviordiff.publish.review_file import samples_advice

    more = max((probe.more_samples or 0) for probe in undecided)
    wanted = samples + more if isinstance(samples, int) and more else None
    if reviews is not None and reviews.reviewed_samples is not None:
        wanted = max(wanted or 0, reviews.reviewed_samples)
        if isinstance(samples, int) and wanted <= samples:
            wanted = None
    message = (
        f"{len(undecided)} probe(s) could not be decided ({shown}): a behavior change there "
        "would reach customers unreviewed"
    )
    if reviews is not None:  # CI: the next run reads the committed config, not a command line
        ran = f" (this release ran {samples} per version)" if isinstance(samples, int) else ""
        fix = (
            samples_advice(wanted)
            if wanted is not None
            else "set `[run] samples` in behaviordiff.toml above what this release ran and "
            "commit it, so every run (CI's too) makes a release of that many samples"
        )
        add(
            "engineering",
            "probes",
            message,
            f"{fix}{ran}; then `behaviordiff run` again: stored runs are reused, and the new "
            "release is the one to gate",
        )
        return
    if isinstance(samples, int) and wanted is not None:
        how = f"with `--samples {wanted}` (this release ran {samples} per version)"
    elif isinstance(samples, int):
        how = f"with more than {samples} sample(s) per version (`--samples N`)"
    else:
        how = "with more samples per version (`--samples N`)"
    keep = (
        f"; to make CI's runs use it too, set `[run] samples = {wanted}` in behaviordiff.toml"
        if wanted is not None
        else ""
    )
    add(
        "engineering",
        "probes",
        message,
        f"run `behaviordiff run` again on the same versions {how}; stored runs are reused, "
        f"and the new release is the one to gate{keep}",
    )


def _other_samples(reviews: ImportOutcome | None, add: Any, warnings: list[str]) -> None:
    """A committed review file made on a release of other samples than this one: the decisions
    it could not record here are engineering's to fix first (a release at the reviewed
    samples, set in the config), before a writer reviews anything again; when every one was
    recorded, only said."""
    from behaviordiff.publish.review_file import matching_samples_advice

    if reviews is None or reviews.other_samples is None:
        return
    reviewed, ran = reviews.reviewed_samples or 0, reviews.release_samples or 0
    if not reviews.not_applied:
        warnings.append(reviews.other_samples)
        return
    count = reviews.not_applied
    add(
        "engineering" if reviewed > ran else "writer",
        "samples",
        f"the review file was made on a release of {reviewed} sample(s) per "
        f"version, this release ran {ran}: {count} of its decision(s), "
        "acknowledgement(s) or applied edit(s) do not match this release's drafts",
        matching_samples_advice(reviewed, ran)
        + ("; the new release is the one to gate" if reviewed > ran else ""),
    )


def _canary(
    state: ReleaseState, add: Any, warnings: list[str], reviews: ImportOutcome | None = None
) -> None:
    release = state.release.id
    _undecided(state, add, reviews)
    _other_samples(reviews, add, warnings)
    for change in state.changes:
        if change.note is None:
            add(
                "writer",
                change.handle,
                f"{change.handle} ({change.title}) has no note drafted",
                f"`behaviordiff draft --release {release}`, then review it",
            )
        elif change.status == "needs-engineering":
            comment = review_reason(change.note.record)
            add(
                "engineering",
                change.handle,
                f"{change.handle} ({change.title}) was sent back to engineering"
                + (f": {comment}" if comment else ""),
                "fix the agent or the probes and run again; a writer then reviews the new draft",
            )
        else:
            found = _look_again(change.note, f"{change.handle} ({change.title})", release)
            if found is not None:
                add("writer", change.handle, *found)
    for change in state.changes:
        for item in change.edits:
            if item.state.look_again:
                found = _look_again(item, f"{item.handle} ({item.label}: {item.title})", release)
                if found is not None:
                    add("writer", item.handle, *found)
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
    # one line per reason, each rejected change under its own reason only
    by_reason: dict[str, list[str]] = {}
    for change in state.changes:
        if change.status == "rejected" and change.note is not None:
            reason = change.note.record.reason or "other"
            by_reason.setdefault(reason, []).append(change.handle)
    # the edits of a rejected change that another change relies on go on with that change
    kept = [
        f"{item.handle} with {change.handle}"
        for change in state.changes
        for item in change.edits
        if item.handle.partition(".")[0] != change.handle
    ]
    if kept:
        warnings.append(
            "kept for the changes that rely on them (their notes tell CS to update the same "
            f"items), although their own change is rejected: {', '.join(kept)}"
        )
    for reason, rejected in by_reason.items():
        named = ", ".join(rejected)
        if reason == "wrong-draft":
            warnings.append(
                f"rejected as a wrong draft: {named}: if the behavior change is real, CS gets "
                "no note for it; edit the note and approve it instead (a rejected change and "
                "its edits are not published, exported or for CS to acknowledge)"
            )
        else:
            warnings.append(
                f"rejected {_REJECTED_AS.get(reason, 'for another reason')}: {named} (not "
                "published, its edits "
                + ("not exported but those kept above, " if kept else "not exported, ")
                + "not for CS to acknowledge)"
            )
    if state.stale:
        handles = ", ".join(item.handle for item in state.stale)
        warnings.append(
            f"stale draft(s) {handles}: the latest drafting no longer produces them; "
            "they are not published"
        )


def _full(
    state: ReleaseState, add: Any, platforms: Mapping[str, str], steps: list[NextStep]
) -> None:
    """What 100% needs of CS and of the approved edits; `steps` gets CS's items gathered
    into the commands that clear them (`NextStep`)."""
    from behaviordiff.review import same_item_edits, same_item_message

    release = state.release.id
    unacknowledged: list[str] = []
    earlier: dict[str, str] = {}
    """Changes acknowledged for an earlier text: by whom."""
    undelivered: dict[tuple[str | None, bool, str], list[ReviewItem]] = {}
    clashes = {
        item.record.key: group
        for group in same_item_edits(state.items).values()
        for item in group
        if not state.applied(item.record.key)
    }
    told: set[str] = set()
    owed: list[ReviewItem] = []
    """Rejected edits whose item CS rewrites by hand, not done yet."""
    for change in state.changes:
        if not change.approved:
            continue
        if not change.acked:
            unacknowledged.append(change.handle)
            if change.ack is not None:
                earlier[change.handle] = change.ack.acked_by
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
                f"for an earlier text: {change.moved_since_ack}",
                f"read it again and `behaviordiff ack --release {release} --change "
                f"{change.handle} --by NAME`",
            )
        for item in change.owed_edits():
            if not state.applied(item.record.key):
                owed.append(item)
                also = state.also_for(item)
                of = f" of {change.handle} and {', '.join(also)}" if also else ""
                add(
                    "cs",
                    item.handle,
                    f"{item.handle} ({item.label}: {item.title}) still states the old "
                    f"behavior{of}: its suggested edit was rejected "
                    f"({review_reason(item.record)}) and nothing is exported for it",
                    f"rewrite it by hand in the helpdesk, then `behaviordiff ack done --release "
                    f"{release} {item.handle} --by NAME`; or, if it needs no change, a writer "
                    f"says so: `behaviordiff review reject {item.handle} --reason "
                    "not-a-behavior-change --text WHY`",
                )
        for item in change.edits:
            status = item.record.status
            if status == "rejected" or item.state.look_again:
                continue  # an outdated edit has its line from the canary stage
            if status != "approved":
                add(
                    "writer",
                    item.handle,
                    f"{item.handle} ({item.label}: {item.title}) is not reviewed (status {status})",
                    f"`behaviordiff review approve {item.handle}`, or `behaviordiff review "
                    f"reject {item.handle} --reason wrong-draft --text WHY`",
                )
            elif item.record.key in clashes:
                group = clashes[item.record.key]
                if item.record.key not in told:
                    told.update(other.record.key for other in group)
                    add(
                        "writer",
                        " ".join(other.handle for other in group),
                        "the export refuses "
                        + " and ".join(other.handle for other in group)
                        + ": two approved edits of one item",
                        same_item_message(group),
                    )
            elif not state.applied(item.record.key):
                add("cs", item.handle, *_not_applied(state, item, platforms))
                target = platforms.get(item.record.item_key or "")
                exported = state.delivered.get(item.record.key) == "exported"
                file = export_file(state, item.record.key, target) if target else ""
                undelivered.setdefault((target, exported, file), []).append(item)
    for (target, exported, _file), items in undelivered.items():
        handles = [item.handle for item in items]
        where = target or "its helpdesk"
        steps.append(
            NextStep(
                "cs",
                tuple(handles),
                f"{', '.join(handles)} ({where}): "
                + _delivery_fix(state, items, target, exported=exported),
            )
        )
    if owed:
        handles = [item.handle for item in owed]
        steps.append(
            NextStep(
                "cs",
                tuple(handles),
                f"{', '.join(handles)} (suggested edit rejected): rewrite the "
                + ("item" if len(owed) == 1 else "items")
                + " by hand in the helpdesk, then `behaviordiff ack done --release "
                f"{release} {' '.join(handles)} --by NAME`",
            )
        )
    if unacknowledged:
        named = ", ".join(
            f"{handle} (acknowledged by {earlier[handle]} for an earlier text)"
            if handle in earlier
            else handle
            for handle in unacknowledged
        )
        steps.append(
            NextStep(
                "cs",
                tuple(unacknowledged),
                f"{named} not acknowledged by CS: `behaviordiff ack --release {release} "
                f"--change {','.join(unacknowledged)} --by NAME` once macros, articles and "
                "the rep briefing are updated",
            )
        )


PUSHABLE = ("zendesk", "freshdesk")
"""The helpdesks `behaviordiff push` sends an export to."""
_EXPORT_FILE = {"markdown": "faq-updated/", "csv": "edits.csv"}


def export_file(state: ReleaseState, key: str, target: str) -> str:
    """Where the newest export of the edit went (from the audit trail), else the file name
    the README uses for the target."""
    return written_export(state, key, target) or _EXPORT_FILE.get(target, f"{target}.json")


def written_export(state: ReleaseState, key: str, target: str) -> str | None:
    """Where an export of this release wrote the edit last, or None (none did here: its
    export state was carried from an earlier release, whose file is that release's)."""
    for entry in reversed(state.audit):
        detail = entry.get("detail") or {}
        if (
            entry["action"] == "export.write"
            and entry["subject"] == target
            and key in detail.get("drafts", ())
            and detail.get("outputs")
        ):
            outputs = [str(output) for output in detail["outputs"]]
            if target == "markdown":
                return _markdown_output(outputs)
            return outputs[0]
    return None


def _markdown_output(outputs: list[str]) -> str:
    """The `-o` of a Markdown export, from the files it wrote: its folder (the rewritten
    articles, then `changes.patch` in it), or the patch file alone when `-o` named one."""
    from pathlib import Path

    if len(outputs) == 1:
        return outputs[0]
    return f"{Path(outputs[-1]).parent}/"


def _not_applied(
    state: ReleaseState, item: ReviewItem, platforms: Mapping[str, str]
) -> tuple[str, str]:
    """What the gate says of an approved edit not yet in the helpdesk, and the command that
    puts it there, for the helpdesk the edit's macro or article was read from."""
    what = f"{item.handle} ({item.label}: {item.title})"
    target = platforms.get(item.record.item_key or "")
    exported = state.delivered.get(item.record.key) == "exported"
    if exported:
        message = (
            f"{what} is exported, not yet confirmed applied: an export file is a handoff, "
            "not proof the helpdesk has the text"
        )
    else:
        message = f"{what} is approved but not in the helpdesk yet: not pushed, not marked done"
    return message, _delivery_fix(state, [item], target, exported=exported)


def _delivery_fix(
    state: ReleaseState, items: list[ReviewItem], target: str | None, *, exported: bool
) -> str:
    """The commands that put approved edits `items` (of one helpdesk `target`, None when
    unknown) in the helpdesk: export and push, or `ack done` once applied; for edits
    `exported` already, only the push or the `ack done`."""
    import shlex

    release = state.release.id
    handles = " ".join(item.handle for item in items)
    done = f"`behaviordiff ack done {handles} --release {release} --by NAME`"
    file = ""
    if target is None:
        labels = {item.label for item in items}
        label = labels.pop() if len(labels) == 1 else "item"
        export = (
            f"`behaviordiff export --release {release} --to PLATFORM -o FILE` (the helpdesk "
            f"its {label} came from: zendesk, freshdesk, intercom or markdown)"
        )
        push = "`behaviordiff push PLATFORM --from FILE --apply`"
    else:
        written = written_export(state, items[0].record.key, target)
        if exported and written is None:
            # exported for an earlier release and carried: this release has no file to push
            exported = False
        file = written or export_file(state, items[0].record.key, target)
        export = f"`behaviordiff export --release {release} --to {target} -o {shlex.quote(file)}`"
        push = f"`behaviordiff push {target} --from {shlex.quote(file)} --apply`"
    pushable = target is None or target in PUSHABLE
    if exported:
        if target is not None and not pushable:
            # nothing pushes it: the fix names what was written, as a push names its file
            return f"run {done} after applying the export in {shlex.quote(file)}"
        return f"run {done} after applying it" + (f" another way, or {push}" if pushable else "")
    if pushable:
        return f"{export}, then {push}; or, once applied another way, {done}"
    return f"{export}, apply it, then {done}"


def edit_platforms(project: Project) -> tuple[dict[str, str], str | None]:
    """Knowledge-base item key → the `export --to` target of the helpdesk it was read from,
    so the gate's fix names it; with the reason when the knowledge base cannot be read (the
    fix then names the targets to choose from)."""
    from behaviordiff.errors import BehaviordiffError
    from behaviordiff.export.model import SOURCE_TARGET
    from behaviordiff.kb import load_project_kb

    try:
        knowledge = load_project_kb(project)
    except BehaviordiffError as exc:
        return {}, f"the knowledge base could not be read, so the fixes name no helpdesk: {exc}"
    platforms: dict[str, str] = {}
    for item in knowledge.items:
        target = SOURCE_TARGET.get(str(item.metadata.get("format") or ""))
        if target is not None:
            platforms[item.key] = target
    return platforms, None


def evaluate(
    state: ReleaseState,
    stage: Stage,
    today: date | None = None,
    *,
    platforms: Mapping[str, str] | None = None,
    reviews: ImportOutcome | None = None,
) -> GateResult:
    """What `stage` needs of the release, and what is missing. `platforms` (from
    `edit_platforms`) lets a fix name the helpdesk an edit's item came from; `reviews`, what a
    committed review file recorded on the release first (`gate --reviews`)."""
    result = GateResult(state.release.id, state.release.name, stage)

    def add_for(current: Stage) -> Any:
        def add(role: Role, subject: str, message: str, fix: str) -> None:
            result.missing.append(Missing(current, role, subject, message, fix))

        return add

    _shadow(state, add_for("shadow"))
    if stage in ("canary", "full"):
        _canary(state, add_for("canary"), result.warnings, reviews)
    if stage == "full":
        _full(state, add_for("full"), platforms or {}, result.next_steps)
    result.lead_time = lead_time(state, today or date.today())
    if stage == "full" and result.lead_time and result.lead_time.unacknowledged:
        result.warnings.append(result.lead_time.describe())
    return result


def evaluate_for_project(
    state: ReleaseState,
    stage: Stage,
    project: Project,
    today: date | None = None,
    *,
    reviews: ImportOutcome | None = None,
) -> GateResult:
    """`evaluate`, with each fix for an approved edit not yet in the helpdesk naming the
    helpdesk its item was read from (the project's knowledge base is read only then)."""
    pending = stage == "full" and any(
        not state.applied(item.record.key)
        for change in state.changes
        if change.approved
        for item in change.approved_edits()
    )
    platforms, unread = edit_platforms(project) if pending else ({}, None)
    result = evaluate(state, stage, today, platforms=platforms, reviews=reviews)
    if unread is not None:
        result.warnings.append(unread)
    return result

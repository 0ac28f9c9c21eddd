"""Models of the JSON that `diff`, `run`, `compare`, `draft`, `review list`, `gate` and
`export` print with `--format json`.

The commands build these documents with `to_dict()` of their dataclasses; these models say
what the documents hold, and the tests validate the commands' real output against them (and
fail when a key appears that is not described here). The contract for scripts: keys may be
added in a later version, none is removed or renamed; so the published schemas allow keys
they do not list.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from behaviordiff.detect.model import Verdict
from behaviordiff.drafting.model import Origin, Severity
from behaviordiff.store.drafts import DraftKind


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True)


# diff -------------------------------------------------------------------------------------


class VersionRef(_Out):
    label: str
    """The version as given: a folder, or `ref:path` for a git ref."""
    fingerprint: str
    """Hash of everything that decides the version's behavior (prompts, agent.yaml, and for a
    command agent its sources)."""


HunkKind = Literal[
    "file_added",
    "file_removed",
    "section_added",
    "section_removed",
    "sentence_added",
    "sentence_removed",
    "sentence_changed",
    "config_added",
    "config_removed",
    "config_changed",
    "tool_added",
    "tool_removed",
    "tool_changed",
    "variable_added",
    "variable_removed",
    "code_file_added",
    "code_file_removed",
    "code_changed",
    "data_file_added",
    "data_file_removed",
    "data_added",
    "data_removed",
    "data_changed",
    "data_lines_changed",
]


class HunkOut(_Out):
    """One change a reader can name; its `id` (H1, H2, ...) is how changes cite it."""

    id: str
    kind: HunkKind
    file: str
    section: str | None = None
    """The prompt section (Markdown heading) the sentence sits in."""
    key: str | None = None
    """Config or data key path, e.g. `temperature` or `tools.issue_refund.parameters`; for a
    code hunk its lines, e.g. `lines 12-14`."""
    old: Any = None
    new: Any = None
    removed_words: list[str] = Field(default_factory=list)
    added_words: list[str] = Field(default_factory=list)
    summary: str
    """One line of plain text: what changed, where."""


class DiffOutput(_Out):
    """`behaviordiff diff BASE HEAD --format json`: the prompt by section and sentence, the
    config by key."""

    base: VersionRef
    head: VersionRef
    identical: bool
    stats: dict[str, int]
    """Hunks per kind."""
    prompt: list[HunkOut]
    config: list[HunkOut]
    code: list[HunkOut] = Field(default_factory=list)
    """Code files by line (`key` is `lines 12-14`) and data files by key path: never split
    into sentences."""


# analysis (compare, run) --------------------------------------------------------------------


class FacetEvidence(_Out):
    """How one facet of a probe compared: `status` against the noise between samples of the
    same version. Extra keys carry the test's figures (e.g. `distance` for meaning)."""

    status: Literal["same", "changed", "inconclusive"]
    p_value: float | None
    """Chance of a difference this large between two sets of samples of one version."""
    method: str
    """fisher, pooled-floor, permutation or noise-floor."""
    removed: list[str] = Field(default_factory=list)
    added: list[str] = Field(default_factory=list)
    old_counts: dict[str, int] = Field(default_factory=dict)
    new_counts: dict[str, int] = Field(default_factory=dict)
    more_samples: int | None = None
    """Samples per version that would likely decide an inconclusive facet."""
    item_rates: dict[str, float] | None = None
    """Promises: items that other probes show the agent says in some samples and not in
    others (a wording choice), each with the share of samples saying it; their flip here was
    tested against that rate."""
    pooled_p: float | None = None
    """Other probes flipped the very same items the same way in every sample: the chance of
    that group, judged among the probes where those items are in play (Fisher's method, one
    count per group of that size they could form). The probe is ranked by it among all probes
    tested (false discovery rate) where it is smaller than `p_value`."""
    pooled_with: list[str] | None = None
    """The other probes of that group."""


class ProbeOut(_Out):
    probe_id: str
    verdict: Verdict
    facets: list[str]
    """The changed facets (behavior-changed) or undecided ones (inconclusive)."""
    old_samples: int
    new_samples: int
    evidence: dict[str, Any]
    """Per facet (actions, escalation, refusal, promises, meaning) a `FacetEvidence`; also
    `wording`, `excerpts` (old/new reply) and, when present, `notes` and `more_samples`."""
    change_id: str | None = None
    """The behavior change (C1, ...) or wording group (W1, ...) the probe belongs to."""


class CountOf(_Out):
    matched: int
    total: int


class AtomOut(_Out):
    """One predicate of a condition."""

    feature: str
    """A variable, a flattened tool fixture (`lookup_order.total`) or a tag (`tag:refund`)."""
    op: Literal[">", "<=", ">=", "<", "=", "in", "tag", "between"]
    value: float | int | bool | str | list[str] | None = None
    """The threshold or category (a list of categories for `in`); absent for `tag` and
    `between`."""
    low: float | int | None = None
    """`between`: the interval's bounds and whether each is included."""
    high: float | int | None = None
    bounds: Literal["()", "(]", "[)", "[]"] | None = None
    """`between`: `(]` for low < x <= high, `[)` for low <= x < high."""
    low_inclusive: bool | None = None
    high_inclusive: bool | None = None


class ConditionOut(_Out):
    text: str
    """e.g. `order_total > 50 and delay_hours > 48`."""
    summary: str
    """The text with how many changed probes and other probes match it."""
    atoms: list[AtomOut]
    changed: CountOf
    others: CountOf


class AttributionOut(_Out):
    hunk_id: str
    """The diff hunk (H1, ...) that likely caused the change."""
    score: float
    reasons: list[str]
    summary: str
    kind: str
    file: str
    section: str | None = None
    key: str | None = None


class ExcerptOut(_Out):
    """One probe's old and new reply."""

    probe_id: str
    old: str
    new: str


class MovedValueOut(_Out):
    probe_id: str
    old: float | int
    new: float | int


class MovedArgumentOut(_Out):
    """A call both versions make whose argument's number moved."""

    call: str
    """The call without its numbers: `issue_refund(type=shipping)`."""
    name: str
    """The tool's name."""
    argument: str
    ratio: float | int | None
    """new / old in every probe, when they share one."""
    difference: float | int | None
    """new − old in every probe, when they share one (and no ratio)."""
    values: list[MovedValueOut]


class AspectOut(_Out):
    """Another facet of a change under the same condition."""

    kind: str
    title: str
    before: list[str]
    after: list[str]
    probe_ids: list[str]


class ChangeOut(_Out):
    """A group of probes that changed the same way: a behavior change (C1, ...) or, under
    `wording_changes`, probes whose wording changed and behavior did not (W1, ...)."""

    id: str
    title: str
    probe_ids: list[str]
    facets: list[str]
    kind: str
    """The facet that defines the group: actions, escalation, refusal, promises, meaning, or
    wording."""
    before: list[str]
    after: list[str]
    conditions: list[ConditionOut]
    """When it happens, as rules over the probes' variables, tool fixtures and tags."""
    attribution: list[AttributionOut]
    excerpts: list[ExcerptOut]
    moved_arguments: list[MovedArgumentOut]
    """For calls that stayed whose numbers moved: the ratio or difference the probes share."""
    aspects: list[AspectOut] = []
    """Other facets of the same change under the same condition (kind, title, before, after,
    probe_ids), e.g. "no longer states dates" beside "now calls lookup_customer"."""
    unjudged: list[str] | None = None
    """The inconclusive probes whose verdict could decide when this change happens (they
    share its tags or carry a variable that tells its probes apart): while any is listed,
    a change with no condition reaches customers not yet known. Absent from an analysis
    stored before they were picked out."""


class DeviationCount(_Out):
    deviations: int
    opportunities: int


class NoiseOut(_Out):
    """The noise measured between samples of the same version, which every verdict is judged
    against."""

    backend: str
    """The meaning backend: builtin, embeddings or local."""
    alpha: float
    measured: bool
    """False when no probe had several samples of a version: the floor is a prior."""
    deviation_rates: dict[str, float]
    """Per facet: how often one sample disagrees with the other samples of its probe and
    version (per-sample disagreement)."""
    deviation_counts: dict[str, DeviationCount]
    meaning_floor: float
    """Distance in meaning two samples of one version reach anyway; a change must go beyond
    it."""
    wording_floor: float
    within_pairs: int
    probes_with_several_samples: int
    probes_with_one_sample: int


class AnalysisOut(_Out):
    old: str
    new: str
    summary: dict[Verdict, int]
    """Probes per verdict."""
    probes: list[ProbeOut]
    changes: list[ChangeOut]
    wording_changes: list[ChangeOut]
    noise: NoiseOut
    unmatched: dict[str, list[str]]
    """Probe ids run by one side only: `old_only`, `new_only`."""
    tools_called: dict[str, dict[str, int]] = {}
    """Per side (`old`, `new`): each tool the agent called, with how many calls."""


class InputWarningOut(_Out):
    kind: str
    side: str
    count: int
    message: str
    examples: list[dict[str, Any]]


class GateChange(_Out):
    id: str
    title: str
    probe_ids: list[str]


class GateProbe(_Out):
    probe_id: str
    facets: list[str]
    change_id: str | None = None
    more_samples: int | None = None
    """For an undecided probe: samples per version that would likely decide it."""


class GateOut(_Out):
    """Why `--fail-on-change` / `--fail-on-inconclusive` exit 1, or why `run` exits 3 (an
    incomplete run: then `inconclusive` lists every undecided probe, with or without the
    options); null when the gate passes (or neither option is given) and the run is whole."""

    exit_code: Literal[1, 3]
    """The exit code the command ends with."""
    changes: list[GateChange]
    """With --fail-on-change: the behavior changes the changed probes form."""
    behavior_changed: list[GateProbe]
    inconclusive: list[GateProbe]
    reason: str | None = None
    """With exit code 3: why the run is incomplete."""


class CompareOutput(AnalysisOut):
    """`behaviordiff compare OLD NEW --format json`: the analysis of two transcript sets."""

    warnings: list[str]
    input_warnings: list[InputWarningOut]
    """Runs read but not counted in full (failed, empty, unknown probe)."""
    release: int | None = None
    """The release it was stored as, with `--save`."""
    gate: GateOut | None


# drafts -----------------------------------------------------------------------------------


class EvidenceOut(_Out):
    probe_id: str
    old: str
    new: str


class NoteContent(_Out):
    """A behavior note: what the agent did before and does now, in plain words."""

    change_id: str
    title: str
    before: str
    after: str
    when: str
    customer_impact: str
    cs_actions: list[str]
    effective_date: str | None
    evidence: list[EvidenceOut]
    severity: Severity
    origin: Origin


class EditContent(_Out):
    """A suggested edit of one macro or FAQ article."""

    change_id: str
    item_key: str
    """`macro:<id>` or `article:<id>`."""
    item_title: str
    item_source: str
    body_format: str
    old_body: str
    new_body: str | None
    """None when the item could only be flagged (see `conflicts`)."""
    rationale: str
    conflicts: list[str]
    score: float
    origin: Origin
    rewritten: bool


class DraftRecordOut(_Out):
    kind: DraftKind
    key: str
    """Stable key: the change's key for a note, `<change key>:<item key>` for an edit."""
    change_id: str
    item_key: str | None
    status: str
    """draft, edited, approved, rejected (with `reason`) or needs-engineering (with
    `comment`)."""
    origin: str
    """The machine drafter that wrote it: template, llm or llm-fallback."""
    provenance: str
    """`writer` when a writer wrote the text in it, else the machine drafter."""
    edited_by: str | None
    edited_at: str | None
    reason: str | None
    """Why it was rejected."""
    comment: str | None
    """The rejection's text, or what engineering should look at."""
    warnings: list[str]
    """What the edit check found in a writer's text, not dismissed."""
    dismissed_warnings: list[str]
    revision: int
    """Bumped by every write."""
    content: dict[str, Any]
    """A `NoteContent` for a note, an `EditContent` for an edit."""
    updated_at: str
    updated_by: str
    carried_from: int | None
    """The earlier release whose writer's draft this one started from."""
    stale: bool
    """The latest drafting no longer produces it."""
    outdated: bool
    """The stored mark of a machine draft that changed since a writer's text or approval:
    `look_again` says which, as every view reads it."""
    suggestion_moved: bool = False
    """A writer's text whose decision holds while the machine draft under it moved, only in
    fields the writer wrote and with the change's facts the same (a knowledge-base refresh):
    nothing to do but look; approving or editing it again clears it."""


class DraftUsage(_Out):
    llm_calls: int
    cached_calls: int
    prompt_tokens: int
    completion_tokens: int
    retries: int


class TooBigOut(_Out):
    item: str
    """`macro:ID` or `article:ID`."""
    title: str
    chars: int
    """The body's length in characters."""
    limit: int
    """The most characters of one body drafting reads."""


class UneditedNearOut(_Out):
    item: str
    """The item's key (`macro:ID`, `article:ID`)."""
    kind: Literal["macro", "article"]
    title: str


class DraftOutput(_Out):
    """`behaviordiff draft --format json`: the notes and edits of one release."""

    release_id: int
    drafter: str
    effective_date: str | None
    written: int
    kept: int
    """Drafts a writer had edited or approved, left as they were."""
    carried: int
    """Review decisions carried over: drafts that start from a writer's edit, approval or
    rejection of the same change in an earlier release."""
    dropped: int = 0
    """Review decisions dropped: a writer's drafts of the earlier release that no change of
    this one matches, left there (`review list` says which and why)."""
    removed: int
    stale: int
    outdated: int
    unapproved: int
    effective_date_from: int | None = None
    """The earlier release whose effective date this release took, with the drafts of the same
    changes it carries (none given with `--effective`, none set on the release)."""
    usage: DraftUsage
    fallbacks: list[dict[str, str]]
    """LLM drafts rejected by the grounding check and replaced by the template's."""
    warnings: list[str] = []
    """What the command warned about (also on stderr): which release it drafted when that is
    not the obvious one, an `--effective` date in the past or over a year ahead."""
    too_big: list[TooBigOut] = []
    """Macros and articles whose body is over the drafting limit (200,000 characters): not
    read for any change, for a person to check by hand."""
    notes: list[DraftRecordOut]
    edits: list[DraftRecordOut]
    impacts: dict[str, list[dict[str, Any]]]
    """Per change: the ranked knowledge-base items with their conflicting sentences."""
    unedited_near: dict[str, list[UneditedNearOut]] = {}
    """Per change (only those with any): the items ranked nearest it (at least 60% of its
    best score) that got no edit and no flagged sentence, nearest first, at most three: read
    them, a miss shows here instead of reading as "nothing to update"."""


# run --------------------------------------------------------------------------------------


class EstimateOut(_Out):
    runs: int
    cached_runs: int
    requests: int
    prompt_tokens: int
    completion_tokens: int
    cost: float | None
    """USD; None when a model has no known price (see `unpriced_models`)."""
    unpriced_models: list[str]
    from_history: int
    """Runs estimated from what earlier runs of the same probe used."""


class SideOut(_Out):
    ok: int
    errors: int
    not_run: int
    """Samples planned that the run stopped before (neither ok nor failed)."""
    escalated: int
    actions: dict[str, int]
    """Tool name → how many runs called it."""
    first_error: str | None


class ProbeRunOut(_Out):
    probe: str
    base: SideOut
    head: SideOut


class ErrorOut(_Out):
    error: str
    title: str
    where: str | None
    message: str
    hint: str | None


class NotReusedOut(_Out):
    side: str
    runs: int
    """How many runs of this side that costs."""
    release: int
    """The earlier release whose runs could not be reused."""
    changed: list[str]
    """Files (or `the command's argv`, `the model endpoint`) that differ from that release's."""
    added: list[str]
    removed: list[str]


class RunOutcomeOut(_Out):
    """What the runs came to (the `run` key of the demo's JSON; the top of `run`'s)."""

    release: int | None
    """The release the runs are stored in; None for a dry run of a new release."""
    resumed: bool
    dry_run: bool
    samples: int
    adapters: dict[str, str]
    """Adapter per side: base, head."""
    total_runs: int
    already_stored: int
    reused_runs: int
    """Runs copied from earlier releases because nothing that decides them changed."""
    unchanged: bool
    """Every run matched the newest release, which is complete and analysed: `release` is
    that release, and no new one was made."""
    not_reused: list[NotReusedOut]
    """Runs that run again although an earlier release ran a version of the same name: the
    files that changed since (empty when nothing was to be reused)."""
    estimate: EstimateOut
    ran: int
    errors: int
    cached_runs: int
    requests: int
    retries: int
    cost: float
    seconds: float
    stored: dict[str, int]
    """Stored runs of the release by status (ok, error)."""
    complete: bool
    stopped: str | None
    """Why the run stopped early (budget, failing runs), if it did."""
    probes: list[ProbeRunOut]


class RunOutput(RunOutcomeOut):
    """`behaviordiff run BASE HEAD --format json`: the runs, then (unless `--dry-run`) the
    analysis and the drafts."""

    analysis: AnalysisOut | None = None
    drafts: DraftOutput | None = None
    draft_error: ErrorOut | None = None
    """Drafting failed: the runs and the analysis are stored; `draft` finishes the release."""
    warnings: list[str]
    gate: GateOut | None


# review -----------------------------------------------------------------------------------


class ReviewItemOut(DraftRecordOut):
    handle: str
    """Short handle: `C1` for change C1's note, `C1.1`, `C1.2` for its edits."""
    label: str
    """note, macro or article."""
    look_again: Literal["outdated", "reopened"] | None = None
    """Why a writer looks at it again, as every view says it: `outdated`, a writer's text over
    a machine draft that reads differently now; `reopened`, approved as drafted and the
    machine draft reads differently since, so a draft again. None: its status says all."""
    moved: list[str] | None = None
    """`review list` only, on a draft with a `look_again`: what moved in its machine draft
    since the release its approval or writer's text came from, one entry per field (`after:
    $4.50 → $5.50` when only values moved, else the field's name); empty when unknown."""
    title: str
    change_rejected: bool = False
    """An edit of a change rejected as a whole: it goes nowhere, whatever its own status
    (but an edit another change relies on: `carried_by`)."""
    carried_by: str | None = None
    """An edit of a change rejected as a whole that another change (not rejected) relies on,
    its note telling CS to update the same item: that change's handle. The edit goes on with
    it, under its own review status (exported once approved)."""
    by_hand: bool = False
    """An edit rejected as a wrong draft (`wrong-draft`, `other`) whose item still states the
    old rule: it stays open for a writer to rewrite by hand, and CS is told so."""


class CarryOut(_Out):
    """What the newest drafting carried from the previous release under renumbered changes,
    and the writer's drafts there that no change matches."""

    renumbered: list[dict[str, Any]] = []
    """Per draft: key, change_id, item_key, from_release, from_key, from_change_id,
    matched_by (same shape | same probes), from_status, status, outdated, writer_text."""
    dropped: list[dict[str, Any]] = []
    """Per writer's draft not carried: release_id, kind, key, change_id, item_key, title,
    status, reason, why."""


class ReviewOutput(_Out):
    """`behaviordiff review list --format json`: a release's drafts with their handles."""

    workspace: str
    release: str
    """The release's name."""
    release_id: int
    counts: dict[str, int]
    """Drafts per status, plus `stale`, `outdated`, `reopened` (see a draft's `look_again`),
    `suggestion_moved` and `total`."""
    carried: CarryOut | None = None
    drafts: list[ReviewItemOut]


# demo -------------------------------------------------------------------------------------


class SuiteSummaryOut(_Out):
    """A probe suite in numbers (`probes check --format json`; `probes` in the demo's JSON)."""

    suite: str
    files: list[str]
    probes: int
    tags: dict[str, int]
    """Probes per tag, most used first."""
    untagged: int
    with_expectations: int
    with_tool_fixtures: int
    turns: dict[str, int]
    """single-turn and multi-turn probes."""
    variables: list[str]
    """Every variable name the probes define."""
    templates_checked: int | None = None
    """Prompt renders done (one per version, prompt file and probe), with --agent."""
    agents: list[str] | None = None
    warnings: list[str] | None = None


class DemoOutput(_Out):
    """`behaviordiff demo --format json`: every stage on the bundled example."""

    folder: str
    """Where the example was copied (a git repository with v1 at HEAD~1, v2 at HEAD)."""
    release: int | None
    workspace: str
    diff: DiffOutput
    probes: SuiteSummaryOut
    analysis: AnalysisOut | None = None
    drafts: DraftOutput | None = None
    run: RunOutcomeOut


# gate -------------------------------------------------------------------------------------

GateStage = Literal["shadow", "canary", "full"]
GateRole = Literal["engineering", "writer", "cs"]


class MissingOut(_Out):
    """One thing that stops the stage, with who must act and the command that fixes it."""

    stage: GateStage
    """The first stage that needs it."""
    role: GateRole
    subject: str
    """What it is about: a change (C1), an edit (C1.1), a probe, the release."""
    message: str
    fix: str
    """The command (or step) that fixes it."""
    commands: list[str] = []
    """The commands `fix` names, in its order, as typed (NAME, FILE or WHY to fill in)."""


class NextStepOut(_Out):
    """CS's missing items gathered into the commands that clear them: one acknowledgement of
    every change not acknowledged, one export (then push or `ack done`) per helpdesk."""

    role: GateRole
    subjects: list[str]
    """The changes (C1) or edits (C1.1) it clears."""
    step: str
    commands: list[str]
    """The commands `step` names, in its order, as typed (NAME or FILE to fill in)."""


class LeadTimeOut(_Out):
    """The planned date for 100% and what is left to do before it."""

    effective_date: str
    days_left: int
    """Negative once the date has passed."""
    unacknowledged: int
    """Approved changes CS has not acknowledged for their current text."""
    summary: str


class SkippedReviewOut(_Out):
    key: str
    handle: str
    reason: str
    """Why the decision was not recorded here (its machine draft reads differently)."""


class ReviewImportOut(_Out):
    """`review import FILE --format json`, and `reviews` in the gate's output."""

    file: str
    release_id: int
    other_release: str | None = None
    """Set when the file was exported from a release of other agent versions (by content; by
    name for a file older than format 3): both names, for a person to check it is the file
    meant (decisions still apply only where the text reads the same)."""
    reviewed_samples: int | None = None
    """Samples per version of the release the file was exported from (format 3 files)."""
    release_samples: int | None = None
    """Samples per version of the release the file was read into."""
    other_samples: str | None = None
    """Set when those differ: what to do, naming `[run] samples` in behaviordiff.toml."""
    applied: list[str]
    """Draft keys whose decision was recorded on the release."""
    unchanged: list[str]
    """Draft keys the release already held the same decision for."""
    skipped: list[SkippedReviewOut]
    acknowledged: list[str] = []
    """Change keys whose acknowledgement by CS (from the file) was recorded on the release."""
    marked_done: list[str] = []
    """Edit keys recorded as applied in the helpdesk (from the file)."""
    cs_unchanged: list[str] = []
    """Change and edit keys already acknowledged or applied here for the same text."""
    cs_skipped: list[SkippedReviewOut] = []
    """Acknowledgements and applied edits not recorded (the text reads differently here)."""


class GateOutput(_Out):
    """`behaviordiff gate --stage STAGE --format json`: may the release go to that stage of
    the rollout (exit 0), and if not (exit 1), what is missing and who must act."""

    release_id: int
    release: str
    """The release's name (`support-v1 → support-v2`)."""
    stage: GateStage
    passed: bool
    exit_code: int
    summary: str
    roles: list[GateRole]
    """The roles that must act, in the order the rollout needs them."""
    missing: list[MissingOut]
    warnings: list[str]
    lead_time: LeadTimeOut | None
    next: list[NextStepOut] = []
    """At 100%: what CS runs next for the release, its missing items gathered."""
    reviews: ReviewImportOut | None = None
    """With `--reviews FILE`: the committed decisions recorded on the release first."""


# export -----------------------------------------------------------------------------------


class ExportSourceOut(_Out):
    """Where a macro or article came from and the version it had, so an import can refuse
    to overwrite an item changed since."""

    format: str
    file: str | None
    record: str | None
    """The record in that file (`macros[0] (id 360001, "Shipping::Delayed order")`)."""
    updated_at: str | None
    version: Any = None


class SettingFlagOut(_Out):
    field: str
    value: Any
    reason: str
    suggestion: Literal["remove", "change", "add", "check"]
    """`check`: a setting the edited macro may still need (it still serves customers who
    keep the old handling): for a person to look at, not removed or changed."""
    suggested_value: Any = None


class SettingsReviewOut(_Out):
    """A macro's other settings (group, tags, status, ...) that still encode the old
    behavior: for a person to confirm, never sent as they are."""

    item: str
    flags: list[SettingFlagOut]
    suggested_actions: list[dict[str, Any]]
    """The full actions array as it would be with every suggestion applied."""
    confirm: str


class ExportedOut(_Out):
    """One edit written to the export."""

    handle: str
    """The review handle (C1.1)."""
    key: str
    change_id: str
    change: str
    """The behavior change's title."""
    status: str
    reviewer: str | None
    approved_at: str | None
    kind: Literal["macro", "article"]
    target_id: str
    title: str
    platform: str
    source: ExportSourceOut
    settings_review: SettingsReviewOut | None
    warnings: list[str]
    content_digest: str | None = None
    """The approved edit's content digest: a push that finds the same digest delivered
    already skips it."""


class SkippedOut(_Out):
    """An edit left out of the export, with the reason."""

    handle: str
    key: str
    title: str
    reason: str
    conflict: bool = False
    """Refused because another approved edit rewrites the same item (the export exits 1)."""


class ExportOutput(_Out):
    """`behaviordiff export --to TARGET -o PATH --format json`: the files written and the
    edits in them."""

    release_id: int
    target: str
    """zendesk, freshdesk, intercom, csv or markdown."""
    include_drafts: bool
    suggested_settings: bool = False
    """`--with-suggested-settings`: flagged Zendesk macros were written with their suggested
    setting removals and changes applied to the request sent."""
    outputs: list[str]
    """The files written."""
    exported: list[ExportedOut]
    draft_keys: list[str]
    delivered: list[str]
    """The approved edits recorded as exported (none for a preview): handed over; the gate
    counts them applied once pushed or marked done (`ack done`)."""
    recorded: bool = True
    """False when the workspace is read-only: the files were written, but neither the export
    nor its deliveries are on record (`delivered` is empty; a note says so)."""
    skipped: list[SkippedOut]
    refused_same_item: list[str] = []
    """Handles of the edits refused because two approved edits rewrite one item."""
    notes: list[str]


# push -------------------------------------------------------------------------------------


class PushDeliveryOut(_Out):
    """The recorded delivery of an item: this push, or an earlier one of the same body."""

    release_id: int
    draft_key: str
    helpdesk: str
    target: str
    """The helpdesk's base address: a push to a sandbox is not a push to production."""
    method: str
    path: str
    status: str
    reason: str | None
    helpdesk_id: str | None
    updated_at: str | None
    pushed_by: str
    pushed_at: str


class PushItemOut(_Out):
    handle: str
    kind: str
    """macro or article."""
    target_id: str
    title: str
    method: str
    path: str
    status: Literal["would-change", "changed", "already-delivered", "refused", "failed", "not-sent"]
    reason: str
    """Why it was refused, failed or not sent; what a dry run would do."""
    helpdesk_id: str | None
    updated_at: str | int | None
    """The item's `updated_at` after the change, as the helpdesk answered."""
    draft_key: str
    delivered: PushDeliveryOut | None
    settings_to_review: list[str]
    """Settings the export flagged for a person to confirm, sent as exported."""
    settings_applied: list[str]
    """Flagged settings whose suggested change the export applied (`--with-suggested-settings`)."""


class PushOutput(_Out):
    """`behaviordiff push HELPDESK --from FILE [--apply] --format json`: each item of the
    export, what was (or, in a dry run, would be) done with it."""

    helpdesk: str
    applied: bool
    """False for a dry run: nothing was sent."""
    recorded: bool
    """Whether the deliveries were recorded in the workspace (the gate reads them)."""
    counts: dict[str, int]
    """Items by status."""
    items: list[PushItemOut]
    aborted: ErrorOut | None
    """The error that stopped the push part way (the rest `not-sent`), else null."""

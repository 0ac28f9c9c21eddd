"""The analysis entry point: two transcript sets in, verdicts and behavior changes out."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from behaviordiff.detect.answers import answer_flipped
from behaviordiff.detect.configbounds import config_moved_bounds
from behaviordiff.detect.errors import DetectError
from behaviordiff.detect.model import (
    FACETS,
    Analysis,
    Attribution,
    BehaviorChange,
    Condition,
    FacetResult,
    NoiseReport,
    ProbeVerdict,
    Verdict,
    WordingShift,
)
from behaviordiff.detect.settings import DetectSettings
from behaviordiff.detect.signature import (
    Action,
    BehaviorSignature,
    argument_value,
    extract_signature,
    input_length,
    is_number,
)
from behaviordiff.detect.similarity import (
    MeaningBackend,
    jaccard_distance,
    make_backend,
    word_set,
)
from behaviordiff.detect.verdicts import (
    CATEGORICAL,
    NoiseFloor,
    Phrasings,
    ProbeSamples,
    Vocabulary,
    categorical_facet,
    distance_matrix,
    meaning_facet,
    measure_noise,
    settle_wording,
    wording_shift,
)
from behaviordiff.textutil import shorten
from behaviordiff.transcripts import Transcript, message_text

if TYPE_CHECKING:
    from behaviordiff.detect.conditions import Boundary
    from behaviordiff.diffing.model import VersionDiff
    from behaviordiff.probes.model import Probe


def probe_features(probe: Probe | None, metadata: Mapping[str, Any]) -> dict[str, Any]:
    """Variables, flattened tool fixtures and tags: what conditions are stated over."""
    features: dict[str, Any] = {}
    variables = probe.variables if probe is not None else metadata.get("variables")
    fixtures = probe.tool_fixtures if probe is not None else metadata.get("tool_fixtures")
    tags = probe.tags if probe is not None else metadata.get("tags")
    if isinstance(variables, Mapping):
        _flatten(variables, "", features)
    if isinstance(fixtures, Mapping):
        for tool, value in fixtures.items():
            if isinstance(value, Mapping):
                _flatten(value, f"{tool}.", features)
    if isinstance(tags, list):
        for tag in tags:
            features[f"tag:{tag}"] = True
    return features


def _flatten(data: Mapping[str, Any], prefix: str, into: dict[str, Any]) -> None:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _flatten(value, name + ".", into)
        elif isinstance(value, bool | int | float | str) and name not in into:
            into[name] = value


def _prompt_texts(diff: VersionDiff | None) -> list[str]:
    """The old and new text of the prompt's changed sentences: the numbers they state are
    the thresholds a condition prefers."""
    if diff is None:
        return []
    return [
        value
        for hunk in diff.hunks
        if hunk.is_prompt
        for value in (hunk.old, hunk.new)
        if isinstance(value, str)
    ]


def _moved_sources(diff: VersionDiff) -> list[tuple[str, str]]:
    """The (old, new) sentence pairs numbers are read moved from: each changed sentence, and
    each added one beside each sentence of its section (`restated_bounds`)."""
    pairs = [
        (hunk.old, hunk.new)
        for hunk in diff.hunks
        if hunk.kind == "sentence_changed"
        and isinstance(hunk.old, str)
        and isinstance(hunk.new, str)
    ]
    for hunk in diff.hunks:
        if hunk.kind == "sentence_added" and isinstance(hunk.new, str):
            pairs += [(sentence, hunk.new) for sentence in hunk.context if sentence != hunk.new]
    return pairs


def _new_sentences(diff: VersionDiff) -> list[str]:
    """The sentences of the changed sections the new prompt says: the changed and added ones
    and those of their sections no hunk removed or changed."""
    gone = {hunk.old for hunk in diff.hunks if hunk.is_prompt and isinstance(hunk.old, str)}
    said = [hunk.new for hunk in diff.hunks if hunk.is_prompt and isinstance(hunk.new, str)]
    return said + [sentence for sentence in _context_texts(diff) if sentence not in gone]


def _context_texts(diff: VersionDiff | None) -> list[str]:
    """The other sentences of the changed sentences' sections: the rule an added exception
    qualifies states the bound the exception sits within ("less than 24 hours' notice")."""
    if diff is None:
        return []
    return list(
        dict.fromkeys(
            sentence for hunk in diff.hunks if hunk.is_prompt for sentence in hunk.context
        )
    )


def _system_prompt(run: Transcript) -> str:
    return "\n".join(
        str(message.get("content") or "")
        for message in run.messages
        if message.get("role") in ("system", "developer")
    )


def changed_system_prompts(
    old_runs: Mapping[str, Sequence[Transcript]], new_runs: Mapping[str, Sequence[Transcript]]
) -> list[tuple[str, str]]:
    """The distinct (old, new) system prompts of one probe's first old and new runs, where
    they differ, in the order of the probes: the rendered prompts `system_prompt_changes` and
    `system_prompt_moves` read, each pair once."""
    pairs: dict[tuple[str, str], None] = {}
    for probe_id, olds in old_runs.items():
        news = new_runs.get(probe_id)
        if not olds or not news:
            continue
        pair = (_system_prompt(olds[0]), _system_prompt(news[0]))
        if pair[0] != pair[1]:
            pairs.setdefault(pair)
    return list(pairs)


def system_prompt_changes(
    old_runs: Mapping[str, Sequence[Transcript]], new_runs: Mapping[str, Sequence[Transcript]]
) -> tuple[list[str], list[str]]:
    """With no version diff (transcripts compared as they are), the sentences the system
    prompts of one probe's old and new runs do not share, and the other sentences of the
    lines around them: the same thresholds a diff of the versions would give the conditions,
    so `compare` and `run` state one condition for the same data."""
    return prompt_sentence_changes(changed_system_prompts(old_runs, new_runs))


def prompt_sentence_changes(pairs: Sequence[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """`system_prompt_changes` of the (old, new) prompt pairs `changed_system_prompts` gives."""
    from behaviordiff.detect.facts import sentences

    changed: dict[str, None] = {}
    context: dict[str, None] = {}
    for old_prompt, new_prompt in pairs:
        old_lines, new_lines = old_prompt.splitlines(), new_prompt.splitlines()
        old_set, new_set = set(old_lines), set(new_lines)
        for lines, other in ((old_lines, new_set), (new_lines, old_set)):
            other_sentences = {s for text in other for s in sentences(text)}
            for index, line in enumerate(lines):
                if not line.strip() or line in other:
                    continue
                for sentence in set(sentences(line)) - other_sentences:
                    changed.setdefault(sentence)
                for neighbour in lines[max(0, index - 1) : index + 2]:
                    for sentence in sentences(neighbour):
                        if sentence not in changed:
                            context.setdefault(sentence)
    return list(changed), [text for text in context if text not in changed]


def system_prompt_moves(
    old_runs: Mapping[str, Sequence[Transcript]], new_runs: Mapping[str, Sequence[Transcript]]
) -> list[tuple[str, str]]:
    """With no version diff, the (old, new) sentences the recorded system prompts of one
    probe's runs rewrote, paired as a diff of the versions pairs them: the numbers they
    moved bound a condition in `compare` as the diff's do in `run` (`moved_bounds`)."""
    return prompt_sentence_moves(changed_system_prompts(old_runs, new_runs))


def prompt_sentence_moves(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """`system_prompt_moves` of the (old, new) prompt pairs `changed_system_prompts` gives."""
    from behaviordiff.diffing.versions import changed_prompt_sentences

    moves: dict[tuple[str, str], None] = {}
    for prompts in pairs:
        moves.update(dict.fromkeys(changed_prompt_sentences(*prompts)))
    return list(moves)


def prompt_sentences(
    old_runs: Mapping[str, Sequence[Transcript]], new_runs: Mapping[str, Sequence[Transcript]]
) -> list[str]:
    """Every sentence of the system prompts both versions ran with (each distinct prompt read
    once): where a rule about a variable states its bound though no changed sentence does."""
    from behaviordiff.detect.facts import sentences

    prompts = dict.fromkeys(
        _system_prompt(runs[0]) for side in (old_runs, new_runs) for runs in side.values() if runs
    )
    return list(dict.fromkeys(sentence for prompt in prompts for sentence in sentences(prompt)))


def _input_text(probe: Probe | None, run: Transcript, metadata: Mapping[str, Any]) -> str:
    """What the probe gives the agent, lower-cased: its messages, variables and tool fixtures."""
    parts: list[str] = []
    if probe is not None:
        parts += [message_text(message.content) for message in probe.messages]
    else:
        start = input_length(run.messages, None)
        parts += [message_text(message.get("content")) for message in run.messages[:start]]
    flat: dict[str, Any] = {}
    for key in ("variables", "tool_fixtures"):
        data = getattr(probe, key, None) if probe is not None else metadata.get(key)
        if isinstance(data, Mapping):
            _flatten(data, "", flat)
    parts += [str(value) for value in flat.values()]
    return "\n".join(parts).lower()


def echo_arguments(
    samples: Sequence[ProbeSamples], inputs: Mapping[str, str], settings: DetectSettings
) -> set[tuple[str, str]]:
    """Tool arguments that only repeat the probe's input: (tool, argument) pairs whose text
    values differ from probe to probe (an item name, the customer's words) and are, in most
    calls, found in that probe's messages or variables. They are not behavior: kept, they
    would split one change into one per probe. An argument a `[detect.tools]` rule keeps
    explicitly stays."""
    seen: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for probe in samples:
        for signature in (*probe.old, *probe.new):
            for action in signature.actions:
                for key, value in action.arguments:
                    if not is_number(value) and value not in ("true", "false"):
                        seen.setdefault((action.name, key), set()).add((probe.probe_id, value))
    echoes: set[tuple[str, str]] = set()
    for (tool, key), pairs in seen.items():
        rule = settings.tool_arguments.get(tool)
        if rule is not None and rule.keep is not None and key in rule.keep:
            continue
        probe_ids = {probe_id for probe_id, _ in pairs}
        values = {value for _, value in pairs}
        if len(probe_ids) < 2 or len(values) * 2 <= len(probe_ids):
            continue  # one probe, or a few values many probes share: an enum, behavior
        echoed = sum(1 for probe_id, value in pairs if value in inputs.get(probe_id, ""))
        if echoed * 2 > len(pairs):
            echoes.add((tool, key))
    return echoes


def variable_echoes(
    samples: Sequence[ProbeSamples],
    features: Mapping[str, Mapping[str, Any]],
    settings: DetectSettings,
) -> set[tuple[str, str]]:
    """Tool arguments that copy one of the probe's variables: (tool, argument) pairs whose
    value, in every call of both versions, is the value one same variable (or tool fixture
    field) has in that call's probe, and that variable takes at least two values among them
    (`urgency=routine` on a probe whose `urgency` is routine). Such an argument is the input
    passed through, not behavior: kept, it would split one change by the variable's values
    (which the change's condition states instead). An argument a `[detect.tools]` rule keeps
    explicitly stays."""
    shown = {
        probe_id: {
            name: text
            for name, value in values.items()
            if not name.startswith("tag:") and (text := argument_value(value)) is not None
        }
        for probe_id, values in features.items()
    }
    sources: dict[tuple[str, str], set[str]] = {}
    values_of: dict[tuple[str, str], set[str]] = {}
    for probe in samples:
        given = shown.get(probe.probe_id, {})
        for signature in (*probe.old, *probe.new):
            for action in signature.actions:
                for key, value in action.arguments:
                    pair = (action.name, key)
                    names = {name for name, text in given.items() if text == value}
                    sources[pair] = sources[pair] & names if pair in sources else names
                    values_of.setdefault(pair, set()).add(value)
    echoes: set[tuple[str, str]] = set()
    for (tool, key), names in sources.items():
        rule = settings.tool_arguments.get(tool)
        if rule is not None and rule.keep is not None and key in rule.keep:
            continue
        if names and len(values_of[(tool, key)]) >= 2:
            echoes.add((tool, key))
    return echoes


def _without(signature: BehaviorSignature, echoes: set[tuple[str, str]]) -> BehaviorSignature:
    actions = tuple(
        Action(
            action.name,
            tuple((k, v) for k, v in action.arguments if (action.name, k) not in echoes),
        )
        for action in signature.actions
    )
    return replace(signature, actions=actions)


def _group(transcripts: Sequence[Transcript]) -> dict[str, list[Transcript]]:
    grouped: dict[str, list[Transcript]] = {}
    for transcript in transcripts:
        grouped.setdefault(transcript.probe_id, []).append(transcript)
    for runs in grouped.values():
        runs.sort(key=lambda run: run.sample)
    return grouped


def _excerpt(text: str, limit: int) -> str:
    return shorten(text, limit)


def analyze(
    old: Sequence[Transcript],
    new: Sequence[Transcript],
    *,
    probes: Mapping[str, Probe] | None = None,
    diff: VersionDiff | None = None,
    settings: DetectSettings | None = None,
    backend: MeaningBackend | None = None,
    embed: Callable[[Sequence[str]], list[list[float]]] | None = None,
    old_label: str = "old",
    new_label: str = "new",
    on_progress: Callable[[str, int, int], None] | None = None,
) -> Analysis:
    """Compare two sets of runs probe by probe; cluster, condition and attribute the changes.

    `probes` supplies variables, tags and tool fixtures for conditions (else the runs' own
    `variables`/`tags` metadata); `diff` enables attribution; `backend` (or `embed`, an
    embedding function) replaces the meaning backend named by the settings. `on_progress`
    hears (stage, done, total) as the analysis goes, for progress displays.
    """
    from behaviordiff.detect.attribution import attribute
    from behaviordiff.detect.bandpart import absorb_band_part
    from behaviordiff.detect.clusters import (
        absorb_covered_facets,
        absorb_stated_flat_values,
        absorb_told_pairs,
        absorb_unstated_old_values,
        cluster_changes,
        group_wording,
        merge_facets,
        merge_restatements,
        name_topics,
        split_changes,
    )
    from behaviordiff.detect.conditions import (
        find_conditions,
        kept_by_rest,
        moved_bounds,
        restated_bounds,
        said_words,
        split_by_conditions,
        stated_boundaries,
        variable_boundaries,
    )
    from behaviordiff.detect.jointrule import (
        absorb_joint_rule,
        absorb_split_rule,
        absorb_told_promise,
        absorb_told_shift,
        shares_a_cause,
    )
    from behaviordiff.detect.sharedstep import absorb_shared_step
    from behaviordiff.detect.unjudged import bearing_unjudged

    settings = settings or DetectSettings()
    if not old or not new:
        side = "old" if not old else "new"
        raise DetectError(
            f"the {side} transcript set is empty",
            hint="give a replay JSONL file or a folder of them with at least one run",
        )
    meaning = backend or make_backend(settings.similarity, embed=embed)
    old_runs, new_runs = _group(old), _group(new)
    shared = [probe_id for probe_id in old_runs if probe_id in new_runs]
    unmatched = {
        "old_only": sorted(set(old_runs) - set(new_runs)),
        "new_only": sorted(set(new_runs) - set(old_runs)),
    }
    if not shared:
        raise DetectError(
            "the two transcript sets share no probe id",
            hint=f"old has {', '.join(sorted(old_runs)[:3])}…; new has "
            f"{', '.join(sorted(new_runs)[:3])}…; compare runs of the same probes",
        )

    def report(stage: str, done: int, total: int) -> None:
        if on_progress is not None:
            on_progress(stage, done, total)

    samples: list[ProbeSamples] = []
    errors: dict[str, list[str]] = {}
    metadata: dict[str, Mapping[str, Any]] = {}
    step = max(1, len(shared) // 20)
    for index, probe_id in enumerate(shared):
        if index % step == 0:
            report("reading behavior", index, len(shared))
        given = probes.get(probe_id) if probes else None
        count = (
            sum(1 for m in given.messages if m.role not in ("system", "developer"))
            if given is not None
            else None
        )
        sides: list[list[BehaviorSignature]] = []
        for runs in (old_runs[probe_id], new_runs[probe_id]):
            signatures: list[BehaviorSignature] = []
            for run in runs:
                if run.error:
                    errors.setdefault(probe_id, []).append(f"sample {run.sample}: {run.error}")
                    continue
                signatures.append(extract_signature(run, settings, probe_messages=count))
            sides.append(signatures)
        metadata[probe_id] = old_runs[probe_id][0].metadata
        samples.append(ProbeSamples(probe_id, sides[0], sides[1]))

    report("reading behavior", len(shared), len(shared))
    inputs = {
        probe_id: _input_text(
            probes.get(probe_id) if probes else None, old_runs[probe_id][0], metadata[probe_id]
        )
        for probe_id in shared
    }
    echoes = echo_arguments(samples, inputs, settings)
    echoes |= variable_echoes(
        samples,
        {
            probe_id: probe_features(probes.get(probe_id) if probes else None, metadata[probe_id])
            for probe_id in shared
        },
        settings,
    )
    if echoes:
        for probe in samples:
            probe.old = [_without(signature, echoes) for signature in probe.old]
            probe.new = [_without(signature, echoes) for signature in probe.new]
    texts = list(dict.fromkeys(s.text for probe in samples for s in (*probe.old, *probe.new)))
    report("comparing meaning", 0, len(texts))
    meaning.fit(texts)
    vectors = dict(zip(texts, meaning.encode(texts), strict=True))
    word_sets = {text: word_set(text) for text in texts}
    for probe in samples:
        side_texts = [s.text for s in (*probe.old, *probe.new)]
        probe.vectors = [vectors[t] for t in side_texts]
        probe.meaning = distance_matrix(probe.vectors, meaning.distance)
        probe.wording = distance_matrix([word_sets[t] for t in side_texts], jaccard_distance)

    report("comparing meaning", len(texts), len(texts))
    complete = [probe for probe in samples if probe.old and probe.new]
    noise = measure_noise(complete, settings, default_meaning_floor=meaning.threshold * 0.6)
    vocabulary = Vocabulary.count(complete)
    phrasings = Phrasings.collect(complete, noise.meaning_floor, meaning.distance)
    shifts = {p.probe_id: wording_shift(p, noise, settings, vocabulary) for p in complete}
    settle_wording(list(shifts.values()))
    verdicts = [
        _verdict(
            probe,
            noise,
            settings,
            meaning.threshold,
            shifts.get(probe.probe_id, {}),
            errors.get(probe.probe_id, []),
            phrasings,
        )
        for probe in samples
    ]
    control_false_discoveries(verdicts, settings.false_discovery_rate)
    for verdict in verdicts:
        given = probes.get(verdict.probe_id) if probes else None
        verdict.features = probe_features(given, metadata.get(verdict.probe_id, {}))

    report("grouping changes", 0, 1)
    by_probe = {probe.probe_id: probe for probe in samples}
    changes = cluster_changes(verdicts, by_probe, meaning, settings, inputs)
    wording_groups = group_wording(verdicts, by_probe)
    moved: list[tuple[Boundary, Boundary]] = []
    if diff is not None:
        boundaries = stated_boundaries(_prompt_texts(diff))
        said = said_words(_prompt_texts(diff))
        boundaries += stated_boundaries(_context_texts(diff), context=True)
        moved = moved_bounds(
            (hunk.old, hunk.new)
            for hunk in diff.hunks
            if hunk.kind == "sentence_changed"
            and isinstance(hunk.old, str)
            and isinstance(hunk.new, str)
        )
        for hunk in diff.hunks:
            if hunk.kind == "sentence_added" and isinstance(hunk.new, str):
                moved += restated_bounds(hunk.new, hunk.context)
        moved = kept_by_rest(moved, _moved_sources(diff), _new_sentences(diff))
        moved += config_moved_bounds(diff.hunks)
    else:
        prompt_pairs = changed_system_prompts(old_runs, new_runs)
        changed, context = prompt_sentence_changes(prompt_pairs)
        boundaries = stated_boundaries(changed)
        said = said_words(changed)
        boundaries += stated_boundaries(context, context=True)
        moved = moved_bounds(prompt_sentence_moves(prompt_pairs))
    # the numbers the prompt change states, not the ones a probe's variables fill in
    stated_numbers = {boundary.value for boundary in boundaries}
    boundaries += variable_boundaries(prompt_sentences(old_runs, new_runs))

    def conditions_of(probe_ids: list[str]) -> list[Condition]:
        return find_conditions(
            probe_ids, verdicts, settings.max_conditions, boundaries, moved, said
        )

    def causes(change: BehaviorChange) -> list[Attribution]:
        if diff is None:
            return []
        return attribute(change, by_probe, diff, settings.max_attribution)

    for change in [*changes, *wording_groups]:
        change.conditions = conditions_of(change.probe_ids)
    attributed: dict[int, tuple[BehaviorChange, dict[str, Any]]] = {}
    if diff is not None:
        for change in changes:
            if change.kind == "promises":
                change.attribution = causes(change)
                attributed[id(change)] = (change, _attribution_inputs(change))
    changes, restated = merge_restatements(changes, verdicts)
    for change in restated:
        change.conditions = conditions_of(change.probe_ids)
    # after restatements are merged: parts of one change that state the same values would
    # otherwise be merged back
    changes, parts = split_changes(
        changes,
        verdicts,
        lambda probe_ids: split_by_conditions(probe_ids, verdicts, boundaries, moved),
    )
    for change in parts:
        change.conditions = conditions_of(change.probe_ids)
    changes = merge_facets(changes, verdicts)
    for change in changes:
        if change.aspects:
            change.conditions = conditions_of(change.probe_ids)
    # a probe inside a moved band grouped with those past it: the band's change's
    changes, _ = absorb_band_part(changes, verdicts, moved, conditions_of)
    if diff is not None:
        changes, _ = absorb_covered_facets(
            changes,
            verdicts,
            conditions_of,
            lambda first, second: same_first_cause(causes(first), causes(second)),
            stated=stated_numbers,
            tells_its_action=lambda primary, change: first_cause_names_action(
                causes(primary), causes(change), primary.after
            ),
        )
        changes, flat = absorb_stated_flat_values(
            changes,
            verdicts,
            lambda first, second: same_first_cause(causes(first), causes(second)),
            conditions_of,
        )
        for change in flat:
            change.conditions = conditions_of(change.probe_ids)
        changes = absorb_told_pairs(changes, verdicts)
        changes, _ = absorb_joint_rule(
            changes,
            verdicts,
            conditions_of,
            lambda first, second: shares_a_cause(causes(first), causes(second)),
        )
        changes, _ = absorb_told_shift(
            changes,
            verdicts,
            conditions_of,
            lambda first, second: shares_a_cause(causes(first), causes(second)),
            stated=stated_numbers,
        )
        changes, _ = absorb_split_rule(changes, verdicts, conditions_of, causes)
        changes, _ = absorb_shared_step(
            changes,
            verdicts,
            conditions_of,
            lambda first, second: shares_a_cause(causes(first), causes(second)),
        )
        changes, _ = absorb_told_promise(
            changes,
            verdicts,
            # a question read to no cause at all (its replies state only the values the
            # primary's replies state) contradicts no cause either
            lambda first, second: (
                not causes(second) or same_first_cause(causes(first), causes(second))
            ),
        )
    changes, _ = absorb_unstated_old_values(
        changes,
        verdicts,
        conditions_of,
    )
    hunk_texts = {
        hunk.id: [value for value in (hunk.old, hunk.new) if isinstance(value, str)]
        for hunk in (diff.hunks if diff is not None else [])
    }
    for change in [*changes, *wording_groups]:
        if diff is not None and not _attributed_as_is(change, attributed):
            change.attribution = causes(change)
    for change in changes:
        own_texts = [
            *(text for cause in change.attribution for text in hunk_texts.get(cause.hunk_id, [])),
            *(text for excerpt in change.excerpts for text in (excerpt.old, excerpt.new)),
        ]
        name_topics(change, own_texts)
        change.unjudged = bearing_unjudged(change.probe_ids, verdicts)
    report("grouping changes", 1, 1)
    noise_report = NoiseReport(
        backend=meaning.name,
        alpha=settings.alpha,
        deviation_rates={facet: noise.rate(facet) for facet in CATEGORICAL},
        deviation_counts={
            facet: (noise.deviations.get(facet, 0), noise.opportunities.get(facet, 0))
            for facet in CATEGORICAL
        },
        meaning_floor=noise.meaning_floor,
        wording_floor=noise.wording_floor,
        within_pairs=len(noise.meaning_within),
        probes_with_several_samples=noise.probes_with_several,
        probes_with_one_sample=noise.probes_with_one,
        measured=noise.measured,
    )
    tools_called: dict[str, dict[str, int]] = {"old": {}, "new": {}}
    for probe in samples:
        for side, signatures in (("old", probe.old), ("new", probe.new)):
            for signature in signatures:
                names = [action.name for action in signature.actions]
                for name in [*names, *signature.unreadable_calls]:
                    tools_called[side][name] = tools_called[side].get(name, 0) + 1
    return Analysis(
        tools_called={side: dict(sorted(names.items())) for side, names in tools_called.items()},
        probes=verdicts,
        changes=changes,
        noise=noise_report,
        old_label=old_label,
        new_label=new_label,
        unmatched=unmatched,
        wording_groups=wording_groups,
    )


def same_first_cause(first: Sequence[Attribution], second: Sequence[Attribution]) -> bool:
    """Whether two attributions start at the same hunk: a hunk both score highest (hunks tied
    for the top count alike, in whichever order they were listed)."""
    if not first or not second:
        return False

    def top(found: Sequence[Attribution]) -> set[str]:
        return {item.hunk_id for item in found if item.score >= found[0].score}

    return bool(top(first) & top(second))


def first_cause_names_action(
    primary: Sequence[Attribution], second: Sequence[Attribution], actions: Sequence[str]
) -> bool:
    """Whether the second attribution starts at a hunk the primary's attribution reads as naming
    one of its new actions ("names tool send_invoice"), or at the config hunk that adds one of
    them (`tool_added`): a reply-only change stating what that hunk tells the customer is the
    primary seen where no call is made."""
    if not second or not actions:
        return False
    wanted = {f"names tool {action}" for action in actions}
    naming = {item.hunk_id for item in primary if wanted & set(item.reasons)}
    first = [item for item in second if item.score >= second[0].score]
    if any(item.kind == "tool_added" and item.key in actions for item in first):
        return True
    return bool(naming & {item.hunk_id for item in first})


def _attribution_inputs(change: BehaviorChange) -> dict[str, Any]:
    """What of a change attribution may read: all it states but its number and attribution."""
    inputs = change.to_dict()
    del inputs["id"], inputs["attribution"]
    return inputs


def _attributed_as_is(
    change: BehaviorChange, attributed: Mapping[int, tuple[BehaviorChange, dict[str, Any]]]
) -> bool:
    """Whether `change` was attributed before the changes were merged and split, and none of
    it changed since (its probes, values, condition): its attribution stands as found."""
    found = attributed.get(id(change))
    return found is not None and found[0] is change and found[1] == _attribution_inputs(change)


def control_false_discoveries(verdicts: Sequence[ProbeVerdict], rate: float) -> int:
    """Benjamini–Hochberg over the probes' action/escalation/promise tests.

    Each facet test holds its level for one probe, but a suite tests hundreds: a few noisy
    probes will flip by chance now and then. A flip is kept only if it stands out among all
    the probes tested at this false discovery rate; otherwise it becomes inconclusive (more
    samples decide), and so does a meaning change that came with it and has no test of its
    own. Probes that flip the very same items in every sample are ranked by their pooled
    p-value (`pooled_flip_p`) where it is smaller than their own. Returns how many verdicts
    were demoted.
    """
    tested = [v for v in verdicts if v.results]
    if not tested or rate <= 0:
        return 0
    pooled = pooled_flip_p(tested)
    ranked = sorted(min(_own_p(v), pooled.get(id(v), 1.0)) for v in tested)
    total = len(ranked)
    threshold = 0.0
    for rank, p_value in enumerate(ranked, start=1):
        if p_value <= rank / total * rate:
            threshold = p_value
    demoted = 0
    for verdict in tested:
        if verdict.verdict != "behavior-changed":
            continue
        flips = [f for f in verdict.facets if f in CATEGORICAL]
        p_values = [verdict.results[f].p_value for f in flips]
        if not flips or min(p for p in p_values if p is not None) <= threshold:
            continue
        if pooled.get(id(verdict), 1.0) <= threshold:
            continue  # other probes flipped the same promise the same way in every sample
        if any(verdict.results[f].detail.get("corroborated") for f in flips):
            continue  # every sample's yes/no answer flipped too: not a chance flip
        meaning = verdict.results.get("meaning")
        doubtful = [*flips]
        if meaning is not None and "meaning" in verdict.facets and meaning.p_value is None:
            doubtful.append("meaning")
        for facet in doubtful:
            verdict.results[facet].status = "inconclusive"
        remaining = [f for f in verdict.facets if f not in doubtful]
        if remaining:
            verdict.facets = remaining
            continue
        verdict.verdict, verdict.facets = "inconclusive", doubtful
        verdict.more_samples = 2
        verdict.notes.append(
            f"this flip is within what chance gives among {total} probes tested "
            f"(false discovery rate {rate:g}); about 2 more samples per version would decide"
        )
        demoted += 1
    return demoted


def pooled_flip_p(tested: Sequence[ProbeVerdict]) -> dict[int, float]:
    """A p-value per probe (by `id`) whose flip other probes repeat exactly: the same facet,
    the same items removed and added, every sample of each version agreeing, on probes that
    were found changed. Each probe's own p-value says how likely its flip is by chance; that
    two or more probes flip to the very same items is rarer still (Fisher's combination of
    their p-values), but only as rare as such a group is among the probes where those items
    are in play at all (any sample of either version states one): the combination counts once
    for each group of that size those probes could form. Two hint probes flipping "free" →
    "£3" of the two that speak of hints decide; two of twenty probes that all state "30 days"
    flipping alike do not. The result is recorded as `pooled_p` in the facet's detail."""
    groups: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[ProbeVerdict]] = {}
    for verdict in tested:
        if verdict.verdict != "behavior-changed":
            continue
        for facet in verdict.facets:
            result = verdict.results.get(facet)
            if (
                facet not in CATEGORICAL
                or result is None
                or result.p_value is None
                or not _unanimous_flip(result, verdict.old_samples, verdict.new_samples)
            ):
                continue
            key = (facet, tuple(sorted(result.removed)), tuple(sorted(result.added)))
            groups.setdefault(key, []).append(verdict)
    pooled: dict[int, float] = {}
    for (facet, removed, added), members in groups.items():
        if len(members) < 2:
            continue
        items = {*removed, *added}
        in_play = sum(
            1
            for verdict in tested
            if facet in verdict.results
            and items
            & {
                item
                for counts in (verdict.results[facet].old_counts, verdict.results[facet].new_counts)
                for item, count in counts.items()
                if count
            }
        )
        p_values = [float(verdict.results[facet].p_value or 1.0) for verdict in members]
        combined = min(1.0, fisher_combined_p(p_values) * math.comb(in_play, len(members)))
        for verdict in members:
            if combined < min(pooled.get(id(verdict), 1.0), _own_p(verdict)):
                pooled[id(verdict)] = combined
                verdict.results[facet].detail["pooled_p"] = round(combined, 6)
                verdict.results[facet].detail["pooled_with"] = sorted(
                    other.probe_id for other in members if other is not verdict
                )
    return pooled


def _own_p(verdict: ProbeVerdict) -> float:
    """The smallest p-value of a verdict's action/escalation/refusal/promise tests."""
    return min(
        (
            result.p_value
            for facet, result in verdict.results.items()
            if facet in CATEGORICAL and result.p_value is not None
        ),
        default=1.0,
    )


def _unanimous_flip(result: FacetResult, n: int, m: int) -> bool:
    """Every old sample has each removed item and no new one does; the reverse for added."""
    if not n or not m or not (result.removed or result.added):
        return False
    return all(
        result.old_counts.get(item) == n and not result.new_counts.get(item)
        for item in result.removed
    ) and all(
        result.new_counts.get(item) == m and not result.old_counts.get(item)
        for item in result.added
    )


def fisher_combined_p(p_values: Sequence[float]) -> float:
    """Fisher's method: P(chi-square with 2k degrees of freedom >= -2 sum(ln p))."""
    half = -sum(math.log(max(p, 1e-300)) for p in p_values)
    term, total = 1.0, 1.0
    for j in range(1, len(p_values)):
        term *= half / j
        total += term
    return min(1.0, math.exp(-half) * total)


def _verdict(
    probe: ProbeSamples,
    noise: NoiseFloor,
    settings: DetectSettings,
    threshold: float,
    wording: dict[str, Any],
    errors: list[str],
    phrasings: Phrasings | None = None,
) -> ProbeVerdict:
    n, m = probe.sizes
    notes = list(errors)
    if not n or not m:
        notes.append("no successful run on one side; nothing to compare")
        # More samples would not help: the runs failed. Fix them and run again.
        return ProbeVerdict(probe.probe_id, "inconclusive", [], n, m, notes=notes)
    results = {facet: categorical_facet(probe, facet, noise, settings) for facet in CATEGORICAL}
    results["meaning"] = meaning_facet(probe, noise, settings, threshold, phrasings)
    refusal = results["refusal"]
    if (
        refusal.status != "same"
        and results["meaning"].status == "same"
        and not (
            _meaning_moved(results["meaning"], settings, threshold)
            and not (phrasings is not None and phrasings.refusal_switch(probe))
        )
    ):
        # Whether a reply reads as a refusal depends on its wording; without a change in
        # meaning, a flip is a paraphrase ("can't be changed" / "is no longer possible").
        refusal.status = "same"
        refusal.more_samples = None
        refusal.detail["uncorroborated"] = "the meaning of the replies did not change"
    changed = [facet for facet in FACETS if results[facet].status == "changed"]
    undecided = [facet for facet in FACETS if results[facet].status == "inconclusive"]
    if (
        not changed
        and undecided
        and answer_flipped([s.text for s in probe.old], [s.text for s in probe.new])
    ):
        # an undecided facet that every sample's yes/no answer corroborates: the reply now
        # answers the customer's question the other way
        for facet in undecided:
            results[facet].status = "changed"
            results[facet].more_samples = None
            results[facet].detail["corroborated"] = "the reply's yes/no answer flipped"
        changed, undecided = undecided, []
    if n == 1 or m == 1:
        notes.append(
            f"{min(n, m)} sample on one side: no per-probe noise; judged against the pooled floor"
            + (
                ""
                if noise.measured
                else " (not measured: no probe has several samples; prior used)"
            )
        )
    verdict: Verdict
    more: int | None = None
    if changed:
        verdict, facets = "behavior-changed", changed
    elif undecided:
        verdict, facets = "inconclusive", undecided
        needs = [k for f in undecided if (k := results[f].more_samples) is not None]
        more = min(needs) if needs else 2
        notes.append(f"about {more} more sample(s) per version would decide")
    elif wording["changed"]:
        verdict, facets = "wording-only", []
    else:
        verdict, facets = "unchanged", []
    excerpts = {
        "old": _excerpt(probe.old[0].text, settings.excerpt_chars),
        "new": _excerpt(probe.new[0].text, settings.excerpt_chars),
    }
    return ProbeVerdict(
        probe_id=probe.probe_id,
        verdict=verdict,
        facets=facets,
        old_samples=n,
        new_samples=m,
        results=results,
        wording=WordingShift.from_dict(wording),
        excerpts=excerpts,
        notes=notes,
        more_samples=more,
    )


def _meaning_moved(meaning: FacetResult, settings: DetectSettings, threshold: float) -> bool:
    """Whether this probe's old and new replies lie apart in meaning by more than its own
    samples do (by the smallest effect that counts) and by at least the meaning threshold,
    though not beyond the floor pooled over the suite: an agent that varies its wording a lot
    elsewhere raises that floor over "yes, at 13 they can play" → "I'm afraid our rooms are
    only for players aged 14 or over". A paraphrased refusal ("can't be changed" / "is no
    longer possible") stays close in meaning and is not corroborated by this, nor is a switch
    between two wordings the agent mixes for one input elsewhere (`Phrasings.refusal_switch`)."""
    distance = meaning.detail.get("distance") or {}
    cross = float(distance.get("cross") or 0.0)
    excess = float(distance.get("excess") or 0.0)
    return cross >= threshold and excess >= settings.min_meaning_effect

"""A change whose condition could not be found while some other probes could not be judged (a
run failed on one side) is not widened to every customer: the note says no condition could be
confirmed, names the unjudged probes and says who it reaches is not known; with every other
probe judged, "no condition separates them" stands as before. And a call added to a reply that
otherwise reads the same says what the old version did (answered without it), not "replied as
the old version did"."""

from __future__ import annotations

import copy

from behaviordiff.detect.model import ProbeVerdict
from behaviordiff.detect.unjudged import bearing_unjudged
from behaviordiff.drafting.facts import build_facts
from behaviordiff.drafting.template import TemplateDrafter
from tests.example_data import example_analysis


def _facts(failed: list[str]):  # type: ignore[no-untyped-def]
    analysis, diff = copy.deepcopy(example_analysis())
    change = analysis.changes[0]
    change.conditions = []  # what the search gives once too few other probes were judged
    outside = [p for p in analysis.probes if p.probe_id not in change.probe_ids]
    for probe in outside:
        if probe.probe_id in failed:
            index = analysis.probes.index(probe)
            analysis.probes[index] = ProbeVerdict(
                probe.probe_id,
                "inconclusive",
                [],
                0,
                3,
                notes=["no successful run on one side; nothing to compare"],
                features=probe.features,
            )
    # which of them could decide the change's condition, as the analysis picks them out
    change.unjudged = bearing_unjudged(change.probe_ids, analysis.probes)
    return build_facts(analysis, diff.to_dict())[0], [p.probe_id for p in outside]


def test_unjudged_probes_keep_the_note_from_saying_every_customer() -> None:
    _, outside = _facts([])
    failed = outside[:1]
    facts, _ = _facts(failed)
    assert facts.unjudged == failed
    note = TemplateDrafter().note(facts, [], None)
    assert note.when.startswith(f"In {len(facts.probe_ids)} probe(s); no condition could be")
    assert failed[0] in note.when
    assert "not known" in note.when
    assert note.customer_impact.startswith("Some customers")


def test_many_unjudged_probes_are_counted_not_all_listed() -> None:
    _, outside = _facts([])
    facts, _ = _facts(outside[:5])
    note = TemplateDrafter().note(facts, [], None)
    assert "5 other probe(s) could not be judged" in note.when
    assert "and 2 more" in note.when
    assert outside[3] not in note.when


def test_with_every_other_probe_judged_the_note_is_as_before() -> None:
    facts, _ = _facts([])
    assert facts.unjudged == []
    note = TemplateDrafter().note(facts, [], None)
    assert note.when.endswith("no condition separates them from the rest.")
    assert not note.customer_impact.startswith("Some customers")


def test_a_call_added_to_a_reply_that_reads_the_same_says_what_the_old_one_did() -> None:
    from behaviordiff.detect.model import Excerpt
    from behaviordiff.drafting.facts import ActionFact, ChangeFacts

    reply = "Sorry your parcel is late. It is on its way and should reach you tomorrow."
    facts = ChangeFacts(
        id="C1",
        title="now calls issue_voucher",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        after_actions=[ActionFact("issue_voucher")],
        excerpts=[Excerpt("p1", reply, reply), Excerpt("p2", reply, reply)],
        others=6,
    )
    before = TemplateDrafter().note(facts, [], None).before
    assert before.startswith("The agent answered without calling `issue_voucher`")
    assert "“Sorry your parcel is late.”" in before
    assert "as the old version did" not in before

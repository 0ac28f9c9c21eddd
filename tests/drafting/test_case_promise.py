"""A hand-off the new version stops for one case of its condition: the promise the team's
hand-off came with ("They'll call you within 1 day") goes with it where the KB says it of that
case alone (a macro about the case, an article's section about it), and the article says what
we now do and tell the customer instead; a section about another case, or a sentence that
lists other cases, keeps the promise. A bike shop whose assistant now posts a patch kit for
flat tyres instead of passing them to the workshop."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import (
    CASE_HANDOFF_REASON,
    CASE_PROMISE_REASON,
    Impact,
    rank_items,
)
from behaviordiff.drafting.subsets import handling_sentence, other_cases
from behaviordiff.drafting.text import terms
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

FLAT = [set(terms("flat tyre"))]
OLD = (
    "Flat tyres (fault type flat_tyre): hand the chat to the workshop team with "
    "`transfer_to_workshop` and tell the customer the workshop team will call them within 1 day."
)
DONT = "Flat tyres (fault type flat_tyre): don't pass these on."
NEW = (
    "Post a patch kit yourself with `send_patch_kit` and tell the customer a patch kit will arrive "
    "within 2 days, free of charge."
)
ARTICLE = """# Trouble with your bike

Our workshop team handles all flat tyres, snapped chains and bent wheels, so message us and we'll
put you through.

## My tyre is flat

Stop riding and message us. We'll pass you to the workshop, who will call you within 1 day.

Flat tyres on new bikes are never charged.

## My chain snapped

Tell us straight away. The workshop will call you within 1 day to book a repair.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nOur workshop team handles all flat tyres, so I've "
    "passed your booking {{ticket.booking_ref}} to them.\n\nThey'll call you within 1 day."
    "\n\nPlease keep the bike indoors until then.\n\nThanks,\n{{current_user.first_name}}"
)
SHARED = (
    "Hi {{ticket.requester.first_name}},\n\nFlat tyres and snapped chains are looked at by our "
    "workshop, so I've passed it on.\n\nThey'll call you within 1 day.\n\nThanks,\n"
    "{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="transfer_to_workshop → send_patch_kit",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("transfer_to_workshop")],
        after_actions=[ActionFact("send_patch_kit")],
        escalation="removed",
        removed_promises=[Promise("duration", "1 day", "contact")],
        added_promises=[Promise("duration", "2 days", "delivery")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "fault", "op": "=", "value": "flat_tyre"}]})
        ],
        rules=[
            Rule("H1", "sentence_changed", "Faults", OLD, DONT, "changed"),
            Rule("H2", "sentence_added", "Faults", None, NEW, "added"),
        ],
        excerpts=[
            Excerpt("p1", "The workshop will call you within 1 day.", "A kit is on its way."),
            Excerpt("p2", "Passed to the workshop: within 1 day.", "A patch kit is coming."),
            Excerpt("p3", "The workshop has it; within 1 day.", "A kit is posted today."),
        ],
        others=4,
    )


def test_other_cases_are_the_conjuncts_beside_the_case() -> None:
    listed = "Our workshop team handles all flat tyres, snapped chains and bent wheels, so call us."
    assert other_cases(listed, FLAT) == [{"snap", "chain"}, {"bent", "wheel"}]
    assert other_cases("Our workshop team handles all flat tyres, so call us.", FLAT) == []
    assert other_cases("Flat tyres and snapped chains go to our workshop.", FLAT) == [
        {"snap", "chain"}
    ]
    assert other_cases("They'll call you within 1 day.", FLAT) == []


def test_the_new_handling_says_what_the_customer_is_told_with_its_value() -> None:
    assert handling_sentence(NEW, "post a patch kit ourselves") == (
        "We'll post a patch kit ourselves, and a patch kit will arrive within 2 days, free of "
        "charge."
    )
    assert handling_sentence("Post a kit with `send_kit`.", "post a kit") == "We'll post a kit."


def _impacts() -> dict[str, Impact]:
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Trouble with your bike", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Faults::Flat tyre", MACRO, "text", "kb", "m"),
            KnowledgeItem("macro", "3", "Faults::Passed on", SHARED, "text", "kb", "s"),
        ]
    )
    return {i.item.key: i for i in rank_items(_facts(), kb) if i.affected}


def test_the_promise_said_of_the_case_alone_conflicts_and_others_keep_theirs() -> None:
    impacts = _impacts()
    article = impacts["article:1"]
    promised = [c.sentence for c in article.conflicts if CASE_PROMISE_REASON in c.reasons]
    assert promised == ["We'll pass you to the workshop, who will call you within 1 day."]
    macro = impacts["macro:2"]
    assert [c.sentence for c in macro.conflicts if CASE_PROMISE_REASON in c.reasons] == [
        "They'll call you within 1 day."
    ]
    # a macro that lists another case beside it keeps the promise: the others still get it
    shared = impacts["macro:3"]
    assert all(CASE_PROMISE_REASON not in c.reasons for c in shared.conflicts)
    assert any(CASE_HANDOFF_REASON in c.reasons for c in shared.conflicts)


def test_the_article_says_the_new_handling_where_the_promise_was() -> None:
    impact = _impacts()["article:1"]
    new_body = TemplateDrafter().edit(_facts(), impact).new_body
    assert new_body is not None
    assert "who will call you within 1 day" not in new_body
    assert (
        "Stop riding and message us. We'll post a patch kit ourselves, and a patch kit will arrive "
        "within 2 days, free of charge.\n\nFlat tyres on new bikes are never charged." in new_body
    )
    # the other case's section and its promise stay byte for byte
    assert "Tell us straight away. The workshop will call you within 1 day to book a repair." in (
        new_body
    )
    assert "handles all snapped chains and bent wheels" in new_body


def test_the_macro_about_the_case_drops_the_teams_promise() -> None:
    impact = _impacts()["macro:2"]
    new_body = TemplateDrafter().edit(_facts(), impact).new_body
    assert new_body is not None
    assert "They'll call you within 1 day." not in new_body
    assert "2 days" in new_body
    assert "{{ticket.booking_ref}}" in new_body
    assert "Please keep the bike indoors until then." in new_body


def test_a_list_of_cases_under_a_lead_keeps_the_leads_promise() -> None:
    body = (
        "# Faults\n\nOur workshop looks at these and calls you within 1 day:\n\n"
        "- a flat tyre\n- a snapped chain\n\nKeep the bike indoors.\n"
    )
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Faults", body, "markdown", "kb", "a")])
    [impact] = [i for i in rank_items(_facts(), kb) if i.affected]
    assert all(CASE_PROMISE_REASON not in c.reasons for c in impact.conflicts)
    assert [c.sentence for c in impact.conflicts if CASE_HANDOFF_REASON in c.reasons] == [
        "- a flat tyre"
    ]


def test_the_same_promise_said_of_someone_else_than_the_team_stays() -> None:
    body = (
        "Our workshop team handles all flat tyres, so message us and we'll put you through.\n\n"
        "Our shop will call you within 1 day.\n"
    )
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Bikes", body, "markdown", "kb", "a")])
    [impact] = [i for i in rank_items(_facts(), kb) if i.affected]
    assert all(CASE_PROMISE_REASON not in c.reasons for c in impact.conflicts)
    assert [c.sentence for c in impact.conflicts if CASE_HANDOFF_REASON in c.reasons] == [
        "Our workshop team handles all flat tyres, so message us and we'll put you through."
    ]

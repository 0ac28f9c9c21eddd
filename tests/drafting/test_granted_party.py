"""A second party granted beside the first, where the old prompt denied them (a made-up
climbing wall, not a scenario's domain): "When a member brings a guest, the member who booked
gets 50 loyalty points." gained ", and the guest who climbs gets a free shoe hire.", and "Guests
don't earn loyalty points." went. A table row giving the guest nothing, "Only the member who
books earns …" and a clause denying the guest points say what the guest now gets; a sentence
about the guest with no denial of the points, an "only" about another thing, and everything
else stay byte for byte."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.grantedparty import granted_party, granted_party_reason
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "When a member brings a guest, the member who booked gets 50 loyalty points."
NEW = OLD[:-1] + ", and the guest who climbs gets a free shoe hire."
DENIAL = "Guests don't earn loyalty points."
ARTICLE = """# Bring a guest

Only the member who books earns the points. Guests must sign a waiver at the desk.

| Who | Perk |
|---|---|
| Member | 50 loyalty points |
| Your guest | n/a |

Only members can use the sauna.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for climbing with us! You've earned 50 "
    "loyalty points for today's visit, but there are no points for your guest.\n\nGuests don't "
    "need to bring their own ropes.\n\nSee you on the wall,\nThe Crag Team"
)


def _facts(rules: list[Rule] | None = None) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls add_perk(perk=shoe_hire)",
        kind="actions",
        facets=["actions"],
        probe_ids=["g1", "g2", "g3"],
        after_actions=[ActionFact("add_perk")],
        rules=rules
        or [
            Rule("H1", "sentence_changed", "Guests", OLD, NEW, "sentence changed"),
            Rule("H2", "sentence_removed", "Guests", DENIAL, None, "sentence removed"),
        ],
        others=9,
    )


def test_the_party_is_read_from_the_appended_grant_and_the_old_denial() -> None:
    case = granted_party(_facts())
    assert case is not None
    assert (case.party, case.head) == ("the guest who climbs", "guest")
    assert case.what == "a free shoe hire"
    assert {"loyalty", "point"} <= case.denied
    assert {"member", "book"} <= case.first


def test_with_no_old_denial_of_the_party_there_is_no_granted_party() -> None:
    assert granted_party(_facts([_facts().rules[0]])) is None


def test_only_what_says_the_party_gets_nothing_conflicts() -> None:
    facts = _facts()
    assert granted_party_reason(facts, "| Your guest | n/a |") is not None
    assert granted_party_reason(facts, "| Member | 50 loyalty points |") is None
    assert granted_party_reason(facts, "Only the member who books earns the points.") is not None
    assert granted_party_reason(facts, "Only members can use the sauna.") is None
    assert granted_party_reason(facts, "Guests must sign a waiver at the desk.") is None
    assert granted_party_reason(facts, "Guests don't need to bring their own ropes.") is None


def test_the_items_say_what_the_party_now_gets_and_keep_the_rest() -> None:
    facts = _facts()
    impacts = {
        i.item.key: i
        for item in (kb_item("guests", ARTICLE), kb_item("visit", MACRO, kind="macro"))
        for i in rank_items(facts, KnowledgeBase([item]))
        if i.affected
    }
    assert set(impacts) == {"article:guests", "macro:visit"}
    article = TemplateDrafter().edit(facts, impacts["article:guests"])
    assert article.new_body == ARTICLE.replace(
        "Only the member who books earns the points.",
        "The member who books earns the points, and your guest gets a free shoe hire.",
    ).replace("| Your guest | n/a |", "| Your guest | a free shoe hire |")
    macro = TemplateDrafter().edit(facts, impacts["macro:visit"])
    # the guest was denied points and is now granted a shoe hire: whether guests earn points
    # the new prompt does not say, so the denial is flagged, not replaced
    assert macro.new_body is None
    assert "Flagged" in macro.rationale


def _drafts(facts: ChangeFacts, sentence: str) -> list[str | None]:
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\n{sentence}\n\nSee you,\nThe Crag Team"
    kb = KnowledgeBase([kb_item("visit", body, kind="macro")])
    return [TemplateDrafter().edit(facts, i).new_body for i in rank_items(facts, kb) if i.affected]


def test_a_denial_of_another_thing_or_of_a_qualified_party_is_never_replaced() -> None:
    """The reviewer's cases: a denial of expiry in a sentence naming the guest elsewhere, a
    guest the KB qualifies ("under 14"), and a reason clause after the denial."""
    points = _facts(
        [
            Rule(
                "H1",
                "sentence_changed",
                "Guests",
                OLD,
                OLD[:-1] + ", and the guest who climbs earns 20 loyalty points.",
                "",
            ),
            Rule("H2", "sentence_removed", "Guests", DENIAL, None, ""),
        ]
    )
    for facts in (_facts(), points):
        assert (
            granted_party_reason(
                facts, "Your points never expire, and your guest is welcome any day."
            )
            is None
        )
        under = "Guests under 14 don't earn points and must climb with an adult."
        assert all(body is None for body in _drafts(facts, under))
        reason = "Your guest doesn't earn points, as guest visits are already discounted by 20%."
        drafts = _drafts(facts, reason)
        assert drafts and all(
            body is None or "as guest visits are already discounted by 20%." in body
            for body in drafts
        )
    # the grant is the denied thing: the denial's own clause says it, the reason stays
    assert _drafts(points, "Your guest doesn't earn points, as guest visits are discounted.") == [
        "Hi {{ticket.requester.first_name}},\n\nYour guest earns 20 loyalty points, as guest "
        "visits are discounted.\n\nSee you,\nThe Crag Team"
    ]
    assert _drafts(points, "You earn points, but there are no points for your guest.") == [
        "Hi {{ticket.requester.first_name}},\n\nYou earn points, but your guest earns 20 "
        "loyalty points.\n\nSee you,\nThe Crag Team"
    ]

"""A category moved from one group to another (`movedgroup`): the old prompt gave a rule to a
group naming the category beside others, the new one names it in the other group. The KB's
sentence grouping it with the group it left loses it, the sentence stating the joined group's
rule names it, the table row gives its column the joined group's cell, and its list takes the
joined group's item; the same grouping on another topic, other rows and other items stay byte
for byte.

Made-up agents: a streaming service whose Plus plan now gets the mobile app free like Premium
(two changed sentences, one taking Plus out, one putting it in), and a climbing wall whose
Silver pass holders now pay the peak-time fee like Bronze (a group of three)."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.movedgroup import moved_group
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item


def _facts(value: str, rules: list[Rule], call: str) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title=f"{call}: fee moved",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact(call, ())],
        after_actions=[ActionFact(call, ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": f"plan = {value}",
                    "atoms": [
                        {"feature": "plan", "op": "=", "value": value},
                        {"feature": "tag:app", "op": "tag"},
                    ],
                }
            )
        ],
        rules=rules,
    )


# --- streaming: the mobile app now free for Plus, as for Premium -------------------------------

APP_RULES = [
    Rule(
        "H1",
        "sentence_changed",
        "Mobile app",
        "The mobile app is free for Premium members.",
        "The mobile app is free for Premium and Plus members.",
        "changed",
    ),
    Rule(
        "H2",
        "sentence_changed",
        "Mobile app",
        "Standard and Plus members pay £3 a month for the mobile app, added to their bill.",
        "Standard members pay £3 a month for the mobile app, added to their bill.",
        "changed",
    ),
]
APP_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThe mobile app is now set up on your account.\n\n"
    "If you're a Premium member, the mobile app comes at no extra cost. If you're a Standard or "
    "Plus member, £3 a month for the mobile app is added to your bill.\n\n"
    "Standard and Plus members can watch on two screens at once.\n\nHappy watching,\nStreamly\n"
)
APP_ARTICLE = """# Plans

| | Standard | Plus | Premium |
|---|---|---|---|
| Screens at once | 2 | 2 | 4 |
| Mobile app | £3 a month | £3 a month | Free |
| Offline downloads | No | Yes | Yes |

## Standard

- HD streaming on 2 screens
- Mobile app: £3 a month, added to your bill

## Plus

- HD streaming on 2 screens
- Offline downloads
- Mobile app: £3 a month, added to your bill

## Premium

- 4K streaming on 4 screens
- Offline downloads
- Free mobile app
"""
APP_TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nStandard and Plus members can watch on two screens at "
    "once; Premium members on four.\n\nStreamly\n"
)


def test_the_move_is_read_from_the_changed_sentences() -> None:
    moved = moved_group(_facts("plus", APP_RULES, "add_app"))
    assert moved is not None
    assert (moved.category, set(moved.left), set(moved.joined)) == (
        "plus",
        {"standard"},
        {"premium"},
    )
    assert {"mobil", "app"} & moved.topic or {"mobile", "app"} & moved.topic
    # a category no group names before and after: no move
    assert moved_group(_facts("premium", APP_RULES, "add_app")) is None


def test_sentences_rows_and_lists_move_the_category_and_the_rest_stays() -> None:
    facts = _facts("plus", APP_RULES, "add_app")
    knowledge = KnowledgeBase(
        [
            kb_item("app-set-up", APP_MACRO, kind="macro"),
            kb_item("plans", APP_ARTICLE),
            kb_item("screens", APP_TRAP, kind="macro"),
        ]
    )
    ranked = {i.item.key: i for i in rank_items(facts, knowledge) if i.affected}
    assert "macro:screens" not in ranked
    macro = TemplateDrafter().edit(facts, ranked["macro:app-set-up"])
    assert macro.new_body == APP_MACRO.replace(
        "If you're a Premium member, the mobile app",
        "If you're a Premium or Plus member, the mobile app",
    ).replace("If you're a Standard or Plus member, £3", "If you're a Standard member, £3")
    # the same group on another topic stays
    assert "Standard and Plus members can watch on two screens at once." in str(macro.new_body)
    article = TemplateDrafter().edit(facts, ranked["article:plans"])
    assert article.new_body == APP_ARTICLE.replace(
        "| Mobile app | £3 a month | £3 a month | Free |",
        "| Mobile app | £3 a month | Free | Free |",
    ).replace(
        "- Offline downloads\n- Mobile app: £3 a month, added to your bill\n",
        "- Offline downloads\n- Free mobile app\n",
    )


# --- a climbing wall: Silver now pays the peak fee, as Bronze does (a group of three) ---------

WALL_RULES = [
    Rule(
        "H1",
        "sentence_changed",
        "Peak times",
        "Gold and Silver pass holders climb at peak times with no peak fee.",
        "Gold pass holders climb at peak times with no peak fee.",
        "changed",
    ),
    Rule(
        "H2",
        "sentence_changed",
        "Peak times",
        "Bronze and Day pass holders pay a £4 peak fee at the desk.",
        "Bronze, Day and Silver pass holders pay a £4 peak fee at the desk.",
        "changed",
    ),
]
WALL_ARTICLE = """# Peak times

Gold and Silver pass holders climb at peak times with no peak fee to pay.

Gold and Silver pass holders also get a free locker.
"""


def test_a_category_leaving_a_group_leaves_it_and_the_other_topic_stays() -> None:
    facts = _facts("silver", WALL_RULES, "check_in")
    moved = moved_group(facts)
    assert moved is not None and set(moved.left) == {"gold"}
    assert set(moved.joined) == {"bronze", "day"}
    knowledge = KnowledgeBase([kb_item("peak", WALL_ARTICLE)])
    ranked = {i.item.key: i for i in rank_items(facts, knowledge) if i.affected}
    edit = TemplateDrafter().edit(facts, ranked["article:peak"])
    assert edit.new_body == WALL_ARTICLE.replace(
        "Gold and Silver pass holders climb at peak", "Gold pass holders climb at peak"
    )
    assert "Gold and Silver pass holders also get a free locker." in str(edit.new_body)


APP_OTHER_BENEFITS = [
    "Premium members can also download films in the app.",
    "Only Premium members get 4K in the mobile app.",
]


def test_other_benefits_of_the_joined_group_stay_and_the_narrowing_is_kept() -> None:
    # on the topic, naming the joined group alone, but stating another benefit or one kept to
    # that group: neither is the joined group's rule of this change
    facts = _facts("plus", APP_RULES, "add_app")
    macro = APP_MACRO.replace(
        "Standard and Plus members can watch on two screens at once.",
        " ".join(APP_OTHER_BENEFITS),
    )
    knowledge = KnowledgeBase([kb_item("app-set-up", macro, kind="macro")])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == macro.replace(
        "If you're a Premium member, the mobile app",
        "If you're a Premium or Plus member, the mobile app",
    ).replace("If you're a Standard or Plus member, £3", "If you're a Standard member, £3")


# --- a gym: Silver's towel hire now free, as Gold's (was paid, as Basic's) ---------------------

TOWEL_RULES = [
    Rule(
        "H1",
        "sentence_changed",
        "Towels",
        "Basic and Silver members pay £2 per towel hire.",
        "Basic members pay £2 per towel hire.",
        "changed",
    ),
    Rule(
        "H2",
        "sentence_changed",
        "Towels",
        "Towel hire is free for Gold members.",
        "Towel hire is free for Gold and Silver members.",
        "changed",
    ),
]


def test_a_capitalised_word_before_a_group_is_no_member_of_it() -> None:
    facts = _facts("silver", TOWEL_RULES, "hire_towel")
    body = (
        "Hi {{ticket.requester.first_name}},\n\nAt Leeds, Basic and Silver members pay £2 per "
        "towel hire.\n\nBasic and Silver members can book classes 7 days ahead.\n\nSee you "
        "soon,\nFitco\n"
    )
    knowledge = KnowledgeBase([kb_item("towels", body, kind="macro")])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace(
        "At Leeds, Basic and Silver members pay £2", "At Leeds, Basic members pay £2"
    )

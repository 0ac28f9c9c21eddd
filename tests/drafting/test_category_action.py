"""An action replaced by another for some categories only, the old one kept for the rest in a
sentence of its own (a council that used to refer every street problem to its highways team,
who contact the resident within 10 working days, now books a repair crew itself for broken
streetlights and potholes; blocked drains are still referred): an item about blocked drains
alone is left as it is, an item about potholes alone says the new told clause in place of the
old one, and an item about every kind says which kinds get which, a numbered step keeping its
marker."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categoryaction import (
    category_action,
    kept_action_item,
    told_for_wrong_categories,
)
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    "When a resident reports a broken streetlight, pothole or blocked drain, call "
    '`refer_to_team` with team "highways", the location and a short description.'
)
NEW = (
    "When a resident reports a broken streetlight or pothole, book the repair yourself: call "
    "`book_repair_crew` with the location and the first free date."
)
NEW_TOLD = "Tell them a repair crew is booked to visit within 3 working days."
KEPT = (
    'When a resident reports a blocked drain, call `refer_to_team` with team "highways", the '
    "location and a short description."
)
KEPT_TOLD = (
    "Tell them our highways team will contact them within 10 working days to arrange a repair."
)


def _facts() -> ChangeFacts:
    atoms: list[dict[str, object]] = [
        {"feature": "report_type", "op": "in", "value": ["pothole", "streetlight"]},
        {"feature": "tag:report", "op": "tag"},
    ]
    return ChangeFacts(
        id="C1",
        title="refer_to_team → book_repair_crew",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["pothole-1", "light-1"],
        before_actions=[ActionFact("refer_to_team", (("team", "highways"),))],
        after_actions=[ActionFact("book_repair_crew", ())],
        removed_promises=[
            Promise("callback", "a call to the customer"),
            Promise("duration", "10 business days"),
        ],
        added_promises=[Promise("duration", "3 business days")],
        excerpts=[
            Excerpt(
                probe_id="pothole-1",
                old="Our highways team will contact you within 10 working days to arrange it.",
                new="A repair crew is booked to visit within 3 working days.",
            )
        ],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[
            Rule("H1", "sentence_changed", "Reports", OLD, NEW, f"{OLD} → {NEW}"),
            Rule("H3", "sentence_added", "Reports", None, KEPT, f"added: {KEPT}"),
            Rule("H2", "sentence_added", "Reports", None, NEW_TOLD, f"with it: {NEW_TOLD}"),
        ],
        others=8,
        prompt_sections={"Reports": [NEW, NEW_TOLD, KEPT, KEPT_TOLD]},
        next_steps={KEPT: [KEPT_TOLD]},
    )


DRAIN_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for reporting the blocked drain on "
    "{{ticket.custom_field_street}}. We've logged it as report {{ticket.id}}, and our highways "
    "team will contact you within 10 working days to arrange a repair.\n\nKind regards,\n"
    "{{current_user.first_name}}"
)
POTHOLE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for reporting the problem on "
    "{{ticket.custom_field_street}}. We've logged it as report {{ticket.id}}, and our highways "
    "team will contact you within 10 working days to arrange a repair.\n\nKind regards,\n"
    "{{current_user.first_name}}"
)
ARTICLE = (
    "# Reporting a street problem\n\nWe look after the roads and pavements in the borough. If "
    "you spot a broken streetlight, pothole or blocked drain, tell us online, and our highways "
    "team will contact you within 10 working days to arrange a repair.\n\n## What happens next"
    "\n\n1. You report the problem with its location.\n2. Our highways team contacts you within "
    "10 working days to arrange a repair.\n3. The repair is done at no cost to you.\n"
)


def _item(key: str, title: str, body: str, kind: str = "macro", fmt: str = "text") -> KnowledgeItem:
    return KnowledgeItem(kind, key, title, body, fmt, "kb", "m")  # type: ignore[arg-type]


def _edited(item: KnowledgeItem) -> str | None:
    facts = _facts()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    return TemplateDrafter().edit(facts, impact).new_body


def test_the_categories_each_sentence_names_and_what_each_is_told_are_read() -> None:
    action = category_action(_facts())
    assert action is not None
    assert action.changed == "broken streetlight or pothole"
    assert action.others == "blocked drain"
    assert action.told == "A repair crew is booked to visit within 3 working days."
    assert "within 10 working days" in action.kept_told


def test_an_item_about_the_kept_categories_alone_is_no_conflict() -> None:
    facts = _facts()
    drain = _item("1", "Reports::Blocked drain reported", DRAIN_MACRO)
    assert kept_action_item(facts, drain.title, DRAIN_MACRO)
    assert [i for i in rank_items(facts, KnowledgeBase([drain])) if i.affected] == []
    assert not kept_action_item(facts, "Reports::Pothole or drain", DRAIN_MACRO)


def test_an_item_about_a_changed_category_alone_says_the_new_told_clause() -> None:
    new_body = _edited(_item("2", "Reports::Pothole reported", POTHOLE_MACRO))
    assert new_body == POTHOLE_MACRO.replace(
        "our highways team will contact you within 10 working days to arrange a repair",
        "a repair crew is booked to visit within 3 working days",
    )


def test_an_item_about_every_category_says_which_gets_which() -> None:
    new_body = _edited(_item("3", "Reporting a street problem", ARTICLE, "article", "markdown"))
    assert new_body is not None
    # "tell us online" still holds for every kind: the list stays, each told clause follows
    assert (
        "If you spot a broken streetlight, pothole or blocked drain, tell us online. For a "
        "blocked drain, our highways team will contact you within 10 working days to arrange a "
        "repair. For a broken streetlight or pothole, a repair crew is booked to visit within 3 "
        "working days.\n"
    ) in new_body
    assert (
        "\n2. For a broken streetlight or pothole, a repair crew is booked to visit within 3 "
        "working days. For a blocked drain, our highways team contacts you within 10 working "
        "days to arrange a repair.\n3. The repair is done at no cost to you.\n"
    ) in new_body
    assert new_body.startswith(
        "# Reporting a street problem\n\nWe look after the roads and pavements in the borough. "
    )
    assert "1. You report the problem with its location.\n" in new_body


def _macro(sentence: str, title: str = "Reports::Street problem") -> KnowledgeItem:
    return _item("9", title, f"Hi {{{{ticket.requester.first_name}}}},\n\n{sentence}\n\nThanks")


def test_a_list_only_the_condition_names_is_narrowed_to_the_kept_categories() -> None:
    new_body = _edited(
        _macro(
            "When you report a broken streetlight, pothole or blocked drain, our highways team "
            "will contact you within 10 working days."
        )
    )
    assert new_body is not None
    assert (
        "When you report a blocked drain, our highways team will contact you within 10 working "
        "days. For a broken streetlight or pothole, a repair crew is booked to visit within 3 "
        "working days.\n"
    ) in new_body


def test_a_question_or_a_lists_opening_is_left_to_a_writer() -> None:
    for stop in ("?", ":"):
        asked = _macro(
            "When you report a broken streetlight, pothole or blocked drain, our highways team "
            f"will contact you within 10 working days{stop}"
        )
        assert _edited(asked) is None
        alone = POTHOLE_MACRO.replace("arrange a repair.", f"arrange a repair{stop}")
        assert _edited(_item("2", "Reports::Pothole reported", alone)) is None


def test_a_clause_after_the_old_time_is_never_dropped() -> None:
    more = POTHOLE_MACRO.replace(
        "arrange a repair.", "arrange a repair, so please keep your phone on."
    )
    assert _edited(_item("2", "Reports::Pothole reported", more)) is None


def test_a_drafting_model_is_told_which_categories_get_which_and_checked() -> None:
    facts = _facts()
    told = next(fact for fact in draft_facts(facts) if "replaced only for" in fact)
    assert "broken streetlight or pothole" in told and "blocked drain" in told
    assert "within 3 working days" in told and "within 10 working days" in told
    template_body = _edited(
        _item("3", "Reporting a street problem", ARTICLE, "article", "markdown")
    )
    assert template_body is not None
    assert told_for_wrong_categories(facts, [], ARTICLE, template_body, "markdown") == []
    wrong = (
        "If you spot a broken streetlight, pothole or blocked drain, a repair crew is booked to "
        "visit within 3 working days. For a pothole, our highways team will contact you within "
        "10 working days. For a blocked drain, a repair crew visits within 3 working days."
    )
    assert told_for_wrong_categories(facts, [], ARTICLE, wrong, "markdown") == [
        "If you spot a broken streetlight, pothole or blocked drain, a repair crew is booked to "
        "visit within 3 working days.",
        "For a pothole, our highways team will contact you within 10 working days.",
        "For a blocked drain, a repair crew visits within 3 working days.",
    ]


def test_a_sentence_kept_for_the_others_keeps_every_word_after_the_time() -> None:
    step = "2. Our highways team contacts you within 10 working days to arrange a repair"
    article = ARTICLE.replace(step, f"{step} at a time that suits you")
    new_body = _edited(_item("3", "Reporting a street problem", article, "article", "markdown"))
    assert new_body is not None
    assert (
        "\n2. For a broken streetlight or pothole, a repair crew is booked to visit within 3 "
        "working days. For a blocked drain, our highways team contacts you within 10 working "
        "days to arrange a repair at a time that suits you.\n"
    ) in new_body


def test_a_flag_that_only_labels_a_tag_does_not_silence_the_rule() -> None:
    """Detection may state a flag beside the category when a tag labels it (`tag_label`): it
    restates the tag, so the rule still reads one category atom."""
    facts = _facts()
    condition = facts.conditions[0].to_dict()
    label = {"feature": "has_reference", "op": "=", "value": False, "tag_label": True}
    condition["atoms"] = [*condition["atoms"], label]
    facts.conditions = [Condition.from_dict(condition)]
    assert category_action(facts) is not None
    condition["atoms"][-1] = {"feature": "has_reference", "op": "=", "value": False}
    unlabelled = _facts()  # new facts: the rule's reading is kept per facts
    unlabelled.conditions = [Condition.from_dict(condition)]
    assert category_action(unlabelled) is None  # a flag of its own is a second rule atom

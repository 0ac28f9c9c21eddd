"""A set of days said another way is the same set, found and rewritten in the item's own way
of saying it (`detect/wordamounts.DAY_SETS`), and a number in words is its digits where a
KB sentence is read against the prompt's kept rules (`wordamounts.numbers_said`).

Made-up agents in other domains than the scenarios: a dog groomer whose grooming days shrink
from Tuesday to Sunday to Tuesday to Saturday (the KB: a macro "any day except Monday, Sundays
included", an article's "six days a week", a table row "Tue–Sun"; traps: the shop open
Tuesday to Sunday, six days a week, and a pack of six treats), a library van whose visits
grow from Monday to Thursday to Monday to Friday (a Q&A answer "4 days a week", a list item
"every day except Friday, Saturday and Sunday"), a change the reader cannot say (visits on
three listed days) that nothing touches, and a tool library whose cap of six tools a visit
(said "up to six tools") sits in a sentence beside the kept booking deadline."""

from __future__ import annotations

from behaviordiff.detect.wordamounts import (
    day_set_in_words,
    day_set_written_like,
    day_sets_said,
    numbers_said,
    read_day_set,
)
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.promptrule import restates_kept_rule
from behaviordiff.drafting.rules import rule_moves, where_stated
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, moved_facts

GROOM_OLD = "Our groomers work Tuesday to Sunday, from 9am to 5pm, by appointment."
GROOM_NEW = "Our groomers work Tuesday to Saturday, from 9am to 5pm, by appointment."
SHOP = "The shop is open Tuesday to Sunday, 9am to 6pm."

GROOM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking. We can groom {{ticket.custom_field_"
    "dog_name}} any day except Monday, Sundays included, from 9am to 5pm. Just pick a time that "
    "suits you.\n\nBest,\nWaggy Tails"
)
GROOM_ARTICLE = (
    "# Grooming at Waggy Tails\n\nOur groomers work six days a week, from 9am to 5pm, by "
    "appointment. Every groom ends with a pack of six treats to take home.\n\nThe shop is open "
    "six days a week too, for food, leads and toys.\n"
)
GROOM_TABLE = (
    "# When we're open\n\n| Service | Days | Hours |\n|---|---|---|\n"
    "| Grooming | Tue–Sun | 9am–5pm |\n| Shop | Tue–Sun | 9am–6pm |\n"
)
SHOP_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nOur shop is open Tuesday to Sunday, so pop in any "
    "time for food and toys.\n\nBest,\nWaggy Tails"
)


def _groom_facts():  # type: ignore[no-untyped-def]
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Grooming", GROOM_OLD, GROOM_NEW, "…")],
        [
            {"feature": "groom_day", "op": "in", "value": ["sunday"]},
            {"feature": "tag:grooming", "op": "tag"},
        ],
        title="no longer calls book_groom",
    )
    facts.prompt_sections = {"Grooming": [GROOM_NEW], "Shop": [SHOP]}
    return facts


def _edits(facts, items):  # type: ignore[no-untyped-def]
    ranked = rank_items(facts, KnowledgeBase(items=items, sources=[]))
    drafter = TemplateDrafter()
    return {impact.item.key: drafter.edit(facts, impact) for impact in ranked if impact.affected}


def test_reader_reads_each_way_of_saying_a_set_of_days() -> None:
    monday_to_saturday = read_day_set("Monday to Saturday")
    assert monday_to_saturday is not None
    for text, said in [
        ("open Mon–Sat", "Mon–Sat"),
        (
            "any day except Sunday, including Saturdays, from 8am",
            "any day except Sunday, including Saturdays",
        ),
        ("We work six days a week.", "six days a week"),
        ("We work 6 days per week.", "6 days per week"),
        ("every day of the week apart from Sundays", "every day of the week apart from Sundays"),
    ]:
        found = day_set_in_words("Monday to Saturday", text)
        assert [m.group(0) for m in found] == [said], text
    # another set, and days that name no set, are not it
    assert day_set_in_words("Monday to Saturday", "open Monday to Friday") == []
    assert day_set_in_words("Monday to Saturday", "closed on Sunday") == []
    assert day_set_in_words("Monday to Saturday", "a course of six sessions") == []
    assert day_sets_said("Sunday lunch, Monday's menu") == []


def test_writer_says_the_new_set_in_the_old_form() -> None:
    def written(text: str, new: str) -> str | None:
        ((found, _),) = day_sets_said(text)
        return day_set_written_like(new, found)

    assert written("Mon–Sat", "Monday to Friday") == "Mon–Fri"
    assert written("Tuesday - Sunday", "Tuesday to Saturday") == "Tuesday - Saturday"
    assert written("six days a week", "Monday to Friday") == "five days a week"
    assert written("Six days a week", "Monday to Friday") == "Five days a week"
    assert written("4 days a week", "Monday to Friday") == "5 days a week"
    # every day but some: the new span where the days run on, the aside of a dropped day gone
    assert written("on any day except Sunday, including Saturdays", "Monday to Friday") == (
        "Monday to Friday"
    )
    # an aside naming a day the new set keeps stays
    assert written("any day except Sunday, Saturdays included", "Monday to Saturday") == (
        "Monday to Saturday, Saturdays included"
    )
    # days left out that do not run on are named
    assert (
        written("every day except Sunday", "Tuesday to Saturday")
        == ("every day except Sunday and Monday")
        or written("every day except Sunday", "Tuesday to Saturday") == "Tuesday to Saturday"
    )
    assert written("on weekdays", "Monday to Friday") == "on weekdays"


def test_groomer_days_rewritten_in_each_items_form_traps_kept() -> None:
    facts = _groom_facts()
    assert [(m.old, m.new) for m in facts.moves] == [("Tuesday to Sunday", "Tuesday to Saturday")]
    items = [
        kb_item("1", GROOM_MACRO, kind="macro", title="Grooming::Booking a groom"),
        kb_item("1", GROOM_ARTICLE, title="Grooming at Waggy Tails"),
        kb_item("2", GROOM_TABLE, title="When we're open"),
        kb_item("2", SHOP_MACRO, kind="macro", title="Shop::Opening days"),
    ]
    edits = _edits(facts, items)
    macro = edits["macro:1"].new_body
    assert macro is not None
    assert "any day except Monday" not in macro and "Sundays included" not in macro
    assert "Tuesday to Saturday, from 9am to 5pm" in macro
    assert "Just pick a time that suits you." in macro
    article = edits["article:1"].new_body
    assert article is not None
    assert "Our groomers work five days a week, from 9am to 5pm" in article
    # the shop's six days and the six treats: another topic, another number, byte for byte
    assert "The shop is open\nsix days a week too" in article or (
        "The shop is open six days a week too" in article
    )
    assert "a pack of six treats" in article
    table = edits["article:2"].new_body
    assert table is not None
    assert "| Grooming | Tue–Sat | 9am–5pm |" in table
    assert "| Shop | Tue–Sun | 9am–6pm |" in table
    # the shop's own macro is untouched
    assert "macro:2" not in edits or edits["macro:2"].new_body in (None, SHOP_MACRO)


VAN_OLD = "The library van visits villages Monday to Thursday, 10am to 3pm."
VAN_NEW = "The library van visits villages Monday to Friday, 10am to 3pm."
VAN_FAQ = (
    "# The library van\n\n**Q: How often does the van come out?**\nA: 4 days a week, 10am to 3pm, "
    "around the villages on its route.\n\n**Q: Can I return books to the van?**\nA: Yes, any "
    "book from any of our libraries.\n"
)
VAN_LIST = (
    "# Van timetable\n\nGood to know:\n\n- The van visits each village every day except Friday, "
    "Saturday and Sunday\n- Each stop lasts 40 minutes\n"
)


def test_library_van_days_grow_in_digits_and_in_a_list_item() -> None:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Library van", VAN_OLD, VAN_NEW, "…")],
        [
            {"feature": "visit_day", "op": "=", "value": "friday"},
            {"feature": "tag:van", "op": "tag"},
        ],
        title="now calls book_van_visit",
    )
    facts.prompt_sections = {"Library van": [VAN_NEW]}
    assert [(m.old, m.new) for m in facts.moves] == [("Monday to Thursday", "Monday to Friday")]
    assert facts.explained_by_moves
    edits = _edits(
        facts,
        [
            kb_item("1", VAN_FAQ, title="The library van"),
            kb_item("2", VAN_LIST, title="Van timetable"),
        ],
    )
    faq = edits["article:1"].new_body
    assert faq is not None and "A: 5 days a week, 10am to 3pm" in faq
    assert "any book from any of our libraries" in faq
    listed = edits["article:2"].new_body
    assert listed is not None
    assert "- The van visits each village Monday to Friday\n" in listed
    assert "- Each stop lasts 40 minutes\n" in listed


def test_days_the_reader_cannot_say_move_nothing() -> None:
    rule = Rule(
        "H1",
        "sentence_changed",
        "Classes",
        "Yoga classes run Monday to Friday at 7pm.",
        "Yoga classes run on Mondays, Wednesdays and Fridays at 7pm.",
        "…",
    )
    assert rule_moves([rule]) == []
    # a set of days on both sides that is the same set is no move either
    same = Rule("H2", "sentence_changed", "Classes", "Open Mon–Fri.", "Open Monday to Friday.", "…")
    assert rule_moves([same]) == []
    # a value that is no set of days is read as before
    assert [m.group(0) for m in where_stated("5", "up to five books")] == ["five"]


TOOL_OLD = "Members may borrow up to 6 tools for each visit."
TOOL_NEW = "Members may borrow up to 4 tools for each visit."
DEADLINE = "Bookings must reach us by noon the day before, with 2 days' notice for big tools."


def test_kept_rule_compare_reads_numbers_in_words() -> None:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Borrowing", TOOL_OLD, TOOL_NEW, "…")],
        [{"feature": "tools_requested", "op": ">", "value": 4}],
    )
    facts.prompt_sections = {"Borrowing": [TOOL_NEW, DEADLINE]}
    kept = restates_kept_rule(facts)
    assert kept is not None
    # the cap said in words beside the kept deadline: the change's sentence, not the kept rule's
    assert not kept(
        "Next time you can borrow up to six tools for each day you come in, as long as your "
        "booking reaches us by noon the day before, with 2 days' notice for big tools."
    )
    # the kept deadline alone, its number in words or digits, is the kept rule's
    assert kept(
        "Bookings must reach us by noon the day before, with two days' notice for big tools."
    )
    assert numbers_said("up to six tools, 2 days, seventy-five pounds, one of us") == {
        "6",
        "2",
        "75",
    }

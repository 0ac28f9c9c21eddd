"""A list item labelled by what a call handles ("- Parcel: first class, …") that gives the
old value of an argument the new agent no longer passes the same call describes the old call,
though it leaves the call's verb unsaid.

Made-up agent: a bookshop that posted every order first class with `send_parcel`
(service "first_class"); now orders over 2 kg go by courier, still with `send_parcel`."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ActionFact, ChangeFacts
from behaviordiff.drafting.impact import sentence_conflict
from behaviordiff.drafting.labelledcall import labelled_old_value


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="send_parcel service first_class → courier",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        conditions=[
            Condition.from_dict(
                {
                    "text": "weight_kg > 2",
                    "atoms": [{"feature": "weight_kg", "op": ">", "value": 2}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        before_actions=[ActionFact("send_parcel", (("service", "first_class"),))],
        after_actions=[ActionFact("send_parcel")],
    )


def test_a_labelled_item_giving_the_old_value_describes_the_old_call() -> None:
    item = "- Parcel: first class on the day you order, tracked to your door"
    assert sentence_conflict(_facts(), item)


def test_a_labelled_item_on_another_value_does_not() -> None:
    assert not sentence_conflict(_facts(), "- Parcel: wrapped in recycled paper")


def test_the_label_must_say_the_name_s_words_and_no_others() -> None:
    said = {"parcel"}
    name = {"send", "parcel"}
    assert labelled_old_value("- Parcel: first class", name, said, ["first_class"])
    assert not labelled_old_value("First class: a parcel", name, said, ["first_class"])
    assert not labelled_old_value("- Parcel first class", name, said, ["first_class"])
    # a label on something more than the call's topic ("Parcel returns") is another topic
    assert not labelled_old_value("- Parcel returns: first class", name, said, ["first_class"])


def test_a_call_the_new_agent_no_longer_makes_is_not_read_so() -> None:
    # only a call still made with another argument: its old value is what moved
    facts = replace(_facts(), after_actions=[ActionFact("book_courier")])
    assert not sentence_conflict(facts, "- Parcel: first class on the day you order")


def test_the_old_value_must_open_the_items_first_clause() -> None:
    # the old value's word said of something else further on is not the call's argument
    name, said = {"send", "parcel"}, {"parcel"}
    assert labelled_old_value("- Parcel: by first class, same day", name, said, ["first_class"])
    assert not labelled_old_value(
        "- Parcel: the first class stamps are at the till", name, said, ["first_class"]
    )
    assert not labelled_old_value(
        "- Parcel: wrapped in paper; first class on request", name, said, ["first_class"]
    )
    assert not sentence_conflict(_facts(), "- Parcel: first class stamps are sold at the till")

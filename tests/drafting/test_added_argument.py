"""A change that only adds an argument to a call the agent already makes: customers hiring two
or more bikes now get a free helmet fitting (`book_hire` with `helmet_fitting true`). Nothing
is taken away, so KB sentences that hold "on any bike" or name the booking stay true, whatever
words ("free", "fitting") they share with the new rule; the note names no item to update."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.addedarg import adds_only, extends, still_made
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items, sentence_conflict
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

NEW_RULE = (
    "When a customer hires two or more bikes, the hire includes a free helmet fitting: set "
    "`helmet_fitting` to true on `book_hire` and tell them we'll fit their helmets while the "
    "bikes are with us, at no extra charge."
)
OLD = ActionFact("book_hire", (("shop", "harbour"),))
NEW = ActionFact("book_hire", (("shop", "harbour"), ("helmet_fitting", "true")))
ANY_BIKE = "Lock repairs are free on any bike you hired from us, and £8 on bikes from elsewhere."
ANY_SHOP = "Drop in to any of our shops for a free check of your tyres and brakes."
BOOKED = "Hiring the stored bikes again is booked like any other hire."


def _facts(after: ActionFact = NEW) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls book_hire with helmet_fitting",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["hire-2", "hire-3"],
        before_actions=[OLD],
        after_actions=[after],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "bike_count", "op": ">=", "value": 2}]})
        ],
        rules=[Rule("H1", "sentence_added", "Hires", None, NEW_RULE, "sentence added")],
        excerpts=[
            Excerpt(
                probe_id="hire-2", old="Booked 2 bikes.", new="Booked 2 bikes, helmets fitted."
            ),
            Excerpt(
                probe_id="hire-3", old="Booked 3 bikes.", new="Booked 3 bikes, helmets fitted."
            ),
        ],
        others=4,
    )


def test_an_argument_added_and_none_changed_only_adds() -> None:
    assert extends(OLD, NEW)
    assert not extends(OLD, OLD)
    # an old argument given another value is a change, not an addition
    assert not extends(OLD, ActionFact("book_hire", (("shop", "station"), ("x", "1"))))
    assert not extends(OLD, ActionFact("book_repair", NEW.arguments))
    facts = _facts()
    assert adds_only(facts) and still_made(facts, OLD)
    changed = _facts(ActionFact("book_hire", (("shop", "station"), ("helmet_fitting", "true"))))
    assert not adds_only(changed) and not still_made(changed, OLD)
    # something the old replies said and the new ones do not: not only an addition
    assert not adds_only(replace(facts, escalation="removed"))


def test_sentences_sharing_words_with_an_addition_do_not_conflict() -> None:
    facts = _facts()
    for sentence in (ANY_BIKE, ANY_SHOP, BOOKED):
        assert sentence_conflict(facts, sentence) == (), sentence
    # the same rule replacing an old argument's value still makes "any" claims suspect
    changed = _facts(ActionFact("book_hire", (("shop", "station"), ("helmet_fitting", "true"))))
    assert any("every case" in reason for reason in sentence_conflict(changed, BOOKED))


def test_an_addition_gets_a_note_naming_no_item() -> None:
    facts = _facts()
    kb = KnowledgeBase(
        [
            KnowledgeItem(
                "macro", "1", "Repairs::Locks", f"Hi,\n\n{ANY_BIKE}\n\nThanks", "text", "kb", "m"
            ),
            KnowledgeItem(
                "macro", "2", "Checks::Free", f"Hi,\n\n{ANY_SHOP}\n\nThanks", "text", "kb", "m"
            ),
            KnowledgeItem(
                "article", "3", "Storage", f"# Storage\n\n{BOOKED}\n", "markdown", "kb", "a"
            ),
        ]
    )
    impacts = rank_items(facts, kb)
    assert not [impact.item.key for impact in impacts if impact.affected]
    note = TemplateDrafter().note(facts, impacts, None)
    assert not any("Update" in action for action in note.cs_actions)


def test_an_addition_is_titled_by_what_the_call_now_does() -> None:
    title = TemplateDrafter().note(_facts(), [], None).title
    assert title.startswith("Book hire with helmet fitting for ")
    assert "instead of" not in title
    # an old argument given another value keeps the "instead of" title
    changed = _facts(ActionFact("book_hire", (("shop", "station"), ("helmet_fitting", "true"))))
    assert "instead of" in TemplateDrafter().note(changed, [], None).title


def test_an_addition_says_the_call_was_made_before_without_it() -> None:
    after = TemplateDrafter().note(_facts(), [], None).after
    assert "before, it made the same call without helmet fitting" in after
    assert "instead of the old handling" not in after

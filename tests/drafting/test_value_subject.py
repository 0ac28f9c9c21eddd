"""A moved time frame and the same frame promised for another subject: a museum that closes an
exhibition now tells the visitor the deposit goes back "within 72 hours" (it was "within 10
working days"). The changed prompt sentence has no head of its own and the change no topic
tag: its section ("Closed exhibitions") says what it is about. A KB sentence stating the old
frame about the deposit of a closed exhibition is rewritten, also when it says it in other
words ("Allow up to 10 working days for the deposit to show"); the same frame promised for
lost property ("we'll write to you within 10 working days, whether or not they find it"), or
said of another deposit (the locker's), is left alone, and the note does not name those
items."""

from __future__ import annotations

from behaviordiff.detect.model import Excerpt
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rule_moves, value_subject
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "Tell the visitor the deposit goes back to the card they paid with within 10 working days."
NEW = "Tell the visitor the deposit goes back to the card they paid with within 72 hours."

CLOSED = (
    "Hi {{ticket.requester.first_name}},\n\nWe're sorry we had to close the exhibition you "
    "booked.\n\nWe've cancelled your visit. Allow up to 10 working days for the deposit to "
    "show on your statement.\n\nBest,\n{{current_user.first_name}}"
)
ARTICLE = """# Visiting

## What if you close an exhibition I booked?

We cancel your visit and tell you by email. The deposit goes back to the card you paid with
within 10 working days.
"""
LOST = """# Lost and found

Tell us what you lost. The front desk will:

- check the galleries and the cloakroom
- write to you within 10 working days, whether or not they find it
"""
LOCKER = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for handing your locker key back. Allow up "
    "to 10 working days for the locker deposit to show.\n\nBest,\n{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="reply now says 72 hours",
        kind="meaning",
        facets=["promises", "meaning"],
        probe_ids=["closed-1", "closed-2"],
        rules=[Rule("H1", "sentence_changed", "Closed exhibitions", OLD, NEW, "sentence changed")],
        excerpts=[
            Excerpt(
                probe_id="closed-1",
                old="We've cancelled your visit; the deposit goes back to your card within "
                "10 working days.",
                new="We've cancelled your visit; the deposit goes back to your card within "
                "72 hours.",
            )
        ],
        others=6,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def _kb() -> KnowledgeBase:
    def item(kind: str, key: str, title: str, body: str) -> KnowledgeItem:
        fmt = "markdown" if kind == "article" else "text"
        return KnowledgeItem(kind, key, title, body, fmt, "kb", key)

    return KnowledgeBase(
        [
            item("macro", "1", "Exhibitions::Closed by us", CLOSED),
            item("article", "2", "Visiting", ARTICLE),
            item("article", "3", "Lost and found", LOST),
            item("macro", "4", "Lockers::Key returned", LOCKER),
        ]
    )


def test_what_a_moved_value_is_about_leaves_out_the_words_that_carry_it() -> None:
    [move] = _facts().moves
    assert (move.old, move.new) == ("10 working days", "72 hours")
    subject = value_subject(move)
    assert {"deposit", "card"} <= subject
    assert not subject & {"within", "they", "tel", "tell"}


def test_the_frame_said_of_the_changed_subject_is_rewritten_and_the_others_kept() -> None:
    facts = _facts()
    affected = {i.item.key: i for i in rank_items(facts, _kb()) if i.affected}
    assert sorted(affected) == ["article:2", "macro:1"]
    [said_otherwise] = affected["macro:1"].conflicts
    assert said_otherwise.sentence.startswith("Allow up to 10 working days for the deposit")
    edit = TemplateDrafter().edit(facts, affected["macro:1"])
    assert edit.new_body == CLOSED.replace("up to 10 working days", "up to 72 hours")
    edit = TemplateDrafter().edit(facts, affected["article:2"])
    assert edit.new_body == ARTICLE.replace("within 10 working days", "within 72 hours")


def test_the_note_names_only_the_items_edited_for_the_change() -> None:
    facts = _facts()
    affected = [i for i in rank_items(facts, _kb()) if i.affected]
    actions = " ".join(TemplateDrafter().note(facts, affected, None).cs_actions)
    assert "Closed by us" in actions and "Visiting" in actions
    assert "Lost and found" not in actions and "Key returned" not in actions


def test_a_model_edit_that_moves_the_frame_of_another_subject_too_is_refused() -> None:
    from behaviordiff.drafting.drafters import other_subject_changed

    facts = _facts()
    body = ARTICLE + (
        "\n## Lost something?\n\nWe'll write to you within 10 working days, whether or not they "
        "find it.\n"
    )
    knowledge = KnowledgeBase(
        [KnowledgeItem("article", "2", "Visiting", body, "markdown", "kb", "v")]
    )
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    [conflict] = impact.conflicts
    assert conflict.sentence.startswith("The deposit goes back")
    # the template keeps the lost property sentence; a model body moving it too is refused
    template = TemplateDrafter().edit(facts, impact).new_body
    assert template == body.replace("with\nwithin 10 working days", "with\nwithin 72 hours")
    assert other_subject_changed(facts, impact, template or "") == []
    [problem] = other_subject_changed(facts, impact, body.replace("10 working days", "72 hours"))
    assert "We'll write to you within 10 working days" in problem


def test_a_sentence_naming_only_the_topic_is_not_the_moved_rule() -> None:
    """The moved sentence names the topic itself ("the exhibition deposit"): any sentence of a
    macro on closed exhibitions may name it too, so it alone does not make the catalogue's
    "within 10 working days" the deposit's time frame."""
    facts = _facts()
    old, new = (rule.replace("the deposit", "the exhibition deposit") for rule in (OLD, NEW))
    facts.rules = [Rule("H1", "sentence_changed", "Closed exhibitions", old, new, "changed")]
    facts.moves = rule_moves(facts.rules)
    macro = CLOSED.replace(
        "\n\nBest,", " Exhibition catalogues you ordered arrive in 10 working days.\n\nBest,"
    )
    knowledge = KnowledgeBase(
        [KnowledgeItem("macro", "1", "Exhibitions::Closed by us", macro, "text", "kb", "m")]
    )
    [impact] = rank_items(facts, knowledge)
    assert [c.sentence[:30] for c in impact.conflicts] == ["Allow up to 10 working days fo"]

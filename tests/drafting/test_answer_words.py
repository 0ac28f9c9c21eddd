"""An FAQ answer opening with "No." or "Yes." whose sentence the edit makes depend on the case
(an exception added, a "not" dropped) loses the answer word; a moved value alone keeps it."""

from __future__ import annotations

import asyncio

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.answerword import answer_flips, answer_words, kept_answer_words
from behaviordiff.drafting.checks import kb_text_problems
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.test_flag_case import _facts as flag_facts
from tests.drafting.test_llm_template_checks import _edit_reply, _note_json, _prompt

OLD = "## Can I bring my dog?\n\nNo. Pets aren't allowed in our cabins.\n\n## Parking\n\nYes.\n"


def test_a_bare_no_before_a_sentence_given_an_exception_goes() -> None:
    new = OLD.replace("our cabins.", "our cabins, except dogs under 10 kg.")
    body, words = answer_words(OLD, new)
    assert body == (
        "## Can I bring my dog?\n\nPets aren't allowed in our cabins, except dogs under 10 kg."
        "\n\n## Parking\n\nYes.\n"
    )
    assert words == ["No."]
    assert kept_answer_words(OLD, new) == ["No."]
    assert kept_answer_words(OLD, body) == []


def test_a_yes_or_no_opening_the_sentence_itself_stays() -> None:
    old = "Q: Do you lend kayaks?\nA: No, we don't lend kayaks to day visitors."
    new = old.replace("visitors.", "visitors unless they hold a club card.")
    assert answer_words(old, new) == (new, [])


def test_a_yes_before_a_moved_value_stays() -> None:
    old = "Can a class take 10 people? Yes. Classes take up to 12 people."
    new = old.replace("up to 12", "up to 8")
    assert answer_words(old, new) == (new, [])
    assert not answer_flips("We lend bikes.", "We lend e-bikes.")
    # a value's aside for a case says how much, not whether
    assert not answer_flips(
        "We lend bikes for 7 days.", "We lend bikes for 7 days (14 for members)."
    )
    assert answer_flips("We lend bikes.", "We lend bikes, but only to members.")
    assert answer_flips("We don't ship abroad.", "We ship to the EU.")


FAQ = (
    "# Late parcels\n\n## Do you send a new parcel when one is late?\n\nNo. We never send "
    "replacement parcels for late deliveries. Credits show in your account.\n\n"
    "## Can I change the address?\n\nYes. You can change the address until it ships.\n"
)


def _impact(body: str, body_format: str = "markdown") -> tuple[ChangeFacts, Impact]:
    facts = flag_facts()
    item = KnowledgeItem("article", "1", "Late parcels", body, body_format, "kb", "a")
    [impact] = [each for each in rank_items(facts, KnowledgeBase([item])) if each.affected]
    return facts, impact


def test_the_template_drops_a_no_its_exception_makes_untrue() -> None:
    facts, impact = _impact(FAQ)
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert (
        "when one is late?\n\nWe never send replacement parcels for late deliveries, except "
        in (edit.new_body)
    )
    # the other answer's "Yes." is no sentence the edit rewrote
    assert "## Can I change the address?\n\nYes. You can change" in edit.new_body
    assert "drops the answer “No.”" in edit.rationale


def test_an_edit_keeping_the_no_is_refused_by_the_checks() -> None:
    facts, impact = _impact(FAQ)
    kept = FAQ.replace("late deliveries.", "late deliveries, except parcels damaged in transit.")
    problems = kb_text_problems(facts, impact, kept)
    assert any("keeps the answer “No.”" in problem for problem in problems)
    assert not any("keeps the answer" in p for p in kb_text_problems(facts, impact, FAQ))


def test_a_drafting_model_keeping_the_no_is_told_and_refused() -> None:
    facts, impact = _impact(FAQ)
    kept = FAQ.replace("late deliveries.", "late deliveries, except parcels damaged in transit.")
    template = TemplateDrafter()
    note = template.note(facts, [impact], None)
    model = FakeChatModel(
        [_note_json(note), _edit_reply(kept), _edit_reply(kept), _edit_reply(kept)],
        default=None,
    )
    drafter = LLMDrafter(model, "fake")
    grounding = Grounding([facts.corpus(), FAQ, note.text()])
    drafted = asyncio.run(drafter.draft(facts, [impact], grounding, None))
    [edit] = drafted.edits
    assert "drop it (the rewritten" in _prompt(model.requests[1])
    # the model's edit is not taken as it is: the template's, without the "No.", is
    assert edit.new_body != kept
    assert any("keeps the answer “No.”" in fell["reason"] for fell in drafted.fallbacks)

"""An FAQ question and its answer read as one statement (`drafting.qapair`), in made-up
domains: a ferry that no longer takes bicycles (a thing withdrawn for everyone, a Markdown
heading over "Yes."), a bike workshop whose services now need booking (a requirement added,
a bold question over "No."), a spa that now charges a weekend supplement ("Q: … A: No."), a
club that no longer takes cheques (a question sentence in a paragraph, "Yes," with its
reason). Each answer is said the new way; the question, the other Q&As (even one sharing a
word: the dog on the ferry, the puncture repair still walk-in) stay byte for byte; a change
for a band of a number, an answer already right and a question asked with a denial are
left alone."""

from __future__ import annotations

from typing import Any

import pytest

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.qapair import QA, qa_pairs, stating_pairs, turned_terms
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem


def _facts(
    rules: list[tuple[str, str]],
    others: tuple[str, ...] = (),
    atoms: list[dict[str, object]] | None = None,
) -> ChangeFacts:
    """A change C1 on three probes (of 13) with the prompt `rules` (old, new) and the new
    prompt's `others` sentences, under a topic tag (or `atoms`)."""
    condition = Condition.from_dict(
        {
            "text": "condition",
            "atoms": atoms or [{"feature": "tag:topic", "op": "tag"}],
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 10},
        }
    )
    return ChangeFacts(
        id="C1",
        title="changed",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[condition],
        rules=[
            Rule(f"H{at}", "sentence_changed", "Rules", old, new, "…")
            for at, (old, new) in enumerate(rules, start=1)
        ],
        excerpts=[Excerpt(probe_id="p1", old="Yes, of course.", new="Sorry, not any more.")],
        others=10,
        prompt_sections={"Rules": [new for _, new in rules] + list(others)},
    )


def _edited(facts: ChangeFacts, body: str, kind: str = "article") -> str | None:
    item = KnowledgeItem(kind, "1", "Questions", body, "markdown", "kb", "a")
    found = [i for i in rank_items(facts, KnowledgeBase([item])) if i.conflicts]
    if not found:
        return None
    return TemplateDrafter().edit(facts, found[0]).new_body


FERRY = _facts(
    [
        (
            "Foot passengers can take bicycles on every crossing, free of charge.",
            "We no longer take bicycles on board.",
        ),
        ("", "Bicycles can be left in the covered racks at the terminal, free of charge."),
    ],
    others=("Dogs travel free on every crossing.",),
)
FERRY_FAQ = (
    "# Ferry questions\n\n## Can I take my bicycle on the ferry?\n\nYes. Wheel it on at the car "
    "deck and a crew member will show you where to\nleave it.\n\n## Can I take my dog on the "
    "ferry?\n\nYes. Dogs travel free on every crossing.\n"
)


def test_a_yes_under_a_heading_is_said_no_with_what_is_offered_instead() -> None:
    assert turned_terms(FERRY).get("bicycl") is False
    said = _edited(FERRY, FERRY_FAQ)
    assert said == FERRY_FAQ.replace(
        "Yes. Wheel it on at the car deck and a crew member will show you where to\nleave it.",
        "No. We no longer take bicycles on board. Bicycles can be left in the covered racks at "
        "the terminal, free of charge.",
    )


def test_a_question_sharing_a_word_about_something_else_stays() -> None:
    # "take" turned round too, but the dog is nothing the change's sentences name
    pairs = stating_pairs(FERRY, units(FERRY_FAQ), FERRY_FAQ)
    assert [pair.question for pair in pairs] == [1]


WORKSHOP = _facts(
    [
        (
            "Bike services are walk-in: no booking is needed, just bring the bike in.",
            "Bike services are by booking only: book a slot with `book_service` and give the "
            "customer the date.",
        )
    ],
    others=("Puncture repairs are walk-in: no booking is needed.",),
)
WORKSHOP_FAQ = (
    "Hello {{ticket.requester.first_name}},\n\n**Do I need a booking for a bike service?** No. "
    "Just wheel it in and we'll take a look.\n\n**Do I need a booking for a puncture repair?** "
    "No. Just wheel it in.\n"
)


def test_a_no_on_a_bold_line_is_said_yes_with_the_new_requirement() -> None:
    said = _edited(WORKSHOP, WORKSHOP_FAQ)
    assert said is not None
    assert said.startswith(
        "Hello {{ticket.requester.first_name}},\n\n**Do I need a booking for a bike service?** "
        "Yes. Bike services are by booking only"
    )
    assert "we'll take a look" not in said
    # the puncture repair, still walk-in, shares "booking": it stays byte for byte
    assert said.endswith("**Do I need a booking for a puncture repair?** No. Just wheel it in.\n")


SPA = _facts(
    [
        (
            "Every treatment costs the same every day: there is no weekend supplement.",
            "A weekend supplement of £10 applies to treatments on Saturdays and Sundays.",
        )
    ]
)
SPA_FAQ = (
    "# Prices\n\nQ: Is there a weekend supplement?\nA: No.\n\nQ: Can I pay by card?\nA: Yes, "
    "at reception.\n"
)


def test_a_labelled_answer_keeps_its_label() -> None:
    said = _edited(SPA, SPA_FAQ)
    assert said == SPA_FAQ.replace(
        "A: No.",
        "A: Yes. A weekend supplement of £10 applies to treatments on Saturdays and Sundays.",
    )


CLUB = _facts(
    [
        (
            "We take cheques, card and bank transfer for membership fees.",
            "We no longer take cheques: we take card and bank transfer for membership fees.",
        )
    ]
)
CLUB_FAQ = (
    "Paying your membership\n\nDo you take cheques? Yes, made payable to the club.\n\n"
    "Do you take card? Yes, at the bar.\n"
)


def test_a_question_sentence_in_a_paragraph_and_its_answer() -> None:
    said = _edited(CLUB, CLUB_FAQ, kind="macro")
    assert said == CLUB_FAQ.replace(
        "Yes, made payable to the club.",
        "No. We no longer take cheques: we take card and bank transfer for membership fees.",
    )


def test_pairs_stop_at_the_next_question_heading_list_and_paragraph() -> None:
    body = (
        "## Can I park?\n\nYes. The car park is free.\n\nIt is lit at night.\n\n"
        "## Lockers?\n\n- Lockers are by the pool\n"
    )
    assert qa_pairs(units(body), body) == [QA(0, (1, 2))]


def test_a_band_of_a_number_an_answer_already_right_and_a_denied_question_stay() -> None:
    # only orders over a line lost the option: a plain "No." would be wrong for the others
    banded = _facts(
        CLUB.rules and [(r.old or "", r.new or "") for r in CLUB.rules],
        atoms=[{"feature": "fee_total", "op": ">", "value": 500}],
    )
    assert _edited(banded, CLUB_FAQ) is None
    right = CLUB_FAQ.replace("Yes, made payable to the club.", "No, sorry.")
    assert stating_pairs(CLUB, units(right), right) == []
    denied = CLUB_FAQ.replace("Do you take cheques?", "Don't you take cheques?")
    assert stating_pairs(CLUB, units(denied), denied) == []


def test_a_partial_answer_is_neither_yes_nor_no() -> None:
    partial = CLUB_FAQ.replace("Yes, made payable to the club.", "Not always, ask first.")
    assert stating_pairs(CLUB, units(partial), partial) == []


def test_an_inline_bold_question_keeps_its_markup() -> None:
    body = (
        "**Do you take cheques?** Yes — made payable to the club.\n\n"
        "**Do you take card?** Yes, at the bar.\n"
    )
    said = _edited(CLUB, body)
    assert said == body.replace(
        "Yes — made payable to the club.",
        "No. We no longer take cheques: we take card and bank transfer for membership fees.",
    )


COAL = _facts(
    [
        (
            "Drivers take card or cash on delivery.",
            "Drivers no longer take cash on delivery; they take card only.",
        )
    ]
)
POOL = _facts(
    [
        (
            "No booking is needed for lane swimming.",
            "Lane swimming is by booking only: book a slot in the app.",
        )
    ]
)


def test_a_question_naming_one_word_the_change_does_not_is_another_case() -> None:
    # the depot (a place), the sauna (another service), a booking fee (another thing, the
    # turned word only its modifier): none of them named by the change, each stays
    coal = (
        "# Paying\n\n## Do you take cash on delivery?\n\nYes. Hand it to the driver.\n\n"
        "## Do you take cash at the depot?\n\nYes. The depot counter takes cash and card.\n"
    )
    said = _edited(COAL, coal)
    assert said is not None
    assert said.endswith(
        "## Do you take cash at the depot?\n\nYes. The depot counter takes cash and card.\n"
    )
    assert [pair.question for pair in stating_pairs(COAL, units(coal), coal)] == [1]
    pool = (
        "# Swimming\n\n**Do I need to book lane swimming?** No. Just turn up.\n\n"
        "**Do I need to book for the sauna?** No. Just turn up.\n\n"
        "**Is there a booking fee?** No.\n"
    )
    said = _edited(POOL, pool)
    assert said is not None
    assert "**Do I need to book lane swimming?** Yes. Lane swimming is by booking only" in said
    assert "Just turn up.\n\n**Do I need to book for the sauna?**" not in said
    assert said.endswith(
        "**Do I need to book for the sauna?** No. Just turn up.\n\n"
        "**Is there a booking fee?** No.\n"
    )


def test_an_answer_keeps_its_sentences_stating_other_facts() -> None:
    faq = (
        "# Paying\n\n## Do you take cash on delivery?\n\nYes. Hand it to the driver. "
        "We email a receipt the same day, and prices include VAT.\n"
    )
    said = _edited(COAL, faq)
    assert said == faq.replace(
        "Yes. Hand it to the driver.",
        "No. Drivers no longer take cash on delivery; they take card only.",
    )


def test_an_faq_of_many_repeated_questions_answers_each_question_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a hostile FAQ of one question asked 1,600 times: the answer is worked out once per
    # question (what kept it linear), every copy rewritten
    from behaviordiff.drafting import qapair

    calls = {"new_answer": 0, "turned_terms": 0}
    real_answer, real_turned = qapair.new_answer, qapair.turned_terms

    def counted_answer(*args: Any, **kwargs: Any) -> Any:
        calls["new_answer"] += 1
        return real_answer(*args, **kwargs)

    def counted_turned(*args: Any, **kwargs: Any) -> Any:
        calls["turned_terms"] += 1
        return real_turned(*args, **kwargs)

    monkeypatch.setattr(qapair, "new_answer", counted_answer)
    monkeypatch.setattr(qapair, "turned_terms", counted_turned)
    faq = "# Ferry questions\n\n" + (
        "## Can I take my bicycle on the ferry?\n\nYes. Wheel it on at the car deck.\n\n" * 1600
    )
    found = qapair.qa_rewrite(FERRY, faq, "markdown")
    assert found is not None and len(found[1]) == 1600
    assert calls["new_answer"] == 1
    assert calls["turned_terms"] <= 2


def test_a_clause_whose_subject_was_the_tool_is_not_said() -> None:
    # the prompt's tool (in code) is gone from the KB's voice, and so is "it returns"
    clinic = _facts(
        [
            (
                "Eye tests are walk-in: no appointment is needed.",
                "Eye tests are by appointment only. Book a slot with `book_test` and give the "
                "patient the date and time it returns.",
            )
        ]
    )
    faq = "# Questions\n\n## Do I need an appointment for an eye test?\n\nNo. Just come in.\n"
    said = _edited(clinic, faq)
    assert said is not None
    assert "Yes. Eye tests are by appointment only." in said
    assert "it returns" not in said
    assert "the date and time." in said

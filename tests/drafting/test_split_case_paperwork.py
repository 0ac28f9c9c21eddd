"""Paperwork a new prompt now asks of one band, where the old one booked every case at once
(made-up agents, no scenario's text): a trampoline park booked every jump session straight
away "whatever the jumper's age"; now a jumper under 16 is not booked until a parent or carer
has signed the waiver it emails, and jumpers aged 16 or over are booked as before. KB text
saying there is nothing to sign ("You don't have to sign any forms beforehand.", "No one has
to sign anything before you jump.", "There are no forms for a parent or carer to fill in.")
no longer holds for the band and gives way to its handling; a claim that the band is handled
"exactly as we do for adults" and every cell of a row saying "at any age" are the old rule
for every case too. A sentence about the safety sheet everyone signs on the day, and a denial
of paperwork in an item on another topic, stay. A drafting model's edit that keeps the
denial is held to it."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import still_conflicting
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.splitcase import (
    DENIED_STEP_REASON,
    SPLIT_CASE_REASON,
    case_splits,
    denies_paperwork,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    "Book the session straight away with `book_jump` for the time asked for, whatever the "
    "jumper's age, and confirm it."
)
BAND = (
    "If the jumper is under 16, do not book yet: email the waiver to their parent or carer "
    "with `send_waiver` and explain that the session is booked with `book_jump` only once the "
    "waiver comes back signed."
)
KEPT = (
    "Jumpers aged 16 or over: book the session straight away with `book_jump` for the time "
    "asked for, and confirm it."
)
SAID = "Yes, you can book even if you're under sixteen, and we'll confirm your session straight away, just as we would for an adult."  # noqa: E501
DENIED = "You don't have to sign any forms beforehand."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your message! "
    f"{SAID} {DENIED}\n\nSee you soon,\nBounce Barn"
)
ROW = "| Session confirmed | At once, at any age | At once, at any age |"
SAME = "Yes, and we confirm their session straight away, exactly as we do for adults."
NO_ONE = "No one has to sign anything before you jump."
SHEET = "Every jumper signs our safety sheet at the desk on the day."
ARTICLE = f"""# Booking a session

## At a glance

| | Open jump | Toddler hour |
|---|---|---|
| One hour | £12 | £8 |
{ROW}

## Can under-16s book?

{SAME} {NO_ONE} {SHEET}
"""
VOUCHERS = """# Gift vouchers

Vouchers last a year. There are no forms to fill in: just give the code at the desk.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="send_waiver instead of book_jump",
        kind="actions",
        facets=["actions"],
        probe_ids=["young-1", "young-2"],
        before_actions=[ActionFact("book_jump")],
        after_actions=[ActionFact("send_waiver")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "jumper_age", "op": "<", "value": 16},
                        {"feature": "tag:booking", "op": "tag"},
                    ]
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Booking a session", OLD, f"{BAND} {KEPT}", "c")],
        others=5,
        prompt_sections={"Booking a session": [BAND, KEPT]},
    )


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    items = [
        KnowledgeItem("macro", "1", "Bookings::Under 16s", MACRO, "text", "kb", "m"),
        KnowledgeItem("article", "2", "Booking a session", ARTICLE, "markdown", "kb", "a"),
        KnowledgeItem("article", "3", "Gift vouchers", VOUCHERS, "markdown", "kb", "v"),
    ]
    return {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}


def test_denials_of_paperwork_are_read_in_several_phrasings() -> None:
    for said in (
        DENIED,
        NO_ONE,
        "There are no forms for a parent or carer to fill in.",
        "Nobody needs to sign anything for you in advance.",
        "There's no paperwork for a guardian to sign beforehand.",
    ):
        assert denies_paperwork(said), said
    for said in (
        SHEET,
        "You'll sign the register at the desk.",
        "If you're under 16, there's nothing to sign until we email you.",
        "No refunds once the session has started.",
    ):
        assert not denies_paperwork(said), said


def test_the_band_now_asking_paperwork_marks_the_denials_and_every_case_claims() -> None:
    facts = _facts()
    [split] = case_splits(facts)
    assert "waiver" in split.said
    impacts = _impacts(facts)
    assert "article:3" not in impacts
    macro = {c.sentence: c.reasons for c in impacts["macro:1"].conflicts}
    assert DENIED_STEP_REASON in macro[DENIED]
    article = {c.sentence: c.reasons for c in impacts["article:2"].conflicts}
    for sentence in (ROW, SAME, NO_ONE):
        assert SPLIT_CASE_REASON in article[sentence], sentence
    assert SHEET not in article


def test_the_edits_say_the_band_s_paperwork_instead_of_the_denials() -> None:
    facts = _facts()
    impacts = _impacts(facts)
    macro = str(TemplateDrafter().edit(facts, impacts["macro:1"]).new_body)
    assert DENIED not in macro
    assert "we'll confirm your session straight away if you're aged 16 or over." in macro
    assert "waiver" in macro and "{{ticket.requester.first_name}}" in macro
    article = str(TemplateDrafter().edit(facts, impacts["article:2"]).new_body)
    assert ROW not in article and "at any age" not in article
    assert article.count("waiver") >= 2  # both columns of the row, and the answer
    assert NO_ONE not in article and "exactly as we do for adults" not in article
    for kept in (SHEET, "| One hour | £12 | £8 |", "## Can under-16s book?"):
        assert kept in article


def test_a_model_edit_keeping_the_denial_is_held_to_it() -> None:
    facts = _facts()
    impact = _impacts(facts)["macro:1"]
    template_body = TemplateDrafter().edit(facts, impact).new_body
    kept = MACRO.replace(SAID, "Under-16s need a parent or carer to sign our waiver first.")
    kept = kept.replace(DENIED, "Nobody has to sign anything in advance.")
    problems = still_conflicting(facts, impact, template_body, kept)
    assert problems and any("Nobody has to sign anything" in p for p in problems)


def test_a_denial_scan_of_huge_input_finds_no_denial() -> None:
    # timed by bench/huge_drafting.py, "splitcase denies_paperwork, …"
    huge = "no " + "a" * 200_000
    assert not denies_paperwork(huge[:3000] + " sign")
    assert not denies_paperwork("nothing " * 500)
    assert not denies_paperwork(huge + " sign")  # longer than any sentence: not read

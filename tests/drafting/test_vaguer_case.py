"""A time promise made vaguer for one value of a category read from a tool result: a made-up
tutoring platform that paid tutors' earnings "within 5 working days" whatever the payout
method, and now tells tutors paid through Payoneer the money arrives "as soon as Payoneer has
released it", with no time. Bank transfer and PayPal keep 5 working days.

KB text stating the time for several methods at once keeps it for the others and says the new
wording for Payoneer; the Payoneer row of a table says it, the other rows stay; a macro about
Payoneer alone has its time phrase (with its figure gloss) replaced; the same time on another
topic stays; two alternatives ("PayPal or Payoneer") are flagged, never split wrong."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.vaguercase import rewrite_vaguer, still_vaguer, vaguer_case
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from tests.drafting.kit import kb_item

_HEAD = "| Payout method | What to tell the tutor | | --- | --- | "
OLD_TABLE = (
    _HEAD + "| bank | Their earnings reach their bank account within 5 working days. | "
    "| paypal | Their earnings reach their PayPal balance within 5 working days. | "
    "| payoneer | Their earnings reach their Payoneer wallet within 5 working days. |"
)
NEW_TABLE = (
    _HEAD + "| bank | Their earnings reach their bank account within 5 working days. | "
    "| paypal | Their earnings reach their PayPal balance within 5 working days. | "
    "| payoneer | Their earnings show in their Payoneer wallet as soon as Payoneer has released "
    "it. Don't give a number of days. |"
)

ARTICLE = """# Getting paid

We review new tutor profiles within 5 working days of sign-up.

## When do my earnings arrive?

| How you are paid | When the money arrives |
| --- | --- |
| Bank transfer | Within 5 working days |
| PayPal | Within 5 working days |
| Payoneer | Within 5 working days |

Payoneer may charge its own conversion fee.
"""
SPLIT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour payout for {{ticket.custom_field_month}} is "
    "on its way. Whether you're paid by bank transfer, PayPal or Payoneer, the money arrives "
    "within 5 working days.\n\nHappy teaching,\n{{current_user.first_name}}"
)
OWN_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWe've sent your earnings to Payoneer, and they "
    "will show in your Payoneer wallet within five working days (5). Payoneer may charge a "
    "conversion fee.\n\nHappy teaching,\n{{current_user.first_name}}"
)
TWO_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nIf you're paid by PayPal or Payoneer, your payout "
    "arrives within 5 working days.\n\nHappy teaching,\n{{current_user.first_name}}"
)
LINK_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your details. We link a new Payoneer "
    "account to your tutor profile within 5 working days.\n\nHappy teaching,\n"
    "{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    condition = {
        "atoms": [
            {"feature": "tag:payouts", "op": "tag"},
            {"feature": "lookup_tutor.payout_method", "op": "=", "value": "payoneer"},
        ]
    }
    return ChangeFacts(
        id="C1",
        title="No longer states 5 business days",
        kind="promises",
        facets=["promises"],
        probe_ids=["payout-1", "payout-2"],
        removed_promises=[Promise("duration", "5 business days")],
        conditions=[Condition.from_dict(condition)],
        rules=[Rule("H1", "sentence_changed", "Payouts", OLD_TABLE, NEW_TABLE, "changed")],
        excerpts=[
            Excerpt(
                probe_id="payout-1",
                old="Your earnings will reach your Payoneer wallet within 5 working days.",
                new="Your earnings will show in your Payoneer wallet once Payoneer releases it.",
            )
        ],
        others=6,
    )


def _impacts(*items: KnowledgeItem) -> dict[str, Impact]:
    found = rank_items(_facts(), KnowledgeBase(list(items)))
    return {i.item.key: i for i in found if i.affected}


def test_the_new_wording_for_the_one_value_is_read_from_its_changed_row() -> None:
    case = vaguer_case(_facts())
    assert case is not None
    assert case.value == "payoneer" and case.old == "5 business days"
    assert case.instead == "as soon as Payoneer has released it"
    # a row that still gives a time (moved, not made vaguer) is another change's business
    moved = NEW_TABLE.replace("as soon as Payoneer has released it", "within 10 working days")
    facts = _facts()
    facts.rules = [Rule("H1", "sentence_changed", "Payouts", OLD_TABLE, moved, "changed")]
    assert vaguer_case(facts) is None


def test_a_list_of_values_keeps_the_time_for_the_others_and_says_the_new_wording() -> None:
    case = vaguer_case(_facts())
    assert case is not None
    said = rewrite_vaguer(
        case,
        "Whether you're paid by bank transfer, PayPal or Payoneer, the money arrives within "
        "5 working days.",
    )
    assert said == (
        "Whether you're paid by bank transfer or PayPal, the money arrives within 5 working "
        "days (for Payoneer, as soon as Payoneer has released it)."
    )
    # two alternatives: no safe split
    assert (
        rewrite_vaguer(
            case, "If you're paid by PayPal or Payoneer, it arrives within 5 working days."
        )
        is None
    )


def test_each_item_says_it_right_and_the_other_rows_and_topics_stay() -> None:
    facts = _facts()
    impacts = _impacts(
        kb_item("getting-paid", ARTICLE),
        kb_item("payout-sent", SPLIT_MACRO, kind="macro"),
        kb_item("payoneer-sent", OWN_MACRO, kind="macro"),
        kb_item("payoneer-link", LINK_MACRO, kind="macro"),
    )
    # the value and the same time on another topic (linking an account) is no conflict
    assert set(impacts) == {"article:getting-paid", "macro:payout-sent", "macro:payoneer-sent"}
    rows = [c.sentence for c in impacts["article:getting-paid"].conflicts]
    assert rows == ["| Payoneer | Within 5 working days |"]
    drafter = TemplateDrafter()
    article = drafter.edit(facts, impacts["article:getting-paid"]).new_body
    assert article == ARTICLE.replace(
        "| Payoneer | Within 5 working days |", "| Payoneer | As soon as Payoneer has released it |"
    )
    split = drafter.edit(facts, impacts["macro:payout-sent"]).new_body
    assert split == SPLIT_MACRO.replace(
        "bank transfer, PayPal or Payoneer, the money arrives within 5 working days.",
        "bank transfer or PayPal, the money arrives within 5 working days (for Payoneer, as "
        "soon as Payoneer has released it).",
    )
    own = drafter.edit(facts, impacts["macro:payoneer-sent"]).new_body
    assert own == OWN_MACRO.replace(
        "within five working days (5)", "as soon as Payoneer has released it"
    )


def test_two_alternatives_are_flagged_with_the_reason() -> None:
    facts = _facts()
    impacts = _impacts(kb_item("two", TWO_MACRO, kind="macro"))
    edit = TemplateDrafter().edit(facts, impacts["macro:two"])
    assert edit.new_body is None
    assert "no longer gives 5 business days for payoneer" in edit.rationale


def test_a_drafting_model_gets_the_same_fact_and_an_edit_keeping_the_time_is_retried() -> None:
    facts = _facts()
    assert any("no longer gives 5 business days for payoneer" in s for s in draft_facts(facts))
    impacts = _impacts(kb_item("payoneer-sent", OWN_MACRO, kind="macro"))
    impact = impacts["macro:payoneer-sent"]
    conflicts = {c.sentence for c in impact.conflicts}
    assert still_vaguer(facts, conflicts, OWN_MACRO, OWN_MACRO, "text")
    template = TemplateDrafter()
    fixed = template.edit(facts, impact).new_body or ""
    assert fixed and still_vaguer(facts, conflicts, OWN_MACRO, fixed, "text") == []

    note = template.note(facts, [impact], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")

    def answer(request: ChatRequest) -> str:
        prompt = "\n".join(str(message["content"]) for message in request.messages)
        if "<<<BODY" in prompt:
            return json.dumps({"new_body": OWN_MACRO, "rationale": "Kept."})
        return json.dumps({key: getattr(note, key) for key in keys})

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), impact.item.body, note.text(), fixed])
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    asked = [
        "\n".join(str(m["content"]) for m in r.messages)
        for r in model.requests
        if "<<<BODY" in "\n".join(str(m["content"]) for m in r.messages)
    ]
    assert "no longer gives 5 business days for payoneer" in asked[0]
    assert any("time the new prompt no longer gives it" in a for a in asked[1:])
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == fixed


def test_the_note_says_what_those_customers_are_told_instead() -> None:
    note = TemplateDrafter().note(_facts(), [], None)
    assert "no longer told 5 working days" in note.customer_impact
    assert "“as soon as Payoneer has released it” instead" in note.customer_impact


def test_a_sentence_no_rewrite_can_say_right_is_left_to_a_writer() -> None:
    case = vaguer_case(_facts())
    assert case is not None
    # the time counted from something: cutting it would drop what it counts from
    counted = "Payoneer payouts reach you within 5 working days of the end of the month."
    assert rewrite_vaguer(case, counted) is None
    # a claim for every method naming none: the aside would contradict it
    every = "However you are paid, your earnings arrive within 5 working days."
    assert rewrite_vaguer(case, every) is None
    # the time for every method, no claim: Payoneer's wording said beside it
    assert rewrite_vaguer(case, "Your earnings arrive within 5 working days.") == (
        "Your earnings arrive within 5 working days (for Payoneer, as soon as Payoneer has "
        "released it)."
    )


# a gallery's bookings desk: a reply time dropped at the weekend ---------------------------

DESK_OLD = "Tell the visitor the bookings desk will reply within 4 hours, whatever the day."
DESK_KEPT = "For a message sent Monday to Friday, tell the visitor the desk replies within 4 hours."
DESK_ADDED = (
    "For a message sent on a Saturday or Sunday the desk is closed: tell the visitor the desk "
    "will reply as soon as it reopens, and give no time."
)


def _desk_facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer states 4 hours",
        kind="promises",
        facets=["promises"],
        probe_ids=["sat-1", "sun-1"],
        removed_promises=[Promise("duration", "4 hours")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "sent_on in {saturday, sunday}",
                    "atoms": [{"feature": "sent_on", "op": "in", "value": ["saturday", "sunday"]}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 5},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Bookings", DESK_OLD, DESK_KEPT, "…"),
            Rule("H2", "sentence_added", "Bookings", None, DESK_ADDED, "…"),
        ],
        excerpts=[
            Excerpt(p, "The desk will reply within 4 hours.", "The desk will reply soon.")
            for p in ("sat-1", "sun-1")
        ],
        others=5,
    )


def test_a_time_dropped_at_the_weekend_is_read_from_an_added_rule() -> None:
    case = vaguer_case(_desk_facts())
    assert case is not None and case.value == "the weekend"
    assert case.instead == "as soon as it reopens"
    # a lead claiming every day goes; the time stays for the others, the weekend said beside
    assert (
        rewrite_vaguer(
            case, "Whichever day you message us, weekday or weekend, we reply within four hours."
        )
        == "We reply within four hours (at the weekend, as soon as it reopens)."
    )
    # the weekend's row says the new words, its likeness to the weekdays gone
    assert rewrite_vaguer(case, "| Saturdays and Sundays | Within 4 hours, as on weekdays |") == (
        "| Saturdays and Sundays | As soon as it reopens |"
    )


def test_the_weekend_row_is_edited_and_the_weekday_row_kept() -> None:
    facts = _desk_facts()
    body = (
        "# Bookings\n\n| Sent | Reply |\n| --- | --- |\n| Monday to Friday | Within 4 hours |\n"
        "| Saturday and Sunday | Within 4 hours, just like on weekdays |\n\n"
        "Tours last 4 hours.\n"
    )
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("b", body)])) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == body.replace(
        "| Saturday and Sunday | Within 4 hours, just like on weekdays |",
        "| Saturday and Sunday | As soon as it reopens |",
    )


def test_a_cells_condition_is_no_likeness_to_the_others() -> None:
    case = vaguer_case(_desk_facts())
    assert case is not None
    assert rewrite_vaguer(
        case, "| Saturday and Sunday | Within 4 hours as long as you call before 5pm |"
    ) == ("| Saturday and Sunday | As soon as it reopens as long as you call before 5pm |")

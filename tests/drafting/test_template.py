"""The template drafter on the bundled example: notes, impact and edits, checked on the text."""

from __future__ import annotations

import pytest

from behaviordiff.config import find_project
from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Analysis, Atom, Excerpt
from behaviordiff.diffing.model import VersionDiff
from behaviordiff.drafting import TemplateDrafter, build_facts, condition_words, rank_items
from behaviordiff.drafting.facts import ChangeFacts, FacetShift, Rule
from behaviordiff.drafting.grounding import Grounding, diff_text
from behaviordiff.drafting.text import html_problems, missing_placeholders, units
from behaviordiff.kb import KnowledgeBase, load_project_kb
from tests.conftest import EXAMPLE

Example = tuple[Analysis, VersionDiff]


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    return load_project_kb(find_project(config=EXAMPLE / "behaviordiff.toml"))


def _change(example: Example, kind: str) -> ChangeFacts:
    analysis, diff = example
    return next(facts for facts in build_facts(analysis, diff.to_dict()) if facts.kind == kind)


def test_condition_in_words() -> None:
    atoms = [
        {"feature": "delay_hours", "op": ">", "value": 48.0},
        {"feature": "order_total", "op": ">", "value": 50.0},
    ]
    assert (
        condition_words([Atom.from_dict(item) for item in atoms])
        == "orders over $50 delayed more than 48 hours"
    )
    assert condition_words(
        [Atom.from_dict({"feature": "order_total", "op": "<=", "value": 50})]
    ) == ("orders of $50 or less")
    assert (
        condition_words(
            [
                Atom.from_dict({"feature": "membership", "op": "=", "value": "member"}),
                Atom.from_dict({"feature": "tag:returns", "op": "tag"}),
            ]
        )
        == "members asking about returns"
    )


def test_refund_note_states_conditions_and_actions(
    example_analysis: Example, knowledge: KnowledgeBase
) -> None:
    facts = _change(example_analysis, "actions")
    note = TemplateDrafter().note(facts, rank_items(facts, knowledge), "2026-12-01")

    assert note.severity == "high"
    assert "$50" in note.when and "48 hours" in note.when
    assert note.when.startswith("Orders over $50 delayed more than 48 hours")
    assert "hands the conversation to a human" in note.before
    assert "`escalate_to_human`" in note.before
    assert "within 24 hours" in note.before
    assert "partial shipping refund of 50% of the shipping fee" in note.after
    assert "`issue_refund`, type shipping" in note.after
    assert note.title == (
        "Shipping refund instead of a handoff to a human for orders over $50 delayed more "
        "than 48 hours"
    )
    assert note.effective_date == "2026-12-01"
    assert any("“Shipping::Delayed order”" in action for action in note.cs_actions)
    assert any(action.startswith("Brief reps:") for action in note.cs_actions)
    assert [item.probe_id for item in note.evidence] == facts.probe_ids[:3]
    assert "24 hours" in note.evidence[0].old and "refunded $" in note.evidence[0].new


def test_impact_ranks_the_texts_that_describe_the_old_behavior(
    example_analysis: Example, knowledge: KnowledgeBase
) -> None:
    refund = rank_items(_change(example_analysis, "actions"), knowledge)
    affected = [impact for impact in refund if impact.affected]
    assert [impact.item.title for impact in affected] == [
        "Shipping::Delayed order",
        "My order is late",
    ]
    conflicts = [conflict.sentence for conflict in affected[0].conflicts]
    assert conflicts == [
        "Your order is more than 48 hours past its estimated delivery date, so I have "
        "escalated it to our shipping team.",
        "A shipping specialist will contact you within 24 hours with an update.",
    ]
    returns = rank_items(_change(example_analysis, "promises"), knowledge)
    assert {i.item.title for i in returns if i.affected} == {
        "Returns::Return window",
        "Returns and refunds",
    }


def test_delayed_order_macro_edit_replaces_the_escalation_promise(
    example_analysis: Example, knowledge: KnowledgeBase
) -> None:
    facts = _change(example_analysis, "actions")
    impact = next(i for i in rank_items(facts, knowledge) if i.item.title.endswith("Delayed order"))
    edit = TemplateDrafter().edit(facts, impact)

    assert edit.new_body is not None and edit.rewritten
    old, new = edit.old_body, edit.new_body
    assert "escalated it to our shipping team" not in new
    assert "contact you within 24 hours" not in new
    assert (
        "Your order is more than 48 hours past its estimated delivery date. As your order is "
        "over $50, I've refunded 50% of your shipping fee to your original payment method. "
        "The refund should show up within 5-7 business days." in new
    )
    assert new.startswith("Hi {{ticket.requester.first_name}},\n\nThank you for your patience")
    assert new.endswith("Best regards,\n{{current_user.first_name}}\nAcme Support")
    assert missing_placeholders(old, new) == []
    unchanged = "In the meantime, you can follow your parcel with the tracking link"
    assert unchanged in old and unchanged in new
    assert "orders over $50" in edit.rationale
    assert edit.conflicts and "24 hours" in edit.conflicts[1]


def test_faq_edit_keeps_the_old_rule_for_the_others(
    example_analysis: Example, knowledge: KnowledgeBase
) -> None:
    facts = _change(example_analysis, "actions")
    impact = next(i for i in rank_items(facts, knowledge) if i.item.title == "My order is late")
    new = TemplateDrafter().edit(facts, impact).new_body or ""
    assert "For orders of $50 or less, we escalate late orders" in new
    assert "we give you a partial shipping refund of 50% of the shipping fee instead." in new
    assert "## Late by 48 hours or less" in new


def test_return_window_edit_adds_the_member_window(
    example_analysis: Example, knowledge: KnowledgeBase
) -> None:
    facts = _change(example_analysis, "promises")
    drafter = TemplateDrafter()
    edits = {
        impact.item.title: drafter.edit(facts, impact)
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    macro = edits["Returns::Return window"].new_body or ""
    assert "Items can be returned within 30 days of delivery (45 days for Acme Plus members)." in (
        macro
    )
    faq = edits["Returns and refunds"].new_body or ""
    assert "within **30 days of delivery** (45 days for Acme Plus members)." in faq
    assert "same for every" not in faq
    note = drafter.note(facts, [], None)
    assert note.title == "Return: 30 days → 45 days for members"
    assert note.severity == "medium"


def test_template_drafts_pass_the_grounding_check(
    example_analysis: Example, knowledge: KnowledgeBase
) -> None:
    analysis, diff = example_analysis
    drafter = TemplateDrafter()
    for facts in build_facts(analysis, diff.to_dict()):
        grounding = Grounding([facts.corpus(), diff_text(diff.to_dict()), "2026-12-01"])
        impacts = rank_items(facts, knowledge)
        assert grounding.check(drafter.note(facts, impacts, "2026-12-01").text()).ok
        for impact in impacts:
            if impact.affected:
                edit = drafter.edit(facts, impact)
                assert grounding.check(edit.new_body or "", extra=[edit.old_body]).ok


def test_html_edit_stays_valid_and_keeps_placeholders(example_analysis: Example) -> None:
    from behaviordiff.drafting.impact import Conflict, Impact
    from behaviordiff.kb import KnowledgeItem

    facts = _change(example_analysis, "actions")
    body = (
        "<p>Hi {{ticket.requester.first_name}},</p><p>Your order is more than 48 hours late, "
        "so I have escalated it to our <strong>shipping team</strong>. A specialist will "
        "contact you within <b>24 hours</b>.</p><p>Best,<br>{{current_user.first_name}}</p>"
    )
    item = KnowledgeItem(
        "macro",
        "9",
        "Late (HTML)",
        body,
        "html",
        "x.json",
        "macros[0]",
        placeholders=("{{ticket.requester.first_name}}",),
    )
    from behaviordiff.drafting.text import plain_text

    text_units = units(plain_text(body, "html"))
    conflicts = [
        Conflict(i, u.text, ("x",))
        for i, u in enumerate(text_units)
        if "escalated" in u.text or "24 hours" in u.text
    ]
    edit = TemplateDrafter().edit(facts, Impact(item, 1.0, conflicts, text_units))
    assert edit.new_body is not None
    assert html_problems(edit.new_body) == []
    assert missing_placeholders(body, edit.new_body) == []
    assert "escalated" not in edit.new_body and "24 hours" not in edit.new_body
    assert "refunded 50% of your shipping fee" in edit.new_body
    assert edit.new_body.startswith("<p>Hi {{ticket.requester.first_name}},</p><p>")


def test_return_window_note_says_who_is_affected_and_what_now_happens_to_them(
    example_analysis: Example, knowledge: KnowledgeBase
) -> None:
    analysis, diff = example_analysis
    facts = _change(example_analysis, "promises")
    note = TemplateDrafter().note(facts, rank_items(facts, knowledge), None)

    # The audience is on the before and after lines, not only in the title and "When".
    assert note.before.startswith("For members, the agent states 30 days for returns. ")
    assert note.after.startswith("For members, the agent states 45 days for returns. ")
    # The refusal that flipped is counted (the probe ids are in the evidence) and its replies
    # quoted on both sides.
    assert (
        "In 1 of the 5 test conversations it refused the request: “It was delivered on "
        "October 13, 2026, "
        "which is outside your 30-day return window, so I'm not able to accept a return for it.”"
    ) in note.before
    assert (
        "In 1 of the 5 test conversations it now accepts the request it refused: “It was "
        "delivered on "
        "October 13, 2026, which is inside your 45-day return window.”"
    ) in note.after
    assert note.after.endswith(
        "The new prompt (section Returns) says: “Items can be returned within 30 days of "
        "delivery (45 days for Acme Plus members).”"
    )
    assert note.customer_impact == (
        "Members asking about returns are now told 45 days for returns instead of 30 days for "
        "returns. Members past 30 days but within 45 days of delivery used to be refused and "
        "are now accepted. Other customers get the same handling as before."
    )
    assert note.cs_actions[-1] == (
        "Brief reps: Return: 30 days → 45 days for members. Members past 30 days but within 45 "
        "days of delivery used to be refused and are now accepted. Everyone else gets the same "
        "handling as before."
    )
    # Grounded against the evidence and only the hunks attributed to this change, as the
    # drafting service checks it.
    change = next(c for c in analysis.changes if c.id == facts.id)
    hunks = [item.hunk_id for item in change.attribution]
    assert Grounding([facts.corpus(), diff_text(diff.to_dict(), hunks)]).check(note.text()).ok


def test_refund_note_is_unchanged_by_the_escalation_it_already_states(
    example_analysis: Example, knowledge: KnowledgeBase
) -> None:
    facts = _change(example_analysis, "actions")
    assert [(s.facet, s.direction, s.partial) for s in facts.shifts] == [
        ("escalation", "removed", False)
    ]
    note = TemplateDrafter().note(facts, rank_items(facts, knowledge), None)
    assert note.before == (
        "The agent hands the conversation to a human specialist (`escalate_to_human`, priority "
        "normal), and tells the customer “Because it's this far behind, I've passed it to our "
        "shipping team, and a member of our team will contact you within 24 hours.”"
    )
    assert note.customer_impact == (
        "Customers with orders over $50 delayed more than 48 hours get a refund in the "
        "conversation instead of a handoff. They are no longer told 24 hours for a reply. They "
        "are now told 5-7 business days for the refund. Other customers get the same handling "
        "as before."
    )
    assert "In delay-" not in note.text()


def _window_facts(shift: FacetShift) -> ChangeFacts:
    return ChangeFacts(
        id="C9",
        title="refund 30 days → 14 days",
        kind="promises",
        facets=["promises", "refusal"],
        probe_ids=["p1", "p2", "p3"],
        removed_promises=[Promise("duration", "30 days", "refund")],
        added_promises=[Promise("duration", "14 days", "refund")],
        shifts=[shift],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Refunds",
                "Refunds are possible within 30 days of purchase.",
                "Refunds are possible within 14 days of purchase.",
                "section Refunds: sentence changed",
            )
        ],
        excerpts=[
            Excerpt.from_dict(
                {"probe_id": "p1", "old": "Refunds take 30 days.", "new": "Refunds take 14 days."}
            )
        ],
    )


def test_a_shorter_window_names_the_customers_now_refused() -> None:
    shift = FacetShift(
        "refusal",
        "added",
        ("p2",),
        3,
        old="Hi Ana, your order arrived 20 days ago, within the 30-day window, so I've started "
        "your refund.",
        new="Hi Ana, your order arrived 20 days ago, past the 14-day window, so I can't refund it.",
        removed=("duration:30 days",),
        added=("duration:14 days",),
    )
    facts = _window_facts(shift)
    note = TemplateDrafter().note(facts, [], None)
    assert note.customer_impact == (
        "Customers are now told 14 days for the refund instead of 30 days for the refund. "
        "Customers past 14 days but within 30 days of purchase used to be accepted and are now "
        "refused."
    )
    assert note.after.startswith(
        "The agent states 14 days for the refund. In 1 of the 3 test conversations it now "
        "refuses the request it accepted: "
        "“your order arrived 20 days ago, past the 14-day window, so I can't refund it.”"
    )
    assert Grounding([facts.corpus()]).check(note.text()).ok


def test_a_refusal_flip_without_a_window_is_stated_with_its_probes() -> None:
    shift = FacetShift(
        "refusal",
        "removed",
        ("p2",),
        3,
        old="I'm not able to refund a gift.",
        new="I've refunded the gift to your card.",
    )
    facts = _window_facts(shift)
    note = TemplateDrafter().note(facts, [], None)
    # CS text says how many; the probe ids are in the evidence
    assert "p2" not in note.text()
    assert (
        "Some customers used to be refused and are now accepted (1 of 3 test conversations)."
        in (note.customer_impact)
    )
    assert (
        "In 1 of the 3 test conversations it refused the request: “I'm not able to refund a "
        "gift.”" in note.before
    )
    assert Grounding([facts.corpus()]).check(note.text()).ok

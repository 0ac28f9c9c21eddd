"""A macro edit for a change that holds only under a condition replaces text reps send every
customer: approval and export say so, naming the condition, and leave the body as the writer
approved it (a person decides whether the others need a macro of their own). An edit that
only adds an aside for the condition ("30 days (45 days for members)"), or a rule that moved
for everyone, is not flagged."""

from __future__ import annotations

from pathlib import Path

from behaviordiff.export import export_release
from behaviordiff.export.collect import _only_additions
from behaviordiff.pipeline.review import approve, load_review, reject
from tests.export import helpdesks


def test_only_additions_keeps_every_old_word_in_order() -> None:
    old = "Items can be returned within 30 days of delivery."
    assert _only_additions(old, "Items can be returned within 30 days of delivery (45 days).")
    assert not _only_additions(old, "Items can be returned within 45 days of delivery.")
    assert not _only_additions(old, "Items can be returned.")


def test_export_and_approval_flag_a_macro_narrowed_to_the_condition(
    approved_with, tmp_path: Path
) -> None:
    workspace, release_id, knowledge = approved_with(helpdesks.example)
    result = export_release(workspace, release_id, knowledge, "zendesk", tmp_path / "zd.json")
    flagged = {
        item.item.title: [w for w in item.warnings if "narrows a general macro" in w]
        for item in result.exported
    }
    # the delayed-order macro now tells every customer about the refund for orders over $50
    [warning] = flagged["Shipping::Delayed order"]
    assert "orders over $50 delayed more than 48 hours" in warning
    assert "keep a copy of the current text" in warning
    # the return window only gains "(45 days for Acme Plus members)": the others keep theirs
    assert flagged["Returns::Return window"] == []
    sent = {item.item.title: item.new_body for item in result.exported}
    drafted = {
        item.title: item.record.content["new_body"]
        for item in load_review(workspace, release_id).items
        if item.record.kind == "edit"
    }
    assert sent["Shipping::Delayed order"] == drafted["Shipping::Delayed order"]

    review = load_review(workspace, release_id)
    [macro] = [i for i in review.items if i.title == "Shipping::Delayed order"]
    reject(workspace, release_id, macro, "other", "look again")
    [macro] = [i for i in load_review(workspace, release_id).items if i.handle == macro.handle]
    approval = approve(workspace, release_id, [macro])
    assert [w for w in approval.warnings if w.startswith(f"{macro.handle} narrows")]


def test_a_writer_who_states_both_cases_clears_the_narrowing_warning(
    approved_with, tmp_path: Path
) -> None:
    from behaviordiff.pipeline.review import apply_edit, writer_groundings

    workspace, release_id, knowledge = approved_with(helpdesks.example)
    [macro] = [
        i for i in load_review(workspace, release_id).items if i.title == "Shipping::Delayed order"
    ]
    old_body = str(macro.record.content["old_body"])
    both = old_body.replace(
        "Your order is more than 48 hours past its estimated delivery date, so I have "
        "escalated it to our shipping team. A shipping specialist will contact you within 24 "
        "hours with an update.",
        "Your order is more than 48 hours past its estimated delivery date. If your order is "
        "over $50, I've refunded 50% of your shipping fee; the refund should show up within "
        "5-7 business days. Otherwise, I have escalated it to our shipping team, and a "
        "shipping specialist will contact you within 24 hours with an update.",
    )
    assert both != old_body
    apply_edit(
        workspace, release_id, macro, {"new_body": both}, writer_groundings(workspace, release_id)
    )
    [edited] = [i for i in load_review(workspace, release_id).items if i.handle == macro.handle]
    approve(workspace, release_id, [edited], despite_warnings=True)
    result = export_release(workspace, release_id, knowledge, "zendesk", tmp_path / "zd.json")
    [sent] = [item for item in result.exported if item.item.title == "Shipping::Delayed order"]
    assert not [w for w in sent.warnings if "narrows a general macro" in w]
    # the drafter's own text (the refund only) is still flagged: see the test above

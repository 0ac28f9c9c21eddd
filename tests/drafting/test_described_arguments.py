"""A hand-off whose tool is named with its arguments described, not listed bare: a dental
practice now hands invoice disputes "to the Practice Manager with `escalate_to` (invoice_no,
team "practice_manager", a summary in the patient's own words)". The KB says what we do
without the tool and its arguments: "hand it to the Practice Manager"."""

from __future__ import annotations

from behaviordiff.drafting.rules import rule_handling

RULE = (
    "If a patient wants to dispute an invoice, hand it to the Practice Manager with "
    '`escalate_to` (invoice_no, team "practice_manager", a summary in the patient\'s own words) '
    "and tell them the Practice Manager will answer their dispute within 21 days."
)


def test_described_arguments_go_with_their_tool() -> None:
    handling = rule_handling(RULE)
    assert handling is not None
    _, actions, told = handling
    assert actions == ["hand it to the Practice Manager"]
    assert told == ["the Practice Manager will answer your dispute within 21 days"]

"""A hand-off re-routed for everyone on one topic: the same escalation tool, another argument
(`transfer_to_team` team "survey" → team "night_desk"), and the new prompt tells the customer
who now contacts them, how and with what ("and tell them our night desk will email them
within 2 days with …"). A KB sentence stating the old route on that topic says what the new
prompt tells the customer in its place. Pure text helpers; the template drafter writes the
edit (`TemplateDrafter._edit_told`)."""

from __future__ import annotations

from behaviordiff.detect.facts import extract_promises
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import told_clause


def rerouted_tool(facts: ChangeFacts) -> str | None:
    """The escalation tool whose arguments alone changed: the same tools on both sides, one of
    them a hand-off, the calls differing. None for any other change."""
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    if not before or before != after or set(facts.before_actions) == set(facts.after_actions):
        return None
    tools = sorted({a.name for a in facts.before_actions if a.is_escalation})
    return tools[0] if len(tools) == 1 else None


def rerouted_told(facts: ChangeFacts) -> str | None:
    """What the new prompt tells every customer on the change's topic once the re-routed
    hand-off is made (`told_clause` of the changed sentence calling the tool on both sides),
    when it states a promise the new replies make (the channel, a time frame) and differs from
    what the old one told. Only for a change that reaches everyone on its topic (a condition
    of topic tags alone): for a subset, the old route still holds for the rest."""
    tool = rerouted_tool(facts)
    condition = facts.condition
    atoms = condition.atoms if condition else ()
    if tool is None or not atoms or any(atom.op != "tag" for atom in atoms):
        return None
    added = {promise.key for promise in facts.added_promises}
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        if f"`{tool}`" not in rule.old or f"`{tool}`" not in rule.new:
            continue
        told = told_clause(rule.new)
        if told is None or told == told_clause(rule.old):
            continue
        if added & {promise.key for promise in extract_promises(told)}:
            return told
    return None

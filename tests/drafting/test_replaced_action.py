"""A hand-off that replaces an action for the very case the old action was for ("If the claim
has been open for more than 20 days, send the assessors a chaser" → "…, don't send a chaser:
refer it to the claims supervisor"): the case is all the KB's sentence is about, so the
sentence says the hand-off in place of the old action (no "with one exception" that swallows
the rule), the old promise's time frame moves with it, and sentences saying the old action is
the only one or that we can't escalate go. An insurer whose assistant now refers slow claims
to a supervisor."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import REPLACED_DENIAL_REASON, rank_items
from behaviordiff.drafting.replaced import denies_handoff, handed_sentence, replaced_action
from behaviordiff.drafting.rules import rule_handling, rule_moves, same_case_rule
from behaviordiff.drafting.text import past_participle, verb_terms
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = (
    "If the claim has been open for more than 20 days, send the assessors a chaser with "
    "`send_chaser` and tell the customer the assessors will reply within 3 working days."
)
NEW = (
    "If the claim has been open for more than 20 days, don't send a chaser: refer it to the "
    "claims supervisor with `escalate_to_supervisor` and tell the customer the claims "
    "supervisor will call them within 1 working day."
)
ARTICLE = (
    "# Claims\n\n## My claim is slow\n\nIf your claim has been open for more than 20 days, tell "
    "us and we'll send the assessors a chaser. They'll reply within 3 working days.\n\nWe chase "
    "claims by chaser only. We can't escalate a claim to a supervisor.\n\n## Payments\n\nWe "
    "can't escalate a payment query about a claim.\n"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nClaim {{ticket.claim_ref}} has been open for more "
    "than 20 days, so I've sent the assessors a chaser.\n\nThey'll reply within 3 working days."
    "\n\nBest,\n{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", "Claims", OLD, NEW, "changed"),
        Rule("H2", "tool_added", None, None, None, "tool escalate_to_supervisor added"),
    ]
    return ChangeFacts(
        id="C1",
        title="send_chaser → escalate_to_supervisor",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["c1", "c2"],
        before_actions=[ActionFact("send_chaser")],
        after_actions=[ActionFact("escalate_to_supervisor")],
        escalation="added",
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "get_claim.days_open", "op": ">", "value": 20}]}
            )
        ],
        rules=rules,
        moves=rule_moves(rules),
        excerpts=[
            Excerpt("c1", "I've chased the assessors.", "A supervisor will call you."),
            Excerpt("c2", "The assessors have a chaser.", "Your claim is with a supervisor."),
        ],
        others=4,
    )


def test_a_dont_before_the_colon_is_the_rule_body_not_its_case() -> None:
    assert rule_handling(NEW) == (
        "If the claim has been open for more than 20 days",
        ["refer it to the claims supervisor"],
        ["the claims supervisor will call you within 1 working day"],
    )
    rules = [Rule("H1", "sentence_changed", "Claims", OLD, NEW, "changed")]
    assert same_case_rule(rules, NEW)
    narrower = NEW.replace("If the claim", "If a motor claim")
    assert not same_case_rule(
        [Rule("H1", "sentence_changed", "Claims", OLD, narrower, "c")], narrower
    )


def test_past_forms_read_as_their_verb() -> None:
    assert "send" in verb_terms("I've sent the assessors a chaser.")
    assert [past_participle(v) for v in ("refer", "hand", "escalate", "send", "copy")] == [
        "referred",
        "handed",
        "escalated",
        "sent",
        "copied",
    ]


def test_the_hand_off_takes_the_old_action_place_in_the_sentence_own_voice() -> None:
    case = replaced_action(_facts())
    assert case is not None and case.old == "send_chaser" and case.told
    assert handed_sentence("Tell us and we'll send the assessors a chaser.", case) == (
        "Tell us and we'll refer it to the claims supervisor."
    )
    assert handed_sentence("It's overdue, so I've sent the assessors a chaser!", case) == (
        "It's overdue, so I've referred it to the claims supervisor!"
    )
    # what follows the old action carries a placeholder a rewrite would lose
    assert handed_sentence("We'll send a chaser about {{ticket.id}}.", case) is None
    assert handed_sentence("The assessors reply quickly.", case) is None


def test_a_denial_of_the_hand_off_or_a_claim_of_only_the_old_action() -> None:
    case = replaced_action(_facts())
    assert case is not None
    assert denies_handoff(case, "We can't escalate a claim to a supervisor.")
    assert denies_handoff(case, "We chase claims by chaser only.")
    assert not denies_handoff(case, "We can't refund a claim twice.")
    # a number may be the far side of the case's bound
    assert not denies_handoff(case, "We can't escalate a claim open less than 20 days.")


def test_the_sentences_say_the_hand_off_and_the_denials_go() -> None:
    facts = _facts()
    kb = KnowledgeBase([kb_item("a1", ARTICLE), kb_item("m1", MACRO, kind="macro")])
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    article, macro = impacts["article:a1"], impacts["macro:m1"]
    assert [c.sentence for c in article.conflicts if REPLACED_DENIAL_REASON in c.reasons] == [
        "We chase claims by chaser only.",
        "We can't escalate a claim to a supervisor.",
    ]
    drafter = TemplateDrafter()
    assert drafter.edit(facts, article).new_body == ARTICLE.replace(
        "we'll send the assessors a chaser. They'll reply within 3 working days.\n\nWe chase "
        "claims by chaser only. We can't escalate a claim to a supervisor.\n\n",
        "we'll refer it to the claims supervisor. They'll reply within 1 working day.\n\n",
    )
    assert drafter.edit(facts, macro).new_body == MACRO.replace(
        "I've sent the assessors a chaser", "I've referred it to the claims supervisor"
    ).replace("3 working days", "1 working day")


def test_without_a_promise_to_move_the_new_one_follows_the_hand_off() -> None:
    facts = _facts()
    body = "Claims open for more than 20 days: we'll send the assessors a chaser.\n"
    kb = KnowledgeBase([kb_item("a2", body)])
    [impact] = [i for i in rank_items(facts, kb) if i.item.key == "article:a2"]
    assert TemplateDrafter().edit(facts, impact).new_body == (
        "Claims open for more than 20 days: we'll refer it to the claims supervisor. The claims "
        "supervisor will call you within 1 working day.\n"
    )


def test_a_narrower_case_is_no_replaced_action() -> None:
    facts = _facts()
    narrower = NEW.replace("If the claim", "If a motor claim")
    facts.rules = [Rule("H1", "sentence_changed", "Claims", OLD, narrower, "changed")]
    assert replaced_action(facts) is None

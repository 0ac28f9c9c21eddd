"""A found item gets the new rule written when no class writer has a text: a change reaching
everyone on its topic (a condition of topic tags alone, naming no case in words) takes every
passage the new prompt added or rewrote for it, voiced as the policy a KB states, in place of
the sentences stating the old rule.

Made-up domains unlike the scenarios: a library whose loan renewals were passed to the desk and
are now done in chat (a prose claim, a labelled list item, a trap item beside it on another
topic); a gym that now needs a doctor's note before freezing a membership ("ask for X, and don't
Y until they've sent it" → "we need X before we Y"); a ferry that now emails tickets (the
agent's report "has been emailed to them" → "is emailed to you", a figure read from a tool
dropped); a bike shop whose head speaks to the agent ("Once you have it" → "Once we have it").
A change for one category named in words is not a whole topic and keeps its own rule; a
condition saying "has been" keeps it."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, told_rules
from behaviordiff.drafting.impact import PROMPT_RULE_REASON, rank_items
from behaviordiff.drafting.promptrule import (
    NewRule,
    as_policy,
    labelled_item_rule,
    new_rule,
    prompt_rule_edit,
    targets,
    voiced,
    voicing_problems,
    written_rule,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD_RENEW = (
    "Renewing a loan: pass the request to the circulation desk with `transfer_to_team` (team "
    "circulation) and tell the patron the desk will reply within 2 days with the new due date."
)
NEW_RENEW = "Renewing a loan: renew the loan yourself with `renew_loan` (card_no, barcode)."
NEW_TOLD = (
    "Tell the patron the loan is renewed straight away, the new due date from the tool's result, "
    "and that a receipt has been emailed to them."
)
KEPT = (
    "Reserving a book: pass the request to the circulation desk with `transfer_to_team` (team "
    "circulation) and tell the patron the desk will reply within 2 days."
)

ARTICLE = (
    "# Your loans\n\n"
    "Most things can be done in chat. Renewal requests go to our circulation desk, who reply\n"
    "within 2 days with your new due date. Fines are 20p a day.\n\n"
    "## At a glance\n\n"
    "- Renewing a loan: passed to the circulation desk, who reply within 2 days.\n"
    "- Reserving a book: passed to the circulation desk, who reply within 2 days.\n"
    "- Inter-library requests: passed to the circulation desk, who reply within 2 days.\n"
    "- Lost cards: passed to the circulation desk, who reply within 2 days with the new due "
    "date.\n"
)
RESERVING = (
    "Hello {{ticket.requester.first_name}},\n\nI've passed your reservation to the circulation "
    "desk, who will reply within 2 days.\n\nBest,\n{{current_user.first_name}}"
)


def _topic_facts(rules: list[Rule], sections: dict[str, list[str]], tag: str) -> ChangeFacts:
    """An actions change C1 on four probes (of 14) picked out by the topic tag alone."""
    condition = Condition.from_dict(
        {
            "text": f"tag {tag}",
            "atoms": [{"feature": f"tag:{tag}", "op": "tag"}],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )
    return ChangeFacts(
        id="C1",
        title="transfer_to_team(team=circulation) → renew_loan",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["p1", "p2", "p3", "p4"],
        before_actions=[ActionFact("transfer_to_team")],
        after_actions=[ActionFact("renew_loan")],
        conditions=[condition],
        rules=rules,
        excerpts=[
            Excerpt(
                probe_id="p1",
                old="I've passed this to the circulation desk, who will reply within 2 days.",
                new="Your loan is renewed until 14 March.",
            )
        ],
        others=10,
        prompt_sections=sections,
    )


def _library() -> ChangeFacts:
    return _topic_facts(
        [
            Rule("H1", "sentence_changed", "Loans", OLD_RENEW, f"{NEW_RENEW} {NEW_TOLD}", "…"),
        ],
        {"Loans": [NEW_RENEW, NEW_TOLD, KEPT]},
        "renewal",
    )


def test_a_whole_topic_rule_is_every_passage_voiced_as_policy() -> None:
    said = written_rule(_library())
    # the other readers of the prompt's rule (the new fact's completion, the finders) keep none
    assert new_rule(_library()) is None
    assert said is not None
    assert said.sentence == (
        "For renewing a loan, we renew the loan ourselves. The loan is renewed straight away, "
        "and a receipt is emailed to you."
    )
    assert not voicing_problems(said.prompt, said.sentence)


def test_the_rule_replaces_the_old_one_and_a_list_item_keeps_its_label() -> None:
    facts = _library()
    kb = KnowledgeBase(
        [KnowledgeItem("article", "1", "Your loans", ARTICLE, "markdown", "kb", "a")]
    )
    [impact] = rank_items(facts, kb)
    found = [
        "Renewal requests go to our circulation desk, who reply within 2 days with your new due "
        "date.",
        "- Renewing a loan: passed to the circulation desk, who reply within 2 days.",
    ]
    # only the prose claim is marked: the finder picks the list items, the traps with them
    chosen = targets(facts, impact.marked(found[:1], PROMPT_RULE_REASON))
    assert set(found) <= set(chosen)
    written = prompt_rule_edit(facts, impact.marked(chosen, PROMPT_RULE_REASON))
    assert written is not None
    assert written[0] == ARTICLE.replace(
        "Renewal requests go to our circulation desk, who reply\nwithin 2 days with your new due "
        "date.",
        "For renewing a loan, we renew the loan ourselves. The loan is renewed straight away, "
        "and a receipt is emailed to you.",
    ).replace(
        "- Renewing a loan: passed to the circulation desk, who reply within 2 days.",
        "- Renewing a loan: we renew the loan ourselves; the loan is renewed straight away, and "
        "a receipt is emailed to you.",
    )
    # the traps beside it in the list, other cases' items, and the fine stay byte for byte
    for trap in ARTICLE.splitlines()[-3:]:
        assert trap + "\n" in written[0]
    assert "Fines are 20p a day." in written[0]


def test_a_macro_with_placeholders_keeps_them_and_its_greeting() -> None:
    facts = _library()
    body = (
        "Hello {{ticket.requester.first_name}},\n\nThanks for asking to renew "
        "{{ticket.custom_field_title}}. I've passed this to our circulation desk, who will reply "
        "within 2 days with the new due date.\n\nBest,\n{{current_user.first_name}}"
    )
    kb = KnowledgeBase([KnowledgeItem("macro", "7", "Loans::Renew", body, "text", "kb", "m")])
    [impact] = rank_items(facts, kb)
    old = (
        "I've passed this to our circulation desk, who will reply within 2 days with the new due "
        "date."
    )
    written = prompt_rule_edit(facts, impact.marked([old], PROMPT_RULE_REASON))
    assert written is not None
    assert written[0] == body.replace(
        old,
        "For renewing a loan, we renew the loan ourselves. The loan is renewed straight away, "
        "and a receipt is emailed to you.",
    )


def test_ask_before_an_action_is_said_as_what_we_need() -> None:
    rule = voiced(
        "If a member wants to freeze their membership, first ask them for a doctor's note, and "
        "don't freeze it until they've sent it."
    )
    assert rule is not None
    assert rule.statement == "we need a doctor's note before we freeze it"
    assert as_policy("we ask you for your booking number before we change the seat") == (
        "we need your booking number before we change the seat"
    )


def test_a_report_of_what_was_done_is_the_practice_and_internals_go() -> None:
    rule = voiced(
        "Tell the passenger the fare from the lookup's result, that the ticket has been emailed "
        "to them, and that they can board with it on their phone."
    )
    assert rule is not None
    assert rule.sentence == (
        "The ticket is emailed to you, and you can board with it on your phone."
    )
    assert "internal" in voicing_problems("x", "The fare from the tool's result is shown.")


def test_a_head_speaking_to_the_agent_is_said_as_us() -> None:
    rule = voiced(
        "Once you have the frame number, book the repair with `book_repair` (frame) and tell the "
        "rider it takes 2 days."
    )
    assert rule is not None
    assert rule.sentence == (
        "Once we have the frame number, we book the repair, and it takes 2 days."
    )


def test_what_the_moves_leave_alone() -> None:
    # a condition saying what has been done keeps its tense
    assert as_policy("if the parcel has been delivered, we refund you") == (
        "if the parcel has been delivered, we refund you"
    )
    # a customer's own "you" in a head stays theirs
    rule = voiced("If you're under 18, a parent signs the form.")
    assert rule is not None and rule.head == "If you're under 18"
    # no list item, no label: nothing for the item writer
    said = NewRule("p", None, "we renew it")

    def renewing(text: str) -> bool:
        return "renew" in text.lower()

    assert labelled_item_rule("", "Renewing: passed on", ".", said, renewing) is None
    assert labelled_item_rule("- ", "We pass it on to the desk", ".", said, renewing) is None
    assert (
        labelled_item_rule("- ", "Renewing: passed on", ".", said, renewing)
        == "- Renewing: we renew it."
    )
    # a label naming another case keeps its item
    assert labelled_item_rule("- ", "Lost cards: passed on", ".", said, renewing) is None


def test_a_change_for_a_named_category_is_no_whole_topic() -> None:
    condition = Condition.from_dict(
        {
            "text": "membership = student",
            "atoms": [{"feature": "membership", "op": "=", "value": "student"}],
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 9},
        }
    )
    freeze = "Student members can freeze for up to 3 months: freeze it with `freeze` (months)."
    other = "Pool lockers cost £2 a visit."
    facts = ChangeFacts(
        id="C1",
        title="now calls freeze",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        after_actions=[ActionFact("freeze")],
        conditions=[condition],
        rules=[
            Rule("H1", "sentence_changed", "Freezing", "No one can freeze.", freeze, "…"),
            Rule("H2", "sentence_added", "Lockers", None, other, "…"),
        ],
        others=9,
        prompt_sections={"Freezing": [freeze], "Lockers": [other]},
    )
    assert not facts.whole_topic
    said = new_rule(facts)
    # the passage naming the case, alone: the locker sentence is no part of it
    assert said is not None and said.prompt == freeze


OLD_TOLD = "Tell them the loan isn't renewed until the desk replies."
DENIAL = (
    "# Renewals\n\n"
    "Renewal requests go to our circulation desk, who reply within 2 days with your new due date. "
    "Your loan isn't renewed until the desk replies. "
    "A loan on a reserved book isn't renewed until the desk has checked the waiting list. "
    "Reservations aren't held past 7 days.\n"
)


def test_a_denial_beside_the_rule_is_no_part_of_the_rule_writer() -> None:
    # the companion sentences (a lifted wait) are the companions pass's, not this writer's:
    # the kept rule of another case ("a reserved book"), found beside the old wait, is never
    # deleted, nor a reason to refuse the item: it stays byte for byte (the old wait itself,
    # a restatement of the old told sentence, goes as any restatement does)
    facts = _topic_facts(
        [
            Rule("H1", "sentence_changed", "Loans", OLD_RENEW, NEW_RENEW, "…"),
            Rule("H2", "sentence_changed", "Loans", OLD_TOLD, NEW_TOLD, "…"),
        ],
        {"Loans": [NEW_RENEW, NEW_TOLD, KEPT]},
        "renewal",
    )
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Renewals", DENIAL, "markdown", "kb", "a")])
    [impact] = rank_items(facts, kb)
    old = (
        "Renewal requests go to our circulation desk, who reply within 2 days with your new due "
        "date."
    )
    view = impact.marked([old], PROMPT_RULE_REASON)
    written = prompt_rule_edit(facts, impact.marked(targets(facts, view), PROMPT_RULE_REASON))
    assert written is not None
    assert written[0] == DENIAL.replace(
        old + " Your loan isn't renewed until the desk replies.",
        "For renewing a loan, we renew the loan ourselves. The loan is renewed straight away, "
        "and a receipt is emailed to you.",
    )


def test_a_told_sentence_rewritten_beside_the_rule_keeps_its_old_side() -> None:
    told = "Tell them the loan is renewed straight away."
    hunks = {
        "H1": {"kind": "sentence_changed", "section": "Loans", "old": OLD_RENEW, "new": NEW_RENEW},
        "H2": {"kind": "sentence_changed", "section": "Loans", "old": OLD_TOLD, "new": told},
    }
    rules = [Rule("H1", "sentence_changed", "Loans", OLD_RENEW, NEW_RENEW, "…")]
    [whole] = told_rules(rules, hunks, {"H1"}, whole_topic=True)
    assert (whole.kind, whole.old, whole.new) == ("sentence_changed", OLD_TOLD, told)
    # a change for some cases only reads it as before: the told sentence alone
    [scoped] = told_rules(rules, hunks, {"H1"})
    assert (scoped.kind, scoped.old, scoped.new) == ("sentence_added", None, told)


TABLE = (
    "# Loans at a glance\n\n"
    "| What | How |\n| --- | --- |\n"
    "| Renewing a loan | Passed to the circulation desk, who reply within 2 days |\n"
    "| Reserving a book | Passed to the circulation desk, who reply within 2 days |\n\n"
    "Renewal requests go to our circulation desk, who reply within 2 days.\n"
)


def test_a_table_row_keyed_by_the_topic_takes_the_rule_as_its_value() -> None:
    facts = _library()
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Loans", TABLE, "markdown", "kb", "a")])
    [impact] = rank_items(facts, kb)
    found = [
        "Renewal requests go to our circulation desk, who reply within 2 days.",
        "| Renewing a loan | Passed to the circulation desk, who reply within 2 days |",
    ]
    written = prompt_rule_edit(facts, impact.marked(found, PROMPT_RULE_REASON))
    assert written is not None
    assert written[0] == TABLE.replace(
        "| Renewing a loan | Passed to the circulation desk, who reply within 2 days |",
        "| Renewing a loan | We renew the loan ourselves; the loan is renewed straight away, and "
        "a receipt is emailed to you |",
    ).replace(
        "Renewal requests go to our circulation desk, who reply within 2 days.",
        "For renewing a loan, we renew the loan ourselves. The loan is renewed straight away, "
        "and a receipt is emailed to you.",
    )
    # the trap row, another topic, and the header stay
    assert (
        "| Reserving a book | Passed to the circulation desk, who reply within 2 days |"
        in (written[0])
    )


def test_an_internal_in_the_first_piece_is_refused_not_cut_to_a_fragment() -> None:
    # the first list piece holds the sentence's verb: cutting it would leave "The date, and
    # the seat number"; the voicing keeps it and is flagged instead
    prompt = "Tell the customer the booking fee from the tool's result, the date, and the seat."
    rule = voiced(prompt)
    assert rule is None or "internal" in voicing_problems(prompt, rule.sentence)
    prompt = "Tell the guest the deposit from the system's response; the rest is due on arrival."
    rule = voiced(prompt)
    assert rule is None or "internal" in voicing_problems(prompt, rule.sentence)


def test_a_clause_after_an_internal_joined_by_and_that_is_kept() -> None:
    assert as_policy(
        "we tell you the price, the deposit from the tool's result and that the booking has been "
        "confirmed"
    ) == ("we tell you the price and that the booking is confirmed")


def test_internals_elsewhere_in_the_passage_and_a_report_not_last() -> None:
    # an aside in brackets naming where the figure is read goes whole
    rule = voiced(
        "Tell the member the class is booked (the price from the tool's result), and that a "
        "confirmation has been sent to them."
    )
    assert rule is not None
    assert rule.sentence == "The class is booked, and a confirmation is sent to you."
    # the report first, the internal between, a plain statement last
    rule = voiced(
        "Tell the tenant that the key fob has been posted to them, the fee from the lookup "
        "result, and that the gate code changes monthly."
    )
    assert rule is not None
    assert rule.sentence == "The key fob is posted to you, and the gate code changes monthly."


def test_a_relative_clause_keeps_its_tense_and_a_short_participle_is_turned() -> None:
    assert as_policy("We refund tickets for events that have been cancelled.") == (
        "We refund tickets for events that have been cancelled."
    )
    assert as_policy("We don't take back boots which have been worn.") == (
        "We don't take back boots which have been worn."
    )
    assert as_policy("Your new card has been sent to you.") == "Your new card is sent to you."


def test_a_whole_topic_head_on_a_pronoun_goes_rather_than_dangle() -> None:
    # "If one arrived cracked" points back at the prompt's sentence before it ("Customers
    # write in about the vases they ordered."), which no item holds: the item is the topic's
    old = (
        "If one arrived cracked, pass the case to the warehouse team with `transfer_to_team` "
        "(team warehouse)."
    )
    new = (
        "If one arrived cracked, send a new one yourself with `send_vase` (order_ref) and tell "
        "the customer it arrives within 2 days."
    )
    facts = _topic_facts(
        [Rule("H1", "sentence_changed", "Breakages", old, new, "…")],
        {"Breakages": ["Customers write in about the vases they ordered.", new]},
        "breakage",
    )
    said = written_rule(facts)
    assert said is not None
    assert said.head is None
    assert said.sentence == "We send a new one ourselves, and it arrives within 2 days."

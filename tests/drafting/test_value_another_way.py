"""The old value, and the old every-case claim, recognised when the KB says them another way,
and the sentence rewritten with the new value beside what everyone else keeps.

Made-up domains, none a scenario's:
- a kayak hire whose deposit moves from 25% to 40% for groups of more than 6 paddlers (a bound),
  said as a fraction in a macro with placeholders ("a quarter of your hire fee"), and as a
  percentage in words in a Q&A answer led by an every-case claim ("Whether you paddle as two or
  as twelve, it's twenty-five per cent …"), the others keeping 25%;
- a print shop whose rush fee moves from 10% to 15% for orders over £500 (a bound on money), said
  as "a tenth of the order total" in a table cell and as "one in ten of every pound you spend";
- a bike workshop whose puncture repairs, free for every Gold member, now cost $8 for Gold
  members whose bike was not bought from us (a flag), said as "never costs you a penny" and as a
  list item "- Free puncture repairs, however big or small the job";
- the readers on their own: one reader of a share in words for every finder and writer, the
  subject a new prompt says a value of, and which every-case claims go.

Traps stay byte for byte: the same share on another topic ("a quarter of our fleet", a 25%
student discount), the subset's other rule ("Groups of more than 6 paddlers get their own
guide."), and a claim about something else ("whatever the weather").
"""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.detect.wordamounts import share_in_words, shares_said
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.percentwords import worded_percents
from behaviordiff.drafting.rules import where_stated
from behaviordiff.drafting.saidof import case_marks, value_subject, without_case_claims
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from tests.drafting.kit import moved_facts


def _share_facts(
    *,
    variable: str,
    line: float,
    old_rule: str,
    said: str,
    new_rule: str,
    told: str,
    old: str,
    new: str,
    section: str,
) -> ChangeFacts:
    """A change on four probes (of 14) that `variable > line` picks out: the call's `percent`
    moves `old` → `new`; the old rule `old_rule` is rewritten as `said`, and `new_rule` (added)
    gives the subset `new` and keeps `old` for the rest; `told` is an old reply."""
    condition = Condition.from_dict(
        {
            "text": f"{variable} > {line:g}",
            "atoms": [{"feature": variable, "op": ">", "value": line}],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )
    action = ActionFact("take_deposit")
    probes = ("p1", "p2", "p3", "p4")
    olds, news = float(old.rstrip("%")), float(new.rstrip("%"))
    return ChangeFacts(
        id="C1",
        title=f"take_deposit: percent {olds:g} → {news:g}",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=list(probes),
        before_actions=[action],
        after_actions=[action],
        conditions=[condition],
        rules=[
            Rule("H1", "sentence_added", section, None, new_rule, "…"),
            Rule("H2", "sentence_changed", section, old_rule, said, "…"),
        ],
        excerpts=[Excerpt(probe_id="p1", old=told, new=told.replace(old, new))],
        others=10,
        removed_promises=[Promise("percent", old, "")],
        added_promises=[Promise("percent", new, "")],
        moved=[MovedValue(action, "percent", tuple((p, olds, news) for p in probes))],
        moved_elsewhere=True,
        prompt_sections={section: [said, new_rule]},
    )


def _kayak() -> ChangeFacts:
    return _share_facts(
        variable="group_size",
        line=6,
        old_rule="Every hire pays a deposit of 25% of the hire fee when it is booked.",
        said="The deposit depends on how many paddlers there are.",
        new_rule=(
            "Groups of more than 6 paddlers pay a deposit of 40% of the hire fee when it is "
            "booked; groups of 6 or fewer pay 25%."
        ),
        told="Lovely, I've taken a deposit of £30 (25% of the hire fee) from your card.",
        old="25%",
        new="40%",
        section="Deposits",
    )


def _edits(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, str | None]:
    drafter = TemplateDrafter()
    return {
        impact.item.key: drafter.edit(facts, impact).new_body
        for impact in rank_items(facts, KnowledgeBase(list(items)))
        if impact.conflicts
    }


BOOKED = (
    "Hi {{ticket.requester.first_name}},\n\nYour kayaks are booked for "
    "{{ticket.custom_field_hire_date}}. We've taken a quarter of your hire fee as a deposit, and "
    "you'll pay the rest at the jetty.\n\nIf the river is closed, the deposit comes back to you in "
    "full.\n\nSee you on the water,\n{{current_user.first_name}}"
)
FAQ = (
    "# Hiring kayaks, your questions answered\n\n## Do we pay anything up front?\n\n"
    "Yes, a deposit. Whether you paddle as two or as twelve, it's twenty-five per cent of the "
    "hire fee, taken when you book. You pay the rest at the jetty.\n\n"
    "## Do big groups get a guide?\n\n"
    "Groups of more than 6 paddlers get their own guide.\n"
)
FLEET = "# Our fleet\n\nA quarter of our fleet are tandem kayaks, whatever the weather.\n"
STUDENTS = (
    "Hi {{ticket.requester.first_name}},\n\nStudents get 25% off the hire fee on weekdays, "
    "with a valid student card.\n\nSee you on the water,\n{{current_user.first_name}}"
)


def test_a_fraction_in_a_macro_keeps_its_form_for_the_rest_beside_the_subsets_value() -> None:
    facts = _kayak()
    edits = _edits(
        facts,
        KnowledgeItem("macro", "1", "Bookings::Confirmed", BOOKED, "text", "kb", "m"),
        KnowledgeItem("macro", "2", "Students::Discount", STUDENTS, "text", "kb", "m"),
        KnowledgeItem("article", "3", "Our fleet", FLEET, "markdown", "kb", "a"),
    )
    # the same share on another topic, in words or in figures, stays untouched
    assert set(edits) == {"macro:1"}
    assert edits["macro:1"] == BOOKED.replace(
        "a quarter of your hire fee as a deposit,",
        "a quarter of your hire fee as a deposit for groups of 6 or fewer "
        "(40% for groups of more than 6 paddlers),",
    )


def test_a_percentage_in_words_loses_its_every_case_lead_and_the_subsets_rule_stays() -> None:
    facts = _kayak()
    edits = _edits(
        facts, KnowledgeItem("article", "4", "Hiring kayaks", FAQ, "markdown", "kb", "a")
    )
    assert edits == {
        "article:4": FAQ.replace(
            "Whether you paddle as two or as twelve, it's twenty-five per cent of the hire fee,",
            "It's twenty-five per cent of the hire fee for groups of 6 or fewer (forty per cent "
            "for groups of more than 6 paddlers),",
        )
    }
    # the subset's other rule, with the same bound, is untouched
    assert "Groups of more than 6 paddlers get their own guide.\n" in str(edits["article:4"])


def test_the_same_share_of_another_thing_is_left_to_a_writer() -> None:
    """ "We keep 25% of the hire fee" on a late cancellation is no deposit (review fc6): it
    gets no by-case text."""
    cancel = (
        "# Cancelling a hire\n\nCancel a hire after it is booked and we keep 25% of the hire fee.\n"
    )
    edits = _edits(
        _kayak(), KnowledgeItem("article", "9", "Cancelling", cancel, "markdown", "kb", "a")
    )
    assert edits.get("article:9") is None


def test_a_tenth_in_a_table_cell_and_one_in_ten_of_every_pound() -> None:
    facts = _share_facts(
        variable="order_total",
        line=500,
        old_rule="Every rush order pays a rush fee of 10% of the order total.",
        said="The rush fee depends on the order total.",
        new_rule=(
            "Orders over £500 pay a rush fee of 15% of the order total; orders of £500 or less "
            "pay 10%."
        ),
        told="Your rush order is confirmed, with a rush fee of £20 (10% of the order total).",
        old="10%",
        new="15%",
        section="Rush orders",
    )
    table = (
        "# Rush orders\n\n| What | Price |\n|---|---|\n"
        "| Rush fee | A tenth of the order total, added at checkout |\n"
        "| Proofs | A tenth of our proofs are posted |\n"
    )
    prose = (
        "# Rush printing\n\nNeed it fast? A rush order costs one in ten of every pound you spend "
        "on the order total, whatever the size of your order.\n"
    )
    edits = _edits(
        facts,
        KnowledgeItem("article", "5", "Rush orders", table, "markdown", "kb", "a"),
        KnowledgeItem("article", "6", "Rush printing", prose, "markdown", "kb", "a"),
    )
    assert edits["article:5"] == table.replace(
        "| A tenth of the order total, added at checkout |",
        "| A tenth of the order total for orders of £500 or less (15% for orders over £500), "
        "added at checkout |",
    )
    # the claim over the order's size goes once the share is said by case
    assert edits["article:6"] == prose.replace(
        "on the order total, whatever the size of your order.",
        "on the order total for orders of £500 or less (15% for orders over £500).",
    )


def _puncture_facts() -> ChangeFacts:
    """Puncture repairs, free for every Gold member, now cost $8 where the bike was not bought
    from us (`gold = true and bought_here = false`: `book_repair` fee 0 → 8)."""
    condition = Condition.from_dict(
        {
            "text": "gold = true and bought_here = false",
            "atoms": [
                {"feature": "gold", "op": "=", "value": True},
                {"feature": "bought_here", "op": "=", "value": False},
            ],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )
    action = ActionFact("book_repair")
    probes = ("p1", "p2", "p3", "p4")
    new = (
        "Gold members get puncture repairs free on bikes bought from us; Gold members with other "
        "bikes, and customers who aren't members, pay $8."
    )
    return ChangeFacts(
        id="C1",
        title="book_repair: fee 0 → 8",
        kind="actions",
        facets=["actions"],
        probe_ids=list(probes),
        after_actions=[action],
        conditions=[condition],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Repairs",
                "Gold members always get puncture repairs free.",
                new,
                "…",
            )
        ],
        excerpts=[Excerpt(probe_id="p1", old="That's free for you.", new="That's $8.")],
        others=10,
        moved=[MovedValue(action, "fee", tuple((p, 0.0, 8.0) for p in probes))],
        prompt_sections={"Repairs": [new]},
    )


def test_a_zero_price_in_words_and_a_claim_over_the_job_give_way_to_both_sides() -> None:
    facts = _puncture_facts()
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nYour bike is booked in. Being a Gold member means "
        "a puncture repair never costs you a penny, so nothing has been added to your bill.\n\n"
        "We're open 8am to 6pm, whatever the weather.\n\n{{current_user.first_name}}"
    )
    perks = (
        "# Gold membership\n\n## What Gold members get\n\n- Free puncture repairs, however big or "
        "small the job\n- 10% off parts\n"
    )
    # other perks of the same members, free as before (review fc6)
    check = "# Safety checks\n\nGold members always get a free safety check before a long ride.\n"
    coffee = (
        "Hi {{ticket.requester.first_name}},\n\nAs a Gold member you always get a free coffee "
        "while you wait.\n\n{{current_user.first_name}}"
    )
    edits = _edits(
        facts,
        KnowledgeItem("macro", "7", "Repairs::Booked", macro, "text", "kb", "m"),
        KnowledgeItem("article", "8", "Gold membership", perks, "markdown", "kb", "a"),
        KnowledgeItem("article", "10", "Safety checks", check, "markdown", "kb", "a"),
        KnowledgeItem("macro", "11", "Waiting::Coffee", coffee, "text", "kb", "m"),
    )
    assert edits.get("article:10") is None and edits.get("macro:11") is None
    rule = (
        "Gold members get puncture repairs free on bikes bought from us; Gold members with other "
        "bikes, and customers who aren't members, pay $8"
    )
    assert edits["macro:7"] == macro.replace(
        "Being a Gold member means a puncture repair never costs you a penny, so nothing has "
        "been added to your bill.",
        rule + ".",
    )
    assert edits["article:8"] == perks.replace(
        "- Free puncture repairs, however big or small the job", "- " + rule
    )


def test_one_reader_of_a_share_in_words() -> None:
    said = {
        found.group(0): share
        for found, share in shares_said(
            "One fifth of the booking total, three tenths of the price, three in ten of every "
            "pound you spend, half the fee, a quarter of an hour, half of our stores."
        )
    }
    assert said == {
        "One fifth of": 20.0,
        "three tenths of": 30.0,
        "three in ten of": 30.0,
        "half": 50.0,
    }
    # the finders and the promise reader read the same shares
    assert [m.group(0) for m in where_stated("20%", "we took one fifth of your total")] == [
        "one fifth of"
    ]
    assert share_in_words("25%", "A quarter of our customers use the app.") == []
    assert worded_percents("it's a fifth of the fare") == frozenset({Promise("percent", "20%", "")})


def test_the_subject_a_value_is_said_of_and_the_claims_that_go() -> None:
    rule = "Groups of more than 6 paddlers pay 40% of the fee; groups of 6 or fewer pay 25%."
    assert value_subject(rule, "40%") == "groups of more than 6 paddlers"
    assert value_subject(rule, "25%") == "groups of 6 or fewer"
    assert value_subject("Every hire pays 25% of the fee.", "25%") is None
    marks = case_marks(_kayak().conditions)
    assert {"group", "size", "6", "six"} <= marks
    assert without_case_claims("Whether there are two of you or twenty, it's 20%.", marks) == (
        "It's 20%."
    )
    assert (
        without_case_claims("It's free, whatever the size of your basket.", marks) == "It's free."
    )
    # a claim about something else stays
    for kept in ("Whether it's sunny or wet, we sail.", "We're open, whatever the weather."):
        assert without_case_claims(kept, marks) == kept


def test_a_statistic_in_parts_of_a_whole_is_no_share() -> None:
    """ "N in M of" is a share only of an amount of money (review fc6): a statistic on the
    same page ("one in five of our tickets") stays beside a 20% deposit."""
    assert where_stated("20%", "One in five of our tickets are sold at the door.") == []
    assert where_stated("90%", "Nine in ten of the orders ship the same day.") == []
    assert [m.group(0) for m in where_stated("30%", "three in ten of every pound")] == [
        "three in ten of"
    ]


def _line_facts(old: str, new: str, *others: str) -> ChangeFacts:
    """A line on an age or a count moved in one prompt sentence (`old` → `new`)."""
    rules = [Rule("H1", "sentence_changed", "Prices", old, new, "…")]
    facts = moved_facts(rules, [{"feature": "tag:tickets", "op": "tag"}], title="line moved")
    facts.prompt_sections = {"Prices": [new, *others]}
    return facts


def test_a_line_said_inclusively_moves_in_the_same_form() -> None:
    """A zoo: "Children under 4 get in free" → "under 2". The KB says the line by its last age
    below it, in words and digits, as a band from nought, and "up to and including"; the
    same number on another topic ("under 4s must hold an adult's hand" on the train ride, "4
    or fewer" animals a keeper feeds) stays."""
    facts = _line_facts(
        "Children under 4 get in free; everyone else pays the full price.",
        "Children under 2 get in free; everyone else pays the full price.",
        "On the miniature train, children must hold an adult's hand.",
    )
    prices = (
        "# Tickets\n\nChildren aged three and under get in free with a paying adult.\n\n"
        "| Ticket | Price |\n|---|---|\n| Toddler (0–3) | Free |\n| Child (4 to 15) | £9 |\n\n"
        "Babies up to and including 3 get in free too.\n"
    )
    train = (
        "# The miniature train\n\nKids aged three and under must hold an adult's hand on the "
        "train.\n"
    )
    edits = _edits(
        facts,
        KnowledgeItem("article", "z1", "Tickets", prices, "markdown", "kb", "a"),
        KnowledgeItem("article", "z2", "The miniature train", train, "markdown", "kb", "a"),
    )
    assert set(edits) == {"article:z1"}
    said = str(edits["article:z1"])
    assert "Children aged one and under get in free with a paying adult." in said
    assert "| Toddler (0–1) | Free |" in said
    assert "Babies up to and including 1 get in free too." in said


def test_a_count_line_said_as_its_last_one_below() -> None:
    """A climbing wall: "Groups of 8 or more need an instructor" → "6 or more". "Groups of
    seven or fewer climb on their own" states the same line from below and moves to "five
    or fewer"; "7 or fewer ropes" of another topic stays."""
    facts = _line_facts(
        "Groups of 8 or more climbers need one of our instructors.",
        "Groups of 6 or more climbers need one of our instructors.",
    )
    groups = (
        "# Climbing in a group\n\nGroups of seven or fewer climbers can climb on their own.\n\n"
        "## Kit\n\nWe lend 7 or fewer ropes to any one lane.\n"
    )
    edits = _edits(
        facts, KnowledgeItem("article", "c1", "Climbing in a group", groups, "markdown", "kb", "a")
    )
    assert edits == {
        "article:c1": groups.replace(
            "Groups of seven or fewer climbers", "Groups of five or fewer climbers"
        )
    }


def test_a_line_drawn_from_above_reads_no_last_count_below() -> None:
    """ "More than 10 climbers" → "more than 8" (review fc6): the line is 10 itself, so "nine
    or fewer" states another rule and stays; "ten or fewer" is the line's other side and
    moves to "eight or fewer"."""
    facts = _line_facts(
        "Groups of more than 10 climbers need one of our instructors.",
        "Groups of more than 8 climbers need one of our instructors.",
    )
    groups = "# Climbing in a group\n\nGroups of nine or fewer climbers get a free chalk bag.\n"
    edits = _edits(
        facts, KnowledgeItem("article", "c2", "Climbing in a group", groups, "markdown", "kb", "a")
    )
    assert edits.get("article:c2") is None


def test_the_same_share_of_another_charge_beside_the_answer_stays_as_it_is() -> None:
    """A late fee of "a quarter of the hire fee" in the same Q&A as the deposit (review fc6)
    stays as it is, and the deposit's answer is still rewritten."""
    faq = (
        "# Hiring kayaks\n\n## Do we pay anything up front?\n\nYes, a quarter of your hire fee "
        "as a deposit, taken when you book.\n\n## What if we're late back?\n\nA quarter of an "
        "hour late is fine; after that it's a quarter of the hire fee again.\n"
    )
    edits = _edits(
        _kayak(), KnowledgeItem("article", "12", "Hiring kayaks", faq, "markdown", "kb", "a")
    )
    said = edits.get("article:12")
    assert said is not None
    assert (
        "A quarter of an hour late is fine; after that it's a quarter of the hire fee again.\n"
        in said
    )
    assert "(40% for groups of more than 6 paddlers)" in said

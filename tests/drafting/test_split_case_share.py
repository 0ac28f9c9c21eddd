"""A share split by a line the new prompt draws in a list (made-up agent, no scenario's text):
a car-lease firm that put all of a customer's deposit towards their next lease "however long
they have leased" now counts half of it past three years. The prompt says it as a lead and two
list items ("leased for more than 3 years: 50% of the deposit counts."): the KB's every-case
claims are narrowed to the rest, the changed case said once as what the customer has done
("If you've leased for more than 3 years, …"); a short answer under a question heading is
read with its question; a bracket the every-case clause closed stays closed; a claim over
every case on another topic that names only the lease's length (a free service every year
"however long you've been leasing") is left alone. (One that also names the lease itself,
"Every lease includes a free service …", shares a word of the rule's sentence and is still
read as its claim: a known limit of reading by words.)"""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.rules import case_lead, kb_rule
from behaviordiff.drafting.splitcase import SPLIT_CASE_REASON, split_case_edit
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    "100% of the deposit they have paid counts towards their next lease, however long they "
    "have leased with us."
)
LEAD = (
    "Part of the deposit they have paid counts towards their next lease, depending on how "
    "long they have leased (years from `lookup_lease`):"
)
KEPT = "leased for 3 years or less: 100% of the deposit counts."
NEW = "leased for more than 3 years: 50% of the deposit counts."
SERVICE = "Your car gets a free service every year, however long you've been leasing."
ARTICLE = (
    "# Your deposit\n\n## What happens to my deposit?\n\n"
    "All of it counts, whether you've leased with us for one year or ten.\n\n"
    "## Servicing\n\n" + SERVICE + "\n"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour deposit comes off the next lease (100% of it, "
    "however long you've been leasing with us).\n\nEvery penny of the deposit you've paid counts "
    "towards your next lease, however long you've been leasing, and it's noted on your "
    "account.\n\nThe Drive Team"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="100% → 50%",
        kind="promises",
        facets=["promises"],
        probe_ids=["renew-4y", "renew-6y"],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "lookup_lease.years", "op": ">", "value": 3}]}
            )
        ],
        rules=[
            Rule("H3", "sentence_added", "Your next lease", None, NEW, "added"),
            Rule("H2", "sentence_added", "Your next lease", None, KEPT, "added"),
            Rule("H1", "sentence_changed", "Your next lease", OLD, LEAD, "changed"),
        ],
        excerpts=[Excerpt("renew-4y", "All of it counts.", "Half of it counts.")],
        others=6,
        prompt_sections={
            "Your next lease": [LEAD, KEPT, NEW, "Book their free service every year."]
        },
    )


def _impacts(*items: KnowledgeItem) -> dict[str, Impact]:
    facts = _facts()
    return {i.item.key: i for i in rank_items(facts, KnowledgeBase(list(items))) if i.affected}


def _article() -> KnowledgeItem:
    return KnowledgeItem("article", "1", "Your deposit", ARTICLE, "markdown", "kb", "a")


def _macro() -> KnowledgeItem:
    return KnowledgeItem("macro", "7", "Deposit::Next lease", MACRO, "text", "kb", "m")


def _marked(impact: Impact) -> list[str]:
    return [c.sentence for c in impact.conflicts if SPLIT_CASE_REASON in c.reasons]


def test_a_short_answer_is_read_with_its_question_and_another_topic_is_left() -> None:
    impact = _impacts(_article())["article:1"]
    assert _marked(impact) == [
        "All of it counts, whether you've leased with us for one year or ten."
    ]
    assert SERVICE not in [c.sentence for c in impact.conflicts]


def test_the_answer_says_the_case_split_off_as_what_the_customer_has_done() -> None:
    impact = _impacts(_article())["article:1"]
    found = split_case_edit(_facts(), impact)
    assert found is not None and found[0] is not None
    assert found[0] == ARTICLE.replace(
        "All of it counts, whether you've leased with us for one year or ten.",
        "If you've leased for more than 3 years, 50% of the deposit counts. "
        "Otherwise, all of it counts.",
    )


def test_every_penny_is_kept_for_the_rest_and_a_bracket_stays_closed() -> None:
    impact = _impacts(_macro())["macro:7"]
    found = split_case_edit(_facts(), impact)
    assert found is not None and found[0] is not None
    body = found[0]
    assert "Otherwise, your deposit comes off the next lease (100% of it)." in body
    assert (
        "Every penny of the deposit you've paid counts towards your next lease, "
        "and it's noted on your account." in body
    )
    assert body.count("If you've leased for more than 3 years, 50% of the deposit counts.") == 1
    assert "{{ticket.requester.first_name}}" in body and "however long" not in body


def test_the_value_writer_leaves_a_claim_it_cannot_restate_to_the_split() -> None:
    """The change is told as "100% → 50%": the value writer rewrites the sentence stating 100%;
    a sentence marked only as the split rule's every-case claim states no value to move and is
    never deleted by it (the split's writer narrows it)."""
    facts = _facts()
    facts.removed_promises = [Promise("percent", "100%")]
    facts.added_promises = [Promise("percent", "50%")]
    impact = _impacts(_macro())["macro:7"]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert "Every penny of the deposit you've paid counts towards your next lease" in edit.new_body


def test_a_case_the_customer_has_done_is_said_as_theirs_a_thing_as_for() -> None:
    assert kb_rule(NEW) is not None
    assert (
        kb_rule(NEW).sentence
        == "If you've leased for more than 3 years, 50% of the deposit counts."
    )
    assert case_lead("paid by card") == "If you've paid by card"
    assert case_lead("damaged items") == "For damaged items"
    assert case_lead("orders over £50") == "For orders over £50"

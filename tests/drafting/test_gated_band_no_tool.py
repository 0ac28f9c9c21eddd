"""A window moved for an action the agent takes with a tool, where the band it left only loses
that action (no other tool for it): an article's sentence moves to the new line, with no
sentence of its own for the band, rather than going to a writer (a bike shop's free
re-adjustment, the facts of test_gated_window without the band's tool)."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.gatedwindow import gated_windows
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, moved_facts
from .test_gated_window import ACTION, NEW_LINE, OLD_LINE, SECTION

BAND = (
    "More than 21 days and up to 60 days after the service (60 included): still under the "
    "workmanship guarantee, and a re-adjustment is included in the next service."
)
SECTIONS = {SECTION: [NEW_LINE, ACTION, BAND]}
ARTICLE = (
    "# Our workmanship guarantee\n\n"
    "## Something's not right after a service\n\n"
    "If it's within 60 days of your service, we'll book a free re-adjustment straight away.\n"
)


def _facts() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", SECTION, OLD_LINE, NEW_LINE, "sentence changed"),
        Rule("H2", "sentence_added", SECTION, None, BAND, "sentence added"),
    ]
    atoms: list[dict[str, object]] = [
        {
            "feature": "days_since_service",
            "op": "between",
            "low": 21,
            "high": 60,
            "low_inclusive": False,
            "high_inclusive": True,
        }
    ]
    facts = moved_facts(rules, atoms, title="no longer calls book_adjustment")
    facts.facets = ["actions"]
    facts.before_actions = [ActionFact("book_adjustment")]
    facts.gated = gated_windows(
        facts.moves, facts.rules, SECTIONS, ["book_adjustment"], facts.conditions[0].atoms
    )
    return facts


def test_an_article_moves_the_line_of_a_band_that_only_loses_the_action() -> None:
    facts = _facts()
    assert facts.gated and facts.gated[0].band_action is None
    items = [kb_item("guarantee", ARTICLE)]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    article = TemplateDrafter().edit(facts, impacts["article:guarantee"])
    assert article.new_body == ARTICLE.replace("within 60 days", "within 21 days")

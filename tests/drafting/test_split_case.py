"""A rule once said for every case, one case split off by the new prompt (made-up agents, no
scenario's text): a dog groomer that never collected dogs "however many dogs you're booking"
now collects bookings of up to 2 dogs; a gym that ended every membership "whatever the reason"
now offers a freeze first to members recovering from an injury; a boiler firm that sent an
engineer back "however many visits we've made" now passes the third return to its service
manager. The every-case claims are found (also a row and a second item no other rule finds),
narrowed to the rest in the KB's words with the new case's handling said once in the KB's
voice; a claim on another topic and the heading stay; a case the prompt only names in code is
flagged; a drafting model is told the same and its edit still claiming every case is refused."""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import still_conflicting
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.splitcase import (
    SPLIT_CASE_REASON,
    case_splits,
    split_case_fact,
    split_case_marked,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from tests.drafting.test_llm_template_checks import _draft, _edit_reply, _note_json, _prompt

# a dog groomer: home collection opened for small bookings ------------------------------------

GROOM_OLD_1 = "Every dog must be dropped off at the salon by 9am."
GROOM_OLD_2 = "We don't collect dogs from home, however many dogs you're booking."
GROOM_KEPT = "Bookings of 3 or more dogs must be dropped off at the salon by 9am."
GROOM_NEW = (
    "Bookings of up to 2 dogs can be collected from home: book a pickup with `book_pickup` "
    "(it's confirmed by text) and tell them to have the dogs ready on their leads by 8am."
)
GROOM_ARTICLE = (
    "# Drop-off\n\n## How do I get my dog to you?\n\n"
    "Bring them to the salon by 9am. We only take dogs at the salon door: we don't collect "
    "dogs from home, whether you book one dog or five.\n\n"
    "## How long does a groom take?\n\nEvery groom takes 2 hours, whatever the breed.\n\n"
    "| What | Cost | Notes |\n| --- | --- | --- |\n"
    "| Drop-off | Free | At the salon only, by 9am |\n| Nail clip | £8 | Any dog |\n"
)
GROOM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry you can't make it in. Dogs can only come to "
    "us at the salon, so if you can't get here, we can send a pet taxi for £15.\n\n"
    "Just reply with a time that suits.\n\nThe Wag Room"
)


def _groom() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_pickup added",
        kind="action",
        facets=["actions"],
        probe_ids=["dogs-1", "dogs-2"],
        before_actions=[],
        after_actions=[ActionFact("book_pickup", ())],
        conditions=[Condition.from_dict({"atoms": [{"feature": "dogs", "op": "<=", "value": 2}]})],
        rules=[
            Rule("H1", "sentence_changed", "Drop-off", GROOM_OLD_1, GROOM_KEPT, "kept"),
            Rule("H2", "sentence_changed", "Drop-off", GROOM_OLD_2, GROOM_NEW, "new"),
        ],
        excerpts=[Excerpt("dogs-1", "Please bring her in by 9am.", "A pickup is booked.")],
        others=5,
        prompt_sections={"Drop-off": [GROOM_KEPT, GROOM_NEW]},
    )


def _impacts(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, Impact]:
    return {i.item.key: i for i in rank_items(facts, KnowledgeBase(list(items))) if i.affected}


def _article(body: str = GROOM_ARTICLE) -> KnowledgeItem:
    return KnowledgeItem("article", "1", "Drop-off", body, "markdown", "kb", "a")


def _macro(body: str = GROOM_MACRO) -> KnowledgeItem:
    return KnowledgeItem("macro", "2", "Can't get here", body, "text", "kb", "m")


def test_the_split_is_read_from_the_prompt_in_the_kbs_voice() -> None:
    [split] = case_splits(_groom())
    assert split.new == " ".join(GROOM_NEW.split())
    assert split.said.startswith("Bookings of up to 2 dogs can be collected from home")
    assert "book_pickup" not in split.said and "(" not in split.said
    # the dogs are "they", not the customer
    assert "on their leads" in split.said or "ready" in split.said
    assert "you" not in split.said.split("leads")[0].split("dogs ready")[-1]


def test_every_case_claims_are_narrowed_and_the_case_said_once() -> None:
    facts = _groom()
    impacts = _impacts(facts, _article(), _macro())
    assert set(impacts) == {"article:1", "macro:2"}
    article = impacts["article:1"]
    assert split_case_marked(article)
    edit = TemplateDrafter().edit(facts, article)
    body = str(edit.new_body)
    assert "whether you book one dog or five" not in body
    assert "We only take" not in body and "At the salon only" not in body
    assert body.lower().count("bookings of up to 2 dogs can be collected from home") == 2
    assert "Otherwise, we take dogs at the salon door: we don't collect dogs from home." in body
    assert "| Drop-off | Free | At the salon, by 9am; bookings of up to 2 dogs" in body
    # another topic's every-case words, the other row, headings, the lead sentence: byte for byte
    for kept in (
        "Every groom takes 2 hours, whatever the breed.",
        "| Nail clip | £8 | Any dog |",
        "## How do I get my dog to you?",
        "Bring them to the salon by 9am.",
    ):
        assert kept in body
    macro = TemplateDrafter().edit(facts, impacts["macro:2"]).new_body
    assert macro is not None and "{{ticket.requester.first_name}}" in macro
    assert "can only come" not in macro and "Bookings of up to 2 dogs" in macro
    assert "we can send a pet taxi for £15." in macro


def test_a_claim_on_another_topic_is_not_marked() -> None:
    facts = _groom()
    other = _article("# Grooms\n\nEvery groom takes 2 hours, whatever the breed.\n")
    assert not _impacts(facts, other)


# a gym: a freeze offered first to members recovering from an injury --------------------------

GYM_OLD = "Members can end their membership at any time, whatever the reason."
GYM_KEPT = "Members can end their membership at any time."
GYM_NEW = (
    "If the reason given is `injury` (recovering from an injury or an operation), don't end it "
    "yet: offer to freeze their membership for up to 3 months instead, and end it only if they "
    "still want to."
)
GYM_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour membership has ended.\n\n"
    "Whatever your reason, we'll end it the same day: you can leave any time, with no "
    "questions asked.\n\nSee you around,\nIronworks Gym"
)


def _gym(new: str = GYM_NEW) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="end_membership no longer called",
        kind="action",
        facets=["actions"],
        probe_ids=["injury-1", "injury-2"],
        before_actions=[ActionFact("end_membership", ())],
        after_actions=[],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "reason", "op": "in", "values": ["injury"]}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Leaving", GYM_OLD, GYM_KEPT, "kept"),
            Rule("H2", "sentence_added", "Leaving", None, new, "new"),
        ],
        excerpts=[Excerpt("injury-1", "Your membership has ended.", "Shall I freeze it?")],
        others=5,
        prompt_sections={"Leaving": [GYM_KEPT, new]},
    )


def _gym_impact(facts: ChangeFacts) -> Impact:
    item = KnowledgeItem("macro", "7", "Membership ended", GYM_MACRO, "text", "kb", "m")
    return _impacts(facts, item)["macro:7"]


def test_a_reason_named_in_code_is_said_from_its_gloss() -> None:
    facts = _gym()
    body = str(TemplateDrafter().edit(facts, _gym_impact(facts)).new_body)
    assert "If you're recovering from an injury or an operation, we offer to freeze" in body
    assert "Whatever your reason" not in body and "no questions asked" not in body
    assert "Otherwise, we'll end it the same day: you can leave any time." in body
    assert "Your membership has ended." in body and "`" not in body


def test_a_case_named_only_in_code_is_flagged() -> None:
    bare = GYM_NEW.replace(" (recovering from an injury or an operation)", "")
    assert not case_splits(_gym(bare))


def test_a_model_is_told_the_split_and_an_edit_still_claiming_every_case_is_refused() -> None:
    facts = _gym()
    impact = _gym_impact(facts)
    fact = split_case_fact(facts)
    assert fact is not None and "freeze" in fact
    template_body = TemplateDrafter().edit(facts, impact).new_body
    still = GYM_MACRO.replace(
        "Whatever your reason, we'll end it the same day",
        "Whatever your reason, we'll always end it the same day",
    )
    problems = still_conflicting(facts, impact, template_body, still)
    assert problems and any(SPLIT_CASE_REASON in p for p in problems)
    note = TemplateDrafter().note(facts, [impact], None)

    def answer(request: ChatRequest) -> str:
        return _edit_reply(still) if "<<<BODY" in _prompt(request) else _note_json(note)

    model = FakeChatModel(responder=answer, default=None)
    draft, _, _, template_edit = _draft(facts, impact, model)
    asked = [_prompt(r) for r in model.requests if "<<<BODY" in _prompt(r)]
    assert "freeze their membership" in asked[0] or "freeze your membership" in asked[0]
    [edit] = draft.edits
    assert edit.new_body == template_edit.new_body


# a boiler firm: the third return passed to the service manager -------------------------------

BOIL_OLD = "Book a repeat visit every time the boiler fails, however many visits we've made."
BOIL_NEW = (
    "If `lookup_job` shows we've already been back 3 times or more for this boiler "
    "(`repeat_visits` 3 or more), don't book another visit: pass it to our service manager "
    "with `transfer_to_manager` and tell the customer the service manager will call them "
    "within 2 days."
)
BOIL_ARTICLE = (
    "# Repeat visits\n\n## Is there a limit?\n\n"
    "There's no limit: we'll come back to your boiler as many times as it takes.\n\n"
    "| Visit | Cost | When |\n| --- | --- | --- |\n"
    "| Annual service | £79 | Within 10 days |\n"
    "| Repeat visit | Free | Within 3 days, every time |\n"
)


def _boiler() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="transfer_to_manager",
        kind="escalation",
        facets=["actions"],
        probe_ids=["boil-1"],
        before_actions=[ActionFact("book_repeat_visit", ())],
        after_actions=[ActionFact("transfer_to_manager", ())],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "lookup_job.repeat_visits", "op": ">=", "value": 3}]}
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Repeat visits", BOIL_OLD, BOIL_NEW, "new")],
        excerpts=[Excerpt("boil-1", "An engineer is booked.", "Our service manager will call.")],
        others=5,
        prompt_sections={"Repeat visits": [BOIL_NEW]},
    )


@pytest.mark.parametrize("body", [BOIL_ARTICLE])
def test_a_sentence_only_claiming_every_case_gives_way_and_the_row_is_split(body: str) -> None:
    facts = _boiler()
    item = KnowledgeItem("article", "3", "Repeat visits", body, "markdown", "kb", "a")
    impact = _impacts(facts, item)["article:3"]
    new_body = str(TemplateDrafter().edit(facts, impact).new_body)
    said = (
        "If we've already been back 3 times or more for this boiler, we pass it to our service "
        "manager, and the service manager will call you within 2 days."
    )
    assert f"## Is there a limit?\n\n{said}\n" in new_body
    assert "| Repeat visit | Free | Within 3 days; if we've already been back" in new_body
    assert "every time" not in new_body and "as many times" not in new_body
    assert "| Annual service | £79 | Within 10 days |" in new_body


def test_only_within_a_window_is_another_rule() -> None:
    facts = _groom()
    window = _article(
        "# Drop-off\n\nSorry, we can only collect dogs from home within ten days of booking.\n"
    )
    assert not _impacts(facts, window)


def test_only_restricting_the_subject_by_something_else_is_not_the_old_way() -> None:
    """ "The salon's spa bath is for puppies only" says who the spa bath is for, not that dogs
    must come to the salon: the "only" restricts by words the old handling does not use."""
    facts = _groom()
    spa = _article("# Extras\n\nThe salon spa bath and drying room are for puppies only.\n")
    assert not _impacts(facts, spa)
    cell = _article(
        "# Drop-off\n\n| What | Cost | Notes |\n| --- | --- | --- |\n"
        "| Drop-off | Free | At the salon only, by 9am |\n"
    )
    assert "article:1" in _impacts(facts, cell)

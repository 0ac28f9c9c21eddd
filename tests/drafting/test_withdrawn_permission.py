"""A permission withdrawn for some categories where the KB grants it to all: each sentence
granting it everywhere says where it still holds and where not, in its own words; a yes/no
cell of a table column about it flips for those categories' rows only; the same categories
named about another subject, other claims for every case and every other byte stay. An
outdoor centre whose assistant booked children on every tour, night walks and cave trips
included, and now books them on river and forest tours only."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter, draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, scope_rules
from behaviordiff.drafting.grants import grant_of, narrows_grant
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.permission import (
    PERMISSION_REASON,
    PERMISSION_ROW_REASON,
    grants_to_all,
    limited_grant,
    still_granted,
    withdrawn_permission,
    withdrawn_rows,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel

OLD = (
    "Children are welcome on every tour, night walks and cave trips included, up to three per "
    "adult."
)
NEW = "Children are welcome on river tours and forest tours, up to three per adult."
DENIAL = "They can't join the night walks or the cave trips."
BOOK = "When a child is on the booking, add them with `add_child` and tell them it's half price."
ARTICLE = (
    "# Families\n\n"
    "## Can children come?\n\n"
    "Yes: children are welcome on all our tours, night walks and cave trips\nincluded. Each "
    "adult can bring up to three children on every tour.\n\n"
    "## Tours\n\n"
    "| Tour | Hours | Lunch | Children welcome |\n"
    "| --- | --- | --- | --- |\n"
    "| River tour | 3 | Yes | Yes |\n"
    "| Night walk | 2 | No | Yes |\n"
    "| Cave trip | 4 | Yes | Yes |\n\n"
    "## Guides\n\n"
    "Every tour has its own guide, night walks and cave trips included.\n"
)
SAID = "on river tours and forest tours; they can't join the night walks or the cave trips"


def _facts(
    denial: str | None = DENIAL, atom: dict[str, object] | None = None, others: int = 6
) -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Children", OLD, NEW, "changed")]
    if denial is not None:
        rules.append(Rule("H2", "sentence_added", "Children", None, denial, "added"))
    rules.append(Rule("H3", "sentence_changed", "Children", BOOK, BOOK, "changed"))
    category = atom or {"feature": "tour_type", "op": "in", "value": ["night_walk", "cave_trip"]}
    return ChangeFacts(
        id="C1",
        title="no longer calls add_child",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("add_child", ())],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "child", "op": "=", "value": True}, category]}
            )
        ],
        rules=rules,
        excerpts=[
            Excerpt("p1", "I've added Mia to the night walk.", "Night walks are adults only."),
            Excerpt("p2", "I've added Tom to the cave trip.", "Cave trips are adults only."),
        ],
        others=others,
    )


def test_the_grant_and_its_two_scopes_come_from_the_changed_sentence() -> None:
    grant = grant_of(OLD, NEW)
    assert grant is not None
    assert (grant.subject, grant.verb, grant.permission) == ("Children", "are", "welcome")
    assert grant.old_scope == "on every tour"
    assert grant.new_scope == "on river tours and forest tours"
    categories = ["night walk", "cave trip"]
    assert narrows_grant(OLD, NEW, categories)
    # the new version names them as its exceptions: that is where it holds now and where not
    excepted = "Children are welcome on every tour, except night walks and cave trips."
    assert narrows_grant(OLD, excepted, categories)
    facts = _facts(denial=None)
    facts.rules[0] = Rule("H1", "sentence_changed", "Children", OLD, excepted, "changed")
    permission = withdrawn_permission(facts)
    assert permission is not None
    assert permission.clause() == "on every tour, except night walks and cave trips"
    assert limited_grant(permission, "Yes: children are welcome on all tours.") == (
        "Yes: children are welcome on every tour, except night walks and cave trips."
    )
    # the new version still names a category, or the versions share no grant
    assert not narrows_grant(OLD, "Children are welcome on night walks only.", categories)
    assert not narrows_grant("Tours start at 9am.", "Tours start at 10am.", categories)
    # the old version granted it neither everywhere nor to the categories
    assert not narrows_grant(
        "Children are welcome on river tours.", "Children are welcome on forest tours.", categories
    )


def test_the_permission_comes_from_the_condition_and_the_prompt() -> None:
    permission = withdrawn_permission(_facts())
    assert permission is not None
    assert permission.categories == ("night walk", "cave trip")
    assert permission.denial == DENIAL
    assert permission.clause() == SAID
    assert permission.words() == "Children are welcome"
    # no denial sentence in the prompt: the new scope alone, said as the only one
    bare = withdrawn_permission(_facts(denial=None))
    assert bare is not None and bare.clause() == "on river tours and forest tours only"
    # no sentence of its own: what the prompt has the agent tell the customer, if it is
    # about the grant's subject alone
    told = (
        "If a child is booked on a night walk or a cave trip, don't add them: tell the guest "
        "children can't join walks or cave trips, and that a river tour has room."
    )
    said = withdrawn_permission(_facts(denial=told))
    assert said is not None and said.denial == "children can't join walks or cave trips"
    assert said.clause() == (
        "on river tours and forest tours; children can't join walks or cave trips"
    )
    theirs = told.replace("tell the guest children", "tell them their children")
    unsaid = withdrawn_permission(_facts(denial=theirs))
    assert unsaid is not None and unsaid.denial is None
    # a condition with no category, or a change for everyone, withdraws nothing of this kind
    numeric = {"feature": "age", "op": "<", "value": 12}
    assert withdrawn_permission(_facts(atom=numeric)) is None
    assert withdrawn_permission(_facts(others=0)) is None


def test_sentences_granting_it_to_all_are_found_and_the_traps_are_not() -> None:
    permission = withdrawn_permission(_facts())
    assert permission is not None
    assert grants_to_all(permission, "Yes: children are welcome on all our tours.")
    assert grants_to_all(permission, "Children are welcome on night walks too.")
    # the same categories about another subject, a limit for every case, a denial, a heading
    assert not grants_to_all(permission, "Every tour has a guide, night walks included.")
    assert not grants_to_all(permission, "Each adult can bring up to three children.")
    assert not grants_to_all(permission, "Children are welcome on every tour but not in caves.")
    assert not grants_to_all(permission, "## Are children welcome on every tour?")


def test_the_scope_becomes_where_it_holds_and_where_not() -> None:
    permission = withdrawn_permission(_facts())
    assert permission is not None
    assert limited_grant(
        permission, "Good news: children are welcome on every tour, whatever the weather."
    ) == (f"Good news: children are welcome {SAID}, whatever the weather.")
    assert limited_grant(permission, "Children are welcome on all tours: just ask.") == (
        f"Children are welcome {SAID}: just ask."
    )
    # the subject right after the permission's words
    assert limited_grant(permission, "We welcome children on every tour.") == (
        f"We welcome children {SAID}."
    )
    # the claim before the permission's words has no scope to replace: no rewrite
    assert limited_grant(permission, "On every tour, children are welcome.") is None


def test_the_rows_of_the_categories_say_no_in_the_column_about_it() -> None:
    permission = withdrawn_permission(_facts())
    assert permission is not None
    rows = [
        "| Tour | Lunch | Children welcome |",
        "| --- | --- | --- |",
        "| River tour | Yes | Yes |",
        "| Night walk | Yes | yes |",
        "| Cave trip |  No  |  ✓  |",
    ]
    assert withdrawn_rows(permission, rows) == {
        3: "| Night walk | Yes | no |",
        4: "| Cave trip |  No  |  ✗  |",
    }
    # no column about the grant: nothing to flip
    assert (
        withdrawn_rows(permission, [rows[0].replace("Children welcome", "Parking"), *rows[1:]])
        == {}
    )


def test_each_grant_and_row_is_rewritten_and_everything_else_stays() -> None:
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Families", ARTICLE, "markdown", "kb", "a")])
    facts = _facts()
    [impact] = rank_items(facts, kb)
    assert [(c.sentence, c.reasons) for c in impact.conflicts] == [
        (
            "Yes: children are welcome on all our tours, night walks and cave trips included.",
            (PERMISSION_REASON,),
        ),
        ("| Night walk | 2 | No | Yes |", (PERMISSION_ROW_REASON,)),
        ("| Cave trip | 4 | Yes | Yes |", (PERMISSION_ROW_REASON,)),
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == (
        ARTICLE.replace("on all our tours, night walks and cave trips\nincluded.", f"{SAID}.")
        .replace("| Night walk | 2 | No | Yes |", "| Night walk | 2 | No | No |")
        .replace("| Cave trip | 4 | Yes | Yes |", "| Cave trip | 4 | Yes | No |")
    )
    assert "night walk and cave trip" in edit.rationale
    assert still_granted(facts, ARTICLE, "markdown") == [c.sentence for c in impact.conflicts]
    assert still_granted(facts, str(edit.new_body), "markdown") == []


def test_a_grant_no_rewrite_can_limit_is_flagged_not_restated() -> None:
    body = "# Families\n\nOn every tour, children are welcome. Book early.\n"
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Families", body, "markdown", "kb", "a")])
    facts = _facts()
    [impact] = rank_items(facts, kb)
    assert [c.sentence for c in impact.conflicts] == ["On every tour, children are welcome."]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert edit.rationale.startswith("Flagged for review: the new prompt withdraws")


def test_the_drafting_model_is_told_the_permission() -> None:
    [said] = [fact for fact in draft_facts(_facts()) if "no longer holds" in fact]
    assert "“Children are welcome” no longer holds for night walk and cave trip" in said
    assert SAID in said


def test_the_sentence_that_narrowed_the_grant_joins_the_rules() -> None:
    hunks: dict[str, dict[str, object]] = {
        "H1": {"kind": "sentence_changed", "section": "Children", "old": OLD, "new": NEW},
        "H2": {"kind": "sentence_changed", "section": "Children", "old": BOOK, "new": DENIAL},
        "H9": {"kind": "sentence_changed", "section": "Lunch", "old": OLD, "new": NEW},
    }
    rules = [Rule("H2", "sentence_changed", "Children", BOOK, DENIAL, "changed")]
    conditions = _facts().conditions
    [found] = scope_rules(rules, hunks, {"H2"}, conditions)
    assert (found.hunk_id, found.kind, found.old, found.new) == ("H1", "scope_narrowed", OLD, NEW)
    # attributed to a change already, or the condition names no category: not added
    assert scope_rules(rules, hunks, {"H1", "H2"}, conditions) == []
    assert scope_rules(rules, hunks, {"H2"}, []) == []


def test_a_sentence_extending_the_grant_to_the_categories_goes_with_it() -> None:
    body = (
        "# Families\n\nChildren are welcome on every tour. That includes the night walks. "
        "Bring a coat.\n\nThis includes every cave trip's guide fee.\n"
    )
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Families", body, "markdown", "kb", "a")])
    facts = _facts()
    [impact] = rank_items(facts, kb)
    assert [c.sentence for c in impact.conflicts] == [
        "Children are welcome on every tour.",
        "That includes the night walks.",
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == (
        f"# Families\n\nChildren are welcome {SAID}. Bring a coat.\n\n"
        "This includes every cave trip's guide fee.\n"
    )
    assert "drops “That includes the night walks.”" in edit.rationale


def test_a_model_edit_still_granting_it_is_retried_with_the_reason() -> None:
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Families", ARTICLE, "markdown", "kb", "a")])
    facts = _facts()
    [impact] = rank_items(facts, kb)
    template_edit = TemplateDrafter().edit(facts, impact)
    fixed = str(template_edit.new_body)
    # the sentence limited, the cave trip row left at yes
    kept = fixed.replace("| Cave trip | 4 | Yes | No |", "| Cave trip | 4 | Yes | Yes |")
    replies = [json.dumps({"new_body": body, "rationale": "Limited."}) for body in (kept, fixed)]
    model = FakeChatModel(replies, default=None)
    drafter = LLMDrafter(model, "fake")
    common = drafter._common(facts, TemplateDrafter().note(facts, [impact], None))
    grounding = Grounding([facts.corpus(), ARTICLE, fixed])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert failure == "" and edit is not None and edit.new_body == fixed
    retry = "\n".join(str(message["content"]) for message in model.requests[1].messages)
    assert "“| Cave trip | 4 | Yes | Yes |” still grants what the new prompt withdraws" in retry


def test_what_else_the_item_says_of_the_subject_in_those_categories_flags_it() -> None:
    body = (
        "Hi {{ticket.requester.first_name}},\n\nGood news: children are welcome on every tour. "
        "I've added your child to the night walk booking.\n\nSee you soon"
    )
    kb = KnowledgeBase([KnowledgeItem("macro", "2", "Children::Added", body, "text", "kb", "m")])
    facts = _facts()
    [impact] = rank_items(facts, kb)
    assert [(c.sentence, c.reasons[0][:9]) for c in impact.conflicts] == [
        ("Good news: children are welcome on every tour.", "grants fo"),
        ("I've added your child to the night walk booking.", "describes"),
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert "I've added your child to the night walk booking." in edit.rationale

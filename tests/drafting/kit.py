"""Small builders the drafting tests share: knowledge-base items made up in a line, the facts
of a change whose prompt rules moved a value under one condition, and a fake drafting model's
edit of one item through the same checks as the template's."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel


def kb_item(key: str, body: str, kind: str = "article", title: str | None = None) -> KnowledgeItem:
    """An article (Markdown) or a macro (plain text) keyed `key`, titled after it."""
    article = kind == "article"
    return KnowledgeItem(
        kind="article" if article else "macro",
        id=key,
        title=title or key.title(),
        body=body,
        body_format="markdown" if article else "text",
        source="kb",
        record=key,
    )


def titled_item(kind: str, title: str, body: str) -> KnowledgeItem:
    """An item named by its title (its key is the title in lower case), Markdown either way."""
    return KnowledgeItem(kind, title.lower(), title, body, "markdown", "kb", title)  # type: ignore[arg-type]


def band_atom(variable: str, low: float, high: float) -> dict[str, object]:
    """The condition atom `low <= variable < high`."""
    return {
        "feature": variable,
        "op": "between",
        "low": low,
        "high": high,
        "low_inclusive": True,
        "high_inclusive": False,
    }


def moved_facts(
    rules: list[Rule],
    atoms: list[dict[str, object]],
    *,
    title: str = "now calls charge_fee",
    facets: Sequence[str] = ("actions",),
    text: str = "condition",
) -> ChangeFacts:
    """An actions change C1 on three probes (of 15) that the condition `atoms` picks out exactly,
    with `rules` as its prompt rules and the value moves read from them."""
    facts = ChangeFacts(
        id="C1",
        title=title,
        kind="actions",
        facets=list(facets),
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": text,
                    "atoms": atoms,
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 12},
                }
            )
        ],
        others=12,
        rules=rules,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def waived_facts(
    *,
    tag: str,
    used: str,
    window: str,
    bound: float,
    call: str,
    arg: str,
    amount: float,
    title: str,
    section: str,
    free: tuple[str, str],
    fee: tuple[str, str],
    told: str,
) -> ChangeFacts:
    """An actions change C1 on four probes (of 14): a fee waived past a line, `tag and used >= 1
    and window >= bound`, the `call`'s `arg` moving `amount` -> 0; `free` and `fee` are the
    (old, new) sentences of the free rule and of the fee rule in the prompt's `section`; `told`
    what one probe's old reply said."""
    condition = Condition.from_dict(
        {
            "text": f"tag {tag} and {used} >= 1 and {window} >= {bound:g}",
            "atoms": [
                {"feature": f"tag:{tag}", "op": "tag"},
                {"feature": used, "op": ">=", "value": 1},
                {"feature": window, "op": ">=", "value": bound},
            ],
            "changed": {"matched": 4, "total": 4},
            "others": {"matched": 0, "total": 10},
        }
    )
    action = ActionFact(call)
    probes = ("p1", "p2", "p3", "p4")
    return ChangeFacts(
        id="C1",
        title=title,
        kind="actions",
        facets=["actions"],
        probe_ids=list(probes),
        before_actions=[],
        after_actions=[action],
        conditions=[condition],
        rules=[
            Rule("H1", "sentence_changed", section, *free, "…"),
            Rule("H2", "sentence_changed", section, *fee, "…"),
        ],
        excerpts=[Excerpt(probe_id="p1", old=told, new="That's free.")],
        others=10,
        moved=[MovedValue(action, arg, tuple((p, amount, 0.0) for p in probes))],
    )


def model_edit(facts: ChangeFacts, impact: Any, template_edit: Any, new_body: str) -> Any:
    """(edit, failure) of a fake drafting model answering `new_body` for `impact`'s item."""
    reply = json.dumps({"new_body": new_body, "rationale": "Reworded."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body])
    return asyncio.run(drafter._draft_edit(facts, impact, grounding, common, template_edit))


def marked_impact(key: str, body: str, kind: str, marked: list[str]) -> Impact:
    """The item `key` with each unit whose text is in `marked` found by a finder."""
    item = kb_item(key, body, kind=kind)
    item_units = units(body)
    conflicts = [
        Conflict(index, unit.text, ("a finder's reason",))
        for index, unit in enumerate(item_units)
        if unit.text in marked
    ]
    return Impact(item, 1.0, conflicts, item_units)

"""Trial 11 T7: a 25,000-macro export made `run` spend about 2 minutes per change drafting:
every change re-read and re-split the whole knowledge base, and weighed each item against every
other item's shelf (a pass over all items per item). The knowledge base is now read once per
drafting pass (`index_knowledge`) and shared by every change's `rank_items`, with the same
results."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from behaviordiff.drafting import draft_release, kbindex
from behaviordiff.drafting import service as drafting_service
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.kbindex import KnowledgeIndex, index_knowledge
from behaviordiff.kb import KnowledgeBase, load_project_kb


def _impacts(ranked: list[Any]) -> list[tuple[str, float, list[tuple[int, str, tuple[str, ...]]]]]:
    return [
        (
            impact.item.key,
            impact.score,
            [(c.unit_index, c.sentence, tuple(c.reasons)) for c in impact.conflicts],
        )
        for impact in ranked
    ]


def _bigger(knowledge: KnowledgeBase, extra: int) -> KnowledgeBase:
    first = knowledge.macros[0]
    # items on the example's own shelves and on others, some naming its cases in a heading
    added = [
        replace(
            first,
            id=f"88{n:04d}",
            title=f"{('Shipping', 'Returns', 'Misc')[n % 3]}::Note {n}",
            body=(
                f"## Members and late orders\\n\\nTicket note {n}: orders delayed more than 48 "
                "hours are escalated. Returns are accepted within 30 days."
                if n % 7 == 0
                else f"Ticket note {n}. We reply within a day."
            ),
        )
        for n in range(extra)
    ]
    return KnowledgeBase(items=[*knowledge.items, *added], sources=knowledge.sources)


def test_the_knowledge_base_is_read_once_for_every_change(
    example_release: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, release_id, project = example_release
    knowledge = _bigger(load_project_kb(project), 40)
    built: list[KnowledgeIndex] = []
    split: list[str] = []
    real_index, real_units = kbindex.index_knowledge, kbindex.units

    def counting_index(*args: Any, **kwargs: Any) -> KnowledgeIndex:
        built.append(real_index(*args, **kwargs))
        return built[-1]

    def counting_units(text: str) -> Any:
        split.append(text)
        return real_units(text)

    monkeypatch.setattr(drafting_service, "index_knowledge", counting_index)
    monkeypatch.setattr(kbindex, "units", counting_units)
    outcome = draft_release(workspace, release_id, project, drafter="template", knowledge=knowledge)
    assert len(outcome.impacts) >= 2  # the example has two changes
    assert len(built) == 1
    assert len(split) == sum(item.active for item in knowledge.items)


def test_a_shared_index_ranks_as_reading_the_knowledge_base_anew(example_release: Any) -> None:
    from behaviordiff.drafting.facts import build_facts
    from behaviordiff.drafting.versions import head_sections

    workspace, release_id, project = example_release
    knowledge = _bigger(load_project_kb(project), 40)
    analysis = workspace.load_analysis(release_id)
    diff = workspace.release_diff(release_id)
    all_facts = build_facts(analysis, diff, head_sections(project, diff))
    index = index_knowledge(knowledge)
    assert all_facts
    for facts in all_facts:
        shared = _impacts(rank_items(facts, knowledge, index=index))
        assert shared == _impacts(rank_items(facts, knowledge))
        assert any(conflicts for _, _, conflicts in shared)


def test_an_index_of_another_knowledge_base_is_not_used(example_release: Any) -> None:
    from behaviordiff.drafting.facts import build_facts
    from behaviordiff.drafting.versions import head_sections

    workspace, release_id, project = example_release
    knowledge = load_project_kb(project)
    analysis = workspace.load_analysis(release_id)
    diff = workspace.release_diff(release_id)
    facts = build_facts(analysis, diff, head_sections(project, diff))[0]
    other = index_knowledge(KnowledgeBase(items=[], sources=[]))
    assert _impacts(rank_items(facts, knowledge, index=other)) == _impacts(
        rank_items(facts, knowledge)
    )

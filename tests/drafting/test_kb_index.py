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
        shared = _impacts(rank_items(facts, knowledge, kb_index=index))
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
    assert _impacts(rank_items(facts, knowledge, kb_index=other)) == _impacts(
        rank_items(facts, knowledge)
    )


def test_a_finder_reads_a_change_once_while_it_is_ranked(
    example_release: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each finder asked "what does this change do" for every item of the knowledge base
    worked it out anew each time: 25,000 times a change. While drafting ranks the items for
    a change, a finder's reading of the change alone is worked out once."""
    from behaviordiff.drafting import everycharge

    workspace, release_id, project = example_release
    knowledge = _bigger(load_project_kb(project), 40)
    calls: list[object] = []
    real = everycharge._no_line

    def counting(*args: Any) -> Any:
        calls.append(args[1])
        return real(*args)

    monkeypatch.setattr(everycharge, "_no_line", counting)
    outcome = draft_release(workspace, release_id, project, drafter="template", knowledge=knowledge)
    changes = len(outcome.impacts)
    items = sum(item.active for item in knowledge.items)
    # a few times a change (its ranking, its drafts), not once per item of the KB
    assert 0 < len(calls) < items, len(calls)
    assert changes >= 2


def test_outside_a_drafting_pass_a_finder_reads_the_change_each_time() -> None:
    from behaviordiff.drafting.changememo import once_per_change, reading_change

    seen: list[object] = []

    @once_per_change
    def read(facts: object) -> int:
        seen.append(facts)
        return len(seen)

    change, other = object(), object()
    assert [read(change), read(change)] == [1, 2]
    with reading_change(change):
        assert [read(change), read(change), read(other), read(other)] == [3, 3, 4, 5]
    assert read(change) == 6

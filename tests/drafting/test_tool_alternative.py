"""A tool the config removed while the prompt stays the same: the KB says we can no longer do
it and what the new prompt has the agent say instead ("Without the … tool, tell them …"),
read from the new version's prompt, which no hunk quotes. A car-share's booking extensions."""

from __future__ import annotations

from pathlib import Path

from behaviordiff.config import Project, ProjectConfig
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, alternative_rules
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import alternative_statement, tool_alternative
from behaviordiff.drafting.versions import head_sections
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

PROMPT = """# Car-share assistant

## Running late
- If a member runs late, extend their booking with `extend_booking` when that tool is
  available to you.
- Without the booking tool, tell them to return the car by the booked time, and that they can
  book the car again in the app if it is free.

## Fuel
- The fuel card is in the glovebox.
"""
AGENT = """name: carshare
adapter: command
prompts:
  system: system.md
tools: []
command:
  argv: ["python", "agent.py"]
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nNo problem: we've extended your booking by an hour."
    "\n\nDrive safe,\n{{current_user.first_name}}"
)
INSTEAD = (
    "Without the booking tool, tell them to return the car by the booked time, and that they "
    "can book the car again in the app if it is free."
)


def test_the_sentence_for_the_tools_absence_is_found_in_its_section() -> None:
    sections = {"Running late": ["If late, extend with `extend_booking`.", INSTEAD], "Fuel": []}
    assert tool_alternative(sections, "extend_booking") == ("Running late", INSTEAD)
    assert tool_alternative(sections, "refuel_car") is None
    # what the agent is told to do, in the KB's voice; the condition about the tool goes
    assert alternative_statement(INSTEAD) == (
        "Please return the car by the booked time, and you can book the car again in the app "
        "if it is free."
    )


def test_the_new_versions_prompt_is_read_only_when_it_is_the_version_the_release_ran(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "agents" / "v2"
    folder.mkdir(parents=True)
    (folder / "system.md").write_text(PROMPT, encoding="utf-8")
    (folder / "agent.yaml").write_text(AGENT, encoding="utf-8")
    project = Project(ProjectConfig(), tmp_path, None)
    diff = {"head": {"label": "agents/v2", "fingerprint": ""}}
    sections = head_sections(project, diff)
    assert INSTEAD in sections["Running late"]
    # a folder edited since the run is not the version the release compared
    moved = {"head": {"label": "agents/v2", "fingerprint": "0000000000000000"}}
    assert head_sections(project, moved) == {}
    assert head_sections(project, {"head": {"label": "agents/gone"}}) == {}


def test_a_macro_for_a_removed_tool_says_what_the_agent_does_instead() -> None:
    removed = Rule(
        "H1",
        "tool_removed",
        None,
        None,
        None,
        "tool extend_booking removed",
        tool="Extend a member's booking.",
    )
    rules = [removed]
    rules += alternative_rules(
        rules,
        {"H1": {"key": "extend_booking"}},
        {"Running late": ["If late, extend with `extend_booking`.", INSTEAD]},
    )
    facts = ChangeFacts(
        id="C1",
        title="no longer calls extend_booking",
        kind="actions",
        facets=["actions"],
        probe_ids=["late-1", "late-2"],
        before_actions=[ActionFact("extend_booking")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:late", "op": "tag"}]})],
        rules=rules,
        excerpts=[Excerpt(probe_id="late-1", old="Extended!", new="Please return it.")],
        others=3,
    )
    item = KnowledgeItem("macro", "1", "Bookings::Extended", MACRO, "markdown", "kb", "m")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == MACRO.replace(
        "No problem: we've extended your booking by an hour.",
        "We can no longer extend your booking. Please return the car by the booked time, and "
        "you can book the car again in the app if it is free.",
    )

"""An undefined template variable is named with its file and line, as a syntax error is."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff.agent.templates import PromptTemplates
from behaviordiff.errors import TemplateError
from tests.conftest import CliRunner

SYSTEM = """# Agent

You help {{ customer_name }}.

## Plan
Your plan is {{ plan_tier }}.
{% include "partials/policy.md.j2" %}
"""
POLICY = "Refunds:\n\nup to {{ refund_cap }} per order.\n"


def _templates() -> PromptTemplates:
    return PromptTemplates(
        {"system.md.j2": SYSTEM, "partials/policy.md.j2": POLICY}, "agents/support"
    )


@pytest.mark.parametrize(
    ("variables", "where", "named"),
    [
        ({"customer_name": "Sam", "refund_cap": 5}, "agents/support/system.md.j2:6", "'plan_tier'"),
        ({"customer_name": "Sam", "plan_tier": "gold"}, "agents/support/partials/policy.md.j2:3",
         "'refund_cap'"),
        ({"refund_cap": 5}, "agents/support/system.md.j2:3", "'customer_name', 'plan_tier'"),
    ],
)  # fmt: skip
def test_an_undefined_variable_names_its_line(
    variables: dict[str, object], where: str, named: str
) -> None:
    with pytest.raises(TemplateError) as caught:
        _templates().render("system.md.j2", variables, probe="late-order")
    assert caught.value.where == where
    assert named in caught.value.message and "probe 'late-order'" in caught.value.message


def test_an_undefined_attribute_names_its_line() -> None:
    templates = PromptTemplates({"system.md.j2": "Hi.\n\nOrder {{ order.total.cents }}.\n"}, "v")
    with pytest.raises(TemplateError) as caught:
        templates.render("system.md.j2", {"order": {}}, probe="p")
    assert caught.value.where == "v/system.md.j2:3"


def test_probes_check_names_the_line(cli: CliRunner, tmp_path: Path) -> None:
    assert cli("init").exit_code == 0
    prompt = tmp_path / "agent" / "system.md.j2"
    lines = prompt.read_text().splitlines()
    lines.insert(5, "You serve {{ undefined_thing }} today.")
    prompt.write_text("\n".join(lines) + "\n")
    checked = cli("probes", "check", "--agent", "agent")
    assert checked.exit_code == 2
    said = " ".join(checked.stderr.split())
    assert "agent/system.md.j2:6: variables used by the template are not defined" in said
    assert "'undefined_thing'" in said

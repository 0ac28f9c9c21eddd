"""User prompt templates cannot hang a run or exhaust memory: every limit is a clear error
naming the template file, the line when known, the probe and the limit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from behaviordiff.agent.templates import PromptTemplates
from behaviordiff.errors import TemplateError
from tests.conftest import EXAMPLE
from tests.faults.conftest import InProcessCli

HOSTILE = {
    "nested_ranges": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "range() of 100,000 items",
    ),
    "nested_small_ranges": (
        "{% for i in range(5000) %}{% for j in range(5000) %}{% endfor %}{% endfor %}",
        "more than 1,000,000 loop steps",
    ),
    "loop_over_a_long_string": (
        "{% set s = 'ab' * 400000 %}{% for c in s %}{% for d in s %}{% endfor %}{% endfor %}",
        "loop steps",
    ),
    "huge_repeat": ("{{ 'a' * 3000000000 }}", "built with *"),
    "huge_range": ("{{ range(10**9) | list }}", "range() of 1,000,000,000 items"),
    "huge_power": ("{{ 7 ** 100000000 }}", "a number too large to build"),
    "huge_width_filter": ("{{ 'x' | center(1000000000) }}", "an argument of 1,000,000,000"),
    "huge_width_method": ("{{ 'x'.ljust(1000000000) }}", "an argument of 1,000,000,000"),
    "huge_format_width": ("{{ '{:>999999999}'.format(1) }}", "format width"),
    "huge_percent_width": ("{{ '%999999999d' % 1 }}", "format width"),
    "endless_output": (
        "{% for i in range(10000) %}{{ 'a' * 900 }}{% endfor %}",
        "the prompt is over 1,000,000 characters",
    ),
    "recursive_macro": (
        "{% macro again(n) %}{{ again(n + 1) }}{% endmacro %}{{ again(0) }}",
        "recursed too deeply",
    ),
    "division_by_zero": ("Hello\n{{ 1 / 0 }}", "ZeroDivisionError"),
    # a value grown by joining it to itself, checked before it is built: in a loop,
    # `{% set ns.s = ns.s ~ ns.s %}` reached gigabytes and never stopped
    "huge_concat": ("{% set s = 'a' * 900000 %}{{ (s ~ s) | length }}", "built with ~"),
    "huge_plus": ("{% set s = 'a' * 900000 %}{{ (s + s) | length }}", "built with +"),
    "huge_list_plus": ("{% set s = [1] * 900000 %}{{ (s + s) | length }}", "built with +"),
    "huge_replace_filter": (
        "{% set s = 'a' * 900000 %}{{ s | replace('a', 'aa') | length }}",
        "built with replace",
    ),
    "huge_replace_method": (
        "{% set s = 'a' * 900000 %}{{ s.replace('a', 'aa') | length }}",
        "built with replace",
    ),
    "huge_format_filter": ("{{ '%999999999d' | format(1) }}", "format width"),
    # values grown by a call, refused from the sizes going in, before the call builds them
    # (each built a gigabyte or more before the value's size was measured)
    "huge_join_method": ("{{ ''.join(['a' * 999999] * 1000) | length }}", "built with join"),
    "huge_join_filter": ("{{ (['a' * 999999] * 1000) | join | length }}", "built with join"),
    "huge_join_separator": ("{{ ('x' * 999999).join('ab') | length }}", "built with join"),
    "huge_format_method": (
        "{{ ('{0}' * 999).format('a' * 999999) | length }}",
        "built with format",
    ),
    "huge_format_map": (
        "{{ ('{a}' * 999).format_map({'a': 'a' * 999999}) | length }}",
        "built with format_map",
    ),
    "huge_percent_format_filter": (
        "{{ ('%s' * 999) | format(*(['a' * 999999] * 999)) | length }}",
        "built with format",
    ),
    "huge_tojson": ("{{ ([('a' * 999999)] * 999) | tojson | length }}", "built with tojson"),
    "huge_expandtabs": ("{{ ('\t' * 5000).expandtabs(999999) | length }}", "built with expandtabs"),
    "huge_indent": (
        "{{ ('\n' * 5000) | indent(999999) | length }}",
        "built with indent",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_template_is_a_clear_error(case: str) -> None:
    source, expected = HOSTILE[case]
    templates = PromptTemplates({"system.md.j2": source}, "agents/v9")
    with pytest.raises(TemplateError) as caught:
        templates.render("system.md.j2", {}, probe="refund-1")
    message = str(caught.value)
    assert expected in message
    assert "probe 'refund-1'" in message
    assert caught.value.where is not None
    assert caught.value.where.startswith("agents/v9/system.md.j2")


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(3) %}{{ ('x ' * 1000) | wordwrap(3) | length }}{% endfor %}",
        "{{ ('x ' * 1000) | wordwrap(3) | length }}",
    ],
    ids=["few_costly_steps", "one_costly_filter"],
)
def test_the_time_limit_holds_between_few_costly_steps(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock is read at every loop step and after every filter, not every 1,024 steps: a
    template of a few steps each running a filter over a megabyte ran for minutes past its
    5 seconds (here the deadline has passed before the first step, so no step may run on)."""
    from behaviordiff.agent import templates as module

    monkeypatch.setattr(module, "MAX_SECONDS", -1.0)
    templates = PromptTemplates({"p.j2": source}, "v")
    with pytest.raises(TemplateError) as caught:
        templates.render("p.j2", {}, probe="x")
    assert "rendering took longer than" in str(caught.value)


def test_the_line_of_the_failure_is_named() -> None:
    templates = PromptTemplates({"p.j2": "one\ntwo\n{{ 'a' * 3000000000 }}\n"}, "v")
    with pytest.raises(TemplateError) as caught:
        templates.render("p.j2", {}, probe="x")
    assert caught.value.where == "v/p.j2:3"


def test_ordinary_templates_render_as_before() -> None:
    source = (
        "{% for item in items %}{{ loop.index }}. {{ item | upper }}\n{% endfor %}"
        "{{ '%-6s|' % name }}{{ '{:>4}'.format(total) }} {{ range(3) | list }} {{ 2 ** 10 }}"
        "{% macro depth(n) %}{% if n %}{{ depth(n - 1) }}{{ n }}{% endif %}{% endmacro %}"
        "{{ depth(3) }} {{ name ~ '-' ~ total }} {{ [1] + [2] }} {{ 'ab' | replace('a', 'xy') }}"
        " {{ '%s!' | format(name) }} {{ 'ab'.replace('b', 'cd') }}"
        " {{ ', '.join(items) }} {{ items | join('/') }} {{ '{0}-{1}'.format(name, total) }}"
        " {{ {'a': [1, 'x']} | tojson }} {{ 'a\tb'.expandtabs(2) }}|{{ 'x\ny' | indent(2) }}"
    )
    templates = PromptTemplates({"p.j2": source}, "v")
    out = templates.render("p.j2", {"items": ["a", "b"], "name": "Bo", "total": 7}, probe="x")
    assert out == (
        "1. A\n2. B\nBo    |   7 [0, 1, 2] 1024123 Bo-7 [1, 2] xyb Bo! acd"
        ' a, b a/b Bo-7 {"a": [1, "x"]} a b|x\n  y'
    )


def test_probes_check_stops_a_hanging_template(tmp_path: Path, bd: InProcessCli) -> None:
    agent = tmp_path / "agent"
    shutil.copytree(EXAMPLE / "agents" / "support-v1", agent)
    (agent / "system.md.j2").write_text(
        "You help customers.\n"
        "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    suite = EXAMPLE / "probes" / "core.yaml"
    result = bd("probes", "check", str(suite), "--agent", str(agent))
    assert result.exit_code == 2, result.stderr
    assert "system.md.j2:2" in result.stderr
    assert "range() of 100,000 items" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_suite_missing_a_variable_parses_the_template_once() -> None:
    """Every probe of a suite lacking a variable asks where the template reads it: the
    template was parsed again each time (a 20 MB suite took 34 s, most of it parsing)."""
    templates = PromptTemplates(
        {"system.md.j2": "Hi {{ name }}\n{% include 'part.j2' %}", "part.j2": "{{ booking }}"},
        "agents/v9",
    )
    parsed: list[str] = []
    parse = templates.env.parse

    def counted(source: str, name: str | None = None, filename: str | None = None) -> object:
        parsed.append(str(name))
        return parse(source, name, filename)

    templates.env.parse = counted  # type: ignore[method-assign]
    for probe in range(50):
        with pytest.raises(TemplateError) as caught:
            templates.render("system.md.j2", {}, probe=f"p{probe}")
        assert "'booking', 'name'" in caught.value.message
        assert caught.value.where == "agents/v9/part.j2:1"  # where 'booking' is read
    assert sorted(parsed) == ["part.j2", "system.md.j2"]


def test_a_huge_probe_variable_is_named_not_the_template() -> None:
    templates = PromptTemplates({"p.j2": "Hello {{ customer_name }}, order {{ order }}"}, "v")
    with pytest.raises(TemplateError) as caught:
        templates.render(
            "p.j2", {"customer_name": "x" * 3_000_000, "order": "A-1"}, probe="refund-1"
        )
    message = str(caught.value)
    assert "the variable 'customer_name' of probe 'refund-1' is 3,000,000 characters" in message
    assert "shorten 'customer_name' in the probe file" in message.lower()
    # a template that grows small variables past the limit is still the template's fault
    looped = PromptTemplates({"p.j2": "{% for i in range(2000) %}{{ note }}{% endfor %}"}, "v")
    with pytest.raises(TemplateError) as caught:
        looped.render("p.j2", {"note": "y" * 900}, probe="refund-1")
    assert "the prompt is over 1,000,000 characters" in str(caught.value)


@pytest.mark.parametrize("included", ["/etc/passwd", "../v8/system.md.j2", "parts/missing.j2"])
def test_an_include_of_no_template_in_the_version_says_which_and_where(included: str) -> None:
    """A prompt that includes a path outside the version folder (or one that is not there) is
    a missing template, named with the templates the version has: never the bare path."""
    templates = PromptTemplates(
        {"system.md.j2": "You help.\n{% include '" + included + "' %}", "tone.j2": "Be kind."},
        "agents/v9",
    )
    with pytest.raises(TemplateError) as caught:
        templates.render("system.md.j2", {}, probe="refund-1")
    assert caught.value.message.startswith(f"template '{included}' not found")
    assert "probe 'refund-1'" in caught.value.message
    assert caught.value.where == "agents/v9/system.md.j2:2"
    assert "system.md.j2, tone.j2" in (caught.value.hint or "")

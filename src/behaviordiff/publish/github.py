"""The gate's result for GitHub Actions: a Markdown job summary and workflow annotations."""

from __future__ import annotations

from behaviordiff.publish.gate import ROLE_NAMES, GateResult


def _escape_data(text: str) -> str:
    """A workflow command's message: %, CR and LF are encoded, as the runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_commands(result: GateResult) -> list[str]:
    """`::error` per missing item (titled by the role that must act), `::warning` per
    warning; the lines a step prints to stdout."""
    lines = []
    for item in result.missing:
        title = _escape_property(
            f"gate {result.stage}: {ROLE_NAMES[item.role]} must act ({item.subject})"
        )
        lines.append(f"::error title={title}::{_escape_data(f'{item.message}. Fix: {item.fix}')}")
    for warning in result.warnings:
        title = _escape_property(f"gate {result.stage}")
        lines.append(f"::warning title={title}::{_escape_data(warning)}")
    return lines


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def summary_markdown(result: GateResult) -> str:
    """The job summary: the verdict, then what is missing grouped by role."""
    mark = "✅" if result.passed else "❌"
    lines = [f"## {mark} behaviordiff gate: {result.stage}", "", result.headline(), ""]
    if result.lead_time is not None:
        lines += [f"**Lead time:** {result.lead_time.describe()}.", ""]
    if result.missing:
        lines += ["| role | what | stage | fix |", "| --- | --- | --- | --- |"]
        for role in result.roles():
            for item in result.missing:
                if item.role == role:
                    lines.append(
                        f"| {ROLE_NAMES[role]} | {_cell(item.message)} | {item.stage} "
                        f"| {_cell(item.fix)} |"
                    )
        lines.append("")
    if result.next_steps:
        lines += [f"**Next, for CS on {result.named()}:**", ""]
        lines += [f"- {_cell(step.step)}" for step in result.next_steps]
        lines.append("")
    if result.warnings:
        lines += [f"- ⚠️ {_cell(warning)}" for warning in result.warnings]
        lines.append("")
    return "\n".join(lines)

"""`behaviordiff diff BASE HEAD`: the structural diff of two agent versions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from behaviordiff.cli.console import OutputFormat, hang, line, print_json, stdout
from behaviordiff.cli.options import ConfigOption, FormatOption

if TYPE_CHECKING:
    from behaviordiff.diffing.model import Hunk, VersionDiff


def _emphasise(sentence: str, words: Iterable[str], base_style: str, word_style: str) -> Text:
    text = Text(sentence, style=base_style)
    for word in set(words):
        if word.strip():
            pattern = (
                (r"\b" if word[0].isalnum() else "")
                + re.escape(word)
                + (r"\b" if word[-1].isalnum() else "")
            )
            text.highlight_regex(pattern, word_style)
    return text


def render_diff(diff: VersionDiff) -> None:
    out = stdout
    stats = diff.stats()
    line(
        Text.assemble(
            ("diff ", "bold"),
            (diff.base, "red"),
            " → ",
            (diff.head, "green"),
            f"   {len(diff.prompt_hunks)} prompt change(s), "
            f"{len(diff.config_hunks)} config change(s)",
        )
    )
    if diff.is_empty():
        out.print("The versions are identical.", style="dim")
        return
    last_file = last_section = None
    for hunk in diff.prompt_hunks:
        if hunk.file != last_file:
            out.print()
            out.print(Text(hunk.file, style="bold underline"))
            last_file, last_section = hunk.file, None
        if (
            hunk.section
            and hunk.section != last_section
            and hunk.kind
            not in (
                "section_added",
                "section_removed",
            )
        ):
            out.print(Text(f"  § {hunk.section}", style="bold cyan"))
            last_section = hunk.section
        _render_prompt_hunk(hunk)
    if diff.config_hunks:
        out.print()
        out.print(Text("agent.yaml and templates", style="bold underline"))
        for hunk in diff.config_hunks:
            marker, style = {
                "config_added": ("+", "green"),
                "tool_added": ("+", "green"),
                "variable_added": ("+", "green"),
                "config_removed": ("-", "red"),
                "tool_removed": ("-", "red"),
                "variable_removed": ("-", "red"),
            }.get(hunk.kind, ("~", "yellow"))
            hang(f"  {marker} ", Text(hunk.summary()), style)
    out.print()
    line(Text(", ".join(_count(kind, count) for kind, count in stats.items()), style="dim"))


def _count(kind: str, count: int) -> str:
    """`sentence_changed`, 4 → "4 sentences changed"."""
    noun, _, verb = kind.rpartition("_")
    noun = {"config": "config key"}.get(noun, noun.replace("_", " "))
    return f"{count} {noun}{'' if count == 1 else 's'} {verb}"


def _render_prompt_hunk(hunk: Hunk) -> None:
    out = stdout
    if hunk.kind in ("file_added", "file_removed"):
        out.print(
            Text(f"  {hunk.summary()}", style="green" if hunk.kind == "file_added" else "red")
        )
        return
    if hunk.kind in ("section_added", "section_removed"):
        added = hunk.kind == "section_added"
        out.print(
            Text(f"  § {hunk.section} ", style="bold cyan")
            + Text(
                "(section added)" if added else "(section removed)",
                style="green" if added else "red",
            )
        )
        for sentence in (hunk.new if added else hunk.old) or []:
            hang(f"    {'+' if added else '-'} ", sentence, "green" if added else "red")
        return
    if hunk.kind == "sentence_added":
        hang("    + ", str(hunk.new), "green")
    elif hunk.kind == "sentence_removed":
        hang("    - ", str(hunk.old), "red")
    elif hunk.kind == "sentence_changed":
        out.print(Text("    ~ sentence changed", style="yellow"))
        hang(
            "      - ",
            _emphasise(str(hunk.old), hunk.removed_words, "red", "bold reverse red"),
            "red",
        )
        hang(
            "      + ",
            _emphasise(str(hunk.new), hunk.added_words, "green", "bold reverse green"),
            "green",
        )


def register(app: typer.Typer) -> None:
    @app.command("diff", short_help="Prompt and config diff of two agent versions.")
    def diff_command(
        base: Annotated[
            str,
            typer.Argument(metavar="BASE", help="Old version: a folder, a git ref, or REF:path."),
        ],
        head: Annotated[
            str | None,
            typer.Argument(
                metavar="[HEAD]",
                help="New version: a folder, a git ref, or REF:path. Default: the agent folder "
                "([agent] path) as it is in the working tree.",
            ),
        ] = None,
        config: ConfigOption = None,
        output_format: FormatOption = OutputFormat.text,
        exit_code: Annotated[
            bool, typer.Option("--exit-code", help="Exit 1 when the versions differ (for CI).")
        ] = False,
    ) -> None:
        """Show what changed between two agent versions: prompt sections and sentences, config
        keys, tools, template variables. With one version (`diff HEAD`), it is compared with
        the agent folder as it is in the working tree."""
        from behaviordiff.config import find_project
        from behaviordiff.pipeline import load_pair

        project = find_project(Path.cwd(), config)
        pair = load_pair(project, base, head)
        if output_format is OutputFormat.json:
            print_json(pair.diff.to_dict())
        else:
            render_diff(pair.diff)
        if exit_code and not pair.diff.is_empty():
            raise typer.Exit(1)

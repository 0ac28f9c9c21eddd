"""`behaviordiff schema`: the JSON Schema of every format a user writes or reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from behaviordiff.cli.console import OutputFormat, print_json, stdout
from behaviordiff.cli.options import FormatOption

REFERENCE = "docs/reference.md"


def schema_command(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            help="agent, config, suite, probe, command-input, command-output, replay, "
            "diff, run, compare, draft, demo or review.",
        ),
    ] = None,
    list_names: Annotated[
        bool, typer.Option("--list", "-l", help="List the schemas and what each describes.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write NAME.json (every schema, without NAME) into this folder.",
            file_okay=False,
        ),
    ] = None,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a format behaviordiff reads or writes.

    The schemas are generated from the models the code itself validates with, so they
    match this version. Point your editor's YAML/JSON language server at them, or validate
    a script's input in CI. Every format is explained with an example in docs/reference.md.
    """
    from behaviordiff.errors import UsageError
    from behaviordiff.schemas import SCHEMAS, dumps

    names = [schema.name for schema in SCHEMAS]
    if name is not None and name not in names:
        raise UsageError(
            f"no schema named '{name}'",
            hint=f"choose one of {', '.join(names)} (`behaviordiff schema --list`)",
        )
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        chosen = [name] if name else names
        for each in chosen:
            (output / f"{each}.json").write_text(dumps(each), encoding="utf-8")
        if output_format is OutputFormat.json:
            print_json({"written": [str(output / f"{each}.json") for each in chosen]})
        else:
            stdout.print(f"Wrote {len(chosen)} schema(s) to {output}.", highlight=False)
        return
    if name is None or list_names:
        if output_format is OutputFormat.json:
            print_json(
                [
                    {"name": schema.name, "title": schema.title, "where": schema.where}
                    for schema in SCHEMAS
                ]
            )
            return
        from behaviordiff.cli.console import Text, hang

        width = max(len(each) for each in names)
        for schema in SCHEMAS:
            hang(f"{schema.name:<{width}}  ", Text(f"{schema.title}; {schema.where}"))
        stdout.print(
            f"Print one with `behaviordiff schema NAME`; each is explained in {REFERENCE}.",
            highlight=False,
        )
        return
    # the schema is JSON either way: --format json prints the same document
    from behaviordiff.secrets import scrub
    from behaviordiff.terminal import safe_json_text

    typer.echo(scrub(safe_json_text(dumps(name))), nl=False)


def register(app: typer.Typer) -> None:
    app.command("schema", short_help="JSON Schema of a file format or a command's JSON output.")(
        schema_command
    )

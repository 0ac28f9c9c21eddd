"""The `behaviordiff` command: Typer app, commands registered from their modules."""

from __future__ import annotations

import sys

import typer

from behaviordiff import __version__
from behaviordiff.errors import BehaviordiffError
from behaviordiff.interrupts import terminate_as_interrupt

app = typer.Typer(
    name="behaviordiff",
    help="Turn a prompt/config diff of an AI support agent into a behavior diff, "
    "with the notes and macro/FAQ edits CS needs.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"behaviordiff {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """behaviordiff: what your agent change does, in words CS can act on."""


def _register() -> None:
    from behaviordiff.cli import (
        ack_cmd,
        changelog_cmd,
        compare_cmd,
        demo_cmd,
        diff_cmd,
        draft_cmd,
        export_cmd,
        gate_cmd,
        init_cmd,
        kb_cmd,
        probes_cmd,
        releases_cmd,
        report_cmd,
        review_cmd,
        review_file_cmd,
        run_cmd,
        schema_cmd,
        transcripts_cmd,
    )

    for module in (
        init_cmd,
        diff_cmd,
        probes_cmd,
        run_cmd,
        compare_cmd,
        transcripts_cmd,
        draft_cmd,
        kb_cmd,
        demo_cmd,
        releases_cmd,
        review_cmd,
        export_cmd,
        changelog_cmd,
        report_cmd,
        ack_cmd,
        gate_cmd,
        schema_cmd,
    ):
        module.register(app)
    review_file_cmd.register(review_cmd.review_app)  # `review export`, `review import`


_register()


def _command_name(info: object) -> str | None:
    """The name Typer gives a registered command or sub-app (None if it would derive one)."""
    from typer.main import get_command_name
    from typer.models import CommandInfo, DefaultPlaceholder, TyperInfo

    if isinstance(info, CommandInfo):
        if info.name:
            return info.name
        return get_command_name(info.callback.__name__) if info.callback else None
    if isinstance(info, TyperInfo):
        for name in (info.name, info.typer_instance.info.name if info.typer_instance else None):
            if name and not isinstance(name, DefaultPlaceholder):
                return str(name)
    return None


_single_command_apps: dict[str, typer.Typer] = {}


def app_for(argv: list[str]) -> typer.Typer:
    """The app to run `behaviordiff ARGV` with: the root (its options and callback) holding only
    the command ARGV names, whose click tree is a fraction of the whole one to build (Typer
    builds every command's parameters, ~90 ms of CPU per process); the whole app for anything
    else (`--help`, `--version`, no command, an unknown one), so help and suggestions list all."""
    import copy

    if not argv or argv[0].startswith("-"):
        return app
    name = argv[0]
    if name not in _single_command_apps:
        commands = [info for info in app.registered_commands if _command_name(info) == name]
        groups = [info for info in app.registered_groups if _command_name(info) == name]
        if len(commands) + len(groups) != 1:
            return app
        single = copy.copy(app)
        single.registered_commands, single.registered_groups = commands, groups
        _single_command_apps[name] = single
    return _single_command_apps[name]


def _wants_json(argv: list[str]) -> bool:
    """--format json, --format=json, -f json or -fjson anywhere on the command line."""
    for index, arg in enumerate(argv):
        if arg in ("--format=json", "-fjson"):
            return True
        if arg in ("--format", "-f") and index + 1 < len(argv) and argv[index + 1] == "json":
            return True
    return False


def _quiet_shutdown() -> None:
    """After Ctrl-C, child processes and their pipes are torn down with the event loop; the
    interpreter's 'Exception ignored in ...__del__' noise about them says nothing useful."""
    sys.unraisablehook = lambda unraisable: None


def _quiet_child_reaping() -> None:
    """Ctrl-C reaches a command agent's process too; asyncio then logs "Unknown child process
    pid N" for a child already gone. The run records it as interrupted; the line is noise."""
    import logging

    logging.getLogger("asyncio").addFilter(_not_child_reaping)


def _not_child_reaping(record: object) -> bool:
    """False for asyncio's "Unknown child process pid" line (one filter object, so adding it
    again when `main` runs again in one process changes nothing)."""
    import logging

    return not (
        isinstance(record, logging.LogRecord) and "Unknown child process pid" in record.getMessage()
    )


def main() -> None:
    """Entry point (see `_main`); SIGTERM stops a command as Ctrl-C does, exit 130."""
    with terminate_as_interrupt():
        _main()


def _main() -> None:
    """Entry point: known errors become a red panel and exit 2; usage errors exit 2 with the
    usage; Ctrl-C exits 130; a closed pipe (`| head`) ends quietly with the command's own exit code
    (141 when a write it could not go on from was cut); anything unexpected is one
    paragraph and a report file, exit 70 (a traceback under pytest or BEHAVIORDIFF_TRACEBACK)."""
    wants_json = _wants_json(sys.argv[1:])
    _quiet_child_reaping()
    try:
        result = app_for(sys.argv[1:])(standalone_mode=False, prog_name="behaviordiff")
    except BehaviordiffError as error:
        from behaviordiff.cli.console import show_error

        if error.exit_code == 130:
            _quiet_shutdown()
        show_error(error, as_json=wants_json)
        sys.exit(error.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        _interrupted()
    except typer.Exit as exit_:
        sys.exit(exit_.exit_code)
    except BrokenPipeError:
        from behaviordiff.cli.console import reader_gone

        # The reader went away (`behaviordiff ... | head`) in a write that could not go on
        # to the end of the command: its exit code is unknown, so never 0 (a failing gate
        # would pass under `set -o pipefail`); 141 is what a shell reports for SIGPIPE.
        reader_gone()
        sys.exit(141)
    except Exception as error:
        # Usage errors of the (vendored) click inside Typer: show the usage, exit 2.
        show, code = getattr(error, "show", None), getattr(error, "exit_code", None)
        if callable(show) and isinstance(code, int):
            message = getattr(error, "message", None)
            if isinstance(message, str):  # pydantic's wording leaks through Typer's enums
                error.message = message.replace("Value error, ", "")  # type: ignore[attr-defined]
            if wants_json and isinstance(message, str):
                # as every other error with --format json: one JSON object on stderr
                _usage_json(error, code)
            show()
            sys.exit(code)
        from behaviordiff.crash import handle, show_tracebacks

        if show_tracebacks():
            raise
        sys.exit(handle(error, as_json=wants_json))
    if result == 130:  # Typer returns Ctrl-C in a command as exit code 130, silently
        _interrupted()
    sys.exit(result if isinstance(result, int) else 0)


def _usage_json(error: Exception, code: int) -> None:
    """A usage error (an unknown option, a value not allowed) as the one JSON object
    `--format json` promises on stderr, with the command's `--help` as the fix."""
    from behaviordiff.cli.console import show_error
    from behaviordiff.errors import UsageError

    context = getattr(error, "ctx", None)
    path = getattr(context, "command_path", None) or "behaviordiff"
    formatted = getattr(error, "format_message", None)
    usage = UsageError(
        str(formatted() if callable(formatted) else getattr(error, "message", "") or error),
        hint=f"see `{path} --help` for the options and the values each takes",
    )
    show_error(usage, as_json=True)
    sys.exit(code)


RESUMABLE = frozenset({"run", "compare", "draft", "push", "review", "ack", "export", "gate"})
"""Commands that store their work as they go: an interrupted one keeps what it finished."""


def _interrupted() -> None:
    _quiet_shutdown()
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), "")
    if command in RESUMABLE:
        sys.stderr.write(
            "\nInterrupted; finished work is stored. Run the command again to resume.\n"
        )
    else:  # a listing or a check: nothing to resume, nothing lost
        sys.stderr.write("\nInterrupted.\n")
    sys.exit(130)

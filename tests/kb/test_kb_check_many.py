"""`kb check` on a big export lists the first items in text and says how many more (a Rich
table measuring 100,000 rows took minutes); `--format json` still lists every item."""

from __future__ import annotations

import json
from pathlib import Path

from behaviordiff.cli.render import KB_ROWS_SHOWN
from tests.conftest import CliRunner


def test_a_big_export_lists_the_first_items_and_counts_the_rest(
    cli: CliRunner, tmp_path: Path
) -> None:
    total = KB_ROWS_SHOWN + 57
    macros = {
        "macros": [
            {
                "id": number,
                "title": f"Macro {number}",
                "active": True,
                "actions": [{"field": "comment_value", "value": f"Hi {{{{x{number}}}}}"}],
            }
            for number in range(total)
        ]
    }
    path = tmp_path / "macros.json"
    path.write_text(json.dumps(macros))
    text = cli("kb", "check", "--macros", str(path), cwd=tmp_path)
    assert text.exit_code == 0, text.stderr
    said = " ".join(text.stdout.split())
    assert f"{total} macros" in said
    assert "… and 57 more items (`--format json` lists every one)" in said
    assert f"Macro {KB_ROWS_SHOWN - 1} " in said and f"Macro {KB_ROWS_SHOWN} " not in said
    assert "and 57 more" in said.split("Placeholders kept verbatim:")[1]
    data = json.loads(cli("kb", "check", "--macros", str(path), "-f", "json", cwd=tmp_path).stdout)
    assert len(data["items"]) == total


def test_a_big_export_says_what_it_reads_before_it_reads_it(cli: CliRunner, tmp_path: Path) -> None:
    """A macro export of megabytes is named with its size before the seconds of reading it
    (a 60 MB one read for half a minute with no word), then the count; JSON output has
    no progress line on stdout."""
    macros = {
        "macros": [
            {
                "id": number,
                "title": f"Macro {number}",
                "actions": [{"field": "comment_value", "value": "Hello. " * 40}],
            }
            for number in range(4000)
        ]
    }
    path = tmp_path / "macros.json"
    path.write_text(json.dumps(macros))
    size = path.stat().st_size / 1_000_000
    text = cli("kb", "check", "--macros", str(path), cwd=tmp_path)
    assert text.exit_code == 0, text.stderr
    assert f"reading {path} ({size:.1f} MB)" in text.stderr
    assert "read 4,000 items" in text.stderr
    data = cli("kb", "check", "--macros", str(path), "-f", "json", cwd=tmp_path)
    assert "reading" not in data.stdout and json.loads(data.stdout)["macros"] == 4000


def test_kb_check_says_where_edits_can_go_and_that_a_csv_list_cannot_be_pushed(
    cli: CliRunner, tmp_path: Path
) -> None:
    """Said at `kb check`, before any drafting: a Zendesk export's edits go back with
    `--to zendesk`; a CSV macro list's only to people as a CSV (said only at export before)."""
    from tests.conftest import FIXTURES

    zendesk = cli(
        "kb", "check", "--macros", str(FIXTURES / "example" / "kb" / "macros.json"), cwd=tmp_path
    )
    assert zendesk.exit_code == 0, zendesk.stderr
    said = " ".join(zendesk.stdout.split())
    assert "Edits export with `--to zendesk` for the" in said and "cannot be pushed" not in said
    csv = cli("kb", "check", "--macros", str(FIXTURES / "kb" / "macros.csv"), cwd=tmp_path)
    said = " ".join(csv.stdout.split())
    assert "`--to csv` for the 2 read from CSV" in said
    assert "A CSV macro list names no helpdesk" in said and "cannot be pushed" in said
    data = json.loads(
        cli(
            "kb",
            "check",
            "--macros",
            str(FIXTURES / "kb" / "macros.csv"),
            "-f",
            "json",
            cwd=tmp_path,
        ).stdout
    )
    assert data["read_as"] == {"csv": 2}

"""The shareable report: one self-contained HTML file, with word-level differences, that a
real headless Chromium renders without a console message, and where a hostile `<script>` in
a transcript stays text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from behaviordiff.publish.ack import acknowledge
from behaviordiff.publish.report import build_report, render_report, word_diff
from behaviordiff.publish.state import load_state
from behaviordiff.store.runs import RunRecord, RunWriter
from behaviordiff.transcripts import ToolCallRecord, Transcript
from tests.publish.conftest import Invoke, Release, approve_all, edit, json_of

HOSTILE = (
    "I've refunded $4.50. <script>document.documentElement.setAttribute('data-pwned', 'script')"
    "</script><img src=x onerror=\"document.documentElement.setAttribute('data-pwned', 'img')\">"
)
BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",  # tests may run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


def _store_runs(drafted: Release) -> str:
    """Runs for C1's first probe: the old agent escalates, the new one refunds with a reply
    that carries markup. Returns the probe id."""
    workspace, release_id, _ = drafted
    analysis = workspace.load_analysis(release_id)
    assert analysis is not None
    probe_id = analysis.changes[0].probe_ids[0]
    writer = RunWriter(workspace, release_id)
    old_call = ToolCallRecord("c1", "escalate_to_human", {"priority": "normal"}, "{}")
    new_call = ToolCallRecord("c2", "issue_refund", {"type": "shipping", "amount": 4.5}, "{}")
    writer.add(
        RunRecord(
            "base",
            probe_id,
            0,
            Transcript(probe_id, 0, [], [old_call], "I've passed it to our shipping team."),
        )
    )
    writer.add(RunRecord("head", probe_id, 0, Transcript(probe_id, 0, [], [new_call], HOSTILE)))
    writer.flush()
    return probe_id


def test_word_diff_marks_the_words_that_changed() -> None:
    old, new = word_diff(
        "I've passed it to our shipping team within 24 hours.",
        "I've refunded $4.50 of your shipping fee within 5-7 business days.",
    )
    assert "".join(segment.text for segment in old).startswith("I've passed it")
    assert [s.text for s in old if s.changed] == ["passed it to our", "team", "24 hours"]
    assert [s.text for s in new if s.changed] == [
        "refunded $4.50 of your",
        "fee",
        "5-7 business days",
    ]
    same_old, same_new = word_diff("same text", "same text")
    assert not any(segment.changed for segment in [*same_old, *same_new])


def test_long_texts_are_matched_by_sentence_then_word() -> None:
    from behaviordiff.publish.report import MAX_UNITS

    before = "\n".join(f"Rule {number} says something." for number in range(60))
    after = before.replace("Rule 30 says something.", "Rule 30 now says more.")
    old, new = word_diff(before, after)
    assert "".join(s.text for s in old) == before and "".join(s.text for s in new) == after
    assert [s.text for s in old if s.changed] == ["something"]
    assert [s.text for s in new if s.changed] == ["now", "more"]
    # past what anyone reads side by side, the text is marked whole
    huge = " ".join(f"Line {number}." for number in range(MAX_UNITS + 1))
    old, new = word_diff(huge, huge + " One more.")
    assert [(s.text, s.changed) for s in new] == [(huge + " One more.", True)]
    no_spaces = "x" * 60_000
    assert word_diff(no_spaces, no_spaces + "y")[1][0].changed


def test_the_report_shows_notes_replies_edits_and_state(drafted: Release) -> None:
    workspace, release_id, project = drafted
    probe_id = _store_runs(drafted)
    edit(workspace, release_id, "C2", {"title": "Members: 45 days to return"})
    approve_all(workspace, release_id)
    acknowledge(workspace, release_id, ["C1"], all_approved=False, by="Sam", note="briefed")
    workspace.set_effective_date(release_id, (date.today() + timedelta(days=3)).isoformat())
    data = build_report(workspace, load_state(workspace, release_id))
    html = render_report(data, project)

    assert data["counts"]["approved"] == 2 and data["counts"]["acknowledged"] == 1
    assert data["gates"]["canary"]["passed"] and not data["gates"]["full"]["passed"]
    first = data["changes"][0]
    assert first["probes"][0]["probe_id"] == probe_id and first["probes"][0]["source"] == "run"
    assert first["probes"][0]["new_actions"] == ["issue_refund(type=shipping, amount=4.5)"]
    assert first["conditions"][0].startswith("delay_hours > 48 and order_total > 50")
    assert data["changes"][1]["title"] == "Members: 45 days to return"  # the writer's text
    assert "Members: 45 days to return" in html
    assert "acknowledged by Sam on" in html and "(“briefed”)" in html
    assert "(3 days left; 1 change not yet acknowledged by CS)" in html
    assert "<b>CS</b>: C2 (" in html  # what 100% still needs, and who
    assert html.count('<mark class="add">') > 5 and html.count('<mark class="del">') > 5
    # self-contained: nothing to fetch, one script, allowed by its hash only
    assert not re.search(r"<[^>]*\b(src|href)\s*=", html)
    assert "<link" not in html and html.count("<script") == 1
    assert "default-src 'none'" in html
    # the transcript's markup is text
    assert "&lt;script&gt;document.documentElement" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html


def test_report_command_writes_the_file(invoke: Invoke, drafted: Release, tmp_path: Path) -> None:
    output = tmp_path / "shared" / "report.html"
    result = invoke("report", "-o", str(output))
    assert result.exit_code == 0 and f"Wrote {output}" in result.stdout
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert oct(output.stat().st_mode & 0o777) != oct(0o600)
    data = json_of(invoke("report", "-o", str(output), "--format", "json"))
    assert data["output"] == str(output) and data["counts"]["behavior_changes"] == 2


@pytest.mark.parametrize("forced", ["FORCE_COLOR", "TTY_COMPATIBLE"])
def test_a_captured_stderr_gets_whole_progress_lines_even_with_colour_forced(
    invoke: Invoke, tmp_path: Path, forced: str
) -> None:
    """Colour forced on a stream that is not a terminal (a CI log, a captured run) gets one
    ended line per stage, never a live bar whose frames stay in the text after the command's
    last line."""
    output = tmp_path / "report.html"
    result = invoke("report", "-o", str(output), env={forced: "1"})
    assert result.exit_code == 0, result.output
    assert result.stderr == "Report: highlighting differences…\n"
    assert "\x1b" not in result.stderr and "\r" not in result.stderr


def _browser() -> str | None:
    for name in (os.environ.get("BEHAVIORDIFF_CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def _chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [browser, *BROWSER_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_report_renders_in_headless_chromium(drafted: Release, tmp_path: Path) -> None:
    """Skipped only when no Chromium is installed and BEHAVIORDIFF_REQUIRE_BROWSER is unset
    (CI sets it and installs Debian's chromium)."""
    browser = _browser()
    if browser is None:
        if os.environ.get("BEHAVIORDIFF_REQUIRE_BROWSER"):
            pytest.fail("BEHAVIORDIFF_REQUIRE_BROWSER is set but no chromium is on PATH")
        pytest.skip("no chromium on PATH (apt-get install chromium)")
    workspace, release_id, project = drafted
    _store_runs(drafted)
    approve_all(workspace, release_id)
    page = tmp_path / "report.html"
    page.write_text(
        render_report(build_report(workspace, load_state(workspace, release_id)), project),
        encoding="utf-8",
    )

    dom = _chromium(browser, tmp_path / "profile-dom", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []  # no error, no CSP violation, no log line at all
    assert 'data-report-ready="yes"' in dom.stdout  # the page's own script ran
    assert "data-pwned" not in dom.stdout.split("<body", 1)[0]  # the hostile one did not
    assert dom.stdout.count("<script") == 1
    assert "&lt;script&gt;document.documentElement.setAttribute" in dom.stdout
    assert "Behavior report: release #1" in dom.stdout

    shot = tmp_path / "report.png"
    rendered = _chromium(
        browser,
        tmp_path / "profile-shot",
        "--window-size=1200,1600",
        f"--screenshot={shot}",
        page.as_uri(),
    )
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    assert [line for line in rendered.stderr.splitlines() if ":CONSOLE" in line] == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_word_diff_aligns_words_not_positions() -> None:
    """A word put in front shifts every position after it: only that word is marked."""
    old, new = word_diff(
        "Your refund reaches your card within 5 business days.",
        "Good news: your refund reaches your card within 5 business days.",
    )
    assert [s.text for s in old if s.changed] == ["Your"]
    assert [s.text for s in new if s.changed] == ["Good news: your"]
    # sentences moved apart by a new one are still paired with their old selves
    before = "We ship daily. Returns take 30 days. Call us any time. "
    after = "We ship daily. Members get free returns. Returns take 45 days. Call us any time. "
    old, new = word_diff(before * 12, after * 12)
    assert {s.text for s in old if s.changed} == {"30"}
    assert {s.text for s in new if s.changed} == {"Members get free returns. ", "45"}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a b c d", "a b x d"),
        ("a b c", "a b c d"),
        ("x a b c", "a b c"),
        ("a a a", "a a"),
        ("", "a b"),
        ("a b", ""),
        ("same words", "same words"),
        ("a b a b", "b a b a"),
    ],
)
def test_the_alignment_covers_both_texts_in_order(old: str, new: str) -> None:
    from behaviordiff.publish.report import _opcodes

    a, b = old.split(), new.split()
    ops = _opcodes(a, b)
    assert [i for op in ops for i in range(op[1], op[2])] == list(range(len(a)))
    assert [j for op in ops for j in range(op[3], op[4])] == list(range(len(b)))
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]


CONTROLS = "Now \x1b[2J\x1b]0;pwned\x07 \u202e tail \x00 nul \x9b1m"


def test_control_characters_in_a_title_and_a_reply_are_visible_text(drafted: Release) -> None:
    workspace, release_id, project = drafted
    probe_id = _store_runs(drafted)
    writer = RunWriter(workspace, release_id)
    call = ToolCallRecord("c3", "issue_refund", {"type": "shipping", "amount": 4.5}, "{}")
    writer.add(RunRecord("head", probe_id, 1, Transcript(probe_id, 1, [], [call], CONTROLS)))
    writer.flush()
    edit(workspace, release_id, "C2", {"title": f"Returns {CONTROLS}"})
    html = render_report(build_report(workspace, load_state(workspace, release_id)), project)
    assert not any(raw in html for raw in ("\x1b", "\x07", "\x00", "\x9b", "\u202e"))
    assert "Returns Now \\x1b[2J\\x1b]0;pwned\\x07 \\u202e tail \\x00 nul \\x9b1m" in html


def test_control_characters_in_a_marked_diff_are_visible_text(drafted: Release) -> None:
    """The words the report marks as added or removed (`<mark>`) in a reply are shown as
    `\\x1b`, `\\u202e`, like every other text of the page."""
    workspace, release_id, project = drafted
    analysis = workspace.load_analysis(release_id)
    assert analysis is not None
    probe_id = analysis.changes[0].probe_ids[0]
    writer = RunWriter(workspace, release_id)
    for version, reply in (("base", "Your refund is on its way."), ("head", f"Hi {CONTROLS} \b!")):
        writer.add(RunRecord(version, probe_id, 0, Transcript(probe_id, 0, [], [], reply)))
    writer.flush()
    html = render_report(build_report(workspace, load_state(workspace, release_id)), project)
    assert '<mark class="add">' in html
    assert not any(raw in html for raw in ("\x1b", "\x07", "\x00", "\x9b", "\u202e", "\b"))
    assert "\\x1b[2J" in html and "\\u202e" in html and "\\x08" in html

"""The one function every text from data passes before the app or the CLI shows it: controls
and bidi overrides visible, everything else as it was; and the app's modules show data only
through the widgets that call it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from textual.content import Content, Span

from behaviordiff.terminal import safe_json_text, safe_terminal_text
from behaviordiff.tui.text import visible, visible_content
from behaviordiff.tui.widgets.shown import shown

TUI = Path(__file__).resolve().parents[2] / "src" / "behaviordiff" / "tui"


def test_controls_and_bidi_overrides_are_shown_tab_newline_and_text_kept() -> None:
    text = "a\x1b[2J\x07\x00\x7f\x9b\u202a\u202e\u2066\u2069 é 中 \t\nz"
    assert safe_terminal_text(text) == (
        "a\\x1b[2J\\x07\\x00\\x7f\\x9b\\u202a\\u202e\\u2066\\u2069 é 中 \t\nz"
    )
    assert visible(text) == safe_terminal_text(text)
    # a CRLF text's lines stay lines; a lone carriage return (overwriting a line) shows
    assert safe_terminal_text("one\r\ntwo\rX") == "one\r\ntwo\\x0dX"
    # a zero-width joiner or a right-to-left letter is text, not an override
    assert safe_terminal_text("\u200d\u05d0") == "\u200d\u05d0"


def test_json_text_escapes_bidi_and_c1_and_reads_back_the_same() -> None:
    value = {"reply": "x\u202ey\x9bz\x1b"}
    text = safe_json_text(json.dumps(value, ensure_ascii=False))
    assert "\u202e" not in text and "\x9b" not in text
    assert json.loads(text) == value


def test_styled_text_keeps_its_styles_around_a_control() -> None:
    content = Content("ab\x1bcd", [Span(0, 5, "bold"), Span(3, 5, "italic")])
    shown_content = visible_content(content)
    assert shown_content.plain == "ab\\x1bcd"
    styles = {(span.start, span.end, span.style) for span in shown_content.spans}
    assert (0, 2, "bold") in styles and (6, 8, "italic") in styles
    plain = Content("no controls", [Span(0, 2, "bold")])
    assert visible_content(plain) is plain
    assert shown(5) == 5 and shown("\x07") == "\\x07"


def test_the_app_shows_text_only_through_the_widgets_that_make_it_visible() -> None:
    direct = re.compile(r"from textual\.widgets import [^\n]*\b(Static|DataTable)\b")
    offenders = [
        path.relative_to(TUI).as_posix()
        for path in TUI.rglob("*.py")
        if path.name != "shown.py" and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_text_content_shows_what_content_would_drop() -> None:
    from behaviordiff.tui.text import text_content

    stored = "bell\x07 back\x08 vt\x0b ff\x0c cr\rX"
    assert Content(stored).plain == "bell back vt ff crX"  # why the app never does this
    assert text_content(stored).plain == "bell\\x07 back\\x08 vt\\x0b ff\\x0c cr\\x0dX"
    styled = text_content("a\x07", "italic")
    assert styled.plain == "a\\x07" and styled.spans[0].style == "italic"


def _content_calls_not_from_literals(source: str) -> list[int]:
    """Lines where the app builds `Content` from anything but literal text: `Content(x)`,
    `Content.styled(x, ...)`, or an `assemble` part that is neither a literal, a
    (literal, style) pair nor a call (such as `text_content(...)`)."""
    import ast

    def literal(node: ast.expr) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str)

    lines: list[int] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "Content":
            if node.args and not literal(node.args[0]):
                lines.append(node.lineno)
        elif isinstance(func, ast.Attribute) and getattr(func.value, "id", None) == "Content":
            if func.attr in ("styled", "from_markup") and node.args:
                if not literal(node.args[0]):
                    lines.append(node.lineno)
            elif func.attr == "assemble":
                for part in node.args:
                    pair = isinstance(part, ast.Tuple) and part.elts and literal(part.elts[0])
                    if not (literal(part) or pair or isinstance(part, ast.Call)):
                        lines.append(part.lineno)
    return lines


def test_the_app_builds_content_from_data_only_through_text_content() -> None:
    """`Content("a\\x07b")` silently drops the bell; `text_content` shows it as `\\x07`."""
    offenders = {
        path.relative_to(TUI).as_posix(): found
        for path in TUI.rglob("*.py")
        if path.name != "text.py"  # where text_content and the diffs (made visible first) live
        and (found := _content_calls_not_from_literals(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_check_finds_content_built_from_a_variable() -> None:
    bad = 'Content(title)\nContent.styled(f"{x}", "dim")\nContent.assemble(("a", "b"), name)\n'
    good = 'Content("literal")\nContent.assemble(("a", "bold"), text_content(x), "b")\n'
    assert _content_calls_not_from_literals(bad) == [1, 2, 3]
    assert _content_calls_not_from_literals(good) == []

"""Bodies for targets that want HTML: text escaped (placeholders kept verbatim), HTML checked."""

from __future__ import annotations

from behaviordiff.drafting.text import escape_text, html_problems
from behaviordiff.export.model import ExportItem, Skipped


def text_to_html(text: str) -> str:
    """Plain text as HTML: blank lines make paragraphs, single line breaks `<br>`; `<`, `>`
    and `&` escaped outside placeholders."""
    paragraphs = [part.strip("\n") for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br>".join(escape_text(line) for line in part.split("\n")) + "</p>"
        for part in paragraphs
        if part.strip()
    )


def as_html(body: str, body_format: str) -> tuple[str, list[str]]:
    """The body as the HTML a helpdesk stores, and why it is not well-formed (empty if it is)."""
    if body_format == "html":
        return body, html_problems(body)
    return text_to_html(body), []


def malformed(item: ExportItem, problems: list[str]) -> Skipped:
    """The skip of an item whose new HTML body `as_html` found not well-formed."""
    return Skipped(
        item.handle,
        item.draft.key,
        item.item.title,
        f"the new body is not well-formed HTML ({'; '.join(problems)}): fix it with review edit",
    )

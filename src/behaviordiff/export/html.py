"""Bodies for targets that want HTML: text escaped (placeholders kept verbatim), HTML checked."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

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


# active content ---------------------------------------------------------------------------

_ACTIVE_TAGS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "form",
        "meta",
        "link",
        "svg",
        "math",
    }
)
_URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "lowsrc",
        "dynsrc",
        "ping",
        "srcset",
        "cite",
        "longdesc",
    }
)
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
_SAFE_DATA = re.compile(r"data:image/(png|gif|jpe?g|webp);", re.I)
_SUSPECT = ("<", "&", "script", "data", "expression")
"""What any active content contains (a tag, an entity, a script: or data: URL, a CSS
expression), looked for first: most bodies have none and are not parsed."""
_MARKDOWN_LINK = re.compile(
    r"\]\(\s*<?([^)>\s]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*)|<([a-z]+:[^>\s]*)>", re.I | re.M
)


def _bad_url(value: str) -> str | None:
    """The scheme of a URL a browser would run or render as a page (javascript:, vbscript:,
    data: but an inline raster image), read past the entities, spaces and control characters
    browsers ignore; None for any other URL."""
    plain = re.sub(r"[\x00-\x20]+", "", unescape(value)).lower()
    if plain.startswith(_BAD_SCHEMES) and not _SAFE_DATA.match(plain):
        return plain.partition(":")[0] + ":"
    return None


class _ActiveContent(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"an event handler ({name}=)")
            elif name == "srcdoc":
                self.found.append("an embedded page (srcdoc=)")
            elif name in _URL_ATTRIBUTES and value:
                schemes = [_bad_url(part) for part in value.split(",")]
                self.found += [f"a {scheme} link ({name}=)" for scheme in schemes if scheme]
            elif (
                name == "style"
                and value
                and re.search(
                    r"expression\s*\(|url\s*\(\s*['\"]?\s*(javascript|vbscript)", value, re.I
                )
            ):
                self.found.append("a script in a style attribute")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def active_content(body: str) -> list[str]:
    """What in `body` a helpdesk or a browser showing it would run or load: script-like
    tags, event handlers, javascript:/vbscript:/data: links in HTML or in Markdown links.
    Empty for a body with none (most bodies are not even parsed)."""
    lowered = body.lower()
    if not any(marker in lowered for marker in _SUSPECT):
        return []
    parser = _ActiveContent()
    parser.feed(body)
    parser.close()
    found = parser.found
    for match in _MARKDOWN_LINK.finditer(body):
        target = next(group for group in match.groups() if group is not None)
        scheme = _bad_url(target)
        if scheme:
            found.append(f"a {scheme} link in Markdown")
    return list(dict.fromkeys(found))


def refuse_active(item: ExportItem) -> Skipped | None:
    """The skip of an item whose new body carries active content, else None."""
    found = active_content(item.new_body)
    if not found:
        return None
    also = (
        " (the helpdesk's current body has it too: clean it there as well)"
        if active_content(item.item.body)
        else ""
    )
    return Skipped(
        item.handle,
        item.draft.key,
        item.item.title,
        f"the new body carries active content a helpdesk or browser would run "
        f"({', '.join(found[:6])}): remove it with `behaviordiff review edit {item.handle}`, "
        f"then export again{also}",
    )

"""Active content in drafted HTML bodies, judged by nh3 (ammonia's allow-list sanitiser).

A drafting model rewriting an HTML macro must not add what a helpdesk would run or load: a
script, an event handler (`<img onerror=…>`), a `javascript:` link. The body the writer
approves keeps every byte of the original that it did not mean to change, so the draft is not
rewritten by the sanitiser; instead what the sanitiser would strip from the draft, beyond what
it strips from the original (a macro may carry its own `style`), is named, and such a draft is
refused.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "srcset"})


class _Markup(HTMLParser):
    """Every tag and every attribute (with its value, for URLs) in a fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[f"<{tag}>"] += 1
        for name, value in attrs:
            if name == "rel":
                continue  # the sanitiser adds rel="noopener noreferrer" itself
            shown = f'="{(value or "").strip()}"' if name in _URL_ATTRIBUTES else ""
            self.found[f"<{tag} {name}{shown}>"] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _markup(body: str) -> Counter[str]:
    parser = _Markup()
    parser.feed(body)
    parser.close()
    return parser.found


def _stripped(body: str) -> Counter[str]:
    """What the allow-list sanitiser removes from `body`."""
    import nh3

    return _markup(body) - _markup(nh3.clean(body))


def unsafe_additions(original: str, draft: str) -> list[str]:
    """Tags and attributes the sanitiser strips from `draft` and not from `original`."""
    added = _stripped(draft) - _stripped(original)
    return sorted(added)


def sanitize_html(body: str) -> str:
    """`body` through the allow-list sanitiser (for HTML with no original to keep)."""
    import nh3

    return nh3.clean(body)

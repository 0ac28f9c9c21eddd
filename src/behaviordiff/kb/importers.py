"""Importers for helpdesk exports: every error names the file and the record.

Macros: a Zendesk macros export (`{"macros": [...]}`), Freshdesk canned responses JSON (a list,
or `{"canned_responses": [...]}`), Intercom macros (`{"type": "list", "data": [{"type":
"macro", ...}]}`) or a CSV with `id,title,body` columns. Articles: a folder of Markdown files
(YAML front matter allowed), a Zendesk Guide export (`{"articles": [...]}`), Freshdesk solution
articles (a list with `description`) or Intercom Help Center articles (`{"type": "list", "data":
[{"type": "article", ...}]}`).

Each item keeps what an export back to the helpdesk needs in `metadata`: the source's
`updated_at` (or a content `version`), and for Zendesk macros the full `actions` array.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from behaviordiff.kb.model import (
    BodyFormat,
    ItemKind,
    KnowledgeBase,
    KnowledgeBaseError,
    KnowledgeItem,
    find_placeholders,
)
from behaviordiff.textutil import csv_separator_hint, read_utf8

_COMMENT_FIELDS = ("comment_value_html", "comment_value")
_CSV_COLUMNS = ("id", "title", "body")


def _refuse_empty(text: str, path: Path, kind: ItemKind) -> None:
    """An empty file (or one of blanks) said as such, not as a JSON or CSV syntax error: a
    download cut short or a tool that wrote nothing leaves one."""
    if text.strip():
        return
    plural, key = ("macros", "macros") if kind == "macro" else ("articles", "faq")
    raise KnowledgeBaseError(
        "the file is empty" + (f" ({len(text)} blank characters)" if text else ""),
        where=path,
        hint=f"export the {plural} from the helpdesk again into it (a download cut short or a "
        f"tool that wrote nothing leaves an empty file), or take it out of "
        f"knowledge_base.{key} if it is not meant to hold any",
    )


def _read_json(path: Path, kind: ItemKind) -> Any:
    from behaviordiff.loading import parse_json

    text = read_utf8(path, KnowledgeBaseError)
    _refuse_empty(text.removeprefix("\ufeff"), path, kind)
    return parse_json(
        text,
        path,
        KnowledgeBaseError,
        hint="export the file again from the helpdesk; it must be one JSON document",
    )


def content_version(text: str) -> str:
    """A version for sources without `updated_at` (Markdown, CSV): the body's digest."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _updated_at(raw: dict[str, Any]) -> str | int | None:
    value = raw.get("updated_at")
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


def _record_name(prefix: str, index: int, raw: Any, title_key: str = "title") -> str:
    name = f"{prefix}[{index}]"
    if isinstance(raw, dict):
        ident, title = raw.get("id"), raw.get(title_key)
        details = []
        if ident is not None:
            details.append(f"id {ident}")
        if isinstance(title, str) and title:
            details.append(f'"{title}"')
        if details:
            name += f" ({', '.join(details)})"
    return name


NUL_HINT = (
    "remove the NUL character (U+0000; written \\u0000 in a JSON export) from the item in "
    "the helpdesk and export it again, or from this file: an item's text is sent to the model, "
    "shown to writers and written back to the helpdesk as it is"
)


def _nul_in(value: Any, trail: str = "") -> tuple[str, int] | None:
    """Where the first NUL character in `value` is, as (field path, character), walking
    lists and objects (keys too); None when it holds none."""
    if isinstance(value, str):
        found = value.find("\x00")
        return (trail, found + 1) if found >= 0 else None
    if isinstance(value, dict):
        for key, item in value.items():
            named = f"{trail}.{key}" if trail else str(key)
            if isinstance(key, str) and "\x00" in key:
                return (f"{named!r} key", key.find("\x00") + 1)
            found_in = _nul_in(item, named)
            if found_in is not None:
                return found_in
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found_in = _nul_in(item, f"{trail}[{index}]")
            if found_in is not None:
                return found_in
    return None


def _refuse_nul(
    kind: ItemKind, title: str, body: str, body_field: str | None, extra: dict[str, Any], where: str
) -> None:
    """A NUL character in an item's title, body or anything an export sends back (a macro's
    actions, a front matter value) is an error naming the field: a helpdesk, a model and a
    terminal read it differently, and an export would send it back to customers' macros."""
    for text, field in ((title, "`title`"), (body, "body")):
        found = text.find("\x00")
        if found >= 0:
            if field == "body" and body_field and body_field != "body":
                field = f"body (`{body_field}`)"
            break
    else:
        found_in = _nul_in(extra.get("metadata") or {})
        if found_in is None:
            return
        field, found = f"`{found_in[0]}`", found_in[1] - 1
    raise KnowledgeBaseError(
        f"the {kind}'s {field} has a NUL character (U+0000) at character {found + 1}",
        where=where,
        hint=NUL_HINT,
    )


def _item(
    kind: ItemKind,
    ident: Any,
    title: str,
    body: str,
    body_format: BodyFormat,
    path: Path,
    record: str,
    *,
    where: str | None = None,
    **extra: Any,
) -> KnowledgeItem:
    """`where`: the place an error names (the file and record when not given)."""
    _refuse_nul(kind, title, body, extra.get("body_field"), extra, where or f"{path} → {record}")
    return KnowledgeItem(
        kind=kind,
        id=str(ident),
        title=title.strip(),
        body=body,
        body_format=body_format,
        source=str(path),
        record=record,
        placeholders=find_placeholders(body) + find_placeholders(title),
        **extra,
    )


def _require_title(raw: dict[str, Any], where: str, what: str, key: str = "title") -> str:
    title = raw.get(key)
    if title is not None and not isinstance(title, str):
        raise KnowledgeBaseError(
            f"{what}'s `{key}` is {_json_type(title)}, not text",
            where=where,
            hint=f"every record needs a non-empty string {key}",
        )
    if not isinstance(title, str) or not title.strip():
        raise KnowledgeBaseError(
            f"{what} has no `{key}`",
            where=where,
            hint=f"every record needs a non-empty string {key}",
        )
    return title


def _json_type(value: Any) -> str:
    """What a JSON value is, in JSON's words: a number, a list, an object, true/false."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "text" if isinstance(value, str) else "null"


def _optional_str(value: Any) -> str | None:
    """A record's folder, section or parent id as text, or None where it has none."""
    return str(value) if value is not None else None


def _url(raw: dict[str, Any], key: str = "url") -> str | None:
    value = raw.get(key)
    return value if isinstance(value, str) else None


def _body(
    raw: dict[str, Any],
    where: str,
    fields: Sequence[tuple[str, BodyFormat]],
    message: str,
    hint: str,
) -> tuple[str, BodyFormat, str]:
    """The first of `fields` that holds non-empty text, as (body, format, field name)."""
    for field_name, body_format in fields:
        value = raw.get(field_name)
        if isinstance(value, str) and value.strip():
            return value, body_format, field_name
    raise KnowledgeBaseError(message, where=where, hint=hint)


def _records(
    records: Any,
    path: Path,
    key: str,
    what: str,
    shape: str,
    *,
    id_hint: str | None = None,
    title_key: str = "title",
) -> Iterator[tuple[dict[str, Any], str, str, str]]:
    """Each record of an export as (raw, record name, where, title), checked for the shape
    every helpdesk record shares: a JSON object with an `id` and a title."""
    if not isinstance(records, list):
        raise KnowledgeBaseError(f"`{key}` is not a list", where=path, hint=shape)
    for index, raw in enumerate(records):
        record = _record_name(key, index, raw, title_key)
        where = f"{path} → {record}"
        if not isinstance(raw, dict):
            article = "an" if what[0] in "aeiou" else "a"
            raise KnowledgeBaseError(
                f"{article} {what} is {_json_type(raw)}, not a JSON object",
                where=where,
                hint=shape,
            )
        title = _require_title(raw, where, what, title_key)
        ident = raw.get("id")
        if ident is None:
            raise KnowledgeBaseError(f"{what} has no `id`", where=where, hint=id_hint)
        if isinstance(ident, bool) or not isinstance(ident, int | str) or not str(ident).strip():
            # an approval names its item by id: `[1]`, `true` or `1.5` is no helpdesk's id
            raise KnowledgeBaseError(
                f"{what}'s `id` is {_json_type(ident)}, not a whole number or text"
                if ident != ""
                else f"{what}'s `id` is empty",
                where=where,
                hint=id_hint or 'a helpdesk export gives each record its id (123 or "abc")',
            )
        yield raw, record, where, title


# macros ------------------------------------------------------------------------


def _zendesk_comment(raw: dict[str, Any], where: str) -> tuple[str, BodyFormat, str] | None:
    actions = raw.get("actions")
    if not isinstance(actions, list):
        raise KnowledgeBaseError(
            "macro has no `actions` list",
            where=where,
            hint='a Zendesk macro looks like {"title": ..., "actions": [{"field": ..., '
            '"value": ...}]}',
        )
    by_field: dict[str, Any] = {}
    for index, action in enumerate(actions):
        if not isinstance(action, dict):
            # a macro whose reply is in such an action would be left out of the knowledge
            # base without a word
            raise KnowledgeBaseError(
                f"the macro's actions[{index}] is {_json_type(action)}, not an object",
                where=where,
                hint='Zendesk exports each action as {"field": "comment_value", "value": '
                '"the text"}: export the macros again',
            )
        if action.get("field") in _COMMENT_FIELDS:
            by_field.setdefault(str(action["field"]), action.get("value"))
    for field_name in _COMMENT_FIELDS:
        if field_name not in by_field:
            continue
        value = by_field[field_name]
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(part, str) for part in value)
        ):
            value = value[1]
        if not isinstance(value, str):
            raise KnowledgeBaseError(
                f"the `{field_name}` action's value is {type(value).__name__}, "
                "not text or [channel, text]",
                where=where,
                hint='use a string, or ["channel:all", "the text"] as Zendesk exports it',
            )
        body_format: BodyFormat = "html" if field_name.endswith("_html") else "text"
        return value, body_format, field_name
    return None


def _zendesk_macros(data: dict[str, Any], path: Path) -> list[KnowledgeItem]:
    items: list[KnowledgeItem] = []
    for raw, record, where, title in _records(
        data["macros"],
        path,
        "macros",
        "macro",
        'a Zendesk macros export looks like {"macros": [{...}, ...]}',
        id_hint="export macros with their ids",
    ):
        comment = _zendesk_comment(raw, where)
        if comment is None:
            continue
        body, body_format, field_name = comment
        category, _, _ = title.rpartition("::")
        items.append(
            _item(
                "macro",
                raw["id"],
                title,
                body,
                body_format,
                path,
                record,
                category=category.replace("::", " / ") or None,
                active=_active(raw, where),
                url=_url(raw),
                body_field=field_name,
                metadata={
                    "format": "zendesk",
                    "description": raw.get("description"),
                    "updated_at": _updated_at(raw),
                    "actions": raw["actions"],
                    "restriction": raw.get("restriction"),
                },
            )
        )
    return items


def _active(raw: dict[str, Any], where: str) -> bool:
    """A macro's `active` (true when absent); "false" as text would read as true."""
    active = raw.get("active", True)
    if not isinstance(active, bool):
        raise KnowledgeBaseError(
            f"macro's `active` is {_json_type(active)}, not true or false",
            where=where,
            hint='Zendesk exports "active": true or "active": false',
        )
    return active


def _freshdesk(data: Any, path: Path) -> list[KnowledgeItem]:
    responses = data["canned_responses"] if isinstance(data, dict) else data
    items: list[KnowledgeItem] = []
    for raw, record, where, title in _records(
        responses,
        path,
        "canned_responses",
        "canned response",
        "a Freshdesk export is a list of canned responses ({...}, each with an id, a title and "
        'its content); a Zendesk macros export is {"macros": [...]}',
    ):
        body, body_format, field_name = _body(
            raw,
            where,
            (("content_html", "html"), ("content", "text")),
            "canned response has neither `content_html` nor `content` text",
            "Freshdesk exports the body as content_html (and content)",
        )
        folder = raw.get("folder") or raw.get("folder_name")
        items.append(
            _item(
                "macro",
                raw["id"],
                title,
                body,
                body_format,
                path,
                record,
                category=str(folder) if folder else None,
                body_field=field_name,
                metadata={
                    "format": "freshdesk",
                    "folder_id": raw.get("folder_id"),
                    "updated_at": _updated_at(raw),
                },
            )
        )
    return items


_CSV_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
"""One line as a file opened with newline="" reads it: up to \r\n, \r or \n, kept."""


def _csv_lines(text: str) -> Iterator[str]:
    """The lines of `text` for the csv reader, sliced as they are read: a StringIO of it
    would hold a second copy, four bytes a character (92 MB for a 23 MB export)."""
    for found in _CSV_LINE.finditer(text):
        yield found.group()


def _csv_macros(path: Path) -> list[KnowledgeItem]:
    text = read_utf8(path, KnowledgeBaseError).removeprefix("\ufeff")  # Excel's BOM
    _refuse_empty(text, path, "macro")
    # a cell may be as large as the file may be (the default limit is 128 KB)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(_csv_lines(text), strict=True)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in _CSV_COLUMNS if column not in header]
    if missing:
        raise KnowledgeBaseError(
            f"the CSV header lacks the column(s) {', '.join(missing)} "
            f"(found: {', '.join(header) or 'nothing'})",
            where=f"{path}:1",
            hint=csv_separator_hint(header, _CSV_COLUMNS)
            or "the first line must name the columns id,title,body",
        )
    items: list[KnowledgeItem] = []
    seen: dict[str, int] = {}
    started = reader.line_num + 1
    try:
        for raw in reader:
            extra = raw.get(None)
            if extra:
                raise KnowledgeBaseError(
                    f"the row has {len(header) + len(extra)} cells, the header "
                    f"{len(header)}: its text after the last column would be lost",
                    where=f"{path}:{started}",
                    hint='quote a body that contains commas: 1,Title,"Hello, world"',
                )
            row = {
                (key or "").strip().lower(): (value or "")
                for key, value in raw.items()
                if isinstance(value, str)
            }
            line = reader.line_num
            record = f"row {len(items) + 1} (line {line})"
            where = f"{path}:{line}"
            ident, title = row.get("id", "").strip(), row.get("title", "")
            body = row.get("body", "")  # a short row has no body column
            if not ident:
                raise KnowledgeBaseError("row has an empty id", where=where)
            if not title.strip() or not body.strip():
                empty = "title" if not title.strip() else "body"
                raise KnowledgeBaseError(
                    f"macro '{ident}' has an empty {empty}",
                    where=where,
                    hint="quote bodies that contain commas or line breaks",
                )
            if ident in seen:
                raise KnowledgeBaseError(
                    f"duplicate macro id '{ident}' (first on line {seen[ident]})",
                    where=where,
                    hint="give every macro its own id",
                )
            seen[ident] = line
            started = line + 1
            category, _, _ = title.rpartition("::")
            items.append(
                _item(
                    "macro",
                    ident,
                    title,
                    body,
                    "text",
                    path,
                    record,
                    category=row.get("category") or category.replace("::", " / ") or None,
                    body_field="body",
                    metadata={"format": "csv", "version": content_version(body)},
                )
            )
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise KnowledgeBaseError(
                "a quoted cell of this row never closes: every line after it would be "
                "read as its text",
                where=f"{path}:{started}",
                hint='close the quote; write a quote inside a quoted cell as ""',
            ) from None
        raise KnowledgeBaseError(
            f"not valid CSV ({exc})",
            where=f"{path}:{max(started, reader.line_num)}",
            hint='quote cells with commas, quotes or line breaks; write a quote as ""',
        ) from None
    return items


_INTERCOM_LIST = 'an Intercom export looks like {"type": "list", "data": [{...}, ...]}'


def _intercom_data(data: Any, path: Path) -> list[Any] | None:
    """The `data` list of an Intercom list response; None when `data` is not one."""
    if isinstance(data, dict) and data.get("type") == "list" and "data" in data:
        records = data["data"]
        if not isinstance(records, list):
            raise KnowledgeBaseError("`data` is not a list", where=path, hint=_INTERCOM_LIST)
        return records
    return None


def _intercom_type(records: list[Any]) -> str | None:
    types = {raw.get("type") for raw in records if isinstance(raw, dict)}
    return next(iter(types)) if len(types) == 1 else None


def _intercom_macros(records: Any, path: Path) -> list[KnowledgeItem]:
    items: list[KnowledgeItem] = []
    for raw, record, where, title in _records(
        records, path, "data", "macro", _INTERCOM_LIST, title_key="name"
    ):
        # body_text keeps Intercom's own placeholders ({{user.name|fallback:"there"}});
        # body has them rewritten as <attribute/> tags
        body, body_format, field_name = _body(
            raw,
            where,
            (("body_text", "text"), ("body", "html")),
            "macro has neither `body_text` nor `body` text",
            "export macros with GET /macros; each has body (HTML) and body_text",
        )
        items.append(
            _item(
                "macro",
                raw["id"],
                title,
                body,
                body_format,
                path,
                record,
                body_field=field_name,
                metadata={
                    "format": "intercom",
                    "updated_at": _updated_at(raw),
                    "visible_to": raw.get("visible_to"),
                },
            )
        )
    return items


def load_macros(path: Path) -> list[KnowledgeItem]:
    """Macros from a Zendesk export, Freshdesk canned responses, Intercom macros, or a CSV."""
    if not path.exists():
        raise KnowledgeBaseError("macro file not found", where=path, hint="check the path")
    if path.suffix.lower() == ".csv":
        return _csv_macros(path)
    data = _read_json(path, "macro")
    intercom = _intercom_data(data, path)
    if intercom is None and isinstance(data, list) and data and _intercom_type(data) == "macro":
        intercom = data
    if intercom is not None:
        kind = _intercom_type(intercom)
        if kind == "article":
            raise KnowledgeBaseError(
                "this Intercom export holds Help Center articles, not macros",
                where=path,
                hint="name it under knowledge_base.faq instead of knowledge_base.macros",
            )
        return _unique(_intercom_macros(intercom, path), path, "macro")
    if isinstance(data, dict) and "macros" in data:
        return _unique_macros(_zendesk_macros(data, path), path)
    if isinstance(data, dict) and "macro" in data and isinstance(data["macro"], dict):
        return _zendesk_macros({"macros": [data["macro"]]}, path)
    if isinstance(data, list) or (isinstance(data, dict) and "canned_responses" in data):
        return _unique_macros(_freshdesk(data, path), path)
    raise KnowledgeBaseError(
        "not a macro export this version reads",
        where=path,
        hint='expected a Zendesk macros export {"macros": [...]}, Freshdesk canned responses '
        '(a JSON list), Intercom macros {"type": "list", "data": [...]}, or a CSV file with '
        "id,title,body",
    )


def _unique_macros(items: list[KnowledgeItem], where: Path) -> list[KnowledgeItem]:
    """One macro per id: an approval names its macro by id and must land on that one."""
    seen: dict[str, KnowledgeItem] = {}
    for item in items:
        if item.id in seen:
            raise KnowledgeBaseError(
                f"two macros have the id '{item.id}': {seen[item.id].record} and {item.record}",
                where=where,
                hint="export the macros again; ids in a helpdesk export are unique",
            )
        seen[item.id] = item
    return items


# articles ----------------------------------------------------------------------


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        return {}, text
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        return {}, text
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            from behaviordiff.yamlio import parse_yaml

            raw = "".join(lines[1:index])
            try:
                # one line ahead, so the errors of the loading layer name the file's own lines
                data = (
                    parse_yaml("\n" + raw, str(path), KnowledgeBaseError)[0] if raw.strip() else {}
                )
            except KnowledgeBaseError as exc:
                if not exc.message.startswith("not valid YAML: "):
                    raise
                problem = exc.message.removeprefix("not valid YAML: ")
                raise KnowledgeBaseError(
                    f"the front matter is not valid YAML ({problem})",
                    where=exc.where,
                    hint="front matter is `key: value` lines between two `---` lines",
                ) from None
            if not isinstance(data, dict):
                raise KnowledgeBaseError(
                    "the front matter is not a mapping of keys to values",
                    where=f"{path}:2",
                    hint="write it as `title: ...` lines between two `---` lines",
                )
            return data, "".join(lines[index + 1 :])
    raise KnowledgeBaseError(
        "the front matter has no closing `---` line",
        where=f"{path}:1",
        hint="close the front matter with a line holding only ---",
    )


_FRONT_TYPES: dict[str, tuple[tuple[type, ...], str]] = {
    "title": ((str, int, float), "text"),
    "id": ((str, int), "a whole number or text"),
    "section": ((str, int), "text"),
    "category": ((str, int), "text"),
    "url": ((str,), "text"),
    "draft": ((bool,), "true or false"),
}
"""The front matter keys an article is read from, and what each may hold."""


def _check_front_matter(meta: dict[str, Any], text: str, path: Path) -> None:
    """Each key the article is read from holds what it should: `title: yes` is YAML's true,
    `draft: "no"` would read as a draft, `section: [a, b]` is no section name."""
    for key, (kinds, wanted) in _FRONT_TYPES.items():
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool)):
            continue
        said = _json_type(value) if not isinstance(value, str) else "text"
        line = next(
            (
                number
                for number, written in enumerate(text.splitlines(), start=1)
                if written.startswith(f"{key}:")
            ),
            2,
        )
        raise KnowledgeBaseError(
            f"the front matter's `{key}` is {said}, not {wanted}",
            where=f"{path}:{line}",
            hint='quote a value YAML would read otherwise (title: "Yes"); draft is true or false'
            if isinstance(value, bool)
            else f"write {key}: followed by {wanted}",
        )


def _markdown_article(path: Path, root: Path) -> KnowledgeItem:
    # a UTF-8 byte order mark (Windows editors) would hide the front matter in the body
    text = read_utf8(path, KnowledgeBaseError).removeprefix("\ufeff")
    meta, body = _front_matter(text, path)
    _check_front_matter(meta, text, path)
    title = meta.get("title")
    if title is None:
        heading = next(
            (line[2:].strip() for line in body.splitlines() if line.startswith("# ")), None
        )
        title = heading or path.stem.replace("-", " ").replace("_", " ").capitalize()
    if not body.strip():
        raise KnowledgeBaseError(
            "the article has no body", where=path, hint="write the article below the front matter"
        )
    relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    category = meta.get("section") or meta.get("category")
    return _item(
        "article",
        meta.get("id", path.stem),
        str(title),
        body,
        "markdown",
        path,
        relative,
        where=str(path),
        category=str(category) if category else None,
        url=str(meta["url"]) if meta.get("url") else None,
        active=not meta.get("draft", False),
        body_field="body",
        metadata={
            "format": "markdown",
            "front_matter": {k: str(v) for k, v in meta.items()},
            "version": content_version(text),
        },
    )


def _guide_articles(data: dict[str, Any], path: Path) -> list[KnowledgeItem]:
    items: list[KnowledgeItem] = []
    for raw, record, where, title in _records(
        data["articles"],
        path,
        "articles",
        "article",
        'a Zendesk Guide export looks like {"articles": [{...}, ...]}',
    ):
        body, _, _ = _body(
            raw,
            where,
            (("body", "html"),),
            "article has no HTML `body`",
            "export articles with their body (the Help Center API's `body` field)",
        )
        items.append(
            _item(
                "article",
                raw["id"],
                title,
                body,
                "html",
                path,
                record,
                category=_optional_str(raw.get("section_id")),
                url=_url(raw, "html_url"),
                active=not bool(raw.get("draft", False)),
                body_field="body",
                metadata={
                    "format": "zendesk-guide",
                    "locale": raw.get("locale"),
                    "updated_at": _updated_at(raw),
                },
            )
        )
    return items


def _freshdesk_solutions(records: list[Any], path: Path) -> list[KnowledgeItem]:
    items: list[KnowledgeItem] = []
    for raw, record, where, title in _records(
        records,
        path,
        "articles",
        "solution article",
        "a Freshdesk solution articles export is a JSON list of articles",
    ):
        body, _, _ = _body(
            raw,
            where,
            (("description", "html"),),
            "solution article has no HTML `description`",
            "Freshdesk exports an article's body as description (HTML)",
        )
        items.append(
            _item(
                "article",
                raw["id"],
                title,
                body,
                "html",
                path,
                record,
                category=_optional_str(raw.get("folder_id")),
                active=raw.get("status", 2) == 2,
                body_field="description",
                metadata={"format": "freshdesk-solutions", "updated_at": _updated_at(raw)},
            )
        )
    return items


def _intercom_articles(records: list[Any], path: Path) -> list[KnowledgeItem]:
    items: list[KnowledgeItem] = []
    for raw, record, where, title in _records(records, path, "data", "article", _INTERCOM_LIST):
        body, _, _ = _body(
            raw,
            where,
            (("body", "html"),),
            "article has no HTML `body`",
            "export articles with GET /articles; each has its body in HTML",
        )
        items.append(
            _item(
                "article",
                raw["id"],
                title,
                body,
                "html",
                path,
                record,
                category=_optional_str(raw.get("parent_id")),
                url=_url(raw),
                active=raw.get("state", "published") == "published",
                body_field="body",
                metadata={
                    "format": "intercom-articles",
                    "updated_at": _updated_at(raw),
                    "state": raw.get("state"),
                },
            )
        )
    return items


def load_articles(path: Path) -> list[KnowledgeItem]:
    """Articles from a folder of Markdown files, one Markdown file, a Zendesk Guide export,
    Freshdesk solution articles or Intercom Help Center articles."""
    if not path.exists():
        raise KnowledgeBaseError("FAQ path not found", where=path, hint="check the path")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".md", ".markdown"))
        root = path.resolve()
        for file in files:
            target = file.resolve()
            if root not in target.parents:
                # found by walking the folder, not named: its text could reach a model and
                # an export without anyone having chosen it
                raise KnowledgeBaseError(
                    f"{file.relative_to(path)} is a link out of the FAQ folder (to {target})",
                    where=file,
                    hint="remove the link, or name the file itself in knowledge_base.faq if "
                    "it is meant to be an article",
                )
        if not files:
            raise KnowledgeBaseError(
                "no Markdown (.md) articles in the folder",
                where=path,
                hint="a FAQ folder holds one .md file per article",
            )
        return _unique([_markdown_article(file, path) for file in files], path)
    if path.suffix.lower() in (".md", ".markdown"):
        return [_markdown_article(path, path.parent)]
    data = _read_json(path, "article")
    intercom = _intercom_data(data, path)
    if intercom is not None:
        if _intercom_type(intercom) == "macro":
            raise KnowledgeBaseError(
                "this Intercom export holds macros, not Help Center articles",
                where=path,
                hint="name it under knowledge_base.macros instead of knowledge_base.faq",
            )
        return _unique(_intercom_articles(intercom, path), path)
    if isinstance(data, dict) and "articles" in data:
        return _unique(_guide_articles(data, path), path)
    if (
        isinstance(data, list)
        and data
        and all(isinstance(raw, dict) and "description" in raw for raw in data)
    ):
        return _unique(_freshdesk_solutions(data, path), path)
    raise KnowledgeBaseError(
        "not an article export this version reads",
        where=path,
        hint='expected a folder of Markdown files, a Zendesk Guide export {"articles": [...]}, '
        "Freshdesk solution articles (a JSON list with description) or Intercom articles "
        '{"type": "list", "data": [...]}',
    )


def _unique(items: list[KnowledgeItem], where: Path, noun: str = "article") -> list[KnowledgeItem]:
    seen: dict[str, KnowledgeItem] = {}
    for item in items:
        if item.id in seen:
            hint = (
                "give every article its own `id` in the front matter"
                if item.metadata.get("format") == "markdown"
                else "export the file again: each record needs its own id"
            )
            raise KnowledgeBaseError(
                f"two {noun}s have the id '{item.id}': {seen[item.id].record} and {item.record}",
                where=where,
                hint=hint,
            )
        seen[item.id] = item
    return items


def load_knowledge_base(
    macro_paths: Sequence[Path] = (),
    article_paths: Iterable[Path] = (),
    *,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> KnowledgeBase:
    """The macros and articles of the files given; `on_progress(stage, done, total)` hears
    of each file before it is read (a 50 MB macro export takes a while), with its size."""
    base = KnowledgeBase()
    sources = [(path, load_macros) for path in macro_paths] + [
        (path, load_articles) for path in article_paths
    ]
    for done, (path, load) in enumerate(sources):
        if on_progress is not None:
            on_progress(f"reading {path}{_size_of(path)}", done, len(sources))
        base.items.extend(load(path))
        base.sources.append(str(path))
    if on_progress is not None and sources:
        on_progress(f"read {len(base.items):,} items", len(sources), len(sources))
    return base


def _size_of(path: Path) -> str:
    """` (58.8 MB)` for a file of a megabyte or more; nothing for a small file or a folder."""
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        return ""
    return f" ({size / 1_000_000:.1f} MB)" if size >= 1_000_000 else ""

"""The one loading layer for files a user hands us: probe suites, configs, agent versions,
transcripts, knowledge-base exports, review edits.

Every reader goes through here, so every file gets the same limits, checked while loading and
before anything else touches the data: size, nesting depth, YAML alias expansion, integers
too long to convert, and text that cannot be stored or sent (NUL bytes, invalid UTF-8, lone
surrogates). Going past a limit is the caller's error class naming the file and, where the
format keeps it, the line.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from behaviordiff.errors import BehaviordiffError

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A file read whole (YAML, JSON, TOML, CSV, a prompt): far beyond any real one."""
MAX_LINE_BYTES = 64 * 1024 * 1024
"""One line of a JSONL file (transcripts stream, so the file itself has no limit)."""
MAX_DEPTH = 100
"""Nesting of lists and mappings in one document or line."""
MAX_ALIAS_GROWTH = 100_000
"""Nodes YAML aliases may add beyond ten times the nodes written (anchors for shared defaults
stay usable; a few hundred bytes of nested aliases cannot expand to gigabytes)."""
MAX_INT_DIGITS = 4300
"""Python's own limit for converting digits to an integer."""

SURROGATE = re.compile("[\ud800-\udfff]")


def _where(where: str | Path, line: int | None) -> str:
    return f"{where}:{line}" if line else str(where)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `index` in `text`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, index) + 1
    return line, index - (data.rfind(b"\n", 0, index) + 1) + 1


def decode_text(
    data: bytes, where: str | Path, error: type[BehaviordiffError], *, what: str = "a text file"
) -> str:
    """UTF-8 text without NUL bytes; else `error` naming the line, column and byte. Text
    saved as UTF-16 or UTF-32 (Windows tools' "Unicode") is named as such, not as binary."""
    encoding = _other_encoding(data)
    if encoding is not None:
        raise error(
            f"is {encoding} text (it starts with a {encoding} byte order mark), not UTF-8",
            where=_where(where, 1),
            hint="save the file as UTF-8 (most editors: “Save with encoding”; "
            "PowerShell: `Out-File -Encoding utf8`)",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        raise error(
            f"has a NUL byte at line {line}, column {column}: a binary file, not {what}",
            where=_where(where, line),
            hint="point at the text file itself, saved as UTF-8",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        raise error(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line}, column {column} "
            f"({exc.reason})",
            where=_where(where, line),
            hint="save the file as UTF-8 (most editors: “Save with encoding”)",
        ) from None


def _other_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, when `data` starts with its byte order mark."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    return None


def read_text(
    path: Path,
    error: type[BehaviordiffError],
    *,
    limit: int = MAX_FILE_BYTES,
    what: str = "a text file",
    too_big: str = "split it into several files",
) -> str:
    """A file's text, within the size limit; see `decode_text`. Only a regular file is read
    (see `check_regular`), and never more than `limit` bytes of it, even as it grows.
    `too_big`: the fix for a file over the limit, as the file's kind allows."""
    try:
        size = check_regular(path, error).st_size
        if size > limit:
            raise error(
                f"is {size / 1024 / 1024:.1f} MB, over the {limit // 1024 // 1024} MB limit "
                "for one file",
                where=path,
                hint=too_big,
            )
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise error(
                f"grew past the {limit // 1024 // 1024} MB limit for one file while it was read",
                where=path,
                hint="let whatever writes it finish, then run again",
            )
    except OSError as exc:
        raise error(f"cannot read the file ({exc.strerror or exc})", where=path) from None
    return decode_text(data, path, error, what=what)


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a directory", "a named pipe (FIFO)", …),
    from its `st_mode`; None for a regular file."""
    import stat

    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(
    path: Path, error: type[BehaviordiffError], *, pipe: bool = False
) -> os.stat_result:
    """`path`'s stat (symlinks followed) when it is a regular file; else `error` saying what it
    is. Opening a named pipe would wait for a writer forever and a device such as /dev/zero
    never ends, so neither is opened: the check comes before `open`. `pipe` lets a pipe
    through, for a reader that streams (`compare <(zcat old.jsonl.gz) new.jsonl`)."""
    import stat

    result = path.stat()
    kind = special_kind(result.st_mode)
    if kind is not None and not (pipe and stat.S_ISFIFO(result.st_mode)):
        shown = f" ({path.resolve()})" if path.is_symlink() else ""
        raise error(
            f"is {kind}{shown}, not a file: it cannot be read as one",
            where=path,
            hint="point at the file itself (a symlink must lead to a regular file)",
        )
    return result


def check_text(text: str, where: str | Path, error: type[BehaviordiffError]) -> None:
    """Text that can be stored and sent: no lone surrogate (UTF-16 halves that Python reads
    from `\\ud800` escapes but no UTF-8 file or HTTP body can hold)."""
    found = SURROGATE.search(text)
    if found:
        line, column = _position(text, found.start())
        raise error(
            f"has a lone surrogate (U+{ord(found.group()):04X}) at line {line}, column {column}: "
            "not a character",
            where=_where(where, line),
            hint="remove the \\u escape there, or write the character it stands for",
        )


_Trail = tuple["_Trail | None", "str | int"] | None
"""Where a value sits: its parent's trail and its key or index, joined into a path only
when a message names it."""


def _path_of(trail: _Trail) -> str:
    parts: list[str | int] = []
    while trail is not None:
        trail, key = trail
        parts.append(key)
    path = ""
    for key in reversed(parts):
        if isinstance(key, str):  # a key with a lone surrogate is named by its escape
            key = key.encode("utf-8", "backslashreplace").decode("utf-8")
        path += f"[{key}]" if isinstance(key, int) else (f".{key}" if path else key)
    return path


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def check_tree(
    data: Any,
    where: str | Path,
    error: type[BehaviordiffError],
    *,
    line: int | None = None,
    text: str | None = None,
) -> None:
    """Parsed data within the depth limit, with no lone surrogate in a key or a string;
    `text`, the JSON it was read from, names the line of a depth error and, when it holds
    no surrogate and no escape of one, spares reading every string (most of the walk: a
    100,000-macro export took seconds here). Paths are built only for a message."""
    strings = text is None or bool(SURROGATE.search(text) or _ESCAPED_SURROGATE.search(text))
    pending: list[tuple[Any, int, _Trail]] = [(data, 0, None)]
    while pending:
        value, depth, trail = pending.pop()
        if isinstance(value, str):
            _check_string(value, trail, where, error, line)
            continue
        if not isinstance(value, dict | list):
            continue
        if depth >= MAX_DEPTH:
            raise error(
                f"nested more than {MAX_DEPTH} levels deep (at {_short_path(_path_of(trail))})",
                where=_where(where, line or (_depth_line(text) if text else None)),
                hint="flatten the data; no input of ours needs that depth",
            )
        children = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in children:
            if strings and isinstance(key, str):
                _check_string(key, (trail, key), where, error, line)
            if isinstance(item, dict | list) or (strings and isinstance(item, str)):
                pending.append((item, depth + 1, (trail, key)))


def _short_path(path: str) -> str:
    """A key path to name in a message: its start, when a hundred levels make it long."""
    if not path:
        return "the top"
    return path if len(path) <= 60 else path[:60] + "…"


def _check_string(
    value: str, trail: _Trail, where: str | Path, error: type[BehaviordiffError], line: int | None
) -> None:
    found = SURROGATE.search(value)
    if found:
        raise error(
            f"has a lone surrogate (U+{ord(found.group()):04X}) in {_path_of(trail) or 'a value'}: "
            "not a character, and no file or request can carry it",
            where=_where(where, line),
            hint="remove the \\u escape, or write the character it stands for",
        )


def json_problem(exc: json.JSONDecodeError, *, with_line: bool = False) -> str:
    """`not valid JSON (Unterminated string starting at column 7)`: the decoder's message
    (which may itself end in "at") with the place, read once."""
    place = f"line {exc.lineno}, column {exc.colno}" if with_line else f"column {exc.colno}"
    message = exc.msg.removesuffix(" at")
    return f"not valid JSON ({message} at {place})"


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different (`object_pairs_hook`)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return found


_UNIQUE_KEYS = json.JSONDecoder(object_pairs_hook=_unique_keys)
"""One decoder for every document: `json.loads` with a hook builds a new one per call,
half the cost of the check on a JSONL file of short lines."""


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?|[{}\[\]]')
"""A string (a key when a colon follows) or a bracket, read left to right through a JSON
text the decoder already refused: only on the error path, once, in linear time."""


def _problem_at(text: str, *, depth_over: int | None = None) -> tuple[str, int] | None:
    """Where a JSON text breaks a rule the decoder cannot place: ("key", offset) of the
    first key written a second time in one object, or, with `depth_over`, ("depth",
    offset) of the first bracket opened deeper than that."""
    objects: list[set[str] | None] = []  # one entry per open bracket: a key set for {
    for token in _JSON_TOKEN.finditer(text):
        piece = token.group()
        if piece in "{[":
            objects.append(set() if piece == "{" else None)
            if depth_over is not None and len(objects) > depth_over:
                return "depth", token.start()
        elif piece in "}]":
            if objects:
                objects.pop()
        elif token.group(1) and depth_over is None and objects and objects[-1] is not None:
            try:
                key = json.loads(piece[: len(piece) - len(token.group(1))])
            except ValueError:
                continue
            if key in objects[-1]:
                return key, token.start()
            objects[-1].add(key)
    return None


def _key_line(text: str, key: str) -> int | None:
    """The line where `key` is written a second time in one object (the first such key of
    the text: the decoder stops at it)."""
    found = _problem_at(text)
    return _position(text, found[1])[0] if found and found[0] == key else None


def _depth_line(text: str) -> int | None:
    """The line of the first bracket opened deeper than the limit."""
    found = _problem_at(text, depth_over=MAX_DEPTH)
    return _position(text, found[1])[0] if found else None


def parse_json(
    text: str,
    where: str | Path,
    error: type[BehaviordiffError],
    *,
    hint: str | None = None,
    line: int | None = None,
    unique_keys: bool = True,
) -> Any:
    """One JSON document within the limits. `line` is the line of a JSONL record (errors name
    it); for a whole document the decoder's own line is named. A UTF-8 byte order mark at
    the start (Windows exports) is not content; a key written twice in one object is an
    error (JSON keeps only the last: the first would be lost without a word); `unique_keys`
    False skips that check (about a third of the time to parse)."""
    text = text.removeprefix("\ufeff")
    try:
        data = _UNIQUE_KEYS.decode(text) if unique_keys else json.loads(text)
    except _DuplicateKey as twice:
        repeated = _key_line(text, twice.key) if line is None else None
        raise error(
            f"has the key {json.dumps(twice.key)} twice in one object"
            + (f" (again at line {repeated})" if repeated else "")
            + ": JSON keeps only the last, so the first would be lost",
            where=_where(where, line or repeated),
            hint=hint or "keep one of the two (export the file again if a tool wrote it)",
        ) from None
    except json.JSONDecodeError as exc:
        raise error(
            json_problem(exc, with_line=line is None),
            where=_where(where, line or exc.lineno),
            hint=hint,
        ) from None
    except RecursionError:
        raise error(
            f"nested more than {MAX_DEPTH} levels deep",
            where=_where(where, line or _depth_line(text)),
            hint="flatten the data; no input of ours needs that depth",
        ) from None
    except ValueError as exc:  # an integer longer than Python converts
        raise error(
            f"has a number with more than {MAX_INT_DIGITS} digits ({exc})"
            if "digits" in str(exc)
            else f"not valid JSON ({exc})",
            where=_where(where, line),
            hint="write such a value as a string",
        ) from None
    check_tree(data, where, error, line=line, text=text)
    return data


def iter_jsonl(
    path: Path, error: type[BehaviordiffError], hint: str, *, unique_keys: bool = True
) -> Iterator[tuple[str, Any]]:
    """(`file:line`, parsed JSON) for every non-blank line, read as it streams; a line that is
    not JSON, or bytes that are not UTF-8, are `error` naming the line, with `hint`. A `.gz`
    file is read as it streams too; a damaged or cut archive is `error` naming the file."""
    import gzip
    import stat

    try:
        mode = check_regular(path, error, pipe=True).st_mode
        raw: Any = _open_pipe(path, error) if stat.S_ISFIFO(mode) else path.open("rb")
        # lines split on \n only, each decoded: errors name their line; .gz read as it streams
        handle = gzip.GzipFile(fileobj=raw, mode="rb") if path.suffix == ".gz" else raw
    except OSError as exc:
        raise error(f"cannot read the file ({exc.strerror or exc})", where=path) from None
    with handle:
        for number, raw in _lines(handle, path, error):
            where = f"{path}:{number}"
            if len(raw) > MAX_LINE_BYTES:
                raise error(
                    f"the line is {len(raw) / 1024 / 1024:.1f} MB, over the "
                    f"{MAX_LINE_BYTES // 1024 // 1024} MB limit for one record",
                    where=where,
                    hint=hint,
                )
            if number == 1 and raw.startswith(b"\x1f\x8b") and path.suffix != ".gz":
                raise error(
                    "is gzip-compressed, but its name does not end in .gz",
                    where=where,
                    hint="name it with .gz at the end, or decompress it (`zcat FILE`)",
                )
            encoding = _other_encoding(raw) if number == 1 else None
            if encoding is not None:
                raise error(
                    f"is {encoding} text (it starts with a {encoding} byte order mark), not UTF-8",
                    where=where,
                    hint="save the file as UTF-8 (JSON lines are UTF-8 by definition)",
                )
            if b"\x00" in raw:
                column = raw.index(b"\x00") + 1
                raise error(
                    f"has a NUL byte at column {column}: a binary file, not JSON lines",
                    where=where,
                    hint="point at the .jsonl (or .jsonl.gz) file itself",
                )
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise error(
                    f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}",
                    where=where,
                    hint="save the file as UTF-8 (JSON files are UTF-8 by definition)",
                ) from None
            if not line.strip():
                continue
            # without its line break, a record cut short is named at its end, not at
            # column 1 of the line after
            yield (
                where,
                parse_json(
                    line.rstrip("\r\n"),
                    path,
                    error,
                    hint=hint,
                    line=number,
                    unique_keys=unique_keys,
                ),
            )


PIPE_WAIT = 30.0
"""Seconds a named pipe may stay silent before anything is read from it."""


def _open_pipe(path: Path, error: type[BehaviordiffError]) -> Any:
    """A pipe, opened without waiting forever: a named pipe nothing writes to would block
    `open` for good, so it is opened non-blocking and given `PIPE_WAIT` seconds to say
    something (data, or its end)."""
    import select

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    if not poller.poll(PIPE_WAIT * 1000):
        os.close(fd)
        raise error(
            f"is a named pipe (FIFO) that nothing wrote to in {PIPE_WAIT:.0f} seconds",
            where=path,
            hint="start the program that writes into it first, or give the file itself",
        )
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _lines(handle: Any, path: Path, error: type[BehaviordiffError]) -> Iterator[tuple[int, bytes]]:
    import zlib

    number = 0
    try:
        # at most one byte past the limit per line, so a line of gigabytes (or a .gz that
        # expands to one) is refused having held 64 MB, not read whole first
        while raw := handle.readline(MAX_LINE_BYTES + 1):
            number += 1
            yield number, raw
    except EOFError:
        raise error(
            f"the compressed file is cut short (after line {number}): its end is missing",
            where=path,
            hint="the copy or download did not finish; fetch the file again "
            "(`gunzip -t` checks one)",
        ) from None
    except (OSError, zlib.error) as exc:  # gzip.BadGzipFile, a damaged archive
        raise error(
            f"cannot read the compressed file ({exc})",
            where=path,
            hint="check the file with `gunzip -t`",
        ) from None


def parse_toml(text: str, where: Path, error: type[BehaviordiffError]) -> dict[str, Any]:
    """A TOML document within the limits; syntax errors name the line."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        problem = re.sub(r" \(at line \d+, column \d+\)", "", str(exc))
        at_end = "at end of document" in problem
        raise error(
            f"not valid TOML ({problem})",
            where=f"{where}:{found.group(1)}" if found else where,
            hint=(
                "the file ends in the middle of a value: close the last [ or quote"
                if at_end
                else "fix the syntax there"
            )
            + "; strings need quotes, tables look like [run]",
        ) from None
    except RecursionError:
        raise error(
            f"nested more than {MAX_DEPTH} levels deep",
            where=where,
            hint="flatten the arrays or inline tables",
        ) from None
    except ValueError as exc:
        raise error(
            f"has a value that cannot be read ({exc})",
            where=where,
            hint=f"integers have at most {MAX_INT_DIGITS} digits; write such a value as a string",
        ) from None
    check_tree(data, where, error)
    return data

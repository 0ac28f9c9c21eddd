"""YAML reading that keeps line numbers, so errors can point at the line, and that refuses what
no input of ours needs: duplicate keys, alias bombs, deep nesting, unreadable values."""

from __future__ import annotations

from typing import Any

import yaml

from behaviordiff.errors import BehaviordiffError
from behaviordiff.loading import (
    MAX_ALIAS_GROWTH,
    MAX_DEPTH,
    MAX_INT_DIGITS,
    SURROGATE,
    check_text,
)

_Base: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT_TAG = "tag:yaml.org,2002:int"
# Values JSON cannot carry: what we read goes to agents as JSON and into the runs' keys.
_NOT_JSON = {"tag:yaml.org,2002:binary": "!!binary", "tag:yaml.org,2002:set": "!!set"}


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader, with a date or time (`2026-03-01`) read as the text written, as JSON
    would hold it: a `datetime` no agent request, stored run or key can carry."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Base.construct_yaml_str)


def parse_yaml(
    text: str, where: str, error: type[BehaviordiffError] = BehaviordiffError
) -> tuple[Any, yaml.Node | None]:
    """Parse YAML into plain data plus its node tree (for line numbers)."""
    check_text(text, where, error)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_nodes(node, where, error)
        try:
            data = loader.construct_document(node)
        except (ValueError, TypeError, OverflowError, LookupError) as exc:
            bad_line = _failing_line(loader, node)
            raise error(
                f"has a value that cannot be read ({exc})",
                where=f"{where}:{bad_line}" if bad_line else where,
                hint="quote the value to keep it as text",
            ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if "maximum nesting depth" in problem:  # libyaml's own limit, far past ours
            place, _ = _place(text, mark) if mark else ("", False)
            raise error(
                f"nested more than {MAX_DEPTH} levels deep",
                where=f"{where}{place}",
                hint="flatten the data; no input of ours needs that depth",
            ) from None
        context = f" {exc.context}" if exc.context else ""
        place, at_end = _place(text, mark) if mark else ("", False)
        opened, found = exc.context_mark, exc.problem_mark
        if opened and found and (opened.line, opened.column) != (found.line, found.column):
            context += f" (it opens at line {opened.line + 1}, column {opened.column + 1})"
        if _tab_at(text, found):
            problem, context = "a tab where YAML expects spaces", ""
        raise error(
            f"not valid YAML: {problem}{context}"
            + (": the file ends first" if at_end and "end of stream" not in problem else ""),
            where=f"{where}{place}",
            hint="close what is left open (a bracket, a brace, a quote)"
            if at_end
            else "indent with spaces only: replace the tab on that line with spaces"
            if _tab_at(text, found)
            else "check the indentation and quoting on that line "
            "(a colon inside a value needs quotes)",
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", where=where) from None
    except RecursionError:
        raise error(
            f"nested more than {MAX_DEPTH} levels deep",
            where=where,
            hint="flatten the data; no input of ours needs that depth",
        ) from None
    finally:
        loader.dispose()
    return data, node


def _tab_at(text: str, mark: yaml.Mark | None) -> bool:
    """Whether the parser stopped at a tab (an editor's indent): PyYAML says only "found
    character that cannot start any token"."""
    if mark is None:
        return False
    lines = text.splitlines()
    return mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t"


def _place(text: str, mark: yaml.Mark) -> tuple[str, bool]:
    """`:line:column` (1-based) of a parser's mark, and whether the parser ran into the end of
    the text: the end of the stream lies after the last line break, on a line the file does not
    have, so the end of the last line that holds anything is named instead."""
    lines = text.splitlines()
    rest = (
        "\n".join([lines[mark.line][mark.column :], *lines[mark.line + 1 :]])
        if (mark.line < len(lines))
        else ""
    )
    if rest.strip():
        return f":{mark.line + 1}:{mark.column + 1}", False
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if not filled:
        return ":1:1", True
    last = filled[-1]
    if last < mark.line or (last == mark.line and mark.column >= len(lines[last].rstrip())):
        return f":{last + 1}:{len(lines[last].rstrip()) + 1}", True
    return f":{mark.line + 1}:{mark.column + 1}", False


def _check_nodes(root: yaml.Node, where: str, error: type[BehaviordiffError]) -> None:
    """One pass over the node graph (aliases share nodes): duplicate keys, depth, integers too
    long to convert, and how far aliases expand the document."""
    written = 0
    order: list[yaml.Node] = []
    depth: dict[int, int] = {id(root): 0}
    pending = [root]
    while pending:
        node = pending.pop()
        order.append(node)
        written += 1
        level = depth[id(node)]
        line = f"{node.start_mark.line + 1}:{node.start_mark.column + 1}"
        if node.tag in _NOT_JSON:
            raise error(
                f"has a {_NOT_JSON[node.tag]} value, which no input of ours takes "
                "(it has no JSON form)",
                where=f"{where}:{line}",
                hint="quote the value to keep it as text, or write a list or mapping",
            )
        if level > MAX_DEPTH:
            raise error(
                f"nested more than {MAX_DEPTH} levels deep",
                where=f"{where}:{line}",
                hint="flatten the data; no input of ours needs that depth",
            )
        if isinstance(node, yaml.ScalarNode):
            surrogate = SURROGATE.search(node.value)
            if surrogate:
                raise error(
                    f"has a lone surrogate (U+{ord(surrogate.group()):04X}): not a character, "
                    "and no file or request can carry it",
                    where=f"{where}:{line}",
                    hint="remove the \\u escape there, or write the character it stands for",
                )
            if node.tag == _INT_TAG and sum(ch.isdigit() for ch in node.value) > MAX_INT_DIGITS:
                raise error(
                    f"has an integer with more than {MAX_INT_DIGITS} digits",
                    where=f"{where}:{line}",
                    hint="quote the value to keep it as text",
                )
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    key_line = key.start_mark.line + 1
                    key_place = f"{key_line}:{key.start_mark.column + 1}"
                    if key.value in seen:
                        raise error(
                            f"duplicate key '{key.value}' (first at line {seen[key.value]}): "
                            "YAML keeps only the last one",
                            where=f"{where}:{key_place}",
                            hint="remove one of them, or merge their values",
                        )
                    seen[key.value] = key_line
                children.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            children.extend(node.value)
        for child in children:
            if id(child) not in depth:
                depth[id(child)] = level + 1
                pending.append(child)
    # Expanded size: every use of a shared (anchored) node counts its whole subtree again.
    size: dict[int, int] = {}
    for node in reversed(order):
        total = 1
        if isinstance(node, yaml.MappingNode):
            total += sum(size.get(id(k), 1) + size.get(id(v), 1) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size.get(id(item), 1) for item in node.value)
        size[id(node)] = total
    expanded = size[id(root)]
    if expanded > 10 * written + MAX_ALIAS_GROWTH:
        raise error(
            f"its aliases (*name) expand {written:,} values into {expanded:,}",
            where=where,
            hint="use anchors and aliases for shared defaults, not nested inside each other",
        )


def _failing_line(loader: Any, root: yaml.Node) -> int | None:
    """The line of the first scalar whose value cannot be built (a date like 2024-13-45)."""
    pending = [root]
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                return int(node.start_mark.line) + 1
        elif isinstance(node, yaml.MappingNode):
            pending.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(reversed(node.value))
    return None


def line_of(node: yaml.Node | None, *path: str | int) -> int | None:
    """1-based line of the value at `path` in a composed YAML tree."""
    current = node
    for part in path:
        if current is None:
            return None
        if isinstance(current, yaml.MappingNode) and isinstance(part, str):
            current = next(
                (value for key, value in current.value if getattr(key, "value", None) == part),
                None,
            )
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int):
            current = current.value[part] if 0 <= part < len(current.value) else None
        else:
            return None
    return current.start_mark.line + 1 if current is not None else None

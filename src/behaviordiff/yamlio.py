"""YAML reading that keeps line numbers, so errors can point at the line."""

from __future__ import annotations

from typing import Any

import yaml

from behaviordiff.errors import BehaviordiffError

_Loader: type[yaml.SafeLoader | yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(
    text: str, where: str, error: type[BehaviordiffError] = BehaviordiffError
) -> tuple[Any, yaml.Node | None]:
    """Parse YAML into plain data plus its node tree (for line numbers)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or "invalid YAML"
        context = f" {exc.context}" if exc.context else ""
        raise error(
            f"not valid YAML: {problem}{context}",
            where=f"{where}{line}",
            hint="check the indentation and quoting on that line "
            "(a colon inside a value needs quotes)",
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", where=where) from None
    return data, node


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

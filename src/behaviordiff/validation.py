"""Turn pydantic validation errors into messages that name the key and what is allowed."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The pydantic model that owns the last element of `loc`, if it can be found."""
    current: Any = model
    keyed = False
    """The previous field was a dict of models: this part is a user's key (a tool's name)."""
    for part in loc[:-1]:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        keyed = _is_mapping(field.annotation)
        current = _unwrap(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _is_mapping(annotation: Any) -> bool:
    """dict[...] itself, or inside Optional[...]."""
    origin = typing.get_origin(annotation)
    if origin is dict:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_is_mapping(arg) for arg in typing.get_args(annotation))
    return False


def _unwrap(annotation: Any) -> Any:
    """Find the model inside Optional[...], list[...], dict[str, ...]."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return annotation
    for arg in typing.get_args(annotation):
        if arg is type(None):
            continue
        inner = _unwrap(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    if origin in (typing.Union, types.UnionType):
        return None
    return None


def dotted(loc: tuple[int | str, ...], prefix: str = "") -> str:
    """`('run', 'samples')` → `run.samples`; list indexes become `[3]`."""
    text = prefix
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def describe_errors(
    exc: ValidationError, model: type[BaseModel], *, prefix: str = "", limit: int = 3
) -> str:
    """One sentence per problem, at most `limit` of them."""
    sentences: list[str] = []
    errors = exc.errors()
    for error in errors[:limit]:
        loc = tuple(error["loc"])
        key = dotted(loc, prefix) or "(top level)"
        if error["type"] == "extra_forbidden":
            owner = _model_at(model, loc)
            allowed = ", ".join(sorted(owner.model_fields)) if owner else ""
            sentence = f"unknown key '{key}'"
            if allowed:
                sentence += f" (allowed here: {allowed})"
        elif not loc or error["type"] == "value_error":
            sentence = error["msg"].removeprefix("Value error, ")
            if loc:
                sentence = f"key '{key}': {sentence}"
        elif error["type"] == "missing":
            sentence = f"missing required key '{key}'"
        else:
            got = error.get("input")
            shown = repr(got)
            if len(shown) > 60:
                shown = shown[:57] + "..."
            sentence = f"key '{key}': {error['msg'].rstrip('.')} (got {shown})"
        sentences.append(sentence)
    more = len(errors) - limit
    if more > 0:
        sentences.append(f"and {more} more problem{'s' if more > 1 else ''}")
    return "; ".join(sentences)


def first_error_line(exc: ValidationError, node: Any) -> int | None:
    """The YAML line of the first error, or of its closest existing parent."""
    from behaviordiff.yamlio import line_of

    if node is None or not exc.errors():
        return None
    loc = tuple(exc.errors()[0]["loc"])
    for end in range(len(loc), -1, -1):
        line = line_of(node, *loc[:end])
        if line is not None:
            return line
    return None

"""The user's prompt templates: Jinja2, sandboxed, StrictUndefined, with limits.

A prompt template is user code run once per probe. The sandbox already keeps it from reaching
Python internals; the limits below keep it from hanging a run or exhausting memory: loops, the
output, single values built by `*`, `**`, `+`, `~`, `replace`, `join`, `format`, `tojson`,
`expandtabs`, `indent` or a width argument (from the sizes going in, before they are built),
the time of one render and the depth of macro recursion are bounded, and going past a bound is a
TemplateError naming the template, the probe and the limit.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

from behaviordiff.errors import TemplateError

TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".md", ".txt", ".prompt")

MAX_RANGE = 10_000
"""Items one `range()` may give."""
MAX_ITERATIONS = 1_000_000
"""Loop steps of one render, over all loops."""
MAX_OUTPUT = 1_000_000
"""Characters of one rendered prompt (far beyond any model's context), and of one value."""
MAX_SECONDS = 5.0
"""Time of one render."""
_HUGE_WIDTH = re.compile(r"\d{7,}")
"""A format width or precision of a million or more (`'%9999999d'`, `'{:>9999999}'`)."""


class TemplateLimit(Exception):
    """A render went past one of the limits; `limit` says which, in the user's words."""

    def __init__(self, limit: str, hint: str):
        super().__init__(limit)
        self.limit = limit
        self.hint = hint


_LOOP_HINT = "loop over the probe's data, not over large ranges; nested loops multiply"
_SIZE_HINT = "build prompts from the probe's variables; a prompt is text a model reads"


class Budget:
    """What one render has used so far."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS
        self.steps = 0

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_ITERATIONS:
            raise TemplateLimit(f"more than {MAX_ITERATIONS:,} loop steps", _LOOP_HINT)
        # every step: one step may be a filter over a megabyte (a clock read is 50 ns)
        if time.monotonic() > self.deadline:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(
                f"rendering took longer than {MAX_SECONDS:g} seconds",
                "simplify the template's loops and macros",
            )


_ITER_NAME = "__behaviordiff_counted__"
_CONCAT_NAME = "__behaviordiff_concat__"


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


def _text_size(value: Any) -> int:
    """Characters `value` shows as (a string's length; a number's digits, up to a point)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return max(1, abs(value).bit_length() * 3 // 10 + 2)  # digits, without building them
    return len(str(value)) if isinstance(value, float | bool) or value is None else 0


def _nested_size(value: Any, limit: int) -> int:
    """The characters of the strings and numbers nested in `value` (lists, tuples, dicts),
    counted until they pass `limit`: what `tojson` or `str()` of it would at least write."""
    total, stack, seen = 0, [value], 0
    while stack and total <= limit and seen <= limit:
        item = stack.pop()
        seen += 1
        if isinstance(item, list | tuple):
            stack.extend(item)
            total += 2 * len(item)  # a separator per item, at least
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
            total += 4 * len(item)
        else:
            total += _text_size(item) + (2 if isinstance(item, str) else 0)
    return total


class LimitedEnvironment(SandboxedEnvironment):
    """The sandbox, with every loop counted and large values refused before they are built."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._local = threading.local()
        self.globals["range"] = self._range
        self.globals[_ITER_NAME] = self._counted
        self._concat = self._make_concat()
        self.globals[_CONCAT_NAME] = self._concat
        self.filters = {name: self._guarded(f) for name, f in self.filters.items()}

    def max_value(self) -> int:
        """Items one value may hold."""
        return MAX_OUTPUT

    def _refuse_over(self, size: int, how: str) -> None:
        """Refuse a value of `size` items before it is built: a doubling `~` or `+` in a
        loop, or a `replace` that grows each item, would fill memory before `_checked` saw
        the result."""
        if size > self.max_value():
            raise TemplateLimit(
                f"a value of {size:,} items built with {how} (at most {self.max_value():,})",
                _SIZE_HINT,
            )

    def _make_concat(self) -> Callable[..., str]:
        """`a ~ b ~ …` as Jinja joins it, its size checked before the join."""

        @jinja2.pass_eval_context
        def concat(eval_ctx: nodes.EvalContext, *pieces: Any) -> str:
            texts = [piece if isinstance(piece, str) else str(piece) for piece in pieces]
            self._refuse_over(sum(len(text) for text in texts), "~")
            if eval_ctx.autoescape:
                return str(jinja2.runtime.markup_join(pieces))
            return "".join(texts)

        return concat

    def _refuse_grown(
        self, name: str, value: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]
    ) -> tuple[Any, ...]:
        """Refuse, before it is built, the result of a string method or filter that grows its
        input (`join`, `format`, `expandtabs`, `indent`, `tojson`) past the largest value, from
        the sizes of what goes in: `''.join([big] * 1000)` built a gigabyte before `_checked`
        measured it. The arguments back, an iterator to join made a list (read once)."""
        if name in ("join", "do_join") and args:
            items = args[0]
            if not isinstance(items, str | list | tuple | dict):
                items = list(self._counted(items))
                args = (items, *args[1:])
            separator = value if name == "join" else (args[1] if len(args) > 1 else "")
            separator = separator if isinstance(separator, str) else ""
            size = sum(_text_size(item) for item in items) + len(separator) * max(len(items) - 1, 0)
            self._refuse_over(size, "join")
        elif name in ("format", "format_map", "do_format") and isinstance(value, str):
            pieces = [*args, *kwargs.values()]
            if name == "format_map" and args and isinstance(args[0], Mapping):
                pieces = list(args[0].values())
            widest = max((_nested_size(piece, self.max_value()) for piece in pieces), default=0)
            fields = value.count("{") + value.count("%")
            self._refuse_over(len(value) + fields * widest, name.removeprefix("do_"))
        elif name == "expandtabs" and isinstance(value, str):
            width = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(width, int):
                self._refuse_over(len(value) + value.count("\t") * max(width, 0), "expandtabs")
        elif name == "do_indent" and isinstance(value, str):
            width = args[0] if args else kwargs.get("width", 4)
            width = len(width) if isinstance(width, str) else width
            if isinstance(width, int):
                lines = value.count("\n") + 1
                self._refuse_over(len(value) + lines * max(width, 0), "indent")
        elif name == "do_tojson" and args:
            self._refuse_over(_nested_size(args[0], self.max_value()), "tojson")
        return args

    def _refuse_replace(self, value: Any, args: tuple[Any, ...]) -> None:
        """`value.replace(old, new[, count])` refused before it is built when too large."""
        if not (isinstance(value, str) and len(args) >= 2):
            return
        old, new = args[0], args[1]
        if not (isinstance(old, str) and isinstance(new, str)) or len(new) <= len(old):
            return
        found = value.count(old) if old else len(value) + 1
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            found = min(found, args[2])
        self._refuse_over(len(value) + found * (len(new) - len(old)), "replace")

    # The budget of the render running on this thread.
    @property
    def budget(self) -> Budget:
        budget: Budget | None = getattr(self._local, "budget", None)
        if budget is None:  # rendered outside PromptTemplates.render (a test, a tool)
            budget = self._local.budget = Budget()
        return budget

    def start(self) -> None:
        self._local.budget = Budget()

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Every `{% for %}` iterates through `_counted`, so no loop escapes the budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.Name(_ITER_NAME, "load"), [loop.iter], [], None, None, lineno=loop.lineno
            )
        _CheckedConcat().visit(tree)
        return tree

    def _counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        budget = self.budget
        for item in iterable:
            budget.step()
            yield item

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise TemplateLimit(
                f"range() of {len(numbers):,} items (at most {MAX_RANGE:,})", _LOOP_HINT
            )
        return numbers

    @staticmethod
    def _check_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
        seen: set[int] = set()  # `f(*[big] * 999)` passes one string 999 times: read it once
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_OUTPUT:
                raise TemplateLimit(
                    f"an argument of {value:,} (a width or count over {MAX_OUTPUT:,})", _SIZE_HINT
                )
            if not isinstance(value, str) or id(value) in seen:
                continue
            seen.add(id(value))
            if ("{" in value or "%" in value) and _HUGE_WIDTH.search(value):
                raise TemplateLimit("a format width of a million or more", _SIZE_HINT)

    def _guarded(self, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            # a filter's value is data, but `format`'s is the format string
            first = 0 if function.__name__ == "do_format" else 1
            self._check_arguments(args[first:], kwargs)
            name = function.__name__
            if name == "do_replace":
                # pass_eval_context: (eval_ctx, value, old, new[, count])
                self._refuse_replace(args[1] if len(args) > 1 else None, args[2:])
            elif name in ("do_join", "do_tojson"):  # pass_eval_context: (eval_ctx, value, …)
                rest = self._refuse_grown(name, None, args[1:], kwargs)
                args = (args[0], *rest)
            elif name in ("do_format", "do_indent") and args:
                self._refuse_grown(name, args[0], args[1:], kwargs)
            self.budget.step()
            result = self._checked(function(*args, **kwargs))
            self.budget.check_time()  # the filter itself may have taken seconds
            return result

        return guarded

    @staticmethod
    def _checked(value: Any) -> Any:
        if _size(value) > MAX_OUTPUT:
            raise TemplateLimit(
                f"a value of {_size(value):,} items (at most {MAX_OUTPUT:,})", _SIZE_HINT
            )
        return value

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (
                    _size(sequence)
                    and isinstance(times, int)
                    and _size(sequence) * times > MAX_OUTPUT
                ):
                    raise TemplateLimit(
                        f"a value of {_size(sequence) * times:,} items built with * "
                        f"(at most {MAX_OUTPUT:,})",
                        _SIZE_HINT,
                    )
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right * abs(left).bit_length() > 4 * MAX_OUTPUT
        ):
            raise TemplateLimit(f"a number too large to build ({left} ** {right})", _SIZE_HINT)
        if operator == "%" and isinstance(left, str):
            self._check_arguments((left,), {})
        if operator == "+" and _size(left) and _size(right):
            self._refuse_over(_size(left) + _size(right), "+")
        return self._checked(super().call_binop(context, operator, left, right))

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        if __obj != __self._counted and __obj != __self._range and __obj != __self._concat:
            __self._check_arguments(args, kwargs)
            __self.budget.step()
        name = getattr(__obj, "__name__", None)
        if name == "replace":
            __self._refuse_replace(getattr(__obj, "__self__", None), args)
        elif name in ("join", "format", "format_map", "expandtabs") and isinstance(
            getattr(__obj, "__self__", None), str
        ):
            args = __self._refuse_grown(name, __obj.__self__, args, kwargs)
        return __self._checked(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        self._check_arguments((value.__self__,), {})
        name, template = value.__name__, value.__self__

        @functools.wraps(wrapped)
        def measured(*args: Any, **kwargs: Any) -> str:
            self._refuse_grown(name, template, args, kwargs)
            return wrapped(*args, **kwargs)

        return measured


class _CheckedConcat(NodeTransformer):
    """Every `a ~ b` joins through the environment's `__behaviordiff_concat__`, which checks
    the size before it joins."""

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(
            nodes.Name(_CONCAT_NAME, "load"), node.nodes, [], None, None, lineno=node.lineno
        )


class PromptTemplates:
    """All prompt files of one version, rendered in a sandbox; includes resolve within it."""

    def __init__(self, files: Mapping[str, str], label: str):
        self.files = files
        self.label = label
        self._trees: dict[str, nodes.Template] = {}
        self._variables: dict[str, frozenset[str]] = {}
        self.env = LimitedEnvironment(
            loader=jinja2.DictLoader(dict(files)),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,
        )

    def _where(self, name: str, line: int | None = None) -> str:
        return f"{self.label}/{name}" + (f":{line}" if line else "")

    def check_syntax(self) -> None:
        for name in self.files:
            if name.endswith(TEMPLATE_SUFFIXES):
                self._parse(name)

    def _parse(self, name: str) -> Any:
        """The template's syntax tree, parsed once: a suite whose every probe lacks a variable
        asks for it once per probe (18,931 probes took 34 s, most of it parsing again)."""
        if name in self._trees:
            return self._trees[name]
        try:
            tree = self._trees[name] = self.env.parse(self.files[name], name=name)
            return tree
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"template syntax error: {exc.message}",
                where=self._where(name, exc.lineno),
                hint="close every {{ }} and {% %} tag; write {{ '{{' }} for a literal brace",
            ) from None

    def variables(self, name: str) -> set[str]:
        """Variables the template (and what it includes) reads from its context."""
        if name not in self._variables:
            self._variables[name] = frozenset(self._read_variables(name))
        return set(self._variables[name])

    def _read_variables(self, name: str) -> set[str]:
        seen: set[str] = set()
        found: set[str] = set()
        pending = [name]
        while pending:
            current = pending.pop()
            if current in seen or current not in self.files:
                continue
            seen.add(current)
            tree = self._parse(current)
            found |= meta.find_undeclared_variables(tree)
            pending.extend(ref for ref in meta.find_referenced_templates(tree) if ref)
        return found

    def first_use(self, name: str, variable: str) -> tuple[str, int] | None:
        """(file, line) where the template (or one it includes, in order) first reads
        `variable`: where an undefined variable's error points."""
        seen: set[str] = set()
        pending = [name]
        while pending:
            current = pending.pop(0)
            if current in seen or current not in self.files:
                continue
            seen.add(current)
            tree = self._parse(current)
            lines = [
                node.lineno
                for node in tree.find_all(nodes.Name)
                if node.name == variable and node.ctx == "load"
            ]
            if lines:
                return current, min(lines)
            pending.extend(ref for ref in meta.find_referenced_templates(tree) if ref)
        return None

    def render(self, name: str, variables: Mapping[str, Any], *, probe: str | None = None) -> str:
        subject = f"probe '{probe}'" if probe else "the render"
        try:
            return self._render_limited(name, variables)
        except TemplateLimit as exc:
            huge = _huge_variable(variables)
            if huge is not None:  # the probe's data is the problem, not the template
                variable, size = huge
                raise TemplateError(
                    f"the variable '{variable}' of {subject} is {size:,} characters, over the "
                    f"{MAX_OUTPUT:,} a prompt can hold",
                    where=self._where(name, _template_line(exc)),
                    hint=f"shorten '{variable}' in the probe file: a variable is text the "
                    "prompt quotes, not a document",
                ) from None
            raise TemplateError(
                f"the template went past a limit rendering for {subject}: {exc.limit}",
                where=self._where(name, _template_line(exc)),
                hint=exc.hint,
            ) from None
        except RecursionError as exc:
            raise TemplateError(
                f"the template recursed too deeply rendering for {subject}",
                where=self._where(name, _template_line(exc)),
                hint="a macro that calls itself needs a condition that stops it",
            ) from None
        except jinja2.UndefinedError as exc:
            missing = sorted(self.variables(name) - set(variables))
            place = self.first_use(name, missing[0]) if missing else None
            where = self._where(*place) if place else self._where(name, _template_line(exc))
            if missing:
                names = ", ".join(f"'{name}'" for name in missing)
                plural = len(missing) > 1
                detail = (
                    f"variable{'s' if plural else ''} {names} "
                    f"{'are' if plural else 'is'} used by the template but not defined "
                    f"for {subject}"
                )
            else:
                detail = f"{exc.message} (rendering for {subject})"
            raise TemplateError(
                detail,
                where=where,
                hint="add the variable to the probe's `variables` (or the suite's "
                "`defaults.variables`), or give it a default in the template: "
                "{{ name | default('') }}",
            ) from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"template syntax error: {exc.message}", where=self._where(name, exc.lineno)
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"template '{exc.name}' not found (an include, import or extends rendering "
                f"for {subject})",
                where=self._where(name, _template_line(exc)),
                hint="an include names a template file in the version folder, by its path "
                f"there ({', '.join(sorted(self.env.list_templates())[:5])})",
            ) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(
                f"cannot render the template for {subject}: {exc}",
                where=self._where(name, _template_line(exc)),
            ) from None
        except (ArithmeticError, LookupError, TypeError, ValueError, MemoryError) as exc:
            raise TemplateError(
                f"the template failed rendering for {subject}: {type(exc).__name__}: {exc}",
                where=self._where(name, _template_line(exc)),
                hint="check the expression on that line against the probe's variables",
            ) from None

    def _render_limited(self, name: str, variables: Mapping[str, Any]) -> str:
        """Render while counting: the output is gathered piece by piece, so a template that
        writes without end stops at the limit instead of filling memory."""
        template = self.env.get_template(name)
        self.env.start()
        budget = self.env.budget
        pieces: list[str] = []
        size = 0
        for piece in template.generate(**variables):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise TemplateLimit(
                    f"the prompt is over {MAX_OUTPUT:,} characters",
                    _SIZE_HINT,
                )
            pieces.append(piece)
            budget.step()
        budget.check_time()
        return "".join(pieces)


def _huge_variable(variables: Mapping[str, Any]) -> tuple[str, int] | None:
    """The probe variable (name, characters) that alone holds half a prompt's limit or more."""
    half = MAX_OUTPUT // 2
    sizes = [
        (name, len(value) if isinstance(value, str) else _nested_size(value, MAX_OUTPUT + 1))
        for name, value in variables.items()
    ]
    largest = max(sizes, key=lambda pair: pair[1], default=None)
    return largest if largest is not None and largest[1] >= half else None


def _template_line(exc: BaseException) -> int | None:
    """The template line the failure happened on: Jinja rewrites its frames to the template's
    own line numbers."""
    line = None
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename in ("<template>",) or trace.tb_frame.f_globals.get(
            "__jinja_template__"
        ):
            line = trace.tb_lineno
        trace = trace.tb_next
    return line

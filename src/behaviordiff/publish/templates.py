"""The Jinja2 templates of the changelog and the report: built in, overridable by name from
the folder named by `[publish] templates` in the project config.

A project's own template is user code: it renders in the same sandbox as the user's prompt
templates (no reaching into Python internals), with limits sized for a changelog or a report
of thousands of changes: loop steps, the output, the time of one render and macro recursion
are bounded, and going past a bound is an error naming the template file and line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from behaviordiff.errors import BehaviordiffError

if TYPE_CHECKING:
    import jinja2

    from behaviordiff.config import Project

BUILT_IN = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAMES = ("changelog.md.j2", "changelog.atom.j2", "report.html.j2")
MAX_STEPS = 10_000_000
"""Loop steps and calls of one render of a project template (the built-in report of 500
changes takes under a million)."""
MAX_OUTPUT = 100_000_000
"""Characters one render of a project template may write, and one value it may build."""
MAX_SECONDS = 30.0
"""Time of one render of a project template."""


class PublishError(BehaviordiffError):
    title = "Cannot publish"


def _autoescape(name: str | None) -> bool:
    """HTML and XML are escaped everywhere, so a transcript or a macro body stays text."""
    return bool(name) and str(name).endswith((".html.j2", ".atom.j2", ".xml.j2"))


def override_folder(project: Project | None) -> Path | None:
    if project is None or not project.config.publish.templates:
        return None
    folder = project.resolve(project.config.publish.templates)
    if not folder.is_dir():
        named = project.config.publish.templates
        if folder.exists():
            from behaviordiff.loading import special_kind

            kind = special_kind(folder.stat().st_mode) or "a file"
            raise PublishError(
                f"`templates` in {project.table('publish')} names '{named}', which is {kind}, "
                "not a folder",
                where=project.source or project.root,
                hint=f"name a folder holding templates named {', '.join(TEMPLATE_NAMES)}, or "
                f"remove `templates` from {project.table('publish')}",
            )
        raise PublishError(
            f"the templates folder '{named}' does not exist",
            where=project.source or project.root,
            hint=f"create {folder} with templates named {', '.join(TEMPLATE_NAMES)}, or remove "
            f"`templates` from {project.table('publish')}",
        )
    return folder


def environment(project: Project | None = None) -> jinja2.Environment:
    """Project templates first, then the built-in ones; a missing variable is an error. With
    a project folder, the environment is the sandbox (see `render`)."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    folder = override_folder(project)
    if folder is not None:
        assert project is not None  # a templates folder comes from a project's config
        loaders.append(_project_loader()(folder, project.root))
    loaders.append(jinja2.FileSystemLoader(BUILT_IN))
    options: dict[str, Any] = {
        "loader": jinja2.ChoiceLoader(loaders),
        "autoescape": _autoescape,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if folder is None:
        return jinja2.Environment(**options)
    return _sandbox()(**options)


def render(project: Project | None, name: str, **context: Any) -> str:
    """Render one template; an error in a project's own template names its file and line.
    A project's template renders in the sandbox, within the limits above."""
    import jinja2

    env = environment(project)
    where = _template_file(project, name)
    try:
        template = env.get_template(name)
        if not isinstance(env, _sandbox()):
            return template.render(**context)
        return _render_limited(env, template, context)
    except jinja2.TemplateNotFound as exc:
        folder = override_folder(project)
        raise PublishError(
            f"the template includes or extends '{exc.name}', which is no template"
            + (f" in {folder} and no built-in one" if folder is not None else ""),
            where=_at_line(where, exc),
            hint="name a template file of that folder (its path relative to the folder), "
            f"or one of the built-in ones: {', '.join(TEMPLATE_NAMES)}",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise PublishError(
            f"template syntax error: {exc.message}",
            where=f"{exc.filename or name}:{exc.lineno}",
            hint="fix the template, or delete it to use the built-in one",
        ) from None
    except jinja2.UndefinedError as exc:
        raise PublishError(
            f"the template uses a value the {name.split('.')[0]} does not have ({exc.message})",
            where=_at_line(where, exc),
            hint=f"check the variable names against the built-in template {BUILT_IN / name}",
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise PublishError(
            f"the template reads something a template may not ({exc})",
            where=_at_line(where, exc),
            hint="use only the values the built-in template uses (attributes of the "
            f"{name.split('.')[0]} data), never Python internals",
        ) from None
    except RecursionError as exc:
        raise PublishError(
            "the template recursed too deeply",
            where=_at_line(where, exc),
            hint="a macro that calls itself needs a condition that stops it",
        ) from None
    except jinja2.TemplateError as exc:
        raise PublishError(
            f"cannot render the template: {exc}",
            where=_at_line(where, exc),
            hint="fix the template, or delete it to use the built-in one",
        ) from None
    except (ArithmeticError, LookupError, TypeError, ValueError, MemoryError) as exc:
        raise PublishError(
            f"the template failed: {type(exc).__name__}: {exc}",
            where=_at_line(where, exc),
            hint="check the expression on that line against the built-in template",
        ) from None
    except Exception as exc:
        from behaviordiff.agent.templates import TemplateLimit

        if not isinstance(exc, TemplateLimit):
            raise
        raise PublishError(
            f"the template went past a limit: {exc.limit}",
            where=_at_line(where, exc),
            hint=_LIMIT_HINT,
        ) from None


_LIMIT_HINT = (
    "loop over the changes once and build text from the data given (nested loops, large "
    "ranges and * multiply); or delete the template to use the built-in one"
)


def _at_line(where: str, exc: BaseException) -> str:
    """`where` with the template line the failure happened on: Jinja rewrites its frames to
    the template's own file and line numbers."""
    line = None
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == where:
            line = trace.tb_lineno
        trace = trace.tb_next
    return f"{where}:{line}" if line else where


def _render_limited(env: jinja2.Environment, template: jinja2.Template, context: Any) -> str:
    """Render while counting: the output is gathered piece by piece, so a template that
    writes without end stops at the limit instead of filling memory."""
    from behaviordiff.agent.templates import TemplateLimit

    env.start()  # type: ignore[attr-defined]
    budget = env.budget  # type: ignore[attr-defined]
    pieces: list[str] = []
    size = 0
    for piece in template.generate(**context):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise TemplateLimit(f"the output is over {MAX_OUTPUT:,} characters", _LIMIT_HINT)
        pieces.append(piece)
        budget.step()
    budget.check_time()
    return "".join(pieces)


_SANDBOX: type[jinja2.Environment] | None = None


def _sandbox() -> type[jinja2.Environment]:
    """The prompt templates' sandbox (`agent.templates`), with limits for publishing."""
    global _SANDBOX
    if _SANDBOX is not None:
        return _SANDBOX
    from behaviordiff.agent.templates import Budget, LimitedEnvironment, TemplateLimit

    class PublishBudget(Budget):
        def __init__(self) -> None:
            self.deadline = time.monotonic() + MAX_SECONDS
            self.steps = 0

        def step(self, count: int = 1) -> None:
            self.steps += count
            if self.steps > MAX_STEPS:
                raise TemplateLimit(f"more than {MAX_STEPS:,} loop steps", _LIMIT_HINT)
            self.check_time()  # every step: one may be a filter over a megabyte

        def check_time(self) -> None:
            if time.monotonic() > self.deadline:
                raise TemplateLimit(
                    f"rendering took longer than {MAX_SECONDS:g} seconds", _LIMIT_HINT
                )

    class PublishSandbox(LimitedEnvironment):
        def start(self) -> None:
            self._local.budget = PublishBudget()

        def max_value(self) -> int:
            return MAX_OUTPUT

        @staticmethod
        def _checked(value: Any) -> Any:
            size = len(value) if isinstance(value, str | bytes | list | tuple) else 0
            if size > MAX_OUTPUT:
                raise TemplateLimit(
                    f"a value of {size:,} items (at most {MAX_OUTPUT:,})", _LIMIT_HINT
                )
            return value

    _SANDBOX = PublishSandbox
    return _SANDBOX


def _project_loader() -> Callable[[Path, Path], jinja2.BaseLoader]:
    import jinja2

    class ProjectLoader(jinja2.FileSystemLoader):
        """The project's templates folder, where a name that is there but is not a regular
        file (a pipe, a device) or is a link leading out of the project is an error, never
        opened, read or passed over for the built-in template of that name: a change that
        adds `inc -> ~/.ssh/id_rsa` cannot put that file in a report."""

        def __init__(self, folder: Path, within: Path) -> None:
            super().__init__(folder)
            self.folder = folder.resolve()
            self.roots = (self.folder, within.resolve())

        def get_source(
            self, environment: jinja2.Environment, template: str
        ) -> tuple[str, str, Any]:
            from behaviordiff.loading import special_kind

            pieces = jinja2.loaders.split_template_path(template)
            path = self.folder.joinpath(*pieces)
            if path.is_symlink() or path.exists():
                target = path.resolve()
                if not any(target.is_relative_to(root) for root in self.roots):
                    raise PublishError(
                        f"the template '{template}' is a link to {target}, outside the "
                        "project: it is not read",
                        where=path,
                        hint="copy the template into the folder instead of linking to it",
                    )
                kind = special_kind(target.stat().st_mode) if target.exists() else None
                if kind is not None and kind != "a directory":
                    raise PublishError(
                        f"the template '{template}' is {kind}, not a file",
                        where=path,
                        hint="a template is a text file in the templates folder",
                    )
            return super().get_source(environment, template)

    return ProjectLoader


def _template_file(project: Project | None, name: str) -> str:
    folder = override_folder(project)
    if folder is not None and (folder / name).is_file():
        return str(folder / name)
    return str(BUILT_IN / name)

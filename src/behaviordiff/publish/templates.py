"""The Jinja2 templates of the changelog and the report: built in, overridable by name from
the folder named by `[publish] templates` in the project config."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from behaviordiff.errors import BehaviordiffError

if TYPE_CHECKING:
    import jinja2

    from behaviordiff.config import Project

BUILT_IN = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAMES = ("changelog.md.j2", "changelog.atom.j2", "report.html.j2")


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
        raise PublishError(
            f"the templates folder '{project.config.publish.templates}' does not exist",
            where=project.source or project.root,
            hint=f"create {folder} with templates named {', '.join(TEMPLATE_NAMES)}, or remove "
            f"`templates` from {project.table('publish')}",
        )
    return folder


def environment(project: Project | None = None) -> jinja2.Environment:
    """Project templates first, then the built-in ones; a missing variable is an error."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    folder = override_folder(project)
    if folder is not None:
        loaders.append(jinja2.FileSystemLoader(folder))
    loaders.append(jinja2.FileSystemLoader(BUILT_IN))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def render(project: Project | None, name: str, **context: Any) -> str:
    """Render one template; an error in a project's own template names its file and line."""
    import jinja2

    env = environment(project)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise PublishError(
            f"template syntax error: {exc.message}",
            where=f"{exc.filename or name}:{exc.lineno}",
            hint="fix the template, or delete it to use the built-in one",
        ) from None
    except jinja2.UndefinedError as exc:
        where = _template_file(project, name)
        raise PublishError(
            f"the template uses a value the {name.split('.')[0]} does not have ({exc.message})",
            where=where,
            hint=f"check the variable names against the built-in template {BUILT_IN / name}",
        ) from None


def _template_file(project: Project | None, name: str) -> str:
    folder = override_folder(project)
    if folder is not None and (folder / name).is_file():
        return str(folder / name)
    return str(BUILT_IN / name)

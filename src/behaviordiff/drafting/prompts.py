"""The one function that renders behaviordiff's own LLM prompts (`prompts/*.j2`)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from behaviordiff.errors import TemplateError
from behaviordiff.resources import prompts_dir

if TYPE_CHECKING:
    import jinja2


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(prompts_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )


def render_prompt(name: str, **variables: Any) -> list[dict[str, str]]:
    """Chat messages from `prompts/<name>.j2`: its `system` and `user` blocks.

    A variable the template uses but the caller did not give is an error, never a blank.
    """
    import jinja2

    try:
        template = _environment().get_template(f"{name}.j2")
        context = template.new_context(variables)
        messages = []
        for role in ("system", "user"):
            block = template.blocks.get(role)
            if block is None:
                raise TemplateError(
                    f"the prompt has no `{role}` block",
                    where=template.filename,
                    hint="each prompt defines {% block system %} and {% block user %}",
                )
            messages.append({"role": role, "content": "".join(block(context)).strip()})
    except jinja2.TemplateNotFound:
        raise TemplateError(
            f"no prompt named '{name}'", where=prompts_dir(), hint="reinstall behaviordiff"
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"the prompt '{name}' uses a value that was not given ({exc.message})",
            where=prompts_dir() / f"{name}.j2",
            hint="pass that variable to render_prompt, or give it a default in the prompt",
        ) from None
    return messages

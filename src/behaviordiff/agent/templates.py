"""The user's prompt templates: Jinja2, sandboxed, StrictUndefined."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment

from behaviordiff.errors import TemplateError

TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".md", ".txt", ".prompt")


class PromptTemplates:
    """All prompt files of one version, rendered in a sandbox; includes resolve within it."""

    def __init__(self, files: Mapping[str, str], label: str):
        self.files = files
        self.label = label
        self.env = SandboxedEnvironment(
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
        try:
            return self.env.parse(self.files[name], name=name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"template syntax error: {exc.message}",
                where=self._where(name, exc.lineno),
                hint="close every {{ }} and {% %} tag; write {{ '{{' }} for a literal brace",
            ) from None

    def variables(self, name: str) -> set[str]:
        """Variables the template (and what it includes) reads from its context."""
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

    def render(self, name: str, variables: Mapping[str, Any], *, probe: str | None = None) -> str:
        try:
            return self.env.get_template(name).render(**variables)
        except jinja2.UndefinedError as exc:
            missing = sorted(self.variables(name) - set(variables))
            subject = f"probe '{probe}'" if probe else "the render"
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
                where=self._where(name),
                hint="add the variable to the probe's `variables` (or the suite's "
                "`defaults.variables`), or give it a default in the template: "
                "{{ name | default('') }}",
            ) from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(
                f"template syntax error: {exc.message}", where=self._where(name, exc.lineno)
            ) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(
                f"cannot render the template: {exc}", where=self._where(name)
            ) from None

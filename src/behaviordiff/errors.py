"""One error hierarchy: every error a user can cause says where, what, and how to fix it."""

from __future__ import annotations

from pathlib import Path


class BehaviordiffError(Exception):
    """An error caused by input or environment, shown without a traceback.

    `where` names the place (file, file:line, file → key), `hint` the fix.
    """

    title = "behaviordiff error"
    exit_code = 2

    def __init__(self, message: str, *, where: str | Path | None = None, hint: str | None = None):
        from behaviordiff.secrets import scrub

        message = scrub(message)
        super().__init__(message)
        self.message = message
        self.where = scrub(str(where)) if where is not None else None
        self.hint = scrub(hint) if hint is not None else None

    def __str__(self) -> str:
        parts = []
        if self.where:
            parts.append(f"{self.where}: {self.message}")
        else:
            parts.append(self.message)
        text = parts[0].rstrip()
        if not self.where:
            text = text[:1].upper() + text[1:]
        if not text.endswith((".", "?", "!", ":")):
            text += "."
        if self.hint:
            hint = self.hint.rstrip()
            hint = hint[:1].upper() + hint[1:]
            text += " " + hint + ("" if hint.endswith((".", "?", "!")) else ".")
        return text

    def to_dict(self) -> dict[str, str | None]:
        return {
            "error": type(self).__name__,
            "title": self.title,
            "where": self.where,
            "message": self.message,
            "hint": self.hint,
        }


class UsageError(BehaviordiffError):
    """A command-line value that cannot be used (a date that is not a date)."""

    title = "Invalid option"


class ConfigError(BehaviordiffError):
    title = "Invalid project config"


class VersionError(BehaviordiffError):
    title = "Cannot load agent version"


class ProbeError(BehaviordiffError):
    title = "Invalid probe suite"


class TemplateError(BehaviordiffError):
    title = "Prompt template error"


class WorkspaceError(BehaviordiffError):
    title = "Workspace error"


class CredentialsError(BehaviordiffError):
    title = "No API credentials"


class AlreadyExists(BehaviordiffError):
    title = "Already exists"


class BudgetExceeded(BehaviordiffError):
    title = "Budget exceeded"


class Interrupted(BehaviordiffError):
    """Raised when the user stops a long operation; finished work is already stored."""

    title = "Interrupted"
    exit_code = 130

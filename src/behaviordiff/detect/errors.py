"""Errors of the analysis: bad settings, transcript sets that cannot be compared."""

from __future__ import annotations

from behaviordiff.errors import BehaviordiffError


class DetectError(BehaviordiffError):
    title = "Cannot compare the transcripts"

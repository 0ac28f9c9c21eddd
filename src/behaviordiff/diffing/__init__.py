"""Structural diff of two agent versions: prompts by section and sentence, config by key."""

from behaviordiff.diffing.model import Hunk, VersionDiff
from behaviordiff.diffing.versions import diff_versions

__all__ = ["Hunk", "VersionDiff", "diff_versions"]

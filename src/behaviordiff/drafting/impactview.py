"""What the edit modules below `drafting.impact` read of its `Impact`: Protocols, so that a
module `impact` asks which sentences conflict (`rerouted`, `widened`, `schemacap` …) can also
draft the item's edit without importing `impact` back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from behaviordiff.drafting.text import Unit
from behaviordiff.kb.model import KnowledgeItem


class Marked(Protocol):
    """A conflicting sentence of an item and why it conflicts (a `drafting.impact.Conflict`)."""

    @property
    def sentence(self) -> str: ...

    @property
    def reasons(self) -> Sequence[str]: ...


class ImpactView(Protocol):
    """An item, its conflicting sentences and all its sentences (a `drafting.impact.Impact`)."""

    @property
    def item(self) -> KnowledgeItem: ...

    @property
    def conflicts(self) -> Sequence[Marked]: ...

    @property
    def units(self) -> Sequence[Unit]: ...

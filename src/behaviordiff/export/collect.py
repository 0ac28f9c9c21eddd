"""Which edits of a release go out: approved ones (all but rejected with `include_drafts`),
with the writer's text, matched to the knowledge-base item as the helpdesk export holds it now,
and each macro's settings checked against its behavior change."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from behaviordiff.detect.facts import sentences
from behaviordiff.drafting.facts import ChangeFacts, build_facts
from behaviordiff.drafting.proofstep import with_gated_kept
from behaviordiff.drafting.text import missing_placeholders
from behaviordiff.export.model import ExportItem, Skipped
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.kb.settings import (
    SettingsReview,
    for_edited_macro,
    handoff_sentence,
    names_scope,
    review_settings,
    shift_of,
    states_moved_rule,
)
from behaviordiff.review import (
    ReviewItem,
    assign_handles,
    carried_edits,
    rejected_changes,
    same_item_message,
)
from behaviordiff.store.drafts import DraftStore
from behaviordiff.store.workspace import Workspace
from behaviordiff.textutil import a_or_an

_NOT_EXPORTED = ("rejected",)


def _facts_by_key(workspace: Workspace, release_id: int) -> dict[str, ChangeFacts]:
    analysis = workspace.load_analysis(release_id)
    if analysis is None:
        return {}
    return {
        facts.stable_key: facts
        for facts in build_facts(analysis, workspace.release_diff(release_id))
    }


def edited_item_settings(
    facts: ChangeFacts | None, item: KnowledgeItem, new_body: str
) -> SettingsReview | None:
    """The settings of macro `item` that encode what its change's agent no longer does, for a
    person to confirm, as the export carries them with the edit's `new_body` (a hand-off the new
    text still makes keeps its routing); None when nothing is flagged or the change is unknown."""
    if facts is None:
        return None
    settings = review_settings(item, shift_of(with_gated_kept(facts)))
    if settings is None:
        return None
    still = handoff_sentence(
        new_body,
        [excerpt.old for excerpt in facts.excerpts],
        [excerpt.new for excerpt in facts.excerpts],
    )
    return for_edited_macro(settings, item, still)


class ReleaseSettings:
    """Per release, the settings each edited macro's export would flag (`edited_item_settings`),
    the change facts read once, on first use: what the review app shows beside an edit."""

    def __init__(self, workspace: Workspace, release_id: int, knowledge: KnowledgeBase) -> None:
        self.workspace = workspace
        self.release_id = release_id
        self.knowledge = knowledge
        self._facts: dict[str, ChangeFacts] | None = None

    def of(self, draft_key: str, item_key: str | None, new_body: object) -> SettingsReview | None:
        item = self.knowledge.get(item_key or "")
        if item is None or not isinstance(new_body, str):
            return None
        if self._facts is None:
            self._facts = _facts_by_key(self.workspace, self.release_id)
        return edited_item_settings(self._facts.get(_note_key(draft_key, item_key)), item, new_body)


_WORD = re.compile(r"\w+")


def _only_additions(old_body: str, new_body: str) -> bool:
    """Whether `new_body` keeps every word of `old_body`, in order, and only adds words (the
    old words are a subsequence of the new ones)."""
    new_words = iter(_WORD.findall(new_body.lower()))
    return all(word in new_words for word in _WORD.findall(old_body.lower()))


_KEPT_SHARE = 0.7
"""How much of the replaced sentences' words the new text must still say for the old case to
count as kept ("Otherwise, I have escalated it…" beside the new case)."""


def _keeps_old_case(old_body: str, new_body: str, shift: Any) -> bool:
    """Whether the new text states both cases: it names the change's condition, and still
    says what the replaced sentences said (most of their words of four letters or more), as
    a writer's "If your order is over $50, … Otherwise, I have escalated it …" does. The
    drafter's own edit, which writes the macro for the condition's customers, replaces them."""
    if not names_scope(new_body, shift):
        return False
    kept = set(_WORD.findall(new_body.lower()))
    replaced = [part for part in sentences(old_body) if part not in new_body]
    words = {word for part in replaced for word in _WORD.findall(part.lower()) if len(word) > 3}
    return bool(words) and len(words & kept) >= _KEPT_SHARE * len(words)


def narrowing(
    facts: ChangeFacts | None, kind: str, title: str, old_body: Any, new_body: Any
) -> str | None:
    """Why a macro edit needs a person's eye before it is applied, when it does: the change
    holds only under a condition (not a rule that moved for everyone), and the edit replaces
    text of a macro reps send to every customer, so once applied the customers outside the
    condition get the new text too. The drafter writes a macro for the customers the change
    reaches; whether the old text must live on in another macro is CS's call.

    Not when the change reaches everyone on the macro's topic (a topic tag alone, no
    unchanged probe under it), the macro states a rule whose value moved for everyone (the
    edit moves the value for all it serves) or already names the condition (it serves only
    those customers)."""
    if kind != "macro" or facts is None or not facts.part_of_topic or facts.explained_by_moves:
        return None
    if not isinstance(old_body, str) or not isinstance(new_body, str):
        return None
    shift = shift_of(with_gated_kept(facts))
    if states_moved_rule(old_body, shift) or names_scope(old_body, shift):
        return None
    if _only_additions(old_body, new_body):
        return None  # an aside added ("30 days (45 days for members)"): the others keep theirs
    if _keeps_old_case(old_body, new_body, shift):
        return None  # both cases stated: the condition's customers and, as before, the others
    who = facts.who() or facts.when()
    return (
        f"narrows a general macro: the change holds only for {who}, but this edit replaces "
        f"the text of “{title}” that reps send every customer; once it is applied the others "
        "get it too. If no other macro serves them, keep a copy of the current text for them "
        "(or state both cases in this one) before it is applied"
    )


def narrowing_warnings(
    workspace: Workspace, release_id: int, items: Sequence[ReviewItem]
) -> list[str]:
    """`narrowing` for the macro edits among `items`, each as "HANDLE narrows ..."."""
    edits = [item for item in items if item.record.kind == "edit" and item.label == "macro"]
    if not edits:
        return []
    facts = _facts_by_key(workspace, release_id)
    warnings: list[str] = []
    for item in edits:
        content = item.record.content
        found = narrowing(
            facts.get(item.note_key),
            "macro",
            item.title,
            content.get("old_body"),
            content.get("new_body"),
        )
        if found is not None:
            warnings.append(f"{item.handle} {found}")
    return warnings


def _note_key(key: str, item_key: str | None) -> str:
    suffix = f":{item_key}"
    return key[: -len(suffix)] if item_key and key.endswith(suffix) else key.partition(":")[0]


def collect(
    workspace: Workspace,
    release_id: int,
    knowledge: KnowledgeBase,
    *,
    include_drafts: bool = False,
) -> tuple[list[ExportItem], list[Skipped]]:
    """The edits to export, in review order, and the ones left out with the reason."""
    records = DraftStore(workspace).drafts(release_id)
    handled = assign_handles(records)
    notes: Mapping[str, Any] = {
        entry.record.key: entry.record.content for entry in handled if entry.record.kind == "note"
    }
    facts = _facts_by_key(workspace, release_id)
    rejected = rejected_changes(handled)
    carried = carried_edits(handled)
    items: list[ExportItem] = []
    skipped: list[Skipped] = []
    for entry in handled:
        draft = entry.record
        if draft.kind != "edit":
            continue
        content = draft.content
        title = str(content.get("item_title") or draft.item_key or "")

        def skip(
            reason: str, handle: str = entry.handle, key: str = draft.key, title: str = title
        ) -> None:
            skipped.append(Skipped(handle, key, title, reason))

        if draft.status in _NOT_EXPORTED:
            skip(f"{draft.status}: not exported")
            continue
        whole = rejected.get(entry.note_key)
        if whole is not None and not draft.stale and draft.key not in carried:
            why = f" ({whole.record.reason.replace('-', ' ')})" if whole.record.reason else ""
            skip(
                f"its change {whole.handle} is rejected as a whole{why}: the edits of a "
                f"rejected change are never exported (approve {whole.handle} if it is real)"
            )
            continue
        if draft.status != "approved" and not include_drafts:
            skipped.append(
                Skipped(
                    entry.handle,
                    draft.key,
                    title,
                    f"{draft.status}, not approved (approve it, or preview with --include-drafts)",
                    waiting=not draft.stale,
                )
            )
            continue
        if draft.stale:
            skip("stale: the latest drafting no longer produces this edit")
            continue
        new_body = content.get("new_body")
        old_body = content.get("old_body")
        if not isinstance(new_body, str) or new_body == old_body:
            skip("no new text: the edit only flags the item for review")
            continue
        item = knowledge.get(draft.item_key or "")
        if item is None:
            skip(
                f"{draft.item_key} is not in the knowledge base any more (it was in "
                f"{content.get('item_source')})"
            )
            continue
        if item.body != old_body:
            skip(
                f"{item.label()} changed in {item.source} since the edit was drafted: draft "
                "again (`behaviordiff draft`) so the edit starts from the current text"
            )
            continue
        change = notes.get(_note_key(draft.key, draft.item_key)) or {}
        change_facts = facts.get(_note_key(draft.key, draft.item_key))
        settings = edited_item_settings(change_facts, item, new_body)
        narrows = narrowing(change_facts, item.kind, item.title, old_body, new_body)
        warnings = tuple(
            f"the new text drops the placeholder {placeholder}"
            for placeholder in missing_placeholders(item.body, new_body)
        ) + ((f"it {narrows}",) if narrows else ())
        items.append(
            ExportItem(
                handle=entry.handle,
                draft=draft,
                item=item,
                change_title=str(change.get("title") or draft.change_id),
                new_body=new_body,
                settings=settings,
                warnings=warnings,
            )
        )
    kept, refused = _one_edit_per_item(items, handled, include_drafts=include_drafts)
    return kept, skipped + refused


def _one_edit_per_item(
    items: list[ExportItem], handled: Sequence[ReviewItem], *, include_drafts: bool
) -> tuple[list[ExportItem], list[Skipped]]:
    """At most one edit per macro or article: each edit rewrites the item's current body,
    so two sent together overwrite each other (two PUTs, a second patch hunk that does not
    apply). Two approved edits of one item are both refused, naming each other and the fix;
    in a preview, one approved edit goes out over drafts of the same item."""
    by_item: dict[str, list[ExportItem]] = {}
    for item in items:
        by_item.setdefault(item.item.key, []).append(item)
    reviewed = {entry.record.key: entry for entry in handled}
    refused: list[Skipped] = []
    dropped: set[str] = set()
    for group in by_item.values():
        if len(group) < 2:
            continue
        approved = [item for item in group if item.draft.status == "approved"]
        if include_drafts and len(approved) == 1:
            for item in group:
                if item is not approved[0]:
                    dropped.add(item.draft.key)
                    refused.append(
                        Skipped(
                            item.handle,
                            item.draft.key,
                            item.item.title,
                            f"{approved[0].handle}, approved, edits the same {item.item.kind}: "
                            "one edit per item goes out",
                        )
                    )
            continue
        message = same_item_message([reviewed[item.draft.key] for item in group])
        for item in group:
            dropped.add(item.draft.key)
            refused.append(
                Skipped(item.handle, item.draft.key, item.item.title, message, conflict=True)
            )
    return [item for item in items if item.draft.key not in dropped], refused


def only(
    items: Sequence[ExportItem], formats: Sequence[str], target: str
) -> tuple[list[ExportItem], list[Skipped]]:
    """The items read from one of `formats`; the others skipped, naming the `--to` for them."""
    from behaviordiff.export.model import SOURCE_TARGET

    kept: list[ExportItem] = []
    skipped: list[Skipped] = []
    for item in items:
        if item.source_format in formats:
            kept.append(item)
            continue
        other = SOURCE_TARGET.get(item.source_format, "csv")
        also = "" if other == "csv" else " (or --to csv)"
        skipped.append(
            Skipped(
                item.handle,
                item.draft.key,
                item.item.title,
                f"read from {a_or_an(item.platform)} export, not {target}: export it with "
                f"--to {other}{also}",
            )
        )
    return kept, skipped

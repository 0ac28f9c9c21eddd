"""Diff two agent versions with deepdiff: prompt files by section and sentence, code by line,
data by key path, config by key."""

from __future__ import annotations

import re
from typing import Any

from behaviordiff.agent.version import AgentVersion
from behaviordiff.diffing.files import diff_lines, file_kind, parse_data
from behaviordiff.diffing.model import Hunk, VersionDiff
from behaviordiff.diffing.text import split_sections

_TOOL_KEYS = ("tools",)
_WORD = re.compile(r"\$?\d+(?:[.,]\d+)*%?|\w+|[^\w\s]+")


class _HunkList:
    def __init__(self) -> None:
        self.hunks: list[Hunk] = []

    def add(self, kind: str, file: str, **fields: Any) -> None:
        self.hunks.append(Hunk(id=f"H{len(self.hunks) + 1}", kind=kind, file=file, **fields))


def _tree_changes(old: Any, new: Any) -> list[tuple[str, list[Any], Any, Any]]:
    """(report type, path as a list, old value, new value) for every leaf change, in order."""
    from deepdiff import DeepDiff

    diff = DeepDiff(old, new, view="tree", verbose_level=2, threshold_to_diff_deeper=0)
    changes: list[tuple[str, list[Any], Any, Any]] = []
    for report_type in sorted(diff.keys()):
        for level in diff[report_type]:
            old_value = None if _missing(level.t1) else level.t1
            new_value = None if _missing(level.t2) else level.t2
            changes.append((report_type, level.path(output_format="list"), old_value, new_value))
    return changes


def _missing(value: Any) -> bool:
    return type(value).__name__ == "NotPresent"


def _sort_key(path: list[Any]) -> list[tuple[int, Any]]:
    return [(0, part) if isinstance(part, int) else (1, str(part)) for part in path]


def _word_changes(old: str, new: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words a changed sentence lost and gained."""
    removed: list[str] = []
    added: list[str] = []
    for report_type, _, old_word, new_word in sorted(
        _tree_changes(_WORD.findall(old), _WORD.findall(new)), key=lambda c: _sort_key(c[1])
    ):
        if report_type == "values_changed":
            removed.append(old_word)
            added.append(new_word)
        elif report_type == "iterable_item_removed":
            removed.append(old_word)
        elif report_type == "iterable_item_added":
            added.append(new_word)
    return tuple(removed), tuple(added)


CONTEXT_WINDOW = 100
"""Sentences each side of a changed one that its hunk keeps as context (the rule it sits in)."""


def _diff_prompt_file(name: str, old_text: str, new_text: str, hunks: _HunkList) -> None:
    old_sections = split_sections(old_text)
    new_sections = split_sections(new_text)
    changes = _tree_changes(old_sections, new_sections)
    order: dict[str, int] = {}
    for title in [*new_sections, *old_sections]:
        order.setdefault(title, len(order))
    changes.sort(key=lambda c: (order.get(c[1][0], 0), _sort_key(c[1][1:])))
    added_sentences = {
        (str(path[0]), new_value)
        for report_type, path, _, new_value in changes
        if report_type == "iterable_item_added" and isinstance(new_value, str)
    }
    # a changed sentence's new side with no case of its own goes on from the one before it
    # ("Riders aged 18 to 20: don't switch the account on yet." then "Send the licence upload
    # link …", paired by the differ with another old sentence)
    added_sentences |= {
        (str(path[0]), new_value)
        for report_type, path, _, new_value in changes
        if report_type in ("values_changed", "type_changes")
        and isinstance(new_value, str)
        and not _OWN_CASE.match(new_value)
    }
    positions: dict[tuple[str, str], dict[str, int]] = {}

    def near(side: str, sentences: list[str], section: str, own: set[str]) -> list[str]:
        """The section's sentences within `CONTEXT_WINDOW` of the changed one (all of a short
        section): a hunk per change holding its whole section was quadratic on a big prompt."""
        if len(sentences) <= 2 * CONTEXT_WINDOW:
            return sentences
        index = positions.get((side, section))
        if index is None:
            index = positions[side, section] = {
                sentence: i for i, sentence in reversed(list(enumerate(sentences)))
            }
        at = min((index[value] for value in own if value in index), default=0)
        return sentences[max(at - CONTEXT_WINDOW, 0) : at + CONTEXT_WINDOW + 1]

    for report_type, path, old_value, new_value in changes:
        section = str(path[0])
        own = {value for value in (old_value, new_value) if isinstance(value, str)}
        context = tuple(
            dict.fromkeys(
                sentence
                for sentence in [
                    *near("new", new_sections.get(section, []), section, own),
                    *near("old", old_sections.get(section, []), section, own),
                ]
                if sentence not in own
            )
        )
        if report_type == "dictionary_item_added":
            hunks.add("section_added", name, section=section, new=new_value)
        elif report_type == "dictionary_item_removed":
            hunks.add("section_removed", name, section=section, old=old_value)
        elif report_type == "iterable_item_added":
            hunks.add("sentence_added", name, section=section, new=new_value, context=context)
        elif report_type == "iterable_item_removed":
            hunks.add("sentence_removed", name, section=section, old=old_value, context=context)
        elif report_type in ("values_changed", "type_changes"):
            removed, added = _word_changes(str(old_value), str(new_value))
            hunks.add(
                "sentence_changed",
                name,
                section=section,
                old=old_value,
                new=new_value,
                removed_words=removed,
                added_words=added,
                context=context,
                continued=_continued(
                    new_sections.get(section, []), new_value, section, added_sentences
                ),
            )


_MAX_CONTINUED = 1
_OWN_CASE = re.compile(r"(?:if|when|whenever|for|once|unless)\b|[^:.\n]{1,60}:\s", re.I)
"""A sentence opening with a case of its own ("If …", "Riders aged 21 or over: …"): a rule of
its own, never the rest of the one before it."""


def _continued(
    section_sentences: list[str], sentence: Any, section: str, added: set[tuple[str, Any]]
) -> tuple[str, ...]:
    """The added sentence (`added`: section and sentence; a changed sentence's new side with no
    case of its own counts) that comes right after `sentence` in its section's new sentences,
    if any: the rest of a rewrite that says in two sentences what one said ("hand it to the
    team" → "don't hand these over. Arrange a swap …"). One only: a paragraph added after a
    changed sentence is a rule of its own."""
    if sentence not in section_sentences:
        return ()
    found: list[str] = []
    for later in section_sentences[section_sentences.index(sentence) + 1 :]:
        if (section, later) not in added or len(found) == _MAX_CONTINUED:
            break
        found.append(later)
    return tuple(found)


def _dotted(path: list[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else ("." if text else "") + str(part)
    return text


def _diff_config(old: AgentVersion, new: AgentVersion, hunks: _HunkList) -> None:
    file = "agent.yaml"
    old_data = {k: v for k, v in old.config_data.items() if k not in _TOOL_KEYS}
    new_data = {k: v for k, v in new.config_data.items() if k not in _TOOL_KEYS}
    _add_tree_hunks("config", file, old_data, new_data, hunks)

    old_tools = {tool.function.name: tool.function.model_dump() for tool in old.config.tools}
    new_tools = {tool.function.name: tool.function.model_dump() for tool in new.config.tools}
    for tool_name in [name for name in new_tools if name not in old_tools]:
        hunks.add("tool_added", file, key=tool_name, new=new_tools[tool_name])
    for tool_name in [name for name in old_tools if name not in new_tools]:
        hunks.add("tool_removed", file, key=tool_name, old=old_tools[tool_name])
    for tool_name in [name for name in new_tools if name in old_tools]:
        for _, path, old_value, new_value in sorted(
            _tree_changes(old_tools[tool_name], new_tools[tool_name]),
            key=lambda c: _sort_key(c[1]),
        ):
            hunks.add(
                "tool_changed",
                file,
                key=f"{tool_name}.{_dotted(path)}",
                old=old_value,
                new=new_value,
            )


def _diff_variables(old: AgentVersion, new: AgentVersion, hunks: _HunkList) -> None:
    for role in dict.fromkeys([*old.config.prompts, *new.config.prompts]):
        old_file = old.config.prompts.get(role)
        new_file = new.config.prompts.get(role)
        old_vars = old.templates.variables(old_file) if old_file else set()
        new_vars = new.templates.variables(new_file) if new_file else set()
        file = new_file or old_file or role
        for name in sorted(new_vars - old_vars):
            hunks.add("variable_added", file, key=name)
        for name in sorted(old_vars - new_vars):
            hunks.add("variable_removed", file, key=name)


def _diff_data_file(name: str, old_text: str, new_text: str, hunks: _HunkList) -> None:
    """JSON, YAML and TOML by key path; other data (and a file that does not parse) by line."""
    old_parsed, old_data = parse_data(name, old_text)
    new_parsed, new_data = parse_data(name, new_text)
    if not (old_parsed and new_parsed):
        diff_lines("data_lines_changed", name, old_text, new_text, hunks.add)
        return
    _add_tree_hunks("data", name, old_data, new_data, hunks, whole="(the whole document)")


def _add_tree_hunks(
    kind: str, file: str, old_data: Any, new_data: Any, hunks: _HunkList, whole: str = ""
) -> None:
    """Each key path at which `old_data` and `new_data` differ, in key order, as a hunk of
    `file`: `{kind}_added`, `{kind}_removed` or `{kind}_changed` (`whole` names the root)."""
    for report_type, path, old_value, new_value in sorted(
        _tree_changes(old_data, new_data), key=lambda c: _sort_key(c[1])
    ):
        key = _dotted(path) or whole
        if report_type in ("dictionary_item_added", "iterable_item_added"):
            hunks.add(f"{kind}_added", file, key=key, new=new_value)
        elif report_type in ("dictionary_item_removed", "iterable_item_removed"):
            hunks.add(f"{kind}_removed", file, key=key, old=old_value)
        else:
            hunks.add(f"{kind}_changed", file, key=key, old=old_value, new=new_value)


def _diff_file(name: str, old: AgentVersion, new: AgentVersion, hunks: _HunkList) -> None:
    """One file of the two versions, diffed as what it is: prompt, code or data."""
    old_text, new_text = old.files.get(name), new.files.get(name)
    prompts = {*old.config.prompts.values(), *new.config.prompts.values()}
    kind = file_kind(name, new_text if new_text is not None else old_text or "", prompts)
    if kind == "prompt":
        if old_text is None:
            hunks.add("file_added", name, new=new_text)
            _diff_prompt_file(name, "", new_text or "", hunks)
        elif new_text is None:
            hunks.add("file_removed", name, old=old_text)
        else:
            _diff_prompt_file(name, old_text, new_text, hunks)
        return
    if old_text is None:
        hunks.add(f"{kind}_file_added", name, new=new_text)
    elif new_text is None:
        hunks.add(f"{kind}_file_removed", name, old=old_text)
    elif kind == "code":
        diff_lines("code_changed", name, old_text, new_text, hunks.add)
    else:
        _diff_data_file(name, old_text, new_text, hunks)


def diff_versions(old: AgentVersion, new: AgentVersion) -> VersionDiff:
    """Prompt files by section and sentence, code by line, data by key path, agent.yaml by
    key (tools by name), and the templates' variables."""
    hunks = _HunkList()
    for name in sorted(set(old.files) | set(new.files)):
        if old.files.get(name) != new.files.get(name):
            _diff_file(name, old, new, hunks)
    _diff_config(old, new, hunks)
    _diff_variables(old, new, hunks)
    return VersionDiff(
        base=old.label,
        head=new.label,
        base_fingerprint=old.fingerprint(),
        head_fingerprint=new.fingerprint(),
        hunks=hunks.hunks,
    )


def sentence_changes(old: str, new: str) -> list[tuple[str, str | None, str | None]]:
    """A body of text diffed by sentence: (`added`|`removed`|`changed`, old, new), in order.

    For macro and article bodies, where a reader wants to see which sentences an edit touches.
    """
    from behaviordiff.diffing.text import split_sentences

    def sentences(text: str) -> list[str]:
        paragraphs = re.split(r"\n\s*\n", text)
        return [s for paragraph in paragraphs for s in split_sentences(paragraph)]

    kinds = {
        "iterable_item_added": "added",
        "iterable_item_removed": "removed",
        "values_changed": "changed",
        "type_changes": "changed",
    }
    changes = sorted(_tree_changes(sentences(old), sentences(new)), key=lambda c: _sort_key(c[1]))
    return [
        (kinds[report], old_value, new_value)
        for report, _, old_value, new_value in changes
        if report in kinds
    ]


def changed_prompt_sentences(old: str, new: str) -> list[tuple[str, str]]:
    """The (old, new) sentences one prompt text rewrote, paired as `diff_versions` pairs a
    prompt file's: for a prompt known only as rendered (a recorded system message)."""
    hunks = _HunkList()
    _diff_prompt_file("", old, new, hunks)
    return [
        (hunk.old, hunk.new)
        for hunk in hunks.hunks
        if hunk.kind == "sentence_changed"
        and isinstance(hunk.old, str)
        and isinstance(hunk.new, str)
    ]

"""A case split off a verb's object list, and a tool phrase from a sentence-initial
imperative (made-up plumbing cases)."""

from behaviordiff.drafting.subsets import split_cases_off, split_object_case_off, tool_phrase
from behaviordiff.drafting.text import terms

LEAK = [set(terms("leak"))]


def test_object_list_loses_the_case_and_keeps_the_rest() -> None:
    sentence = "Our plumbing desk handles all leaks, noise and rust, so call us and we'll help."
    assert split_object_case_off(sentence, LEAK) == (
        "Our plumbing desk handles all noise and rust, so call us and we'll help.",
        "leaks",
    )
    assert split_object_case_off("Our desk deals with noise, rust and leaks.", LEAK) == (
        "Our desk deals with noise and rust.",
        "leaks",
    )


def test_object_list_naming_only_the_case_is_not_split() -> None:
    assert split_object_case_off("Our desk handles all leaks.", LEAK) is None
    assert split_object_case_off("Our desk handles noise and rust.", LEAK) is None


def test_article_says_the_new_handling_once_without_prompt_words() -> None:
    text = "Our plumbing desk handles all leaks, noise and rust, so call us.\n\nMore below."
    marked = {"Our plumbing desk handles all leaks, noise and rust, so call us."}
    split = split_cases_off(text, marked, LEAK, "send a plumber ourselves")
    assert split is not None
    assert split[0] == (
        "Our plumbing desk handles all noise and rust, so call us. For leaks, we send a "
        "plumber ourselves instead.\n\nMore below."
    )


def test_tool_phrase_from_a_sentence_starting_with_the_imperative() -> None:
    rule = "- Leaks (kind leak): don't pass these on. Send a plumber yourself with `book_plumber`."
    assert tool_phrase(rule, "book_plumber") == "send a plumber ourselves"
    assert tool_phrase("Leaks: We fix it with `fix`.", "fix") is None

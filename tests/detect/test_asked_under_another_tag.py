"""A new way of handling for a conjunction (a member type from a tool result and a count) is
one change, whether the customer books (the tool call moves) or only asks how it works (the
reply now states what the new tool's sentence tells them): the asking probe is filed under
another tag, so the condition found again with it differs only in its tag atom, and the reply
states the hunk that names the new tool, not the one the tool move scores highest (a made-up
bike hire shop that now bills club accounts hiring more than 6 bikes instead of taking a card
deposit)."""

from __future__ import annotations

import json

from behaviordiff.detect import analyze
from behaviordiff.detect.analyze import first_cause_names_action
from behaviordiff.detect.clusters import _same_rule_but_tags
from behaviordiff.detect.model import Atom, Attribution, Condition
from behaviordiff.diffing.model import Hunk, VersionDiff
from behaviordiff.transcripts import Transcript

RULE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Paying for a hire",
    old="Every hire is paid by a card deposit when it's booked: take it with `take_deposit` "
    "(hire_ref, amount) and tell the customer the deposit is taken.",
    new="Club accounts (member type club) hiring more than 6 bikes: don't take a deposit.",
    removed_words=("Every", "hire", "is", "paid", "by", "a", "card", "deposit", "take_deposit"),
    added_words=("Club", "accounts", "club", "hiring", "more", "than", "6", "bikes", "don't"),
)
TOLD = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section="Paying for a hire",
    old="This is the same for every member, however many bikes they hire.",
    new="Bill the hire with `bill_club` (hire_ref, amount, terms_days 14) and tell the customer "
    "it goes on the club's monthly statement, payable within 14 days of the ride.",
    removed_words=("same", "every", "member", "however", "many"),
    added_words=("Bill", "bill_club", "statement", "monthly", "payable", "within", "14", "days"),
)
TOOL = Hunk(
    "H3",
    "tool_added",
    "agent.yaml",
    key="bill_club",
    new={"name": "bill_club", "description": "Put a hire on a club's monthly statement."},
)

HIRES = [("club-7", 7), ("club-9", 9), ("club-12", 12), ("club-20", 20)]
KEPT_HIRES = [
    ("club-6", 6, "club"),
    ("club-4", 4, "club"),
    ("solo-8", 8, "individual"),
    ("solo-15", 15, "individual"),
]
DEPOSIT = "Your {n} bikes are booked, and I've taken the card deposit, so you're all set."
BILLED = (
    "Your {n} bikes are booked; the hire goes on your club's statement, payable within 14 days."
)
ASKED = "How will we pay for 10 bikes for our club ride?"
ASKED_OLD = "We take a card deposit when you book, whoever you are."
ASKED_NEW = "Club hires of more than 6 bikes go on the club's statement, payable within 14 days."
UNCHANGED = [
    ("kit-club-10", "kit", 10, "club", "Do you lend helmets?", "Every bike comes with a helmet."),
    ("pay-solo-10", "payment", 10, "individual", "How do I pay for 10 bikes?", ASKED_OLD),
    ("pay-club-3", "payment", 3, "club", "How do we pay for 3 bikes?", ASKED_OLD),
    ("kit-solo-2", "kit", 2, "individual", "Are there child seats?", "Yes, ask when you book."),
]


def _call(name: str) -> list[dict[str, object]]:
    return [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "c1",
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps({"hire_ref": "H-1"})},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "done"},
    ]


def _run(
    probe_id: str,
    sample: int,
    tag: str,
    bikes: int,
    kind: str,
    message: str,
    reply: str,
    tool: str | None,
) -> Transcript:
    messages: list[dict[str, object]] = [{"role": "user", "content": message}]
    if tool:
        messages += _call(tool)
    messages.append({"role": "assistant", "content": reply})
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=messages,
        final_reply=reply,
        metadata={
            "tags": [tag],
            "variables": {"bikes": bikes},
            "tool_fixtures": {"lookup_member": {"member_type": kind}},
        },
    )


def _runs() -> tuple[list[Transcript], list[Transcript]]:
    old: list[Transcript] = []
    new: list[Transcript] = []
    for sample in range(3):
        for probe, bikes in HIRES:
            message = f"Please book {bikes} bikes for our club ride."
            old.append(
                _run(
                    probe,
                    sample,
                    "hire",
                    bikes,
                    "club",
                    message,
                    DEPOSIT.format(n=bikes),
                    "take_deposit",
                )
            )
            new.append(
                _run(
                    probe,
                    sample,
                    "hire",
                    bikes,
                    "club",
                    message,
                    BILLED.format(n=bikes),
                    "bill_club",
                )
            )
        for probe, bikes, kind in KEPT_HIRES:
            message = f"Please book {bikes} bikes for Saturday."
            for runs in (old, new):
                runs.append(
                    _run(
                        probe,
                        sample,
                        "hire",
                        bikes,
                        kind,
                        message,
                        DEPOSIT.format(n=bikes),
                        "take_deposit",
                    )
                )
        old.append(_run("pay-club-10", sample, "payment", 10, "club", ASKED, ASKED_OLD, None))
        new.append(_run("pay-club-10", sample, "payment", 10, "club", ASKED, ASKED_NEW, None))
        for probe, tag, bikes, kind, message, reply in UNCHANGED:
            for runs in (old, new):
                runs.append(_run(probe, sample, tag, bikes, kind, message, reply, None))
    return old, new


def test_the_customer_only_asking_is_the_same_change_as_those_booking() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [RULE, TOLD, TOOL])
    analysis = analyze(*_runs(), diff=diff)
    [change] = analysis.changes
    assert sorted(change.probe_ids) == sorted([*(p for p, _ in HIRES), "pay-club-10"])
    assert change.facets[0] == "actions" and "promises" in change.facets
    atoms = {atom for atom in change.conditions[0].atoms if atom.op != "tag"}
    assert {atom.feature for atom in atoms} == {"bikes", "lookup_member.member_type"}
    assert change.conditions[0].matched_others == 0


def _condition(*atoms: Atom, others: int = 0) -> Condition:
    return Condition("c", atoms, 3, 3, others, 10)


def test_only_a_widened_tag_atom_keeps_the_rule() -> None:
    count = Atom("bikes", ">", 6.0)
    kind = Atom("lookup_member.member_type", "=", "club")
    hire = Atom("tag:hire", "tag")
    either = Atom("tag:hire", "tag", ("hire", "payment"))
    assert _same_rule_but_tags(_condition(count, either, kind), _condition(count, hire, kind))
    # another threshold, another category, or more others matched: another rule
    assert not _same_rule_but_tags(
        _condition(Atom("bikes", ">", 5.0), either, kind), _condition(count, hire, kind)
    )
    assert not _same_rule_but_tags(_condition(count, either), _condition(count, hire, kind))
    assert not _same_rule_but_tags(
        _condition(count, either, kind, others=1), _condition(count, hire, kind)
    )
    # a rule of tags alone is not widened by its tags
    assert not _same_rule_but_tags(_condition(either), _condition(hire))


def _scored(hunk: str, score: float, *reasons: str) -> Attribution:
    return Attribution(hunk, score, reasons, "", "sentence_changed", "system.md")


def test_a_reply_stating_the_hunk_that_names_the_new_tool_shares_its_cause() -> None:
    primary = [
        _scored("H1", 7.0, "names tool take_deposit"),
        _scored("H2", 6.0, "names tool bill_club"),
    ]
    assert first_cause_names_action(primary, [_scored("H2", 4.0)], ["bill_club"])
    # the reply's first cause names no new action of the primary
    assert not first_cause_names_action(primary, [_scored("H1", 4.0)], ["bill_club"])
    assert not first_cause_names_action(primary, [_scored("H2", 4.0)], ["lend_x"])
    assert not first_cause_names_action(primary, [], ["bill_club"])

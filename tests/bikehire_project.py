"""A bike-hire project as a new user builds one (a new-user trial's "Spokes & Co"): a git
repository whose `main` is v1 and whose branch `cancel` moves the full-refund notice from 24
hours to 48 (release #1), then to 72 and the late-fee cap from £60 to £80 (release #2); a
command agent that reads its policy from the rendered prompt; a Zendesk macros export and two
Markdown articles. Runs go through the real pipeline (`run`, `draft`, `review`, `ack`)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import _run_in_process

AGENT = '''\
"""Spokes & Co: reads its cancellation window and late-fee cap from the rendered prompt."""
import json
import re
import sys

request = json.load(sys.stdin)
probe, prompt = request["probe"], request["version"]["system_prompt"]
messages = list(probe["messages"])
asked = str(messages[-1]["content"]).lower()
name = probe["variables"].get("customer_name", "there")
window = int(re.search(r"cancelled (\\d+) hours or more", prompt).group(1))
cap = int(re.search(r"up to £(\\d+) per hire", prompt).group(1))


def call(tool, arguments, number):
    made = {"id": f"call_{number}", "type": "function",
            "function": {"name": tool, "arguments": json.dumps(arguments)}}
    answer = probe["tool_fixtures"].get(tool, {})
    return [{"role": "assistant", "content": None, "tool_calls": [made]},
            {"role": "tool", "tool_call_id": f"call_{number}", "content": json.dumps(answer)}]


if "cancel" in asked:
    booking = probe["tool_fixtures"]["lookup_booking"]
    messages += call("lookup_booking", {"booking_id": booking["booking_id"]}, 1)
    if booking["hours_until_pickup"] >= window:
        messages += call("issue_refund", {"type": "full"}, 2)
        reply = (f"Hi {name}, your booking is cancelled. As you cancelled at least {window} "
                 "hours before pickup, you get a full refund.")
    else:
        messages += call("issue_refund", {"type": "partial"}, 2)
        reply = (f"Hi {name}, your booking is cancelled. As it's less than {window} hours "
                 "before pickup, we refund 50%.")
elif "late" in asked:
    hours = probe["variables"].get("hours_late", 1)
    reply = f"Hi {name}, the late fee is £{min(10 * hours, cap)} (£10 per hour, capped at £{cap})."
elif "person" in asked or "damage" in asked:
    messages += call("escalate_to_human", {"reason": "asked"}, 1)
    reply = "A colleague will get back to you shortly."
else:
    reply = f"Hi {name}, we're open 9 to 6 every day."
messages.append({"role": "assistant", "content": reply})
print(json.dumps({"messages": messages, "finish_reason": "stop"}))
'''

AGENT_YAML = """\
name: spokes-agent
adapter: command
command:
  argv: ["{python}", "agent.py"]
  timeout: 30
  metered: false
prompts:
  system: system.md.j2
tools:
  - type: function
    function:
      name: lookup_booking
      description: Look up a booking.
      parameters: {type: object, properties: {booking_id: {type: string}}, required: [booking_id]}
  - type: function
    function:
      name: issue_refund
      description: Refund a booking.
      parameters:
        type: object
        properties: {type: {type: string, enum: [full, partial]}}
        required: [type]
  - type: function
    function:
      name: escalate_to_human
      description: Hand over to a colleague.
      parameters: {type: object, properties: {reason: {type: string}}, required: [reason]}
escalation:
  tools: [escalate_to_human]
  phrases: ["a colleague will"]
"""

PROMPT = """\
# Spokes & Co support

You are the support assistant of Spokes & Co, a bike hire shop. The customer is \
{{ customer_name }}.

## Cancellations
- Bookings cancelled 24 hours or more before pickup get a full refund.
- Cancellations with less than 24 hours' notice are refunded at 50%.

## Late returns
- Bikes returned late are charged £10 per hour late, up to £60 per hire.

## Handing over
- If the customer reports damage or asks for a person, call `escalate_to_human`.
"""

CONFIG = """\
[agent]
path = "agent"

[probes]
suites = ["probes/*.yaml"]

[knowledge_base]
macros = ["kb/macros.json"]
faq = ["kb/faq"]

[drafting]
drafter = "template"
"""

CANCEL_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour booking is cancelled. Because you cancelled "
    "24 hours or more before pickup, you get a full refund to your original payment method "
    "within 5 working days. Cancellations with less than 24 hours' notice are refunded at "
    "50%.\n\nSpokes & Co"
)

PRICES = {2: 30, 10: 45, 20: 55, 23: 60, 24: 30, 30: 45, 36: 55, 47: 70, 48: 80, 60: 40, 96: 65}


def _probes() -> dict[str, Any]:
    probes: list[dict[str, Any]] = [
        {
            "id": f"cancel-{hours}h",
            "tags": ["cancellation"],
            "messages": [{"role": "user", "content": f"Please cancel my booking B{hours}."}],
            "tool_fixtures": {
                "lookup_booking": {
                    "booking_id": f"B{hours}",
                    "hours_until_pickup": hours,
                    "price": price,
                },
                "issue_refund": {"status": "ok"},
            },
        }
        for hours, price in PRICES.items()
    ]
    probes += [
        {
            "id": f"late-{hours}h",
            "tags": ["late"],
            "variables": {"hours_late": hours},
            "messages": [
                {"role": "user", "content": f"I returned my bike {hours} hours late, what now?"}
            ],
        }
        for hours in (1, 4, 9)
    ]
    probes += [
        {
            "id": "damage",
            "tags": ["damage"],
            "messages": [{"role": "user", "content": "The bike has damage on the frame."}],
            "tool_fixtures": {"escalate_to_human": {"ticket": "T1"}},
        },
        {
            "id": "hours",
            "tags": ["info"],
            "messages": [{"role": "user", "content": "When are you open?"}],
        },
    ]
    return {
        "suite": "spokes",
        "defaults": {"variables": {"customer_name": "Alex"}},
        "probes": probes,
    }


def _macro(number: int, title: str, body: str) -> dict[str, Any]:
    return {
        "id": number,
        "title": title,
        "raw_title": title,
        "active": True,
        "updated_at": "2026-10-01T10:00:00Z",
        "created_at": "2026-01-01T10:00:00Z",
        "actions": [{"field": "comment_value", "value": body}],
        "restriction": None,
    }


def write_macros(
    root: Path, cancel_body: str = CANCEL_MACRO, updated_at: str | None = None
) -> None:
    """kb/macros.json: the cancellation macro (as given: a refresh from the helpdesk) and the
    late-fee macro."""
    cancel = _macro(900001, "Bookings::Cancellation refund", cancel_body)
    if updated_at is not None:
        cancel["updated_at"] = updated_at
    late = _macro(
        900002,
        "Returns::Late return fee",
        "Hi {{ticket.requester.first_name}},\n\nLate returns are charged £10 per hour late, "
        "up to £60 per hire.\n\nSpokes & Co",
    )
    (root / "kb" / "macros.json").write_text(
        json.dumps({"macros": [cancel, late]}, indent=2, ensure_ascii=False), encoding="utf-8"
    )


def git(root: Path, *args: str) -> str:
    identity = ["-c", "user.email=t@example.com", "-c", "user.name=T", "-c", "commit.gpgsign=false"]
    done = subprocess.run(
        ["git", *identity, "-C", str(root), *args], check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def make_project(root: Path) -> Path:
    """`main` (v1: 24 hours) and branch `cancel` checked out at v2 (48 hours)."""
    (root / "agent").mkdir(parents=True)
    (root / "probes").mkdir()
    (root / "kb" / "faq").mkdir(parents=True)
    (root / "behaviordiff.toml").write_text(CONFIG, encoding="utf-8")
    (root / ".gitignore").write_text(".behaviordiff/\n", encoding="utf-8")
    (root / "agent" / "agent.yaml").write_text(AGENT_YAML, encoding="utf-8")
    (root / "agent" / "agent.py").write_text(AGENT, encoding="utf-8")
    (root / "agent" / "system.md.j2").write_text(PROMPT, encoding="utf-8")
    (root / "probes" / "spokes.yaml").write_text(
        yaml.safe_dump(_probes(), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    write_macros(root)
    (root / "kb" / "faq" / "cancellations.md").write_text(
        "# Cancelling a booking\n\nIf you cancel 24 hours or more before pickup, you get a "
        "full refund. If you cancel with less than 24 hours' notice, we refund 50%.\n",
        encoding="utf-8",
    )
    (root / "kb" / "faq" / "late-returns.md").write_text(
        "# Equipment and late returns\n\nBikes returned late are charged £10 per hour late, "
        "up to £60 per hire.\n",
        encoding="utf-8",
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "v1")
    git(root, "checkout", "-q", "-b", "cancel")
    change_prompt(root, {"24 hours": "48 hours"}, "v2: 48 hours")
    return root


def change_prompt(root: Path, moves: dict[str, str], message: str) -> str:
    """Replace each old phrase with the new one in the prompt, commit; the new commit's id."""
    prompt = root / "agent" / "system.md.j2"
    text = prompt.read_text(encoding="utf-8")
    for old, new in moves.items():
        assert old in text, old
        text = text.replace(old, new)
    prompt.write_text(text, encoding="utf-8")
    git(root, "commit", "-q", "-am", message)
    return git(root, "rev-parse", "HEAD")


WRITER_NOTE = """\
title: Partial (50%) refund for cancellations 24 to {last} hours before pickup
before: Cancellations 24 hours or more before pickup got a full refund.
after: Cancellations 24 to {last} hours before pickup now get a 50% refund.
when: Customers cancelling between 24 and {window} hours before pickup.
customer_impact: These customers now get 50% back instead of a full refund.
cs_actions:
- Use the updated cancellation macro and FAQ.
- Brief reps on the new {window} hour window.
severity: high
"""


class Project:
    """`behaviordiff ARGS` in the project folder, in this process, as the writer
    (`wendy-writer`) would type them, with the steps the trial took."""

    def __init__(self, root: Path, tmp_path: Path):
        self.root = root
        self.tmp_path = tmp_path

    def __call__(self, *args: str) -> Any:
        env = {"COLUMNS": "200", "NO_COLOR": "1", "BEHAVIORDIFF_ACTOR": "wendy-writer"}
        result = _run_in_process(args, self.root, env, None)
        return result

    def json(self, *args: str) -> Any:
        result = self(*args, "--format", "json")
        assert result.exit_code in (0, 1), result.stderr
        return json.loads(result.stdout)

    def refund_note(self) -> str:
        """The handle of the note of the change that now refunds part: the writer's note
        carried from the earlier release, else the machine's note saying so."""
        notes = [
            draft
            for draft in self.json("review", "list")["drafts"]
            if draft["kind"] == "note" and not draft["stale"]
        ]
        for note in notes:
            if note["edited_by"] or "partial" in str(note["content"]["after"]).lower():
                return str(note["handle"])
        raise AssertionError([note["title"] for note in notes])

    def write_note(self, window: int, text: str = WRITER_NOTE) -> str:
        """The writer rewrites the refund note (every field, unless `text` names fewer);
        its handle."""
        handle = self.refund_note()
        note = self.tmp_path / f"note-{window}.yaml"
        note.write_text(text.format(last=window - 1, window=window), encoding="utf-8")
        edited = self("review", "edit", handle, "--from", str(note))
        assert edited.exit_code == 0, edited.stderr
        return handle

    def review_all(self, window: int) -> None:
        """The writer rewrites the refund note whole and approves every draft."""
        self.write_note(window)
        approved = self("review", "approve", "--all", "--despite-warnings")
        assert approved.exit_code == 0, approved.stderr

    def run(self, base: str) -> None:
        ran = self("run", base, "HEAD", "--effective", "2026-12-20")
        assert ran.exit_code == 0, ran.stderr

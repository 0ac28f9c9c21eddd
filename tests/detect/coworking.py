"""A small coworking-space support agent (a new user's trial, trial 10) as runs written in code:
the agent reads its building rules from the prompt (which plan may bring a dog) and picks its
wording per probe and sample from two variants, as an agent sampled at a temperature does."""

from __future__ import annotations

import random
from dataclasses import dataclass

from behaviordiff.transcripts import Transcript

from .simulated import simulated_runs


@dataclass(frozen=True)
class Policy:
    dogs_for: str = ""
    """The plan whose members may bring a dog; "": no pets at all."""


@dataclass(frozen=True)
class Case:
    probe_id: str
    tag: str
    message: str
    variables: dict[str, str]


CASES = (
    Case("dog-flex", "pets", "Can I bring my dog to the office?", {"plan": "Flex", "pet": "dog"}),
    Case(
        "dog-resident",
        "pets",
        "Is it OK if I bring my dog in with me on Monday?",
        {"plan": "Resident", "pet": "dog"},
    ),
    Case(
        "dog-resident-2",
        "pets",
        "Would my dog be allowed at my desk?",
        {"plan": "Resident", "pet": "dog", "customer_name": "Priya"},
    ),
    Case("cat-resident", "pets", "Can I bring my cat to work?", {"plan": "Resident", "pet": "cat"}),
    Case("day-pass", "membership", "How much is a day pass for a friend?", {}),
    Case("printing", "membership", "How much printing do I get?", {}),
    Case("locker", "membership", "Do you rent lockers?", {}),
    Case("cancel", "membership", "How do I cancel my membership?", {}),
    Case("hours-flex", "membership", "What are the opening hours for me?", {"plan": "Flex"}),
    Case(
        "hours-resident", "membership", "What are the opening hours for me?", {"plan": "Resident"}
    ),
    *(
        Case(
            f"guests-{n}",
            "guests",
            f"I'd like to bring {n} guest(s) tomorrow, is that free?",
            {"guests": str(n)},
        )
        for n in (1, 2)
    ),
)

_OTHER = {
    "day-pass": ("a day pass costs £25.", "day passes are £25."),
    "printing": (
        "every member gets 100 free printed pages per month.",
        "you have 100 free pages a month.",
    ),
    "locker": ("lockers cost £12 per month.", "a locker is £12 a month."),
    "cancel": (
        "you can cancel with 30 days' notice.",
        "cancelling needs 30 days' notice; your membership ends after that.",
    ),
    "hours-flex": (
        "Flex members can use the space from 8am to 8pm on weekdays.",
        "with Flex you're in from 8am to 8pm, Monday to Friday.",
    ),
    "hours-resident": (
        "as a Resident you have access 24 hours a day, 7 days a week.",
        "Residents can come in any time, 24/7.",
    ),
}


def reply(case: Case, sample: int, policy: Policy) -> str:
    rng = random.Random(f"{case.probe_id}/{sample}")
    hi = rng.choice(["Hi", "Hello", "Hey"])
    variables = {"plan": "Flex", "customer_name": "Sam", **case.variables}
    start = f"{hi} {variables['customer_name']}, "
    plan, pet = variables["plan"], variables.get("pet", "")
    if case.tag == "pets":
        if policy.dogs_for and pet == "dog" and plan == policy.dogs_for:
            return start + rng.choice(
                [
                    f"yes, as a {plan} member you can bring your dog to the building.",
                    f"good news: {plan} members may bring a dog, so yours is welcome.",
                ]
            )
        if policy.dogs_for and pet == "dog":
            return start + rng.choice(
                [
                    f"sorry, only {policy.dogs_for} members may bring a dog to the building.",
                    f"I'm afraid dogs are only allowed for {policy.dogs_for} members.",
                ]
            )
        return start + rng.choice(
            [
                "sorry, no dogs or other pets are allowed in the building.",
                f"I'm afraid we can't allow a {pet} in the building: no pets, I'm sorry.",
            ]
        )
    if case.tag == "guests":
        guests = variables["guests"]
        return start + rng.choice(
            [
                f"yes, {guests} guest(s) is fine and free of charge.",
                f"of course, bring your {guests} guest(s), no charge.",
            ]
        )
    return start + rng.choice(list(_OTHER[case.probe_id]))


def prompt(policy: Policy) -> str:
    pets = (
        f"{policy.dogs_for} members may bring a dog to the building. Flex members may not "
        "bring dogs, and other pets are not allowed."
        if policy.dogs_for
        else "No dogs or other pets are allowed in the building."
    )
    return (
        "You are the member support assistant of HiveWorks, a coworking space in Leeds. "
        f"{pets} Members may bring up to 2 guests per day for free."
    )


def runs(policy: Policy, samples: int = 3, first: int = 0) -> list[Transcript]:
    """`samples` runs per probe; `first` draws other wordings for an A/A comparison."""
    return simulated_runs(
        CASES,
        lambda case, draw: reply(case, draw, policy),
        prompt(policy),
        {"customer_name": "Sam", "plan": "Flex"},
        samples,
        first,
    )

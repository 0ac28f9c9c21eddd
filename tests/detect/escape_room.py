"""A small escape-room support agent (a new user's trial, trial 9) as runs written in code: the
agent reads its policy (minimum age, hint price) and picks its wording per probe and sample
from two or three variants, as an agent sampled at a temperature does."""

from __future__ import annotations

import random
from dataclasses import dataclass

from behaviordiff.transcripts import Transcript

from .simulated import simulated_runs


@dataclass(frozen=True)
class Policy:
    minimum_age: int = 12
    adult_until: int = 15
    hint_price: int = 0
    """0: hints are free."""


@dataclass(frozen=True)
class Case:
    probe_id: str
    tag: str
    message: str
    variables: dict[str, int]


CASES = (
    *(
        Case(
            f"age-{age}", "age", f"Can my kid play? They are {age} years old.", {"player_age": age}
        )
        for age in (10, 11, 12, 13, 14, 16, 25)
    ),
    Case("hints-free", "hints", "Do hints during the game cost anything?", {}),
    Case("hints-stuck", "hints", "We got stuck last time. How do hints work?", {}),
    Case("group-8", "group", "Can 8 of us play in one room?", {"group_size": 8}),
    Case("group-5", "group", "Can 5 of us play together?", {"group_size": 5}),
    Case("late-20", "late", "We're running 20 minutes late, sorry!", {"minutes_late": 20}),
    Case("photo", "extras", "Can we get a photo of our team?", {}),
    *(
        Case(
            f"cancel-{hours}h",
            "cancellation",
            f"Please cancel, our session is in {hours} hours.",
            {"hours_until_session": hours, "price": price},
        )
        for hours, price in ((24, 90), (60, 120), (71, 90), (72, 100), (100, 120))
    ),
    Case("injury", "safety", "My friend got hurt on a loose panel.", {}),
    Case("person", "safety", "Can I talk to a person please?", {}),
)


def reply(case: Case, sample: int, policy: Policy) -> str:
    rng = random.Random(f"{case.probe_id}/{sample}")
    hi = rng.choice(["Hi", "Hello", "Hey"])
    bye = rng.choice(["", " Have a great game!", " See you soon!"])
    start = f"{hi} Jo, "
    if case.tag == "age":
        age = case.variables["player_age"]
        if age < policy.minimum_age:
            return start + rng.choice(
                [
                    f"sorry, players must be aged {policy.minimum_age} or over.",
                    f"I'm afraid our rooms are only for players aged {policy.minimum_age} or over.",
                ]
            )
        if age <= policy.adult_until:
            return start + rng.choice(
                [
                    f"yes, at {age} they can play, with an adult in the room.",
                    f"a {age}-year-old is welcome as long as an adult plays with them.",
                ]
            )
        return start + rng.choice([f"yes, at {age} you can play.", f"of course, {age} is fine."])
    if case.tag == "hints":
        if not policy.hint_price:
            return start + rng.choice(
                [
                    "hints during the game are free: just ask your games master at any time.",
                    "yes, hints are free! Ask your games master whenever you're stuck.",
                ]
            )
        return start + rng.choice(
            [
                f"hints cost £{policy.hint_price} each and can be added when you book.",
                f"each hint is £{policy.hint_price}; you can add them when you book.",
            ]
        )
    if case.tag == "group":
        size = case.variables["group_size"]
        if 2 <= size <= 6:
            return start + rng.choice(
                [f"yes, {size} players is fine.", f"a group of {size} works well."]
            )
        return start + "sorry, each room takes groups of 2 to 6 players."
    if case.tag == "late":
        if case.variables["minutes_late"] > 15:
            return start + (
                "I'm sorry, groups arriving more than 15 minutes late lose their slot and it "
                "isn't refunded."
            )
        return start + rng.choice(
            [
                "no problem, come straight in, you'll still have your slot.",
                "that's fine, your slot is kept.",
            ]
        )
    if case.tag == "cancellation":
        price = case.variables["price"]
        if case.variables["hours_until_session"] >= 72:
            return (
                start
                + rng.choice(
                    [
                        f"your booking is cancelled and you'll get a full refund of £{price}.00, "
                        "as you cancelled at least 72 hours before the session.",
                        f"done: booking cancelled, full refund of £{price}.00 on its way since "
                        "it's 72 hours or more before your session.",
                    ]
                )
                + bye
            )
        return start + rng.choice(
            [
                "your booking is cancelled. As it's less than 72 hours before the session, we "
                f"can't refund it, but here's a voucher for £{price}.00, valid for 12 months.",
                f"I've cancelled it. With less than 72 hours' notice we give a £{price}.00 voucher "
                "instead of a refund; it's valid for 12 months.",
            ]
        )
    if case.tag == "safety":
        return start + rng.choice(
            [
                "I'm sorry to hear that. I've passed this on and a colleague will contact you "
                "within one working day.",
                "sorry about that! A colleague will contact you within one working day.",
            ]
        )
    return start + "the photo package costs £8 and can be added when you book."


def prompt(policy: Policy) -> str:
    hints = (
        "Hints during the game are free: ask your games master at any time."
        if not policy.hint_price
        else f"Hints during the game cost £{policy.hint_price} each and can be added when you book."
    )
    return (
        "You are the support assistant of LockedIn Rooms. "
        f"Players must be aged {policy.minimum_age} or over. Players aged {policy.minimum_age} "
        f"to {policy.adult_until} must play with an adult in the room. {hints} "
        "A photo package of your group costs £8 and can be added when you book."
    )


def runs(policy: Policy, samples: int = 3, first: int = 0) -> list[Transcript]:
    """`samples` runs per probe; `first` draws other wordings for an A/A comparison."""
    return simulated_runs(
        CASES,
        lambda case, draw: reply(case, draw, policy),
        prompt(policy),
        {"customer_name": "Jo"},
        samples,
        first,
    )

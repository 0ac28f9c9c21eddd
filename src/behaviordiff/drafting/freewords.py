"""Words saying nothing is paid without the words "free" or "no charge": "it's on us",
"rebooking is included", "included in every groom", "there's never an extra charge", "we cover
it", "it costs you nothing", "we'll bring it to your door for nothing", "you won't pay a
penny", "complimentary", "trims don't cost a thing", "we don't charge for fittings", "a tyre
check never costs you a penny", "at no extra cost", "without charge". A KB states the free side
of a fee's line in them as often as with "free"; `impact` (a moved line's free side) and
`newcharge` (a charge where there was none) read them alike.
"""

from __future__ import annotations

FREE_IN_OTHER_WORDS = (
    r"\bon\s+(?:us|the\s+house)\b"
    r"|\bcomplimentary\b"
    r"|\b(?:is|are|it's|it’s|stays?|remains?)\s+(?:all\s+|always\s+)?included\b"
    r"|\bincluded\s+in\s+(?:the|every|each|all|any|your|our)\s+(?=[A-Za-z])"
    r"|\b(?:never|not)\s+(?:an?|any)\s+(?:extra\s+|additional\s+)?(?:charge|fee|cost)s?\b"
    r"|\bwe(?:'ll|’ll|\s+will)?\s+(?:cover|pay\s+for|pick\s+up)\s+"
    r"(?:it|that|this|the\s+(?:cost|bill|fee|charge))\b"
    r"|\bcosts?\s+(?:you\s+)?nothing\b"
    r"|\b(?:won't|won’t|will\s+not|doesn't|doesn’t|does\s+not|don't|don’t|do\s+not)\s+cost\s+"
    r"(?:you\s+)?(?:anything|a\s+penny|a\s+thing|a\s+cent|extra)\b"
    r"|\b(?:don't|don’t|do\s+not|never|won't|won’t|will\s+not)\s+(?:charge(?:\s+you)?|be\s+charged)"
    r"\s+(?:anything\s+|a\s+penny\s+)?for\b"
    r"|\bnothing\s+to\s+pay\b"
    r"|\bfor\s+nothing\b"
    r"|\b(?:won't|won’t|will\s+not|don't|don’t|do\s+not|never)\s+pay\s+(?:a\s+penny|a\s+thing|anything)\b"
    r"|\bnever\s+(?:costs?|charges?)\s+(?:you\s+)?(?:anything|a\s+penny|a\s+thing|a\s+cent|"
    r"a\s+dime|extra)\b"
    r"|\bat\s+no\s+(?:extra\s+|additional\s+|added\s+)?(?:cost|charge)\b"
    r"|\bwithout\s+(?:any\s+)?(?:charge|cost)\b"
    r"|\bno\s+deposits?\b"
    r"|\b(?:never|don't|don’t|do\s+not|won't|won’t)\s+(?:ask\s+for|take|need|require|charge)s?\s+"
    r"(?:an?\s+|any\s+)?deposits?\b"
)
"""Alternatives of a regular expression (case-insensitive) for a thing not charged for."""

"""`text.rewrite_units`: the one loop every per-sentence KB edit goes through."""

from __future__ import annotations

from behaviordiff.drafting.text import Keep, Unit, rewrite_units

BODY = (
    "# Sharpening\n\nWe sharpen knives for free. Bring them in any day.\n\n- Scissors: £3 a pair.\n"
)


def test_a_sentence_is_replaced_and_another_deleted_the_rest_kept_byte_for_byte() -> None:
    def pick(unit: Unit) -> str | Keep:
        if unit.text.startswith("We sharpen"):
            return "We sharpen knives for £2 each."
        if unit.text.startswith("- Scissors"):
            return ""
        return Keep.UNIT

    assert rewrite_units(BODY, "markdown", pick) == (
        "# Sharpening\n\nWe sharpen knives for £2 each. Bring them in any day.\n"
    )


def test_a_blocked_unit_refuses_the_whole_rewrite() -> None:
    def pick(unit: Unit) -> str | Keep:
        if unit.text.startswith("We sharpen"):
            return "We sharpen knives for £2 each."
        return Keep.BLOCK if unit.text.startswith("- Scissors") else Keep.UNIT

    assert rewrite_units(BODY, "markdown", pick) is None


def test_nothing_changed_is_none_and_html_keeps_its_tags() -> None:
    assert rewrite_units(BODY, "markdown", lambda unit: Keep.UNIT) is None
    html = "<h2>Sharpening</h2><p>We sharpen knives for free.</p><p>Open daily.</p>"

    def pick(unit: Unit) -> str | Keep:
        return "We sharpen knives for £2 each." if "free" in unit.text else Keep.UNIT

    assert rewrite_units(html, "html", pick) == (
        "<h2>Sharpening</h2><p>We sharpen knives for £2 each.</p><p>Open daily.</p>"
    )

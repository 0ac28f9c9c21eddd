"""One promise in the words an agent varies between samples: "we'll put it right free of
charge" and "there's nothing to pay" both promise the work free.

Seen on a luthier's agent (set BM, after its held-out run): a repair under guarantee was
promised "free of charge" in both of the old version's samples and "there's nothing to pay"
in both of the new one's, by sampling alone; the probe was reported as changed ("no longer
states free of charge") and split the release's one change in two.
"""

from __future__ import annotations

import pytest

from behaviordiff.detect.facts import Promise, extract_promises

FREE = Promise("term", "free of charge")


@pytest.mark.parametrize(
    "reply",
    [
        "Your guitar is booked in and we'll put it right free of charge.",
        "That repair is covered by our 12-month guarantee: there's nothing to pay.",
        "We'll fix it at no extra cost.",
        "It won't cost you a penny.",
        "There's no charge for a guarantee repair.",
    ],
)
def test_free_in_any_of_its_wordings(reply: str) -> None:
    assert FREE in extract_promises(reply)


@pytest.mark.parametrize(
    "reply", ["A setup costs £55.", "The adjustment costs £25, payable when you collect."]
)
def test_a_price_is_not_free(reply: str) -> None:
    assert FREE not in extract_promises(reply)


def test_the_luthier_release_is_one_change(tmp_path_factory: pytest.TempPathFactory) -> None:
    import json
    import shutil

    from tests.conftest import FIXTURES, _run_in_process

    root = tmp_path_factory.mktemp("luthier")
    scenario = "luthier-tweak-sixty-days"
    shutil.copytree(FIXTURES / "scenarios" / "_sim", root / "_sim")
    shutil.copytree(FIXTURES / "scenarios" / scenario, root / scenario)
    truth = (root / scenario / "truth.yaml").read_text(encoding="utf-8")
    base = truth.split("\nbase: ", 1)[1].split("\n", 1)[0]
    head = truth.split("\nhead: ", 1)[1].split("\n", 1)[0]
    args = ("run", base, head, "--samples", "2", "--format", "json")
    args += ("--workspace", str(root / scenario / ".ws"))
    result = _run_in_process(args, root / scenario, {"COLUMNS": "200", "NO_COLOR": "1"}, None)
    assert result.exit_code in (0, 1), result.stderr
    changes = json.loads(result.stdout)["analysis"]["changes"]
    assert len(changes) == 1
    assert "warranty-50" not in changes[0]["probe_ids"]

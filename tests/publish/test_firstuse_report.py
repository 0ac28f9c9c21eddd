"""First-use fix to the report: the analysis date reads as a date, not a timestamp."""

from __future__ import annotations

import re
from pathlib import Path

from tests.publish.conftest import Invoke, Release


def test_report_shows_the_analysis_date_plainly(
    invoke: Invoke, drafted: Release, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    assert invoke("report", "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert re.search(r"analysed \d{4}-\d{2}-\d{2}[ <]", html)
    assert not re.search(r"analysed \d{4}-\d{2}-\d{2}T", html)

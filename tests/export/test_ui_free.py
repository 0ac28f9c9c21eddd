"""The export package is UI-free: importing it (and push) loads no Typer, Rich or Textual."""

from __future__ import annotations

import subprocess
import sys


def test_export_imports_no_ui_library() -> None:
    code = (
        "import sys, behaviordiff.export, behaviordiff.export.push, behaviordiff.kb.settings\n"
        "loaded = sorted(m for m in ('typer', 'rich', 'textual') if m in sys.modules)\n"
        "print(','.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == ""

"""How cleanly the drafter voices the new prompts' changed sentences for customers.

For every scenario agent pair in `fixtures/scenarios/*/agents` (the old and the new version),
each sentence the new prompt adds or rewrites is said in the KB's voice by the last-resort
writer (`promptrule.voiced`), and the result is checked mechanically (`voicing_problems`): no
code, tool names or argument lists, no "they/them/their" left for the customer, no "the
customer", no clause opening on a dropped verb, the condition's lead-in kept. Prints how many
are clean, and with `-v` each voicing and its problems. `--sample N` prints N of them.

    PYTHONPATH=src python bench/voicing_corpus.py [-v] [--sample N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from behaviordiff.drafting.promptrule import voiced, voicing_problems

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "fixtures" / "scenarios"
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“`(])")
_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


def _sentences(prompt: str) -> list[str]:
    """The prompt's sentences, one line (a bullet, a paragraph line) at a time, Jinja out."""
    found: list[str] = []
    for line in prompt.splitlines():
        line = _MARK.sub("", line).strip()
        if not line or line.startswith(("#", "{%", "|")) or "{{" in line:
            continue
        found.extend(s.strip() for s in _SPLIT.split(line) if s.strip())
    return found


def corpus() -> list[tuple[str, str]]:
    """(scenario, sentence) for each sentence a scenario's new prompt adds or rewrites."""
    out: list[tuple[str, str]] = []
    for scenario in sorted(p for p in SCENARIOS.iterdir() if (p / "agents").is_dir()):
        agents = sorted(p for p in (scenario / "agents").iterdir() if p.is_dir())
        if len(agents) != 2:
            continue
        old, new = (a / "system.md.j2" for a in agents)
        if not old.is_file() or not new.is_file():
            continue
        before = set(_sentences(old.read_text(encoding="utf-8")))
        for sentence in _sentences(new.read_text(encoding="utf-8")):
            if sentence not in before:
                out.append((scenario.name, sentence))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", action="store_true", help="print every voicing with a problem")
    parser.add_argument("--sample", type=int, default=0, help="print N voicings at random")
    args = parser.parse_args(argv)
    rows = corpus()
    said = clean = 0
    results = []
    for scenario, sentence in rows:
        rule = voiced(sentence)
        if rule is None:
            results.append((scenario, sentence, None, []))
            continue
        said += 1
        problems = voicing_problems(sentence, rule.sentence)
        clean += not problems
        results.append((scenario, sentence, rule.sentence, problems))
    if args.v:
        for scenario, sentence, text, problems in results:
            if problems:
                print(f"{scenario}: {sentence}\n    -> {text}\n    !! {', '.join(problems)}")
    if args.sample:
        for scenario, sentence, text, problems in random.Random(0).sample(
            results, min(args.sample, len(results))
        ):
            print(f"{scenario}: {sentence}\n    -> {text}  {problems or ''}")
    print(
        f"voicing corpus: {len(rows)} changed sentences, {said} voiced, {clean} clean, "
        f"{said - clean} with a problem, {len(rows) - said} not voiced"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

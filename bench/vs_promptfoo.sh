#!/usr/bin/env bash
# behaviordiff run vs promptfoo eval: the same 1,000 probes × 2 versions × 3 samples against the
# same local instant OpenAI-compatible server (tests/openai_server.py), one run of each.
# promptfoo is installed from npm into a temporary folder, with telemetry, update checks and its
# cache off. Prints wall time and peak memory of each, and the ratios.
#
#   bench/vs_promptfoo.sh [PROBES] [CONCURRENCY]      (defaults: 1000 64; needs node and npm)
set -euo pipefail

PROBES="${1:-1000}"
CONCURRENCY="${2:-64}"
SAMPLES=3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
BEHAVIORDIFF="${BEHAVIORDIFF:-$ROOT/.venv/bin/behaviordiff}"
WORK="$(mktemp -d -t bd-vs-promptfoo-XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_CACHE_ENABLED=false
export PROMPTFOO_CONFIG_DIR="$WORK/promptfoo-home" NO_COLOR=1 PROMPTFOO_DISABLE_SHARING=1

echo "installing promptfoo from npm into $WORK/npm ..." >&2
mkdir -p "$WORK/npm"
(cd "$WORK/npm" && npm install --silent --no-audit --no-fund --no-progress --prefer-offline promptfoo >/dev/null)
PROMPTFOO="$WORK/npm/node_modules/.bin/promptfoo"
echo "promptfoo $("$PROMPTFOO" --version 2>/dev/null | tail -1)" >&2

# The same instant server for both, in its own process.
"$PYTHON" "$ROOT/tests/openai_server.py" > "$WORK/server.url" &
SERVER_PID=$!
for _ in $(seq 50); do [ -s "$WORK/server.url" ] && break; sleep 0.1; done
BASE_URL="$(head -1 "$WORK/server.url")"
export OPENAI_BASE_URL="$BASE_URL" OPENAI_API_KEY="sk-local-bench"

# One project, written once: two agent versions, 1,000 probes (bench/run_overhead.py's).
"$PYTHON" - "$WORK/project" "$PROBES" "$ROOT" <<'EOF'
import json, os, sys
from pathlib import Path
sys.path.insert(0, os.path.join(sys.argv[3], "bench"))
from run_overhead import SYSTEM, write_project

folder, probes = Path(sys.argv[1]), int(sys.argv[2])
folder.mkdir()
base, head, suite = write_project(folder, probes)
# promptfoo: the two versions' system prompts as two prompts, the probes as tests.
nunjucks = SYSTEM.replace("{{ customer_name }}", "{{customer_name}}").replace("{{ limit }}", "{{limit}}")
prompts = []
for name in ("v1", "v2"):
    prompts.append({"label": name, "raw": json.dumps([
        {"role": "system", "content": nunjucks},
        {"role": "user", "content": "{{question}}"},
    ])})
tests = []
for line in suite.read_text().splitlines():
    probe = json.loads(line)
    tests.append({"vars": {**probe["variables"], "question": probe["messages"][-1]["content"]}})
config = {
    "prompts": prompts,
    "providers": [{"id": "openai:chat:gpt-4o-mini", "config": {
        "apiBaseUrl": os.environ["OPENAI_BASE_URL"], "temperature": 0.3,
        "max_tokens": 200}}],
    "tests": tests,
}
(folder / "promptfooconfig.json").write_text(json.dumps(config))
EOF

measure() {  # measure NAME COMMAND...: wall seconds and peak RSS (MB) of the command tree
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || {
    echo "$name failed:" >&2; tail -20 "$WORK/$name.err" >&2; exit 1; }
  read -r seconds kilobytes < "$WORK/$name.time"
  echo "$seconds $((kilobytes / 1024))"
}

requests_seen() {
  "$PYTHON" -c "import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1].removesuffix('/v1') + '/_stats'))['requests'])" "$BASE_URL"
}

cd "$WORK/project"
read -r BD_S BD_MB <<< "$(measure behaviordiff "$BEHAVIORDIFF" run v1 v2 -s probes.jsonl \
  -n "$SAMPLES" -j "$CONCURRENCY" --no-draft -w "$WORK/project/ws" -f json)"
BD_REQUESTS="$(requests_seen)"
read -r PF_S PF_MB <<< "$(measure promptfoo "$PROMPTFOO" eval -c promptfooconfig.json \
  --repeat "$SAMPLES" -j "$CONCURRENCY" --no-cache --no-progress-bar --no-write \
  -o "$WORK/promptfoo-results.json")"
PF_REQUESTS=$(( $(requests_seen) - BD_REQUESTS ))

RUNS=$((PROBES * 2 * SAMPLES))
echo "runs: $RUNS ($PROBES probes × 2 versions × $SAMPLES samples), concurrency $CONCURRENCY"
echo "behaviordiff run: ${BD_S}s, peak ${BD_MB} MB, ${BD_REQUESTS} requests (includes the analysis)"
echo "promptfoo eval:   ${PF_S}s, peak ${PF_MB} MB, ${PF_REQUESTS} requests"
"$PYTHON" -c "import sys; b,bm,p,pm=map(float,sys.argv[1:]); print(f'wall-time ratio (promptfoo / behaviordiff): {p/b:.2f}x; peak-memory ratio: {pm/bm:.2f}x')" \
  "$BD_S" "$BD_MB" "$PF_S" "$PF_MB"

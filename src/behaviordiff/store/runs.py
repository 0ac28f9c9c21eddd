"""Agent runs of a release and the model call cache, behind the workspace's SQLite connection.

Writes are buffered and committed in small batches (`RunWriter.flush`), each batch one
transaction: a run and the model calls it made land together, and a flush on exit or Ctrl-C
keeps every finished run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from behaviordiff.secrets import scrub
from behaviordiff.store.rows import place, row_json, stored_json
from behaviordiff.store.workspace import Release, Workspace, now_iso
from behaviordiff.transcripts import Transcript, behavior_start

Side = Literal["base", "head"]
SIDES: tuple[Side, Side] = ("base", "head")
RunKey = tuple[str, str, int]
"""(side, probe_id, sample)."""


@dataclass(frozen=True)
class RunPlanRecord:
    release_id: int
    plan_key: str
    """Hash of both versions' fingerprints, the probes and the samples: equal plans resume."""
    total: int
    plan: dict[str, Any]


@dataclass(frozen=True)
class ProbeSideStats:
    side: str
    probe_id: str
    ok: int
    errors: int
    escalated: int
    first_error: str | None
    actions: dict[str, int]
    """Tool name → how many ok runs called it."""


@dataclass(frozen=True)
class RunSummaryRow:
    side: str
    probe_id: str
    sample: int
    error: str | None
    actions: list[str]
    """Names of the tools the run called, in call order."""
    escalated: bool


def transcript_dict(transcript: Transcript) -> dict[str, Any]:
    """Transcript.to_dict without copying (the dict is serialized at once)."""
    return {
        "probe_id": transcript.probe_id,
        "sample": transcript.sample,
        "messages": transcript.messages,
        "tool_calls": [
            {
                "id": call.id,
                "name": call.name,
                "arguments": call.arguments,
                "raw_arguments": call.raw_arguments,
                "result": call.result,
            }
            for call in transcript.tool_calls
        ],
        "final_reply": transcript.final_reply,
        "escalated": transcript.escalated,
        "escalation_reason": transcript.escalation_reason,
        "usage": transcript.usage,
        "latency_ms": transcript.latency_ms,
        "finish_reason": transcript.finish_reason,
        "error": transcript.error,
        "metadata": transcript.metadata,
    }


@dataclass(frozen=True)
class RunRecord:
    side: str
    probe_id: str
    sample: int
    transcript: Transcript
    run_key: str | None = None
    """Hash of what determines the run (adapter identity, probe, sample): equal keys in later
    releases reuse this run instead of running it again."""

    @property
    def status(self) -> str:
        return "ok" if self.transcript.error is None else "error"


def _run_place(column: str, release_id: int, side: str, probe_id: str, sample: int) -> str:
    """Where a run's stored value is (a damaged value's place)."""
    return place(
        "runs", column, release_id=release_id, side=side, probe_id=probe_id, sample=int(sample)
    )


class CallCache:
    """Completed model calls (and command runs) by request hash, shared by all releases."""

    def __init__(self, workspace: Workspace, *, buffered: bool = False):
        """`buffered`: `put` only queues, and a RunWriter (or `flush`) writes the queue in a
        batch; else every `put` is written at once in its own transaction."""
        self.db = workspace.db
        self.buffered = buffered
        self.pending: dict[str, tuple[str, str | None, str]] = {}

    def get(self, key: str) -> dict[str, Any] | None:
        pending = self.pending.get(key)
        if pending is not None:
            return dict(stored_json(pending[2], dict))
        row = self.db.execute(
            "SELECT response_json FROM call_cache WHERE request_hash = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        return dict(
            stored_json(row[0], dict, at=place("call_cache", "response_json", request_hash=key))
        )

    def contains(self, key: str) -> bool:
        """Whether the key is cached, without decoding the answer."""
        if key in self.pending:
            return True
        row = self.db.execute("SELECT 1 FROM call_cache WHERE request_hash = ?", (key,)).fetchone()
        return row is not None

    def put(self, key: str, kind: str, model: str | None, value: dict[str, Any]) -> None:
        self.pending[key] = (kind, model, json.dumps(value, ensure_ascii=False))
        if not self.buffered:
            self.flush()

    def _write_pending(self) -> int:
        if not self.pending:
            return 0
        created = now_iso()
        self.db.executemany(
            "INSERT OR REPLACE INTO call_cache (request_hash, kind, model, response_json, "
            "created_at) VALUES (?, ?, ?, ?, ?)",
            [
                (key, kind, model, data, created)
                for key, (kind, model, data) in self.pending.items()
            ],
        )
        count = len(self.pending)
        self.pending.clear()
        return count

    def flush(self) -> None:
        if self.pending:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self._write_pending()
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def size(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM call_cache").fetchone()[0]) + len(
            self.pending
        )


_UPSERT = (
    "ON CONFLICT (release_id, side, probe_id, sample) DO UPDATE SET "
    "status = excluded.status, transcript_json = excluded.transcript_json, "
    "error = excluded.error, prompt_tokens = excluded.prompt_tokens, "
    "completion_tokens = excluded.completion_tokens, latency_ms = excluded.latency_ms, "
    "finished_at = excluded.finished_at, run_key = excluded.run_key, "
    "actions_json = excluded.actions_json, escalated = excluded.escalated, "
    "attempts = runs.attempts + 1"
)


class RunWriter:
    """Buffers finished runs and cache entries; `flush` commits them in one transaction."""

    def __init__(self, workspace: Workspace, release_id: int, cache: CallCache | None = None):
        self.workspace = workspace
        self.release_id = release_id
        self.cache = cache
        self.pending: list[RunRecord] = []
        self.written = 0

    def add(self, record: RunRecord) -> None:
        self.pending.append(record)

    @property
    def backlog(self) -> int:
        return len(self.pending) + (len(self.cache.pending) if self.cache else 0)

    def flush(self) -> int:
        if not self.backlog:
            return 0
        finished = now_iso()
        rows = []
        for record in self.pending:
            transcript = record.transcript
            rows.append(
                (
                    self.release_id,
                    record.side,
                    record.probe_id,
                    record.sample,
                    record.status,
                    scrub(json.dumps(transcript_dict(transcript), ensure_ascii=False, default=str)),
                    scrub(transcript.error) if transcript.error is not None else None,
                    int(transcript.usage.get("prompt_tokens", 0)),
                    int(transcript.usage.get("completion_tokens", 0)),
                    transcript.latency_ms,
                    finished,
                    record.run_key,
                    json.dumps([call.name for call in transcript.tool_calls]),
                    int(transcript.escalated),
                )
            )
        with self.workspace.transaction() as db:
            if self.cache is not None:
                self.cache._write_pending()
            db.executemany(
                "INSERT INTO runs (release_id, side, probe_id, sample, status, transcript_json, "
                "error, prompt_tokens, completion_tokens, latency_ms, finished_at, run_key, "
                "actions_json, escalated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + _UPSERT,
                rows,
            )
        count = len(self.pending)
        self.written += count
        self.pending.clear()
        return count


class RunStore:
    """Reads and plan bookkeeping for the runs of releases."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.db = workspace.db

    def save_plan(self, release_id: int, plan_key: str, total: int, plan: dict[str, Any]) -> None:
        with self.workspace.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO run_plans (release_id, plan_key, total, plan_json) "
                "VALUES (?, ?, ?, ?)",
                (release_id, plan_key, total, json.dumps(plan)),
            )

    def plan(self, release_id: int) -> RunPlanRecord | None:
        row = self.db.execute(
            "SELECT * FROM run_plans WHERE release_id = ?", (release_id,)
        ).fetchone()
        if row is None:
            return None
        return RunPlanRecord(
            release_id=row["release_id"],
            plan_key=row["plan_key"],
            total=row["total"],
            plan=row_json(row, "run_plans", "plan_json", "release_id"),
        )

    def latest_planned(self) -> tuple[Release, RunPlanRecord] | None:
        """The newest release, with its run plan, if it has one."""
        release = self.workspace.newest_release()
        if release is None:
            return None
        plan = self.plan(release.id)
        return (release, plan) if plan is not None else None

    def planned_with_key(self, plan_key: str) -> list[tuple[Release, RunPlanRecord]]:
        """Every release planned with these versions, probes, samples and adapters, newest
        first."""
        rows = self.db.execute(
            "SELECT release_id FROM run_plans WHERE plan_key = ? ORDER BY release_id DESC",
            (plan_key,),
        ).fetchall()
        found = []
        for (release_id,) in rows:
            release, plan = self.workspace.release(int(release_id)), self.plan(int(release_id))
            if plan is not None:
                found.append((release, plan))
        return found

    def finished_keys(self, release_id: int) -> set[RunKey]:
        """Runs stored without an error; runs with an error are run again."""
        rows = self.db.execute(
            "SELECT side, probe_id, sample FROM runs WHERE release_id = ? AND status = 'ok'",
            (release_id,),
        )
        return {(row[0], row[1], int(row[2])) for row in rows}

    def counts(self, release_id: int) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT status, COUNT(*) FROM runs WHERE release_id = ? GROUP BY status", (release_id,)
        )
        return {row[0]: int(row[1]) for row in rows}

    def reusable(self, run_keys: Iterable[str]) -> dict[str, int]:
        """Run key → id of the newest finished run (without error) stored under it."""
        keys = list(dict.fromkeys(run_keys))
        found: dict[str, int] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = self.db.execute(
                "SELECT run_key, MAX(id) FROM runs WHERE status = 'ok' AND run_key IN "
                f"({', '.join('?' * len(chunk))}) GROUP BY run_key",
                chunk,
            )
            found.update((row[0], int(row[1])) for row in rows)
        return found

    def copy_runs(self, release_id: int, runs: Iterable[tuple[str, str, int, int, str]]) -> int:
        """Store earlier runs in a release: (side, probe_id, sample, id of the stored run, the
        run key the copy is stored under).

        The copy happens inside SQLite; transcripts are not decoded.
        """
        finished = now_iso()
        rows = [
            (release_id, side, probe_id, sample, finished, run_key, source)
            for side, probe_id, sample, source, run_key in runs
        ]
        if not rows:
            return 0
        with self.workspace.transaction() as db:
            db.executemany(
                "INSERT INTO runs (release_id, side, probe_id, sample, status, transcript_json, "
                "error, prompt_tokens, completion_tokens, latency_ms, finished_at, run_key, "
                "actions_json, escalated) "
                "SELECT ?, ?, ?, ?, 'ok', transcript_json, NULL, prompt_tokens, "
                "completion_tokens, latency_ms, ?, ?, actions_json, escalated "
                "FROM runs WHERE id = ? " + _UPSERT,
                rows,
            )
        return len(rows)

    def probe_stats(self, release_id: int) -> list[ProbeSideStats]:
        """Per side and probe: runs ok and with errors, escalations, and how many runs called
        each tool; aggregated in SQLite, without decoding transcripts."""
        stats: dict[tuple[str, str], ProbeSideStats] = {}
        rows = self.db.execute(
            "SELECT side, probe_id, SUM(status = 'ok'), SUM(status = 'error'), "
            "SUM(CASE WHEN status = 'ok' THEN escalated ELSE 0 END), "
            "MIN(CASE WHEN status = 'error' THEN error END) "
            "FROM runs WHERE release_id = ? GROUP BY side, probe_id",
            (release_id,),
        )
        for row in rows:
            stats[(row[0], row[1])] = ProbeSideStats(
                row[0], row[1], int(row[2]), int(row[3]), int(row[4]), row[5], {}
            )
        rows = self.db.execute(
            "SELECT side, probe_id, tool, COUNT(*) FROM ("
            "  SELECT DISTINCT runs.id, side, probe_id, tools.value AS tool"
            "  FROM runs, json_each(runs.actions_json) AS tools"
            "  WHERE release_id = ? AND status = 'ok'"
            ") GROUP BY side, probe_id, tool",
            (release_id,),
        )
        for row in rows:
            entry = stats.get((row[0], row[1]))
            if entry is not None:
                entry.actions[str(row[2])] = int(row[3])
        return list(stats.values())

    def usage_history(
        self, side: str, *, model: str, endpoint: str
    ) -> dict[str, tuple[float, float, float]]:
        """Per probe: mean model calls, prompt and completion tokens of its ok runs on `side`
        in the newest release whose runs recorded their calls with this model at this endpoint
        (another model or server answers differently: its usage says nothing)."""
        calls = (
            "CASE WHEN json_extract(transcript_json, '$.metadata.model') = ? "
            "AND json_extract(transcript_json, '$.metadata.endpoint') = ? "
            "THEN json_extract(transcript_json, '$.usage.calls') END"
        )
        releases = self.db.execute(
            "SELECT DISTINCT release_id FROM runs WHERE side = ? AND status = 'ok' "
            "ORDER BY release_id DESC LIMIT 20",
            (side,),
        ).fetchall()
        for (release_id,) in releases:
            found = self.db.execute(
                f"SELECT 1 FROM runs WHERE release_id = ? AND side = ? AND status = 'ok' "
                f"AND {calls} IS NOT NULL LIMIT 1",
                (release_id, side, model, endpoint),
            ).fetchone()
            if found is None:
                continue
            rows = self.db.execute(
                f"SELECT probe_id, AVG({calls}), AVG(prompt_tokens), AVG(completion_tokens) "
                f"FROM runs WHERE status = 'ok' AND {calls} IS NOT NULL "
                f"AND release_id = ? AND side = ? GROUP BY probe_id",
                (model, endpoint, model, endpoint, release_id, side),
            )
            return {row[0]: (float(row[1]), float(row[2]), float(row[3])) for row in rows}
        return {}

    def summary_rows(self, release_id: int) -> list[RunSummaryRow]:
        """What the per-probe summary needs, without decoding transcripts."""
        rows = self.db.execute(
            "SELECT side, probe_id, sample, error, actions_json, escalated FROM runs "
            "WHERE release_id = ? ORDER BY side, probe_id, sample",
            (release_id,),
        )
        return [
            RunSummaryRow(
                row[0],
                row[1],
                int(row[2]),
                row[3],
                stored_json(row[4], at=_run_place("actions_json", release_id, *row[:3])),
                bool(row[5]),
            )
            for row in rows
        ]

    def records(self, release_id: int, side: Side | None = None) -> list[RunRecord]:
        query = "SELECT side, probe_id, sample, transcript_json FROM runs WHERE release_id = ?"
        params: tuple[Any, ...] = (release_id,)
        if side is not None:
            query += " AND side = ?"
            params = (release_id, side)
        rows = self.db.execute(query + " ORDER BY side, probe_id, sample", params)
        return [
            RunRecord(
                row[0],
                row[1],
                int(row[2]),
                Transcript.from_dict(
                    stored_json(
                        row[3], dict, at=_run_place("transcript_json", release_id, *row[:3])
                    )
                ),
            )
            for row in rows
        ]


def load_transcripts(
    workspace: Workspace, release_id: int, side: Side, *, include_errors: bool = False
) -> list[Transcript]:
    """The transcripts of one side of a release, ordered by probe id and sample.

    Runs that ended in an error are left out unless `include_errors`.
    """
    records = RunStore(workspace).records(release_id, side)
    return [
        record.transcript for record in records if include_errors or record.transcript.error is None
    ]


def load_release_transcripts(
    workspace: Workspace, release_id: int, *, include_errors: bool = False
) -> dict[Side, list[Transcript]]:
    """Both sides of a release: {"base": [...], "head": [...]}."""
    return {
        side: load_transcripts(workspace, release_id, side, include_errors=include_errors)
        for side in SIDES
    }


def group_by_probe(transcripts: Iterable[Transcript]) -> dict[str, list[Transcript]]:
    grouped: dict[str, list[Transcript]] = {}
    for transcript in transcripts:
        grouped.setdefault(transcript.probe_id, []).append(transcript)
    return grouped


def count_replay_runs(workspace: Workspace, release_id: int, side: Side) -> tuple[int, int]:
    """(runs stored without an error, runs that ended in an error) on one side of a release."""
    row = workspace.db.execute(
        "SELECT COALESCE(SUM(status = 'ok'), 0), COALESCE(SUM(status = 'error'), 0) FROM runs "
        "WHERE release_id = ? AND side = ?",
        (release_id, side),
    ).fetchone()
    return int(row[0]), int(row[1])


def iter_replay_lines(
    workspace: Workspace, release_id: int, side: Side, *, include_errors: bool = False
) -> Iterator[dict[str, Any]]:
    """The runs of one side of a release as lines of the replay format, by probe id and sample.

    Besides probe_id, sample and messages a line carries what the run itself read out of
    them, so `compare` reads the same runs the same way: `input_count` (where the probe's input
    ends and the agent's behavior starts) and `escalated` with its reason (decided by the
    version's own escalation markers). Then side, adapter, model, usage, latency_ms,
    finish_reason and error where known; `compare` and the replay adapter keep them as the
    run's metadata. The adapter comes from the run, else from the release's run
    settings; `model` only when the run recorded one (openai adapter); `error` only on failed
    runs (with `include_errors`). Rows are read one at a time, so a large release never sits
    in memory whole.
    """
    settings = workspace.release(release_id).settings
    side_adapter = (settings.get("run") or {}).get("adapters", {}).get(side)
    query = (
        "SELECT transcript_json, probe_id, sample FROM runs WHERE release_id = ? AND side = ?"
        + ("" if include_errors else " AND status = 'ok'")
        + " ORDER BY probe_id, sample"
    )
    for transcript_json, probe_id, sample in workspace.db.execute(query, (release_id, side)):
        at = _run_place("transcript_json", release_id, side, probe_id, sample)
        stored = stored_json(transcript_json, dict, at=at)
        metadata = stored.get("metadata") or {}
        run = Transcript.from_dict(stored)
        extra = {
            "escalated": run.escalated,
            "escalation_reason": run.escalation_reason,
            "adapter": metadata.get("adapter") or side_adapter,
            "model": metadata.get("model"),
            "usage": stored.get("usage") or None,
            "latency_ms": stored.get("latency_ms"),
            "finish_reason": stored.get("finish_reason"),
            "error": stored.get("error"),
        }
        yield {
            "probe_id": stored["probe_id"],
            "sample": stored["sample"],
            "messages": stored["messages"],
            "input_count": behavior_start(run),
            "side": side,
            **{key: value for key, value in extra.items() if value is not None},
        }


def first_transcripts(
    workspace: Workspace, release_id: int, probe_ids: Iterable[str]
) -> dict[tuple[str, str], Transcript]:
    """(side, probe id) → the lowest-numbered run without an error of each named probe: what
    the shareable report shows side by side, read without decoding the rest of the release."""
    wanted = list(dict.fromkeys(probe_ids))
    found: dict[tuple[str, str], Transcript] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = workspace.db.execute(
            "SELECT side, probe_id, transcript_json, sample FROM runs WHERE release_id = ? "
            f"AND status = 'ok' AND probe_id IN ({', '.join('?' * len(chunk))}) "
            "ORDER BY side, probe_id, sample",
            (release_id, *chunk),
        )
        for side, probe_id, transcript_json, sample in rows:
            if (side, probe_id) not in found:
                at = _run_place("transcript_json", release_id, side, probe_id, sample)
                found[(side, probe_id)] = Transcript.from_dict(
                    stored_json(transcript_json, dict, at=at)
                )
    return found

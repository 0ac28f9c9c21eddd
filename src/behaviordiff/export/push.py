"""`push`: send an export's requests to Zendesk or Freshdesk: the one module that speaks HTTP
to a helpdesk.

A dry run (the default) sends nothing and needs no credentials. `apply` first reads each item
and refuses one whose `updated_at` moved since the export (someone changed it in the helpdesk),
then sends the export's request as is. 429 answers are retried after their `Retry-After`, 5xx
answers with a growing pause; every request is audited without its credentials.

With a workspace, each item's delivery is recorded as it lands (`store.acks.PushLedger`): a
re-push skips what already landed with the same body, and a push cut short (a lost
connection, revoked credentials, Ctrl-C) keeps what landed and leaves the rest for next time.
"""

from __future__ import annotations

import http.client
import json
import os
import time
import urllib.error
import urllib.request
from base64 import b64encode
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol
from urllib.parse import urlsplit

from behaviordiff.errors import BehaviordiffError
from behaviordiff.export.model import Helpdesk
from behaviordiff.store.acks import PushLedger, PushRecord, body_digest

if TYPE_CHECKING:
    from behaviordiff.store.workspace import Workspace

MAX_RETRIES = 3
MAX_WAIT = 120.0
"""Longest pause honoured for one Retry-After, in seconds."""
TIMEOUT = 30.0
"""Seconds one network operation may wait."""
MAX_ANSWER = 16 * 1024 * 1024
"""Bytes of one helpdesk answer (an item's JSON is kilobytes)."""
READ_SECONDS = 120.0
"""Time to read one answer whole."""


class PushError(BehaviordiffError):
    title = "Cannot push to the helpdesk"


@dataclass(frozen=True)
class Credentials:
    base_url: str
    authorization: str
    """The Authorization header's value: sent, never logged or printed."""


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body.decode("utf-8") or "null")
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            return None


class Transport(Protocol):
    def __call__(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes | None
    ) -> Response: ...


def _read_answer(stream: Any, method: str, url: str) -> bytes:
    """The answer's body, up to MAX_ANSWER bytes and READ_SECONDS: a helpdesk (or what
    answers in its place) that sends without end is stopped, not waited for."""
    deadline = time.monotonic() + READ_SECONDS
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(65536):
        size += len(chunk)
        if size > MAX_ANSWER:
            raise PushError(
                f"the answer to {method} {urlsplit(url).path} is over "
                f"{MAX_ANSWER:,} bytes: not a helpdesk's answer",
                where=f"{urlsplit(url).scheme}://{urlsplit(url).netloc}",
                hint="check the address; what landed before is recorded, push again later",
            )
        if time.monotonic() > deadline:
            raise PushError(
                f"the answer to {method} {urlsplit(url).path} took over {READ_SECONDS:g} s",
                where=f"{urlsplit(url).scheme}://{urlsplit(url).netloc}",
                hint="the helpdesk is too slow now; what landed before is recorded, push again "
                "later",
            )
        chunks.append(chunk)
    return b"".join(chunks)


def urllib_transport(
    method: str, url: str, headers: Mapping[str, str], body: bytes | None
) -> Response:
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers))
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            data = _read_answer(answer, method, url)
            return Response(answer.status, dict(answer.headers.items()), data)
    except urllib.error.HTTPError as error:
        return Response(error.code, dict(error.headers.items()), _read_answer(error, method, url))


_ENV = {
    "zendesk": "ZENDESK_SUBDOMAIN (or ZENDESK_URL), ZENDESK_EMAIL and ZENDESK_API_TOKEN",
    "freshdesk": "FRESHDESK_DOMAIN (or FRESHDESK_URL) and FRESHDESK_API_KEY",
}


def _basic(user: str, password: str) -> str:
    return "Basic " + b64encode(f"{user}:{password}".encode()).decode("ascii")


def _base_url(url: str | None, host: str | None, suffix: str, helpdesk: str) -> str | None:
    if url:
        parts = urlsplit(url)
        local = parts.hostname in ("127.0.0.1", "localhost", "::1")
        if parts.scheme != "https" and not (parts.scheme == "http" and local):
            raise PushError(
                f"{helpdesk.upper()}_URL must be an https:// address",
                where=f"{helpdesk.upper()}_URL",
                hint="credentials are only sent over https (plain http only to this machine)",
            )
        return url.rstrip("/")
    if host:
        return f"https://{host if '.' in host else host + suffix}"
    return None


def credentials(helpdesk: Helpdesk, env: Mapping[str, str] | None = None) -> Credentials:
    """The helpdesk's address and credentials, from the environment only."""
    env = os.environ if env is None else env
    missing_hint = f"set {_ENV[helpdesk]} in the environment (never in a file)"
    if helpdesk == "zendesk":
        base = _base_url(
            env.get("ZENDESK_URL"), env.get("ZENDESK_SUBDOMAIN"), ".zendesk.com", helpdesk
        )
        email, token = env.get("ZENDESK_EMAIL"), env.get("ZENDESK_API_TOKEN")
        if base and email and token:
            return Credentials(base, _basic(f"{email}/token", token))
    else:
        base = _base_url(
            env.get("FRESHDESK_URL"), env.get("FRESHDESK_DOMAIN"), ".freshdesk.com", helpdesk
        )
        key = env.get("FRESHDESK_API_KEY")
        if base and key:
            return Credentials(base, _basic(key, "X"))
    raise PushError(f"no {helpdesk.capitalize()} credentials in the environment", hint=missing_hint)


# the export file -------------------------------------------------------------------------


@dataclass(frozen=True)
class PushItem:
    index: int
    kind: str
    target_id: str
    title: str
    method: str
    path: str
    body: Any
    updated_at: str | int | None
    handle: str
    draft_key: str = ""
    content_digest: str | None = None
    """The digest of the edit's text when it was exported, to refuse a text edited since."""
    settings_to_review: tuple[str, ...] = ()
    """The helpdesk settings the export flagged for a person to confirm (`review.flags`: a
    macro's group, tags or status that contradict the new text), by field: the push sends
    the request as exported and says so again."""
    source_file: str = ""
    """The knowledge-base file the item was read from (what is stale when it moved since)."""
    settings_applied: tuple[str, ...] = ()
    """The flagged settings whose suggested removal or change the export applied to the
    request (`export --with-suggested-settings`: `review.applied`), by field."""
    exported_as: str = ""
    """The draft's status when it was exported: a preview (`--include-drafts`) holds drafts
    that were never approved."""

    @property
    def body_digest(self) -> str:
        return body_digest(self.method, self.path, self.body)


def load_export(path: Path, helpdesk: Helpdesk) -> tuple[int | None, list[PushItem]]:
    """The requests of an export file written by `behaviordiff export --to <helpdesk>`."""
    from behaviordiff.export.model import unsafe_request_path
    from behaviordiff.export.service import EXPORT_FORMAT
    from behaviordiff.loading import parse_json, read_text

    if not path.exists():
        raise PushError(
            "no such file",
            where=path,
            hint=f"write it first: `behaviordiff export --to {helpdesk} -o {path}`, then push "
            "that file",
        )
    document = parse_json(
        read_text(
            path,
            PushError,
            too_big="an export holds one release's approved edits: is it the file "
            f"`behaviordiff export --to {helpdesk}` wrote? Export it again",
        ),
        path,
        PushError,
        hint=f"write it with `behaviordiff export --to {helpdesk}`",
    )
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise PushError(
            f"not a behaviordiff export (`format` is not {EXPORT_FORMAT})",
            where=f"{path} → format",
            hint=f"write it with `behaviordiff export --to {helpdesk} -o FILE`",
        )
    if document.get("target") != helpdesk:
        raise PushError(
            f"the export is for {document.get('target')}, not {helpdesk}",
            where=f"{path} → target",
            hint=f"push it with `behaviordiff push {document.get('target')}`, or export again "
            f"with --to {helpdesk}",
        )
    records = document.get("records")
    if not isinstance(records, list):
        raise PushError("`records` is not a list", where=f"{path} → records")
    items: list[PushItem] = []
    for index, record in enumerate(records):
        where = f"{path} → records[{index}]"
        request = record.get("request") if isinstance(record, dict) else None
        if not isinstance(request, dict) or not all(
            isinstance(request.get(key), str) for key in ("method", "path")
        ):
            raise PushError(
                "the record has no `request` with `method` and `path`",
                where=where,
                hint="export again; do not edit the requests by hand",
            )
        if request["method"] != "PUT":
            raise PushError(
                f"the record's request is {request['method']!r}; an export only updates (PUT)",
                where=f"{where} → request → method",
                hint="export again; do not edit the requests by hand",
            )
        problem = unsafe_request_path(request["path"])
        if problem is not None:
            raise PushError(
                f"the record's request path is unsafe ({problem})",
                where=f"{where} → request → path",
                hint="export again; do not edit the requests by hand (nothing was sent)",
            )
        if unsafe_request_path(f"/{record.get('target_id')}") is not None:
            raise PushError(
                "the record's target_id is not a plain id",
                where=f"{where} → target_id",
                hint="export again; do not edit the records by hand (nothing was sent)",
            )
        problem = _not_its_request(helpdesk, record, request)
        if problem is not None:
            raise PushError(
                problem,
                where=f"{where} → request",
                hint="export again; do not edit the requests by hand (nothing was sent)",
            )
        source = record.get("source") if isinstance(record.get("source"), dict) else {}
        draft = record.get("draft") if isinstance(record.get("draft"), dict) else {}
        review = record.get("review") if isinstance(record.get("review"), dict) else {}
        flags = review.get("flags")
        flags = flags if isinstance(flags, list) else []
        applied = review.get("applied")
        applied = (
            [f for f in applied[:50] if isinstance(f, str)] if isinstance(applied, list) else []
        )
        items.append(
            PushItem(
                index=index,
                kind=str(record.get("kind")),
                target_id=str(record.get("target_id")),
                title=str(record.get("title") or ""),
                method=request["method"],
                path=request["path"],
                body=request.get("body"),
                updated_at=source.get("updated_at"),
                handle=str(draft.get("handle") or ""),
                draft_key=str(draft.get("key") or ""),
                content_digest=_text_or_none(draft.get("content_digest")),
                settings_to_review=tuple(
                    str(flag["field"])[:80]
                    for flag in flags[:50]
                    if isinstance(flag, dict)
                    and isinstance(flag.get("field"), str)
                    and flag["field"] not in applied
                ),
                settings_applied=tuple(str(field)[:80] for field in applied),
                exported_as=str(draft.get("status") or "")[:40],
                source_file=str(source.get("file") or "")[:300],
            )
        )
    release = document.get("release_id")
    return (release if isinstance(release, int) else None), items


_REQUESTS: dict[str, dict[str, tuple[str, str]]] = {
    # helpdesk → kind → (the path for its id, the body's one key): what an export writes
    "zendesk": {
        "macro": (r"/api/v2/macros/{id}", "macro"),
        "article": (
            r"/api/v2/help_center/articles/{id}/translations/[A-Za-z0-9_-]+",
            "translation",
        ),
    },
    "freshdesk": {
        "macro": (r"/api/v2/canned_responses/{id}", "content_html"),
        "article": (r"/api/v2/solutions/articles/{id}", "description"),
    },
}


def _not_its_request(helpdesk: str, record: dict[str, Any], request: dict[str, Any]) -> str | None:
    """Why the record's request is not the update of its own item that an export writes (a
    path to another endpoint, a body of another shape), or None."""
    import re

    kinds = _REQUESTS.get(helpdesk, {})
    kind, target = record.get("kind"), str(record.get("target_id"))
    if kind not in kinds:
        return f"the record's kind {kind!r} is not one an export for {helpdesk} writes"
    path, key = kinds[str(kind)]
    if not re.fullmatch(path.replace("{id}", re.escape(target)), request["path"]):
        return (
            f"the request path {request['path'][:120]!r} is not the update of {kind} {target} "
            f"(an export writes {path.replace('{id}', target)})"
        )
    body = request.get("body")
    if not isinstance(body, dict) or set(body) != {key}:
        return f"the request body is not the {kind} update an export writes (one key, {key!r})"
    return None


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


# sending ----------------------------------------------------------------------------------

Status = Literal["would-change", "changed", "already-delivered", "refused", "failed", "not-sent"]


@dataclass
class PushOutcome:
    item: PushItem
    status: Status
    reason: str = ""
    helpdesk_id: str | None = None
    updated_at: str | int | None = None
    """The item's `updated_at` after the change, as the helpdesk answered."""
    record: PushRecord | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "handle": self.item.handle,
            "kind": self.item.kind,
            "target_id": self.item.target_id,
            "title": self.item.title,
            "method": self.item.method,
            "path": self.item.path,
            "status": self.status,
            "reason": self.reason,
            "helpdesk_id": self.helpdesk_id,
            "updated_at": self.updated_at,
            "draft_key": self.item.draft_key,
            "delivered": self.delivered,
            "settings_to_review": list(self.item.settings_to_review),
            "settings_applied": list(self.item.settings_applied),
        }

    @property
    def delivered(self) -> dict[str, Any] | None:
        """The recorded delivery of the item (a push now or an earlier one with the same body),
        None when it did not land."""
        if self.record is None or self.record.status != "changed":
            return None
        return self.record.to_dict()


@dataclass
class PushReport:
    helpdesk: Helpdesk
    applied: bool
    outcomes: list[PushOutcome] = field(default_factory=list)
    recorded: bool = False
    """Whether each item's outcome was recorded in the workspace as it happened."""
    aborted: PushError | None = None
    """What stopped the push half way (the items after it are `not-sent`)."""

    @property
    def problems(self) -> list[PushOutcome]:
        return [o for o in self.outcomes if o.status in ("refused", "failed", "not-sent")]

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        return {
            "helpdesk": self.helpdesk,
            "applied": self.applied,
            "recorded": self.recorded,
            "counts": counts,
            "items": [outcome.to_dict() for outcome in self.outcomes],
            "aborted": self.aborted.to_dict() if self.aborted is not None else None,
        }


def _current_path(helpdesk: Helpdesk, item: PushItem) -> str:
    """Where the item's current `updated_at` is read."""
    if helpdesk == "zendesk" and item.kind == "article":
        return f"/api/v2/help_center/articles/{item.target_id}"
    return item.path


def _updated_at(helpdesk: Helpdesk, item: PushItem, data: Any) -> tuple[Any, Any]:
    """(id, updated_at) of the item in a helpdesk answer."""
    if not isinstance(data, dict):
        return None, None
    if helpdesk == "zendesk":
        for key in ("macro", "article", "translation"):
            if isinstance(data.get(key), dict):
                data = data[key]
                break
    return data.get("id"), data.get("updated_at")


def _retry_after(value: str | None, now: Callable[[], float]) -> float:
    if not value:
        return 1.0
    try:
        return min(max(float(value), 0.0), MAX_WAIT)
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return 1.0
    return min(max(moment - now(), 0.0), MAX_WAIT)


class Sender:
    """Requests with retries (429 after Retry-After, 5xx with a growing pause), each audited
    as method, path, status and attempt: never a header."""

    def __init__(
        self,
        creds: Credentials,
        transport: Transport,
        audit: Callable[[dict[str, Any]], None],
        *,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], float] = time.time,
        max_retries: int = MAX_RETRIES,
    ):
        self.creds = creds
        self.transport = transport
        self.audit = audit
        self.sleep = sleep
        self.now = now
        self.max_retries = max_retries

    def send(self, method: str, path: str, body: Any = None) -> Response:
        headers = {"Authorization": self.creds.authorization, "Accept": "application/json"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        url = self.creds.base_url + path
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self.transport(method, url, headers, payload)
            except (urllib.error.URLError, OSError) as error:
                reason = getattr(error, "reason", error)
                self.audit({"method": method, "path": path, "error": str(reason) or repr(reason)})
                cut = isinstance(
                    reason, (ConnectionResetError, TimeoutError, http.client.HTTPException)
                )
                what = (
                    f"the connection to {self.creds.base_url} was cut during {method} {path} "
                    "before an answer"
                    if cut
                    else f"cannot connect to {self.creds.base_url}"
                )
                raise PushError(
                    f"{what} ({str(reason) or type(reason).__name__})",
                    where=self.creds.base_url,
                    hint="check the address and the network; what landed before is recorded "
                    "and nothing after this was sent: push again to send the rest",
                ) from None
            except http.client.HTTPException as error:
                self.audit({"method": method, "path": path, "error": repr(error)})
                raise PushError(
                    f"the helpdesk's answer to {method} {path} was cut or malformed "
                    f"({type(error).__name__})",
                    where=self.creds.base_url,
                    hint="what landed before is recorded and nothing after this was sent: push "
                    "again to send the rest",
                ) from None
            self.audit(
                {"method": method, "path": path, "status": response.status, "attempt": attempt}
            )
            retry = response.status == 429 or response.status >= 500
            if not retry or attempt > self.max_retries:
                return response
            if response.status == 429:
                headers_lower = {k.lower(): v for k, v in response.headers.items()}
                self.sleep(_retry_after(headers_lower.get("retry-after"), self.now))
            else:
                self.sleep(float(2 ** (attempt - 1)))


def push(
    helpdesk: Helpdesk,
    items: list[PushItem],
    *,
    sender: Sender | None,
    ledger: PushLedger | None = None,
    on_progress: Callable[[int, int, PushItem], None] | None = None,
) -> PushReport:
    """Dry run when `sender` is None: what would change. Else send each item's request,
    refusing the ones whose `updated_at` moved since the export. With a `ledger`, an item
    already pushed with the same body is skipped (`already-delivered`, nothing sent) and each
    outcome is recorded as it happens. What the export and the workspace alone refuse (a
    writer's edit since the export, an edit no longer approved) a dry run refuses too. A
    `PushError` half way (the connection lost, the credentials refused) stops the push: the
    report keeps what landed, marks the rest `not-sent` and holds the error in `aborted`.
    `on_progress` hears (index, total, item) just before an item's update is sent, never for
    one refused."""
    report = PushReport(helpdesk, applied=sender is not None, recorded=ledger is not None)
    clashes = _same_item(items)
    exported = ledger.exported_requests() if ledger is not None else None
    for index, item in enumerate(items):
        previous = (
            ledger.last(item.path, item.body_digest, any_target=sender is None)
            if ledger is not None
            else None
        )
        if item.index not in clashes and previous is not None and previous.status == "changed":
            report.outcomes.append(
                PushOutcome(
                    item,
                    "already-delivered",
                    f"pushed {previous.pushed_at} by {previous.pushed_by} with the same body: "
                    "not sent again",
                    helpdesk_id=previous.helpdesk_id,
                    updated_at=previous.updated_at,
                    record=previous,
                )
            )
            continue
        refusal = clashes.get(item.index) or _refusal(item, ledger, exported, helpdesk)
        if refusal is not None:
            report.outcomes.append(PushOutcome(item, "refused", refusal))
            if ledger is not None and sender is not None:
                ledger.not_sent(
                    item.draft_key, item.method, item.path, item.body_digest, "refused", refusal
                )
            continue
        if report.aborted is not None:
            report.outcomes.append(
                PushOutcome(item, "not-sent", "the push stopped before it: push again")
            )
            continue
        if sender is None:
            report.outcomes.append(PushOutcome(item, "would-change", f"{item.method} {item.path}"))
            continue

        def announce(index: int = index, item: PushItem = item) -> None:
            if on_progress is not None:
                on_progress(index, len(items), item)

        try:
            outcome = _push_one(helpdesk, item, sender, ledger, previous, announce)
            report.outcomes.append(outcome)
            if ledger is not None and outcome.status != "changed" and outcome.record is None:
                # not sent: refused, or reading it failed (a failed update is recorded)
                ledger.not_sent(
                    item.draft_key,
                    item.method,
                    item.path,
                    item.body_digest,
                    "refused" if outcome.status == "refused" else "failed",
                    outcome.reason,
                )
        except PushError as error:
            report.aborted = error
            report.outcomes.append(PushOutcome(item, "failed", error.message))
    return report


def _same_item(items: list[PushItem]) -> dict[int, str]:
    """Record index → why it is refused, for records that update the same item: each was
    written from the item's body at the export, so the second would overwrite the first
    (an export written before one edit per item was enforced). None of them is sent."""
    by_path: dict[str, list[PushItem]] = {}
    for item in items:
        by_path.setdefault(item.path, []).append(item)
    refused: dict[int, str] = {}
    for path, group in by_path.items():
        if len(group) < 2:
            continue
        names = [item.handle or f"records[{item.index}]" for item in group]
        both = (
            " and ".join(names)
            if len(names) <= 3
            else f"{names[0]} and {len(names) - 1:,} other records"
        )
        reason = (
            f"{both} both update {path}: the second would overwrite the first, "
            "so neither is sent; keep one edit per item (reject the other with `behaviordiff "
            f"review reject {names[-1]} --reason wrong-draft`, after putting what it says into "
            f"{names[0]} if both are needed), then export again"
        )
        refused.update((item.index, reason) for item in group)
    return refused


def _not_an_item(response: Response) -> str:
    """What a 200 answer that holds no item is, in words, with its start."""
    start = response.body[:60].decode("utf-8", "replace").strip()
    shown = f" (starts “{start}”)" if start else ""
    if response.json() is None and response.body.strip():
        return f"a body that is not JSON{shown}"
    return f"a body that holds no item{shown}" if start else "an empty body"


def _failure(item: PushItem, response: Response, what: str) -> PushOutcome:
    detail = response.body[:200].decode("utf-8", "replace").strip()
    return PushOutcome(
        item,
        "failed",
        f"{what} answered HTTP {response.status}" + (f": {detail}" if detail else ""),
    )


_HELPDESK_NAMES: dict[Helpdesk, str] = {"zendesk": "Zendesk", "freshdesk": "Freshdesk"}


def no_updated_at(helpdesk: Helpdesk, kind: str, source_file: str, handle: str) -> str:
    """Why an item read without `updated_at` is not pushed, and the two ways on."""
    name = _HELPDESK_NAMES.get(helpdesk, helpdesk)
    where = f" ({source_file} holds none)" if source_file else ""
    items = f"{kind}s" if kind and kind != "None" else "items"
    return (
        f"the export has no updated_at for it{where}, so a change in {name} since cannot be "
        f"ruled out: export the {items} from {name} again with their updated_at (its API's "
        "list includes it), put that file in place of the knowledge-base file, then "
        "`behaviordiff export` again; or make the change in the helpdesk by hand and record "
        f"it with `behaviordiff ack done {handle or 'HANDLE'} --by NAME`"
    )


def _refusal(
    item: PushItem,
    ledger: PushLedger | None,
    exported: set[str] | None,
    helpdesk: Helpdesk,
) -> str | None:
    """Why the item may not go out, as far as the export and the workspace tell without asking
    the helpdesk: the same for a dry run and `--apply`, so a dry run never promises what
    `--apply` then refuses. `exported`: the requests this workspace's exports wrote."""
    if item.updated_at is None:
        return no_updated_at(helpdesk, item.kind, item.source_file, item.handle)
    if exported is not None and item.body_digest not in exported:
        return (
            "this request is not one an export of this release here wrote (the file was edited "
            "after the export, or written elsewhere): nothing unreviewed is sent; export again"
        )
    if ledger is not None and item.draft_key and item.content_digest is not None:
        now = ledger.edit_digest(item.draft_key)
        if now is not None and now != item.content_digest:
            return "a writer edited this edit since the export: export again to send the new text"
    if ledger is not None and item.draft_key:
        withdrawn = ledger.withdrawn(item.draft_key)
        if withdrawn is not None and item.exported_as and item.exported_as != "approved":
            # never approved: the file is a preview
            return (
                f"a preview (`export --include-drafts`) holds it as {item.exported_as}: not "
                f"sent; approve {item.handle or 'it'}, then export without --include-drafts"
            )
        if withdrawn is not None:
            return f"{withdrawn} (since the export): not sent; export again"
    return None


def _push_one(
    helpdesk: Helpdesk,
    item: PushItem,
    sender: Sender,
    ledger: PushLedger | None,
    previous: PushRecord | None,
    announce: Callable[[], None],
) -> PushOutcome:
    """Read the item, refuse it if it moved since the export, else send its update
    (`announce` is called just before the update goes out)."""
    current = sender.send("GET", _current_path(helpdesk, item))
    if current.status in (401, 403):
        raise PushError(
            f"the helpdesk refused the credentials (HTTP {current.status})",
            where=sender.creds.base_url,
            hint=f"check {_ENV[helpdesk]}; what was pushed before this is recorded, push "
            "again to send the rest",
        )
    if current.status == 404:
        return PushOutcome(item, "refused", "not found in the helpdesk any more")
    if current.status != 200:
        return _failure(item, current, "reading it")
    read = current.json()
    if not isinstance(read, dict):
        return PushOutcome(
            item,
            "failed",
            f"reading it (GET {_current_path(helpdesk, item)}) answered HTTP 200 with "
            f"{_not_an_item(current)}: not the helpdesk's answer, nothing was sent; check "
            f"the address in {_ENV[helpdesk].split(',')[0]} (or a proxy in front of it), then push "
            "again",
        )
    _, updated_at = _updated_at(helpdesk, item, read)
    if updated_at != item.updated_at:
        if previous is not None and previous.status == "sending":
            return PushOutcome(
                item,
                "refused",
                f"a push of it ({previous.pushed_at}) got no answer and it changed in the "
                f"helpdesk since the export (updated_at {item.updated_at} → {updated_at}): "
                "that push may have landed; check it in the helpdesk, then record it with "
                f"`behaviordiff ack done {item.handle or 'HANDLE'} --by NAME`, or export again",
            )
        ours = (
            ledger.landed_as(item.path, str(updated_at))
            if ledger is not None and updated_at is not None
            else None
        )
        if (
            ours is not None
            and ours.draft_key == item.draft_key
            and ours.content_digest is not None
            and ours.content_digest == item.content_digest
        ):
            # the same text went out before with other settings (one export applied the
            # suggested settings, the other did not): not an earlier text
            return PushOutcome(
                item,
                "refused",
                f"the helpdesk holds this same text, pushed {ours.pushed_at} by "
                f"{ours.pushed_by} from another export of it with other settings (group, "
                f"tags, status: one export applied the suggested settings, this one "
                f"{'does' if item.settings_applied else 'does not'}); updated_at "
                f"{item.updated_at} → {updated_at}: to send these settings, export again "
                "(with or without --with-suggested-settings) and push that file",
            )
        if ours is not None and ours.draft_key == item.draft_key:
            return PushOutcome(
                item,
                "refused",
                f"changed since the export by behaviordiff's own push of an earlier text of "
                f"this edit ({ours.pushed_at}, by {ours.pushed_by}; updated_at "
                f"{item.updated_at} → {updated_at}), not in the helpdesk: read the item's "
                "current body from the helpdesk into the knowledge base, draft again, then "
                "export and push",
            )
        if ours is not None and ledger is not None and ours.release_id != ledger.release_id:
            earlier = _handle_in(ledger, ours.release_id, ours.draft_key)
            return PushOutcome(
                item,
                "refused",
                f"release #{ours.release_id}'s edit of it{f' ({earlier})' if earlier else ''} "
                f"is live in the helpdesk, pushed {ours.pushed_at} by {ours.pushed_by} "
                f"(updated_at {item.updated_at} → {updated_at}), and this edit was drafted on "
                "the text before it: read the item's current body from the helpdesk into the "
                "knowledge base"
                + (f" ({item.source_file})" if item.source_file else "")
                + ", then `behaviordiff draft`, review, export and push again",
            )
        if ours is not None:
            earlier = (
                _handle_in(ledger, ours.release_id, ours.draft_key) if ledger is not None else None
            )
            return PushOutcome(
                item,
                "refused",
                f"changed since the export by behaviordiff's own push of another edit of it "
                f"in this release ({earlier or ours.draft_key}, {ours.pushed_at}, by "
                f"{ours.pushed_by}; updated_at {item.updated_at} → {updated_at}): two edits "
                "of one item; keep one of them (`behaviordiff review reject`), then export again",
            )
        return PushOutcome(
            item,
            "refused",
            f"changed in the helpdesk since the export (updated_at {item.updated_at} → "
            f"{updated_at}), so its edit was made on an older text: export the item from the "
            "helpdesk again into the knowledge base"
            + (f" ({item.source_file})" if item.source_file else "")
            + ", draft, review and export again (exporting again alone writes the same older "
            "version)",
        )
    push_id = (
        ledger.begin(item.draft_key, item.method, item.path, item.body_digest, item.content_digest)
        if ledger is not None
        else None
    )
    announce()
    answer = sender.send(item.method, item.path, item.body)
    if answer.status not in (200, 201):
        outcome = _failure(item, answer, "the update")
        if ledger is not None and push_id is not None:
            ledger.finish(push_id, "failed", reason=outcome.reason)
            outcome.record = ledger.get(push_id)
        return outcome
    landed = answer.json()
    ident, new_updated_at = _updated_at(helpdesk, item, landed)
    if not isinstance(landed, dict) or (ident is None and new_updated_at is None):
        # an answer that is not the item (a proxy's or a login page): the update may have
        # landed or not; its push stays "sending", so the next push checks the helpdesk first
        outcome = PushOutcome(
            item,
            "failed",
            f"the update answered HTTP {answer.status} with {_not_an_item(answer)}, not the "
            "item: it may have landed or not; check it in the helpdesk, then record it with "
            f"`behaviordiff ack done {item.handle or 'HANDLE'} --by NAME`, or push again (it "
            "reads the helpdesk first)",
        )
        if ledger is not None and push_id is not None:
            outcome.record = ledger.get(push_id)
        return outcome
    outcome = PushOutcome(
        item,
        "changed",
        helpdesk_id=str(ident) if ident is not None else item.target_id,
        updated_at=new_updated_at,
    )
    if ledger is not None and push_id is not None:
        ledger.finish(
            push_id,
            "changed",
            helpdesk_id=outcome.helpdesk_id,
            updated_at=None if new_updated_at is None else str(new_updated_at),
        )
        outcome.record = ledger.last(item.path, item.body_digest)
    return outcome


def push_export(
    helpdesk: Helpdesk,
    export_file: Path,
    workspace: Workspace | None,
    *,
    apply: bool,
    by: str | None = None,
    env: Mapping[str, str] | None = None,
    transport: Transport = urllib_transport,
    on_progress: Callable[[int, int, PushItem], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PushReport:
    """`behaviordiff push`: read the export, then a dry run or (`apply`) send it, recording
    each item's delivery in `workspace` as it lands and auditing every request. A dry run
    needs no credentials and no workspace; with one, it says what was already pushed and
    refuses what `--apply` would refuse without asking the helpdesk."""
    from behaviordiff.store.workspace import current_actor

    by = by or current_actor()
    release_id, items = load_export(export_file, helpdesk)
    if workspace is None:
        if not apply:
            return push(helpdesk, items, sender=None)
        raise PushError(
            "pushing needs the project's workspace, to record what landed",
            hint="run it in the project (or pass --config / --workspace)",
        )
    # the same refusals for a dry run as for --apply: a dry run never promises what fails
    if release_id is None:
        raise PushError(
            "the export names no release (`release_id`), so what lands cannot be recorded",
            where=f"{export_file} → release_id",
            hint=f"export again with `behaviordiff export --to {helpdesk} -o FILE`",
        )
    if not _has_release(workspace, release_id):
        raise PushError(
            f"the export is of release #{release_id}, which this workspace does not hold, so "
            "what lands cannot be recorded",
            where=f"{export_file} → release_id",
            hint="push from the project that exported it (or name its workspace with "
            "--workspace), or export again here",
        )
    if not apply:
        return push(
            helpdesk, items, sender=None, ledger=PushLedger(workspace, release_id, helpdesk, "", by)
        )
    creds = credentials(helpdesk, env)
    ledger = PushLedger(workspace, release_id, helpdesk, _public_address(creds.base_url), by)
    store = workspace

    def audit(detail: dict[str, Any]) -> None:
        store.log("push.request", release_id=release_id, subject=helpdesk, detail=detail)

    sender = Sender(creds, transport, audit, sleep=sleep)
    return push(helpdesk, items, sender=sender, ledger=ledger, on_progress=on_progress)


def _has_release(workspace: Workspace, release_id: int) -> bool:
    from behaviordiff.errors import WorkspaceError

    try:
        workspace.release(release_id)
    except WorkspaceError:
        return False
    return True


def _public_address(url: str) -> str:
    """The base address without any user or password in it, as it is stored."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}".rstrip("/")


def _handle_in(ledger: PushLedger, release_id: int, draft_key: str) -> str | None:
    """The handle (`C1.2`) a release's review gives the edit of `draft_key`, for a message
    that names it as writers and CS do, not by its key."""
    from behaviordiff.review import load_review

    try:
        items = load_review(ledger.workspace, release_id).items
    except BehaviordiffError:
        return None
    return next((item.handle for item in items if item.record.key == draft_key), None)

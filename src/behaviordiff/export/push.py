"""`push`: send an export's requests to Zendesk or Freshdesk: the one module that speaks HTTP
to a helpdesk.

A dry run (the default) sends nothing and needs no credentials. `apply` first reads each item
and refuses one whose `updated_at` moved since the export (someone changed it in the helpdesk),
then sends the export's request as is. 429 answers are retried after their `Retry-After`, 5xx
answers with a growing pause; every request is audited without its credentials.
"""

from __future__ import annotations

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
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit

from behaviordiff.errors import BehaviordiffError
from behaviordiff.textutil import read_utf8

Helpdesk = Literal["zendesk", "freshdesk"]
HELPDESKS: tuple[Helpdesk, ...] = ("zendesk", "freshdesk")
MAX_RETRIES = 3
MAX_WAIT = 120.0
"""Longest pause honoured for one Retry-After, in seconds."""
TIMEOUT = 30.0


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
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None


class Transport(Protocol):
    def __call__(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes | None
    ) -> Response: ...


def urllib_transport(
    method: str, url: str, headers: Mapping[str, str], body: bytes | None
) -> Response:
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers))
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            return Response(answer.status, dict(answer.headers.items()), answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, dict(error.headers.items()), error.read())


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


def load_export(path: Path, helpdesk: Helpdesk) -> tuple[int | None, list[PushItem]]:
    """The requests of an export file written by `behaviordiff export --to <helpdesk>`."""
    from behaviordiff.export.service import EXPORT_FORMAT

    try:
        document = json.loads(read_utf8(path, PushError))
    except json.JSONDecodeError as exc:
        raise PushError(
            f"not valid JSON ({exc.msg})",
            where=f"{path}:{exc.lineno}",
            hint=f"write it with `behaviordiff export --to {helpdesk}`",
        ) from None
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
        source = record.get("source") if isinstance(record.get("source"), dict) else {}
        draft = record.get("draft") if isinstance(record.get("draft"), dict) else {}
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
            )
        )
    release = document.get("release_id")
    return (release if isinstance(release, int) else None), items


# sending ----------------------------------------------------------------------------------

Status = Literal["would-change", "changed", "refused", "failed"]


@dataclass
class PushOutcome:
    item: PushItem
    status: Status
    reason: str = ""
    helpdesk_id: str | None = None
    updated_at: str | int | None = None
    """The item's `updated_at` after the change, as the helpdesk answered."""

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
        }


@dataclass
class PushReport:
    helpdesk: Helpdesk
    applied: bool
    outcomes: list[PushOutcome] = field(default_factory=list)

    @property
    def problems(self) -> list[PushOutcome]:
        return [o for o in self.outcomes if o.status in ("refused", "failed")]

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        return {
            "helpdesk": self.helpdesk,
            "applied": self.applied,
            "counts": counts,
            "items": [outcome.to_dict() for outcome in self.outcomes],
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
                self.audit({"method": method, "path": path, "error": str(reason)})
                raise PushError(
                    f"cannot connect to {self.creds.base_url} ({reason})",
                    where=self.creds.base_url,
                    hint="check the address and the network; nothing after this was sent",
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
    on_progress: Callable[[int, int, PushItem], None] | None = None,
) -> PushReport:
    """Dry run when `sender` is None: what would change. Else send each item's request,
    refusing the ones whose `updated_at` moved since the export. `on_progress` hears (done,
    total, item) before each item is sent."""
    report = PushReport(helpdesk, applied=sender is not None)
    for index, item in enumerate(items):
        if sender is None:
            report.outcomes.append(PushOutcome(item, "would-change", f"{item.method} {item.path}"))
            continue
        if on_progress is not None:
            on_progress(index, len(items), item)
        report.outcomes.append(_push_one(helpdesk, item, sender))
    return report


def _failure(item: PushItem, response: Response, what: str) -> PushOutcome:
    detail = response.body[:200].decode("utf-8", "replace").strip()
    return PushOutcome(
        item,
        "failed",
        f"{what} answered HTTP {response.status}" + (f": {detail}" if detail else ""),
    )


def _push_one(helpdesk: Helpdesk, item: PushItem, sender: Sender) -> PushOutcome:
    if item.updated_at is None:
        return PushOutcome(
            item,
            "refused",
            "the export has no updated_at for it, so a change since cannot be ruled out",
        )
    current = sender.send("GET", _current_path(helpdesk, item))
    if current.status in (401, 403):
        raise PushError(
            f"the helpdesk refused the credentials (HTTP {current.status})",
            where=sender.creds.base_url,
            hint=f"check {_ENV[helpdesk]}",
        )
    if current.status == 404:
        return PushOutcome(item, "refused", "not found in the helpdesk any more")
    if current.status != 200:
        return _failure(item, current, "reading it")
    _, updated_at = _updated_at(helpdesk, item, current.json())
    if updated_at != item.updated_at:
        return PushOutcome(
            item,
            "refused",
            f"changed in the helpdesk since the export (updated_at {item.updated_at} → "
            f"{updated_at}): export again",
        )
    answer = sender.send(item.method, item.path, item.body)
    if answer.status not in (200, 201):
        return _failure(item, answer, "the update")
    ident, new_updated_at = _updated_at(helpdesk, item, answer.json())
    return PushOutcome(
        item,
        "changed",
        helpdesk_id=str(ident) if ident is not None else item.target_id,
        updated_at=new_updated_at,
    )

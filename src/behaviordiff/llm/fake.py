"""A fake model with queued outputs, for offline tests of anything that calls a model."""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from behaviordiff.llm.model import ChatRequest, ChatResult, estimate_tokens

FakeOutput = str | dict[str, Any] | ChatResult | BaseException
"""A reply text, an assistant message dict, a whole result, or an error to raise."""


def tool_call_message(
    name: str, arguments: dict[str, Any] | str, call_id: str = "call_1"
) -> dict[str, Any]:
    raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {"id": call_id, "type": "function", "function": {"name": name, "arguments": raw}}
        ],
    }


class FakeChatModel:
    """Answers with the queued outputs in order, then with `default` (or the responder)."""

    def __init__(
        self,
        outputs: Iterable[FakeOutput] = (),
        *,
        default: FakeOutput | None = "OK",
        responder: Callable[[ChatRequest], FakeOutput] | None = None,
    ):
        self.outputs: deque[FakeOutput] = deque(outputs)
        self.default = default
        self.responder = responder
        self.requests: list[ChatRequest] = []

    def queue(self, *outputs: FakeOutput) -> None:
        self.outputs.extend(outputs)

    async def complete(self, request: ChatRequest) -> ChatResult:
        self.requests.append(request)
        if self.outputs:
            output = self.outputs.popleft()
        elif self.responder is not None:
            output = self.responder(request)
        elif self.default is not None:
            output = self.default
        else:
            raise AssertionError("the fake model has no output queued")
        if isinstance(output, BaseException):
            raise output
        if isinstance(output, ChatResult):
            return output
        message = {"role": "assistant", "content": output} if isinstance(output, str) else output
        return ChatResult(
            message=message,
            finish_reason="tool_calls" if message.get("tool_calls") else "stop",
            prompt_tokens=request.estimated_prompt_tokens(),
            completion_tokens=estimate_tokens(message.get("content") or message.get("tool_calls")),
            model=request.model,
        )

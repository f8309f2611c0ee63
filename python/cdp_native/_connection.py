"""One connection to a browser: drives a Rust ``Transport`` from the asyncio loop. The
transport rings a doorbell fd when messages arrive; the loop's reader drains it and takes
every waiting message in one call (one wake per batch). Replies resolve their futures where
they are read, events go to their session's listeners in arrival order, and after each reply
dispatching pauses for one loop turn, so the code awaiting that reply runs before any later
message is dispatched (the ordering promise of API.md)."""

from __future__ import annotations

import asyncio
import json
import os
import warnings
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Deque, Dict, Optional

from . import _causes
from ._deadlines import Deadlines
from ._options import encode_command
from .errors import CDPWarning, End, ProtocolError, TargetClosedError, TimeoutError

if TYPE_CHECKING:
    from ._native import Transport
    from ._session import CDPSession


def unroutable(what: str, message: dict) -> None:
    """A message that cannot be delivered is reported, never dropped silently."""
    text = json.dumps(message)
    warnings.warn(f"cdp_native received {what}: {text[:300]}{'…' if len(text) > 300 else ''}",
                  CDPWarning, stacklevel=2)


class _Call:
    __slots__ = ("future", "method", "session", "timer")

    def __init__(self, future: "asyncio.Future[dict]", method: str, session: "CDPSession") -> None:
        self.future = future
        self.method = method
        self.session = session
        self.timer: Optional[asyncio.TimerHandle] = None


class Connection:
    def __init__(self, transport: "Transport", medium: str, protocol_timeout: float) -> None:
        self.loop = asyncio.get_running_loop()
        self.medium = medium
        self.protocol_timeout = protocol_timeout
        self.ended: Optional[End] = None
        self.sessions: Dict[str, "CDPSession"] = {}
        self._transport = transport
        self._pending: Dict[int, _Call] = {}
        # Calls given up (timed out, cancelled) whose replies may still come: not strays.
        self._given_up: "set[int]" = set()
        self._next_id = 0
        self._queue: Deque[dict] = deque()
        self._taken = 0
        self._paused = False
        self._close_reason = "the connection was closed"
        self._on_end: "list[Callable[[End], None]]" = []
        self._deadlines = Deadlines(self.loop, protocol_timeout, self._time_out_default)
        self._doorbell = transport.doorbell
        self.loop.add_reader(self._doorbell, self._on_doorbell)

    @property
    def connected(self) -> bool:
        return self.ended is None

    def on_end(self, callback: "Callable[[End], None]") -> None:
        self._on_end.append(callback)

    # -- sending -----------------------------------------------------------------------------
    def send(self, session: "CDPSession", method: str, params: dict,
             timeout: Optional[float]) -> "asyncio.Future[dict]":
        """Sends at once and returns the reply's future; raises before sending on bad input
        or an ended session."""
        self._next_id += 1
        message: Dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session.id is not None:
            message["sessionId"] = session.id
        text = encode_command(message)
        if session.ended is not None:
            raise TargetClosedError(method, session.ended)
        future: "asyncio.Future[dict]" = self.loop.create_future()
        call = _Call(future, method, session)
        if not self._transport.send(text):
            raise TargetClosedError(method, self.ended or End(_causes.CLOSE, self._close_reason))
        self._pending[self._next_id] = call
        if timeout is None:
            if self.protocol_timeout > 0:
                self._deadlines.add(self._next_id, self._pending)
        elif timeout > 0:
            call.timer = self.loop.call_later(timeout, self._time_out, self._next_id, timeout,
                                              "the call's timeout= (0 disables it)")
        return future

    def forget(self, call_id: int) -> None:
        call = self._pending.pop(call_id, None)
        if call:
            self._given_up.add(call_id)
            if call.timer:
                call.timer.cancel()

    def _time_out_default(self, call_id: int) -> None:
        self._time_out(call_id, self.protocol_timeout, "raise protocol_timeout of launch() or "
                       "connect(), or pass timeout= to send() (0 disables it)")

    def _time_out(self, call_id: int, limit: float, advice: str) -> None:
        call = self._pending.pop(call_id, None)
        if call and not call.future.done():
            self._given_up.add(call_id)
            call.future.set_exception(TimeoutError(call.method, limit, advice))

    def fail_session_calls(self, session: "CDPSession", end: End) -> None:
        for call_id, call in list(self._pending.items()):
            if call.session is session:
                self.forget(call_id)
                if not call.future.done():
                    call.future.set_exception(TargetClosedError(call.method, end))

    # -- receiving ---------------------------------------------------------------------------
    def _on_doorbell(self) -> None:
        try:
            os.read(self._doorbell, 4096)
        except (BlockingIOError, InterruptedError):
            pass
        if not self._paused:
            self._dispatch()

    def _resume(self) -> None:
        self._paused = False
        self._dispatch()

    def _dispatch(self) -> None:
        while self.ended is None:
            if not self._queue:
                texts = self._transport.take(self._taken)
                self._taken = len(texts)
                if not texts:
                    cause = self._transport.cause
                    if cause is not None:
                        self._closed(json.loads(cause))
                    return
                for text in texts:
                    parsed = json.loads(text)
                    if isinstance(parsed, list):
                        self._queue.extend(parsed)
                    else:
                        self._queue.append(parsed)
            message = self._queue.popleft()
            if "id" in message:
                if self._reply(message):
                    # Let the awaiting code run before the next message (the ordering promise).
                    self._paused = True
                    self.loop.call_soon(self._resume)
                    return
            elif "method" in message:
                self._event(message)
            else:
                # An error with no id: Chromium's answer to a message it could not read.
                unroutable("an error with no id", message)

    def _reply(self, message: dict) -> bool:
        call = self._pending.pop(message["id"], None)
        if call is None:
            if message["id"] in self._given_up:
                self._given_up.discard(message["id"])
            else:
                unroutable("a reply to no pending call", message)
            return False
        if call.future.done():
            return False
        if call.timer:
            call.timer.cancel()
        error = message.get("error")
        if error is not None:
            call.future.set_exception(ProtocolError(call.method, error))
        else:
            call.future.set_result(message.get("result", {}))
        return True

    def _event(self, message: dict) -> None:
        session = self.sessions.get(message.get("sessionId", ""))
        if session is not None:
            session._receive(message["method"], message.get("params", {}))

    # -- ending ------------------------------------------------------------------------------
    def close(self, reason: str) -> None:
        """Ends the transport; the end (code ``close``) is reported once it has."""
        self._close_reason = reason
        self._transport.close()

    def expect_close(self, reason: str) -> None:
        self._close_reason = reason

    def _closed(self, cause: dict) -> None:
        end = _causes.transport_end(cause, self.medium, self._close_reason)
        self.ended = end
        self.loop.remove_reader(self._doorbell)
        self._deadlines.clear()
        self._queue.clear()
        for call_id, call in list(self._pending.items()):
            self.forget(call_id)
            if not call.future.done():
                call.future.set_exception(TargetClosedError(call.method, end))
        for session in list(self.sessions.values()):
            session._end(end)
        for callback in self._on_end:
            callback(end)

    async def wait_closed(self) -> End:
        if self.ended is not None:
            return self.ended
        done: "asyncio.Future[End]" = self.loop.create_future()

        def ended(end: End) -> None:
            if not done.done():
                done.set_result(end)

        self.on_end(ended)
        return await done

"""CDPSession: one CDP session (the browser's root, or a flat session attached to a target),
with send, listeners, wait_for_event and detach."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Callable, Optional

from . import _causes
from ._emitter import Emitter
from ._options import check_method, check_params, check_timeout
from .errors import End, TargetClosedError, TimeoutError

if TYPE_CHECKING:
    from ._browser import Browser
    from ._connection import Connection


class CDPSession(Emitter):
    """Events by their CDP method name (the listener gets the params); ``"event"`` gets
    every event as ``{"method", "params"}``; ``"detached"`` fires once with the End."""

    def __init__(self, connection: "Connection", browser: "Optional[Browser]", session_id: Optional[str],
                 target_id: Optional[str]) -> None:
        super().__init__()
        self._connection = connection
        self.browser = browser
        self.id = session_id
        self.target_id = target_id
        self.ended: Optional[End] = None
        self._detaching = False
        connection.sessions[session_id or ""] = self

    def __repr__(self) -> str:
        return f"<CDPSession id={self.id!r} target_id={self.target_id!r}>"

    async def __aenter__(self) -> "CDPSession":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.detach()

    async def send(self, method: str, params: Optional[dict] = None, *,
                   timeout: Optional[float] = None) -> dict:
        """Sends one command and returns its ``result``. ``timeout`` in seconds overrides
        the connection's ``protocol_timeout`` (0: none). Bad arguments raise TypeError or
        ValueError and send nothing."""
        method = check_method(method)
        params = check_params(method, params)
        timeout = check_timeout(f"send({method})", timeout)
        future = self._connection.send(self, method, params, timeout)
        call_id = self._connection._next_id
        try:
            return await future
        finally:
            # Cancelled while waiting (a task cancelled, the sync API's Ctrl-C): forgotten.
            if not future.done():
                self._connection.forget(call_id)

    # The escape hatch of the typed stubs: any method string, for commands newer than the
    # pinned protocol (the same call at run time).
    send_unchecked = send

    async def detach(self) -> None:
        """Detaches (Target.detachFromTarget); on an ended session does nothing."""
        if self.ended is not None or self.id is None:
            return
        self._detaching = True
        root = self._connection.sessions.get("")
        try:
            if root is not None and root.ended is None:
                await root.send("Target.detachFromTarget", {"sessionId": self.id})
        except TargetClosedError:
            pass
        self._end(End(_causes.DETACH, "detach() was called"))

    async def wait_for_event(self, name: str, predicate: Optional[Callable[[Any], bool]] = None,
                             timeout: Optional[float] = None) -> Any:
        """The params of the next event ``name`` (for which ``predicate`` is true)."""
        if not isinstance(name, str) or not name:
            raise TypeError(f"wait_for_event(): name must be a non-empty string, got {name!r}")
        if predicate is not None and not callable(predicate):
            raise TypeError(f"wait_for_event({name}): predicate must be callable")
        timeout = check_timeout(f"wait_for_event({name})", timeout)
        if self.ended is not None:
            raise TargetClosedError(name, self.ended)
        future: "asyncio.Future[Any]" = asyncio.get_running_loop().create_future()

        def listener(params: Any) -> None:
            if future.done():
                return
            try:
                if predicate is None or predicate(params):
                    future.set_result(params)
            except Exception as error:  # noqa: BLE001 - the waiter gets the predicate's error
                future.set_exception(error)

        def ended(end: End) -> None:
            if not future.done():
                future.set_exception(TargetClosedError(name, end))

        self.on(name, listener)
        self.on("detached", ended)
        try:
            if timeout:
                try:
                    return await asyncio.wait_for(future, timeout)
                except asyncio.TimeoutError:
                    raise TimeoutError(name, timeout, "wait_for_event()'s timeout=") from None
            return await future
        finally:
            self.remove_listener(name, listener)
            self.remove_listener("detached", ended)

    # -- from the connection -----------------------------------------------------------------
    def _receive(self, method: str, params: dict) -> None:
        if self.ended is not None:
            return
        if method.startswith(("Target.", "Inspector.")):
            self._target_event(method, params)
            if self.ended is not None:
                return
        listeners = self._listeners
        if method in listeners:
            self.emit(method, params)
        if "event" in listeners:
            self.emit("event", {"method": method, "params": params})

    def _target_event(self, method: str, params: Any) -> None:
        """The events that end or announce sessions; the caller emits them after."""
        if not isinstance(params, dict):
            params = {}
        if method == "Target.detachedFromTarget":
            child = self._connection.sessions.get(str(params.get("sessionId", "")))
            if child is not None and child is not self:
                code = _causes.DETACH if child._detaching else _causes.TARGET_CLOSED
                why = "detach() was called" if child._detaching else "the target was closed or detached"
                child._end(End(code, why))
        elif method == "Inspector.targetCrashed":
            self.emit(method, params)
            self._end(End(_causes.TARGET_CRASHED, "the target crashed"))
        elif method == "Target.attachedToTarget" and isinstance(params.get("sessionId"), str):
            sid = params["sessionId"]
            if sid not in self._connection.sessions:
                info = params.get("targetInfo")
                target_id = info.get("targetId") if isinstance(info, dict) else None
                child = CDPSession(self._connection, self.browser, sid, target_id)
                self.emit("sessionattached", child)

    def _end(self, end: End) -> None:
        if self.ended is not None:
            return
        self.ended = end
        if self._connection.sessions.get(self.id or "") is self:
            del self._connection.sessions[self.id or ""]
        self._connection.fail_session_calls(self, end)
        self.emit("detached", end)
        self.remove_all_listeners()

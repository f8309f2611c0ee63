"""The error classes of the public API. Each names the CDP method it concerns."""

from __future__ import annotations

import builtins
from typing import Any, Optional


class CDPError(Exception):
    """The base of cdp_native's own errors."""


class ProtocolError(CDPError):
    """The browser answered a command with an ``error``."""

    def __init__(self, method: str, error: dict) -> None:
        data = error.get("data")
        detail = "" if data is None else f" {data}"
        super().__init__(f"Protocol error ({method}): {error.get('message')}{detail}")
        self.method = method
        self.code: Optional[int] = error.get("code")
        self.data: Any = data
        self.original_message: Optional[str] = error.get("message")


class TargetClosedError(CDPError):
    """The session or the connection ended before the command was answered (or sent).
    ``code`` says why as data (the same codes as the Node face), ``reason`` as a sentence."""

    def __init__(self, method: str, end: "End") -> None:
        super().__init__(f"Protocol error ({method}): Target closed: {end.reason}")
        self.method = method
        self.reason = end.reason
        self.code = end.code
        self.close_code = end.close_code


class TimeoutError(CDPError, builtins.TimeoutError):
    """No answer within the timeout. ``except TimeoutError`` (the built-in) catches it; on
    3.11+ that is also ``asyncio.TimeoutError``."""

    def __init__(self, method: str, timeout: Optional[float], advice: str) -> None:
        after = "" if timeout is None else f" after {timeout:g} s"
        super().__init__(f"{method} timed out{after}: {advice}")
        self.method = method
        self.timeout = timeout


class AbortError(CDPError):
    """A call was given up before its answer: its waiting task was cancelled (the
    sync API's Ctrl-C), reported to whoever else waits on it."""

    def __init__(self, method: str, reason: str = "") -> None:
        super().__init__(f"{method} was aborted{': ' + reason if reason else ''}")
        self.method = method


class CDPWarning(UserWarning):
    """A message from the peer that could not be delivered (as the Node face's CDPWarning)."""


class End:
    """How a session or a connection ended: ``code``, ``reason``, and ``close_code`` when a
    WebSocket close frame had one. Shared by errors and events."""

    __slots__ = ("code", "reason", "close_code")

    def __init__(self, code: str, reason: str, close_code: Optional[int] = None) -> None:
        self.code = code
        self.reason = reason
        self.close_code = close_code

    def __repr__(self) -> str:
        return f"End(code={self.code!r}, reason={self.reason!r})"

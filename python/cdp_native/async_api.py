"""The asyncio API: ``await launch()``, ``await session.send(...)``."""

from ._browser import Browser
from ._connect_target import connect_target
from ._launch import connect, launch
from ._session import CDPSession
from .errors import AbortError, CDPError, CDPWarning, End, ProtocolError, TargetClosedError, TimeoutError

__all__ = ["launch", "connect", "connect_target", "Browser", "CDPSession", "CDPError", "ProtocolError",
           "TargetClosedError", "TimeoutError", "AbortError", "CDPWarning", "End"]

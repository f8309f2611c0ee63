"""connect_target(): the root session (messages without a sessionId) of any CDP WebSocket
endpoint: a page's or worker's /devtools/page/<id>, Node's inspector, a browser, any CDP
server. Nothing is sent on connect; detach() closes the connection."""

from __future__ import annotations

import asyncio
import builtins
import json
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, List, Optional, Union

from . import _causes
from ._connection import Connection
from ._launch import _open_websocket
from ._options import (DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_PROTOCOL_TIMEOUT,
                       check_choice, check_size, check_timeout)
from ._session import CDPSession
from .errors import End, TimeoutError

Target = Union[None, str, Callable[[List[dict]], Any]]


class TargetSession(CDPSession):
    """A connection's root session: detaching it closes the connection."""

    async def detach(self) -> None:
        if self.ended is not None:
            return
        self._end(End(_causes.DETACH, "detach() was called"))
        self._connection.close("detach() was called")
        await self._connection.wait_closed()


def _choose(targets: List[dict], target: Target, origin: str) -> dict:
    if callable(target):
        chosen = target(targets)
        if isinstance(chosen, str):
            target = chosen
        elif isinstance(chosen, dict):
            return chosen
        else:
            raise ValueError(f"connect_target({origin}): the target function returned {chosen!r}, "
                             "not an entry of the list or an id")
    if isinstance(target, str):
        for entry in targets:
            if entry.get("id") == target:
                return entry
        raise ValueError(f"connect_target({origin}): no target with id {target!r} in /json/list")
    pages = [t for t in targets if t.get("type") == "page"] or targets
    if not pages:
        raise ValueError(f"connect_target({origin}): /json/list lists no targets")
    return pages[0]


def _resolve_list(origin: str, target: Target, headers: Dict[str, str], timeout: float) -> "tuple[str, Optional[str]]":
    request = urllib.request.Request(urllib.parse.urljoin(origin, "/json/list"), headers=headers)
    with urllib.request.urlopen(request, timeout=timeout or None) as response:
        targets = json.loads(response.read())
    entry = _choose(targets, target, origin)
    given, found = urllib.parse.urlsplit(origin), urllib.parse.urlsplit(entry["webSocketDebuggerUrl"])
    scheme = "wss" if given.scheme == "https" else "ws"
    url = urllib.parse.urlunsplit((scheme, given.netloc, found.path, found.query, ""))
    return url, entry.get("id")


async def connect_target(endpoint: str, *, target: Target = None,
                         headers: Optional[Dict[str, str]] = None,
                         timeout: float = DEFAULT_CONNECT_TIMEOUT,
                         protocol_timeout: float = DEFAULT_PROTOCOL_TIMEOUT,
                         max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE) -> CDPSession:
    if not isinstance(endpoint, str) or not endpoint:
        raise TypeError(f"connect_target(): endpoint must be a ws://, wss:// or http:// URL, got {endpoint!r}")
    scheme = urllib.parse.urlsplit(endpoint).scheme
    check_choice("connect_target()", "the endpoint's scheme", scheme, ("ws", "wss", "http", "https"))
    if target is not None and not isinstance(target, str) and not callable(target):
        raise TypeError(f"connect_target(): target must be an id or a function of the list, got {target!r}")
    timeout = check_timeout("connect_target()", timeout, allow_none=False) or 0.0
    protocol_timeout = check_timeout("connect_target()", protocol_timeout, allow_none=False) or 0.0
    check_size("connect_target()", "max_message_size", max_message_size)
    headers = dict(headers or {})
    url, target_id = endpoint, None
    if scheme in ("http", "https"):
        loop = asyncio.get_running_loop()
        try:
            url, target_id = await loop.run_in_executor(None, _resolve_list, endpoint, target, headers, timeout)
        except OSError as error:
            raise ConnectionError(f"connect_target(): could not reach {endpoint}: {error}") from error
    try:
        transport = await _open_websocket(url, headers, max_message_size, timeout)
    except builtins.TimeoutError:
        raise TimeoutError("connect_target", timeout, "connect_target()'s timeout=") from None
    except OSError as error:
        raise ConnectionError(f"connect_target(): could not connect to {endpoint}: {error}") from error
    connection = Connection(transport, "websocket", protocol_timeout)
    return TargetSession(connection, None, None, target_id)

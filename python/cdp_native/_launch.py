"""launch() and connect(). Finding Chromium, its flags, the fresh 0700 profile and TMPDIR,
the pipe fds 3 and 4, the process-group kill and the folders' removal live in Rust
(crates/launch); this file only orders the steps and bounds them by ``timeout``."""

from __future__ import annotations

import asyncio
import atexit
import builtins
import json
import urllib.parse
import urllib.request
import weakref
from typing import Dict, Iterable, Optional

from . import _native
from ._browser import Browser, _wait_for_exit
from ._connection import Connection
from ._options import (DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_PROTOCOL_TIMEOUT,
                       TRANSPORTS, check_choice, check_size, check_timeout)
from .errors import TimeoutError

# Launched browsers still alive: killed (their folders removed) when the interpreter exits.
_live: "weakref.WeakSet[_native.BrowserProcess]" = weakref.WeakSet()
# How often the profile is looked at for the DevTools port, in seconds.
PORT_POLL = 0.025


def track(process: "_native.BrowserProcess") -> None:
    _live.add(process)


@atexit.register
def _kill_all() -> None:
    for process in list(_live):
        process.kill()
        process.wait_for_exit(2.0)
        process.remove_folders()


async def launch(*, executable_path: Optional[str] = None, headless: bool = True,
                 transport: str = "pipe", args: Iterable[str] = (),
                 user_data_dir: Optional[str] = None, timeout: float = DEFAULT_CONNECT_TIMEOUT,
                 protocol_timeout: float = DEFAULT_PROTOCOL_TIMEOUT,
                 max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE) -> Browser:
    """Starts a local Chromium and connects to it over a pipe (default) or a WebSocket."""
    check_choice("launch()", "transport", transport, TRANSPORTS)
    timeout = check_timeout("launch()", timeout, allow_none=False) or 0.0
    protocol_timeout = check_timeout("launch()", protocol_timeout, allow_none=False) or 0.0
    check_size("launch()", "max_message_size", max_message_size)
    args = list(args)
    if not all(isinstance(a, str) for a in args):
        raise TypeError(f"launch(): args must be strings, got {args!r}")
    executable = _native.find_executable(executable_path)
    pipe = _native.open_pipe(max_message_size) if transport == "pipe" else None
    try:
        process = _native.spawn_browser(executable, args, bool(headless), pipe, user_data_dir)
    except BaseException:
        if pipe is not None:
            pipe.close()
        raise
    track(process)
    try:
        return await asyncio.wait_for(
            _until_ready(process, pipe, protocol_timeout, max_message_size), timeout or None)
    except BaseException as error:
        if pipe is not None:
            pipe.close()
        process.kill()
        await _wait_for_exit(process, 2.0)
        process.remove_folders()
        if isinstance(error, asyncio.TimeoutError):
            raise TimeoutError("launch", timeout, f"launch()'s timeout=; browser stderr:\n"
                               f"{process.stderr_tail()}") from None
        if isinstance(error, Exception):
            raise RuntimeError(f"Failed to launch {executable}: {error}\n--- browser stderr ---\n"
                               f"{process.stderr_tail()}") from error
        raise


async def _until_ready(process: "_native.BrowserProcess", pipe: "Optional[_native.Transport]",
                       protocol_timeout: float, max_message_size: int) -> Browser:
    if pipe is not None:
        browser = Browser(Connection(pipe, "pipe", protocol_timeout), None, process)
        # The first answer is bounded by launch()'s timeout (the wait_for around this), not by
        # protocol_timeout: a short one must not fail a slow start, as in the Node launcher.
        await browser._root.send("Browser.getVersion", timeout=0)
        return browser
    while True:
        endpoint = process.active_port()
        if endpoint is not None:
            break
        if process.exit_info() is not None:
            raise RuntimeError(f"the browser exited with {process.exit_info()} before it was ready")
        await asyncio.sleep(PORT_POLL)
    transport = await _open_websocket(endpoint, {}, max_message_size, DEFAULT_CONNECT_TIMEOUT)
    return Browser(Connection(transport, "websocket", protocol_timeout), endpoint, process)


async def _open_websocket(url: str, headers: Dict[str, str], max_message_size: int,
                          timeout: float) -> "_native.Transport":
    # The upgrade blocks in Rust with the GIL released, on an executor thread.
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, _native.connect_websocket, url, list(headers.items()),
                                      max_message_size, timeout or 1e9)


def _resolve_http(origin: str, headers: Dict[str, str], timeout: float) -> str:
    """The browser's WebSocket URL from ``GET /json/version``, on the host and port given."""
    request = urllib.request.Request(urllib.parse.urljoin(origin, "/json/version"), headers=headers)
    with urllib.request.urlopen(request, timeout=timeout or None) as response:
        url = json.loads(response.read())["webSocketDebuggerUrl"]
    given, found = urllib.parse.urlsplit(origin), urllib.parse.urlsplit(url)
    scheme = "wss" if given.scheme == "https" else "ws"
    return urllib.parse.urlunsplit((scheme, given.netloc, found.path, found.query, ""))


async def connect(endpoint: str, *, headers: Optional[Dict[str, str]] = None,
                  timeout: float = DEFAULT_CONNECT_TIMEOUT,
                  protocol_timeout: float = DEFAULT_PROTOCOL_TIMEOUT,
                  max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE) -> Browser:
    """Connects to a running browser: a ``ws://``/``wss://`` URL, or an ``http://`` origin
    resolved through ``/json/version``."""
    if not isinstance(endpoint, str) or not endpoint:
        raise TypeError(f"connect(): endpoint must be a ws://, wss:// or http:// URL, got {endpoint!r}")
    scheme = urllib.parse.urlsplit(endpoint).scheme
    check_choice("connect()", "the endpoint's scheme", scheme, ("ws", "wss", "http", "https"))
    timeout = check_timeout("connect()", timeout, allow_none=False) or 0.0
    protocol_timeout = check_timeout("connect()", protocol_timeout, allow_none=False) or 0.0
    check_size("connect()", "max_message_size", max_message_size)
    headers = dict(headers or {})
    url = endpoint
    if scheme in ("http", "https"):
        loop = asyncio.get_running_loop()
        try:
            url = await loop.run_in_executor(None, _resolve_http, endpoint, headers, timeout)
        except OSError as error:
            raise ConnectionError(f"connect(): could not reach {endpoint}: {error}") from error
    try:
        transport = await _open_websocket(url, headers, max_message_size, timeout)
    except builtins.TimeoutError:
        raise TimeoutError("connect", timeout, "connect()'s timeout=") from None
    except OSError as error:
        raise ConnectionError(f"connect(): could not connect to {endpoint}: {error}") from error
    return Browser(Connection(transport, "websocket", protocol_timeout), url, None)


"""The blocking API: the same names as async_api, without ``await``.

Design: one asyncio event loop on a background daemon thread (cdp_native/_loop_thread.py)
runs the async API; each blocking call waits for its result there. So it works inside a
program that runs an asyncio loop elsewhere, Ctrl-C interrupts a waiting call (it raises
KeyboardInterrupt and the call is cancelled), and the interpreter exits when the script ends.
Listeners run on that background thread ("cdp-native-sync"), in arrival order, as the
messages are dispatched; a listener must not make blocking calls (use ``send_nowait``)."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Optional

from . import _browser, _connect_target, _launch, _session
from ._loop_thread import call_soon, run
from ._options import DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_PROTOCOL_TIMEOUT
from .errors import AbortError, CDPError, CDPWarning, End, ProtocolError, TargetClosedError, TimeoutError

__all__ = ["launch", "connect", "connect_target", "Browser", "CDPSession", "CDPError", "ProtocolError",
           "TargetClosedError", "TimeoutError", "AbortError", "CDPWarning", "End"]


class _Listening:
    """on/once/remove_listener on the wrapped async object, from any thread."""

    _inner: Any

    def on(self, name: str, listener: Callable[..., Any]) -> "_Listening":
        _check_listener(name, listener)
        call_soon(self._inner.on, name, listener)
        return self

    def once(self, name: str, listener: Callable[..., Any]) -> "_Listening":
        _check_listener(name, listener)
        call_soon(self._inner.once, name, listener)
        return self

    def remove_listener(self, name: str, listener: Callable[..., Any]) -> "_Listening":
        call_soon(self._inner.remove_listener, name, listener)
        return self

    off = remove_listener


def _check_listener(name: Any, listener: Any) -> None:
    if not isinstance(name, str) or not name:
        raise TypeError(f"on(): the event name must be a non-empty string, got {name!r}")
    if not callable(listener):
        raise TypeError(f"on({name}): the listener must be callable, got {listener!r}")


class CDPSession(_Listening):
    def __init__(self, inner: _session.CDPSession) -> None:
        self._inner = inner

    def __repr__(self) -> str:
        return repr(self._inner)

    def __enter__(self) -> "CDPSession":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.detach()

    @property
    def id(self) -> Optional[str]:
        return self._inner.id

    @property
    def target_id(self) -> Optional[str]:
        return self._inner.target_id

    def send(self, method: str, params: Optional[dict] = None, *,
             timeout: Optional[float] = None) -> dict:
        return run(self._inner.send(method, params, timeout=timeout))

    send_unchecked = send

    def send_nowait(self, method: str, params: Optional[dict] = None, *,
                    timeout: Optional[float] = None) -> None:
        """Sends from a listener without waiting; errors are reported, not raised."""
        import asyncio

        call_soon(lambda: asyncio.ensure_future(self._inner.send(method, params, timeout=timeout)))

    def detach(self) -> None:
        run(self._inner.detach())

    def wait_for_event(self, name: str, predicate: Optional[Callable[[Any], bool]] = None,
                       timeout: Optional[float] = None) -> Any:
        return run(self._inner.wait_for_event(name, predicate, timeout))


class Browser(_Listening):
    def __init__(self, inner: _browser.Browser) -> None:
        self._inner = inner

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def ws_endpoint(self) -> Optional[str]:
        return self._inner.ws_endpoint

    @property
    def process(self) -> Any:
        return self._inner.process

    @property
    def connected(self) -> bool:
        return self._inner.connected

    def new_page(self, url: str = "about:blank") -> CDPSession:
        return CDPSession(run(self._inner.new_page(url)))

    def new_cdp_session(self, target_id: str) -> CDPSession:
        return CDPSession(run(self._inner.new_cdp_session(target_id)))

    def new_browser_cdp_session(self) -> CDPSession:
        return CDPSession(run(self._inner.new_browser_cdp_session()))

    def targets(self) -> List[dict]:
        return run(self._inner.targets())

    def version(self) -> dict:
        return run(self._inner.version())

    def close(self) -> None:
        run(self._inner.close())

    def disconnect(self) -> None:
        run(self._inner.disconnect())


def launch(*, executable_path: Optional[str] = None, headless: bool = True,
           transport: str = "pipe", args: Iterable[str] = (), user_data_dir: Optional[str] = None,
           timeout: float = DEFAULT_CONNECT_TIMEOUT, protocol_timeout: float = DEFAULT_PROTOCOL_TIMEOUT,
           max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE) -> Browser:
    return Browser(run(_launch.launch(
        executable_path=executable_path, headless=headless, transport=transport, args=args,
        user_data_dir=user_data_dir, timeout=timeout, protocol_timeout=protocol_timeout,
        max_message_size=max_message_size)))


def connect(endpoint: str, *, headers: Optional[Dict[str, str]] = None,
            timeout: float = DEFAULT_CONNECT_TIMEOUT, protocol_timeout: float = DEFAULT_PROTOCOL_TIMEOUT,
            max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE) -> Browser:
    return Browser(run(_launch.connect(endpoint, headers=headers, timeout=timeout,
                                       protocol_timeout=protocol_timeout,
                                       max_message_size=max_message_size)))


def connect_target(endpoint: str, *, target: Any = None, headers: Optional[Dict[str, str]] = None,
                   timeout: float = DEFAULT_CONNECT_TIMEOUT, protocol_timeout: float = DEFAULT_PROTOCOL_TIMEOUT,
                   max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE) -> CDPSession:
    return CDPSession(run(_connect_target.connect_target(
        endpoint, target=target, headers=headers, timeout=timeout, protocol_timeout=protocol_timeout,
        max_message_size=max_message_size)))

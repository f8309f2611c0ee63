"""The sync API's event loop: one asyncio loop on a daemon thread, started on first use. A
blocking call submits its coroutine there and waits on a concurrent future, which Ctrl-C
interrupts (the call is then cancelled on the loop); the daemon thread never holds the
interpreter at exit. It is independent of any loop the program runs itself."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Coroutine, Optional, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_loop: Optional[asyncio.AbstractEventLoop] = None
_thread: Optional[threading.Thread] = None


def loop() -> asyncio.AbstractEventLoop:
    global _loop, _thread
    with _lock:
        if _loop is None:
            ready = threading.Event()
            new_loop = asyncio.new_event_loop()

            def run() -> None:
                asyncio.set_event_loop(new_loop)
                new_loop.call_soon(ready.set)
                new_loop.run_forever()

            _thread = threading.Thread(target=run, name="cdp-native-sync", daemon=True)
            _thread.start()
            ready.wait()
            _loop = new_loop
        return _loop


def in_loop_thread() -> bool:
    return _thread is not None and threading.current_thread() is _thread


def run(coroutine: "Coroutine[Any, Any, T]") -> T:
    """Runs ``coroutine`` on the loop thread and waits for it."""
    if in_loop_thread():
        coroutine.close()
        raise RuntimeError("cdp_native.sync_api: a blocking call from a listener would wait on "
                           "the thread that must answer it; in a listener use "
                           "session.send_nowait(...), or the async API")
    future = asyncio.run_coroutine_threadsafe(coroutine, loop())
    try:
        return future.result()
    except KeyboardInterrupt:
        # Ctrl-C: the call is given up on the loop too (its pending entry is forgotten).
        future.cancel()
        raise


def call_soon(callback: Any, *args: Any) -> None:
    loop().call_soon_threadsafe(callback, *args)

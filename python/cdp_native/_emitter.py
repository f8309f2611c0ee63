"""Listeners by event name, as Node's EventEmitter and pyee: plain functions or coroutine
functions, taking the event's params or nothing (the seed's ``lambda: print(...)``). They run
in arrival order on the event loop's thread; a coroutine is started as a task, so it never
holds back later messages or replies. A listener that raises is reported through the loop's
exception handler, and the others still run."""

from __future__ import annotations

import asyncio
import functools
import inspect
from typing import Any, Callable, Dict, List, Tuple

Listener = Callable[..., Any]


def _takes_argument(listener: Listener) -> bool:
    try:
        parameters = inspect.signature(listener).parameters.values()
    except (TypeError, ValueError):
        return True
    for p in parameters:
        if p.kind in (p.VAR_POSITIONAL,):
            return True
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            return True
    return False


class Emitter:
    def __init__(self) -> None:
        # name -> [(listener, passes the argument, once)]
        self._listeners: Dict[str, List[Tuple[Listener, bool, bool]]] = {}

    def on(self, name: str, listener: Listener) -> "Emitter":
        return self._add(name, listener, False)

    def once(self, name: str, listener: Listener) -> "Emitter":
        return self._add(name, listener, True)

    add_listener = on

    def _add(self, name: str, listener: Listener, once: bool) -> "Emitter":
        if not isinstance(name, str) or not name:
            raise TypeError(f"on(): the event name must be a non-empty string, got {name!r}")
        if not callable(listener):
            raise TypeError(f"on({name}): the listener must be callable, got {listener!r}")
        self._listeners.setdefault(name, []).append((listener, _takes_argument(listener), once))
        return self

    def remove_listener(self, name: str, listener: Listener) -> "Emitter":
        entries = self._listeners.get(name, [])
        for i, entry in enumerate(entries):
            if entry[0] is listener or entry[0] == listener:
                del entries[i]
                break
        return self

    off = remove_listener

    def remove_all_listeners(self, name: "str | None" = None) -> "Emitter":
        if name is None:
            self._listeners.clear()
        else:
            self._listeners.pop(name, None)
        return self

    def listener_count(self, name: str) -> int:
        return len(self._listeners.get(name, ()))

    def emit(self, name: str, argument: Any = None) -> bool:
        entries = self._listeners.get(name)
        if not entries:
            return False
        # A copy, so that a listener added or removed meanwhile changes only later events.
        current = tuple(entries)
        for entry in current:
            if entry[2]:
                entries.remove(entry)
        for listener, passes, _ in current:
            try:
                result = listener(argument) if passes else listener()
                if inspect.isawaitable(result):
                    task = asyncio.ensure_future(result)
                    task.add_done_callback(functools.partial(_report_task, name=name, listener=listener))
            except Exception as error:  # noqa: BLE001 - reported, and the others run
                _report(name, listener, error)
        return True


def _report(name: str, listener: Listener, error: BaseException) -> None:
    message = f"cdp_native: a listener for {name!r} raised"
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        import traceback

        traceback.print_exception(type(error), error, error.__traceback__)
        return
    loop.call_exception_handler({"message": message, "exception": error, "listener": listener})


def _report_task(task: "asyncio.Future[Any]", name: str, listener: Listener) -> None:
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:
        _report(name, listener, error)

"""The connection's default per-call timeout: calls sent with it expire in the order they were
sent, so one timer for the oldest serves them all, instead of a timer (a heap entry) per call.
A call given its own timeout= gets its own timer (the connection's business)."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Callable, Container, Deque, Optional, Tuple


class Deadlines:
    def __init__(self, loop: asyncio.AbstractEventLoop, limit: float,
                 expire: Callable[[int], None]) -> None:
        self._loop = loop
        self._limit = limit
        self._expire = expire
        self._queue: Deque[Tuple[float, int]] = deque()
        self._timer: Optional[asyncio.TimerHandle] = None

    def add(self, call_id: int, pending: Container[int]) -> None:
        self._queue.append((self._loop.time() + self._limit, call_id))
        # Answered calls stay queued until their deadline; when they are most of the queue
        # (the oldest call still waits), they are dropped, so memory follows what is pending.
        if len(self._queue) > 4096 and len(self._queue) > 2 * len(pending):  # type: ignore[arg-type]
            self._queue = deque(e for e in self._queue if e[1] in pending)
        if self._timer is None:
            self._arm()

    def _arm(self) -> None:
        self._timer = self._loop.call_at(self._queue[0][0], self._fire) if self._queue else None

    def _fire(self) -> None:
        now = self._loop.time()
        while self._queue and self._queue[0][0] <= now:
            self._expire(self._queue.popleft()[1])
        self._arm()

    def clear(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._queue.clear()

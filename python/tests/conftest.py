"""Fixtures: a real Chromium over each transport. Each test runs its own event loop."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest

from cdp_native.async_api import launch

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"

# Runtime.evaluate's params for a call never answered while the page lives. The promise stays
# reachable (its resolver is kept on the page): V8 may collect an unreachable one, and
# Chromium then answers "Promise was collected".
NEVER = {"expression": "new Promise((resolve) => (globalThis.__neverSettled ??= []).push(resolve))",
         "awaitPromise": True}


@pytest.fixture(params=["pipe", "websocket"])
def transport(request: Any) -> str:
    return request.param


def run(body: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(body())


def with_browser(transport: str, body: Callable[[Any], Awaitable[Any]], **options: Any) -> Any:
    async def main() -> Any:
        browser = await launch(transport=transport, **options)
        try:
            return await body(browser)
        finally:
            await browser.close()

    return asyncio.run(main())


def python_script(code: str) -> "subprocess.Popen[str]":
    """A Python child running ``code``, its stdout piped line by line."""
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ), cwd=HERE)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); its state says it is gone.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False

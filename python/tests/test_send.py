"""send: results, protocol errors, bad arguments (nothing sent, the session still usable),
per-call timeouts, a 32 MiB result."""

from __future__ import annotations

import builtins

import pytest

from cdp_native.async_api import ProtocolError, TimeoutError
from conftest import NEVER, with_browser

MIB = 1024 * 1024


def test_send_returns_the_result(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        result = await page.send("Runtime.evaluate", {"expression": "6 * 7"})
        assert result["result"] == {"type": "number", "value": 42, "description": "42"}
        version = await browser.version()
        assert "Chrome" in version["product"] or "Chromium" in version["product"]
        assert any(t["targetId"] == page.target_id for t in await browser.targets())

    with_browser(transport, body)


def test_protocol_error_has_method_code_and_data(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        with pytest.raises(ProtocolError) as caught:
            await page.send("Runtime.evaluate", {"expression": 1})
        assert caught.value.method == "Runtime.evaluate"
        assert caught.value.code == -32602
        assert "Runtime.evaluate" in str(caught.value)
        with pytest.raises(ProtocolError) as unknown:
            await page.send("No.suchMethod")
        assert unknown.value.code == -32601 and "No.suchMethod" in str(unknown.value)

    with_browser(transport, body)


def test_bad_arguments_send_nothing_and_leave_the_session_usable(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        marker = "window.__sent = true"
        bad_calls = [
            (TypeError, lambda: page.send("")),
            (TypeError, lambda: page.send(None)),  # type: ignore[arg-type]
            (TypeError, lambda: page.send("Runtime.evaluate", ["not", "a", "dict"])),  # type: ignore[arg-type]
            (TypeError, lambda: page.send("Runtime.evaluate", {"expression": marker, "x": float("nan")})),
            (TypeError, lambda: page.send("Runtime.evaluate", {"expression": marker, "x": object()})),
            (TypeError, lambda: page.send("Runtime.evaluate", {"expression": marker}, timeout="1")),  # type: ignore[arg-type]
            (ValueError, lambda: page.send("Runtime.evaluate", {"expression": marker}, timeout=-1)),
            (ValueError, lambda: page.send("Runtime.evaluate", {"expression": marker + "//" + "x" * (100 * MIB)})),
        ]
        cyclic: dict = {"expression": marker}
        cyclic["self"] = cyclic
        # A cycle nests without end: refused by the depth check.
        bad_calls.append((ValueError, lambda: page.send("Runtime.evaluate", cyclic)))
        for error, call in bad_calls:
            with pytest.raises(error) as caught:
                await call()
            assert "send" in str(caught.value)
        # None of them reached the page, and the session still answers.
        seen = await page.send("Runtime.evaluate", {"expression": "window.__sent === true"})
        assert seen["result"]["value"] is False

    with_browser(transport, body)


def test_a_per_call_timeout_raises_a_builtin_timeout_error(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        with pytest.raises(builtins.TimeoutError) as caught:
            await page.send("Runtime.evaluate", NEVER, timeout=0.3)
        assert isinstance(caught.value, TimeoutError)
        assert caught.value.method == "Runtime.evaluate" and caught.value.timeout == 0.3
        assert (await page.send("Runtime.evaluate", {"expression": "1"}))["result"]["value"] == 1

    with_browser(transport, body)


def test_a_32_mib_result_arrives_intact(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        expression = "'abcdefgh'.repeat(4 * 1024 * 1024)"
        result = await page.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        value = result["result"]["value"]
        assert len(value) == 32 * MIB and value == "abcdefgh" * (4 * MIB)

    with_browser(transport, body)


def nested(levels: int) -> dict:
    """A params dict of ``levels`` levels (itself counting as 1)."""
    value: dict = {}
    for _ in range(levels - 1):
        value = {"a": value}
    return value


def test_params_nested_past_chromiums_limit_are_refused_before_sending(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        # The message is level 1, params level 2: params of 300 levels make 301, Chromium's limit.
        at_limit = nested(300)
        at_limit["expression"] = "6"
        assert (await page.send("Runtime.evaluate", at_limit))["result"]["value"] == 6
        over = nested(301)
        over["expression"] = "window.__deep = true"
        with pytest.raises(ValueError) as caught:
            await page.send("Runtime.evaluate", over)
        assert "Runtime.evaluate" in str(caught.value) and "301" in str(caught.value)
        seen = await page.send("Runtime.evaluate", {"expression": "window.__deep === true"})
        assert seen["result"]["value"] is False

    with_browser(transport, body)


def test_a_late_reply_to_a_timed_out_call_is_no_stray(transport: str) -> None:
    import asyncio
    import warnings

    async def body(browser):
        page = await browser.new_page()
        slow = {"expression": "new Promise(r => setTimeout(() => r(1), 300))", "awaitPromise": True}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(TimeoutError):
                await page.send("Runtime.evaluate", slow, timeout=0.05)
            await page.send("Runtime.evaluate", {"expression": "new Promise(r => setTimeout(r, 600))",
                                                 "awaitPromise": True})
            await asyncio.sleep(0.1)
        assert [str(w.message) for w in caught] == []

    with_browser(transport, body)


def test_the_connection_default_timeout_applies_to_calls_without_their_own(transport: str) -> None:
    import asyncio

    DEFAULT = 2.0

    async def body(browser):
        page = await browser.new_page()
        started = asyncio.get_running_loop().time()
        waits = [asyncio.ensure_future(page.send("Runtime.evaluate", NEVER)) for _ in range(3)]
        quick = await page.send("Runtime.evaluate", {"expression": "1"})
        assert quick["result"]["value"] == 1
        results = await asyncio.gather(*waits, return_exceptions=True)
        assert all(isinstance(r, TimeoutError) and "protocol_timeout" in str(r) for r in results)
        assert asyncio.get_running_loop().time() - started >= DEFAULT
        # timeout=0 disables it for one call: still pending after the default has passed.
        unbounded = asyncio.ensure_future(page.send("Runtime.evaluate", NEVER, timeout=0))
        await asyncio.sleep(DEFAULT * 1.5)
        assert not unbounded.done()
        unbounded.cancel()

    # Long enough that opening the page, which it bounds too, fits on a busy machine.
    with_browser(transport, body, protocol_timeout=DEFAULT)


def test_a_protocol_timeout_shorter_than_the_start_does_not_fail_launch(transport: str) -> None:
    # The browser's first answer is bounded by launch()'s timeout alone; protocol_timeout is
    # for the calls made afterwards, as in the Node launcher.
    async def body(browser):
        return (await browser._root.send("Browser.getVersion", timeout=0))["product"]

    assert "Chrome" in with_browser(transport, body, protocol_timeout=0.001)

"""Events: on the right session with several pages, the catch-all, listeners of every shape,
a raising listener, the ordering promise, detach, a target closed from elsewhere."""

from __future__ import annotations

import asyncio

import pytest

from cdp_native.async_api import TargetClosedError
from conftest import NEVER, with_browser

LOG = "Runtime.consoleAPICalled"


def logged(params: dict) -> str:
    return params["args"][0]["value"]


def test_events_reach_only_their_own_session(transport: str) -> None:
    async def body(browser):
        pages = [await browser.new_page() for _ in range(3)]
        seen: "dict[int, list[str]]" = {i: [] for i in range(3)}
        caught_all: "list[str]" = []
        for i, page in enumerate(pages):
            page.on(LOG, lambda params, i=i: seen[i].append(logged(params)))
            page.on("event", lambda event: caught_all.append(event["method"]))
            await page.send("Runtime.enable")
        for i, page in enumerate(pages):
            await page.send("Runtime.evaluate", {"expression": f"console.log('page {i}')"})
        await asyncio.sleep(0.2)
        assert seen == {0: ["page 0"], 1: ["page 1"], 2: ["page 2"]}
        assert caught_all.count(LOG) == 3

    with_browser(transport, body)


def test_listeners_of_every_shape_run_in_order_and_one_raising_stops_none(transport: str) -> None:
    async def body(browser):
        loop = asyncio.get_running_loop()
        reported: "list[BaseException]" = []
        loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
        page = await browser.new_page()
        order: "list[str]" = []

        async def coroutine_listener(params: dict) -> None:
            order.append("coroutine " + logged(params))

        def raising(_params: dict) -> None:
            raise RuntimeError("listener failed")

        page.on(LOG, lambda: order.append("no argument"))
        page.on(LOG, raising)
        page.on(LOG, lambda params: order.append("plain " + logged(params)))
        page.on(LOG, coroutine_listener)
        page.once(LOG, lambda: order.append("once"))
        await page.send("Runtime.enable")
        await page.send("Runtime.evaluate", {"expression": "console.log('a'); console.log('b')"})
        await asyncio.sleep(0.2)
        # Functions run as each event is dispatched; coroutines start as tasks, in order too.
        assert [o for o in order if not o.startswith("coroutine")] == [
            "no argument", "plain a", "once", "no argument", "plain b"]
        assert [o for o in order if o.startswith("coroutine")] == ["coroutine a", "coroutine b"]
        assert [str(e) for e in reported] == ["listener failed", "listener failed"]

    with_browser(transport, body)


def test_the_code_awaiting_a_reply_runs_before_later_messages(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        seen: "list[str]" = []
        page.on(LOG, lambda params: seen.append(logged(params)))
        await page.send("Runtime.enable")
        marks: "list[tuple[int, int]]" = []

        async def one(i: int) -> None:
            await page.send("Runtime.evaluate", {"expression": f"console.log('{i}')"})
            marks.append((i, len(seen)))

        # Pipelined: the replies and events arrive in batches, yet each awaiting task sees
        # exactly the events that came before its reply.
        await asyncio.gather(*(one(i) for i in range(50)))
        assert marks == [(i, i + 1) for i in range(50)]

    with_browser(transport, body)


def test_detach_ends_the_session_and_later_sends_raise(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        ends = []
        page.on("detached", ends.append)
        await page.detach()
        await page.detach()  # an ended session: nothing happens
        assert [end.code for end in ends] == ["detach"]
        with pytest.raises(TargetClosedError) as caught:
            await page.send("Runtime.evaluate", {"expression": "1"})
        assert caught.value.code == "detach" and "detach()" in str(caught.value)
        # The target is still there: a new session works.
        again = await browser.new_cdp_session(page.target_id)
        assert (await again.send("Runtime.evaluate", {"expression": "2"}))["result"]["value"] == 2

    with_browser(transport, body)


def test_a_target_closed_from_elsewhere_fails_its_pending_calls(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        other = await browser.new_browser_cdp_session()
        ends = []
        page.on("detached", ends.append)
        pending = asyncio.ensure_future(page.send("Runtime.evaluate", NEVER))
        await asyncio.sleep(0.1)
        await other.send("Target.closeTarget", {"targetId": page.target_id})
        with pytest.raises(TargetClosedError) as caught:
            await asyncio.wait_for(pending, 10)
        assert caught.value.code == "target-closed"
        assert [end.code for end in ends] == ["target-closed"]
        assert (await other.send("Browser.getVersion"))["product"]

    with_browser(transport, body)


def test_wait_for_event_with_a_predicate(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        await page.send("Runtime.enable")
        waiting = asyncio.ensure_future(page.wait_for_event(LOG, lambda p: logged(p) == "two", timeout=10))
        await page.send("Runtime.evaluate", {"expression": "console.log('one'); console.log('two')"})
        assert logged(await waiting) == "two"
        with pytest.raises(TimeoutError):
            await page.wait_for_event("Page.neverFired", timeout=0.2)

    with_browser(transport, body)

"""The sync API: the same calls, blocking; listeners on the loop thread, in order."""

from __future__ import annotations

import threading

import pytest

from cdp_native.sync_api import ProtocolError, TargetClosedError, launch
from conftest import NEVER


def test_sync_send_events_and_errors(transport: str) -> None:
    with launch(transport=transport) as browser:
        page = browser.new_page()
        seen: "list[tuple[str, str]]" = []
        done = threading.Event()

        def listener(params: dict) -> None:
            seen.append((threading.current_thread().name, params["args"][0]["value"]))
            if len(seen) == 3:
                done.set()

        page.on("Runtime.consoleAPICalled", listener)
        page.send("Runtime.enable")
        page.send("Runtime.evaluate", {"expression": "console.log('a'); console.log('b'); console.log('c')"})
        assert done.wait(10)
        assert seen == [("cdp-native-sync", v) for v in "abc"]
        with pytest.raises(ProtocolError) as caught:
            page.send("No.suchMethod")
        assert caught.value.code == -32601
        with pytest.raises(TypeError):
            page.send("Runtime.evaluate", "not a dict")  # type: ignore[call-overload]
        assert page.send("Runtime.evaluate", {"expression": "7"})["result"]["value"] == 7
        assert any(t["targetId"] == page.target_id for t in browser.targets())
        page.detach()
        with pytest.raises(TargetClosedError) as ended:
            page.send("Runtime.evaluate", {"expression": "1"})
        assert ended.value.code == "detach"


def test_a_listener_sends_without_waiting(transport: str) -> None:
    with launch(transport=transport) as browser:
        page = browser.new_page()
        answered = threading.Event()
        page.on("Runtime.consoleAPICalled", lambda: page.send_nowait("Runtime.evaluate", {"expression": "console.info('reply')"}))
        page.on("Runtime.consoleAPICalled", lambda p: p["type"] == "info" and answered.set())
        page.send("Runtime.enable")
        page.send("Runtime.evaluate", {"expression": "console.log('ask')"})
        assert answered.wait(10)


def test_a_killed_browser_fails_a_waiting_sync_send(transport: str) -> None:
    browser = launch(transport=transport)
    page = browser.new_page()
    disconnects = []
    browser.on("disconnected", disconnects.append)
    threading.Timer(0.3, browser.process.kill).start()
    with pytest.raises(TargetClosedError) as caught:
        page.send("Runtime.evaluate", NEVER)
    assert caught.value.code == "connection-lost"
    browser.close()
    assert [d.code for d in disconnects] == ["connection-lost"]
    assert not browser.connected

"""The connection: the browser killed with sends pending, connect() over ws and an http
origin, disconnect."""

from __future__ import annotations

import asyncio
import time
import urllib.parse

import pytest

from cdp_native.async_api import TargetClosedError, connect, launch
from conftest import NEVER, alive, with_browser


def test_a_killed_browser_fails_100_pending_sends_at_once(transport: str) -> None:
    async def body(browser):
        page = await browser.new_page()
        disconnects = []
        browser.on("disconnected", disconnects.append)
        pending = [asyncio.ensure_future(page.send("Runtime.evaluate", NEVER)) for _ in range(100)]
        await page.send("Runtime.evaluate", {"expression": "1"})
        killed = time.monotonic()
        browser.process.kill()
        results = await asyncio.wait_for(asyncio.gather(*pending, return_exceptions=True), 30)
        # Bounded generously for a busy machine; a hang would be the 180 s protocol timeout.
        assert time.monotonic() - killed < 5
        assert all(isinstance(r, TargetClosedError) for r in results)
        codes = {r.code for r in results}
        assert codes == {"connection-lost"}, codes
        await asyncio.sleep(0.1)
        assert len(disconnects) == 1 and disconnects[0].code == "connection-lost"
        assert not browser.connected
        with pytest.raises(TargetClosedError):
            await page.send("Runtime.evaluate", {"expression": "1"})

    with_browser(transport, body)


def test_connect_over_ws_and_over_an_http_origin() -> None:
    async def main():
        async with await launch(transport="websocket") as launched:
            endpoint = launched.ws_endpoint
            assert endpoint.startswith("ws://127.0.0.1:")
            port = urllib.parse.urlsplit(endpoint).port
            for target in (endpoint, f"http://127.0.0.1:{port}"):
                browser = await connect(target)
                assert browser.ws_endpoint == endpoint
                page = await browser.new_page()
                assert (await page.send("Runtime.evaluate", {"expression": "3"}))["result"]["value"] == 3
                ends = []
                browser.on("disconnected", ends.append)
                await browser.disconnect()
                assert [e.code for e in ends] == ["close"] and not browser.connected
            # The launched browser is still up after the others disconnected.
            assert (await launched.version())["product"]
            pid = launched.process.pid
        assert not alive(pid)

    asyncio.run(main())


def test_connect_to_nothing_raises_naming_the_endpoint() -> None:
    async def main():
        with pytest.raises(ConnectionError) as caught:
            await connect("ws://127.0.0.1:9/devtools/browser/none", timeout=10)
        assert "127.0.0.1:9" in str(caught.value)
        with pytest.raises(ValueError):
            await connect("ftp://127.0.0.1:9")

    asyncio.run(main())


def test_close_kills_the_browser_and_removes_its_profile(transport: str) -> None:
    import os

    async def main():
        browser = await launch(transport=transport)
        pid = browser.process.pid
        profile = [a for a in open(f"/proc/{pid}/cmdline").read().split("\0")
                   if a.startswith("--user-data-dir=")][0].split("=", 1)[1]
        assert oct(os.stat(profile).st_mode & 0o777) == "0o700"
        await browser.close()
        assert not alive(pid) and not os.path.exists(profile)

    asyncio.run(main())


def test_a_user_data_dir_in_args_is_the_profile_used_and_kept(transport: str, tmp_path) -> None:
    import os

    profile = str(tmp_path / "profile")
    os.mkdir(profile)

    async def main():
        browser = await launch(transport=transport, args=[f"--user-data-dir={profile}"])
        pid = browser.process.pid
        flags = [a for a in open(f"/proc/{pid}/cmdline").read().split("\0")
                 if a.startswith("--user-data-dir=")]
        assert flags == [f"--user-data-dir={profile}"]
        page = await browser.new_page()
        assert (await page.send("Runtime.evaluate", {"expression": "2", "returnByValue": True}))[
            "result"]["value"] == 2
        await browser.close()

    asyncio.run(main())
    assert os.listdir(profile), "the browser did not use the profile given in args"


def test_a_user_data_dir_in_args_and_another_option_is_a_value_error(tmp_path) -> None:
    import os

    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    os.mkdir(a)
    os.mkdir(b)
    with pytest.raises(ValueError, match="user_data_dir") as caught:
        asyncio.run(launch(user_data_dir=a, args=[f"--user-data-dir={b}"]))
    assert a in str(caught.value) and b in str(caught.value)
    assert os.listdir(a) == [] and os.listdir(b) == []


def test_connect_target_gives_the_root_session_of_a_page() -> None:
    from cdp_native.async_api import connect_target

    async def main():
        async with await launch(transport="websocket") as browser:
            page = await browser.new_page("about:blank#target")
            origin = f"http://127.0.0.1:{urllib.parse.urlsplit(browser.ws_endpoint).port}"
            by_id = await connect_target(origin, target=page.target_id)
            assert by_id.target_id == page.target_id and by_id.id is None
            found = await by_id.send("Runtime.evaluate", {"expression": "location.hash"})
            assert found["result"]["value"] == "#target"
            ends = []
            by_id.on("detached", ends.append)
            await by_id.detach()
            assert [e.code for e in ends] == ["detach"]
            with pytest.raises(TargetClosedError):
                await by_id.send("Runtime.evaluate", {"expression": "1"})
            chosen = await connect_target(origin, target=lambda targets: next(
                t for t in targets if t["url"].endswith("#target")))
            assert chosen.target_id == page.target_id
            await chosen.detach()
            # The page lives on: connect_target's detach closed only its own connection.
            assert (await page.send("Runtime.evaluate", {"expression": "2"}))["result"]["value"] == 2

    asyncio.run(main())

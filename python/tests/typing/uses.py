"""Checked by mypy in test_types.py: every line marked ``# error`` must be an error, and
no other line may be one."""

from cdp_native import async_api, sync_api


async def typed_async(session: async_api.CDPSession) -> None:
    result = await session.send("Page.navigate", {"url": "https://example.com"})
    frame: str = result["frameId"]
    version = await session.send("Browser.getVersion")
    product: str = version["product"]
    await session.send("Runtime.evaluate", {"expression": "1"}, timeout=2.5)
    await session.send("Animation.enable")
    rate = await session.send("Animation.getPlaybackRate")
    await session.send("Animation.setPlaybackRate", {"playbackRate": rate["playbackRate"] / 2})
    await session.send_unchecked("Future.method", {"anything": 1})
    await session.send("Page.navigat", {"url": "x"})  # error
    await session.send("Page.navigate", {"url": 1})  # error
    await session.send("Page.navigate", {})  # error
    await session.send("Page.navigate", {"url": "x", "nope": 1})  # error
    await session.send("Browser.getVersion", {"x": 1})  # error
    await session.send("Runtime.evaluate", {"expression": "1"}, timeout="1")  # error
    count: int = version["product"]  # error
    print(frame, product, result["nothere"])  # error


def typed_sync(session: sync_api.CDPSession) -> None:
    result = session.send("Runtime.evaluate", {"expression": "1", "returnByValue": True})
    kind: str = result["result"]["type"]
    session.send_unchecked("Future.method")
    session.send("Runtime.evaluat", {"expression": "1"})  # error
    session.send("Runtime.evaluate", {"expression": 1})  # error
    wrong: int = result["result"]["type"]  # error
    print(kind, wrong)

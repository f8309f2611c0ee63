"""One adapter per Python CDP client: open a page on the shared browser, send, listen, close.
Each names the client's own way of doing it (its README's)."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable, Dict
from urllib.request import Request, urlopen


def new_page_ws(http: str) -> str:
    """A fresh page's WebSocket URL, through the browser's HTTP endpoint."""
    with urlopen(Request(f"{http}/json/new?about:blank", method="PUT")) as response:
        return json.loads(response.read())["webSocketDebuggerUrl"]


class CdpNative:
    """cdp_native: connect() to the browser, a flat session on a new page."""

    def __init__(self, transport: str = "websocket") -> None:
        self.transport = transport

    async def open(self, http: str, browser_ws: str) -> None:
        from cdp_native.async_api import connect, launch

        if self.transport == "pipe":
            self.browser = await launch()
        else:
            self.browser = await connect(browser_ws)
        self.page = await self.browser.new_page()

    def send(self, method: str, params: Dict[str, Any]) -> "asyncio.Future[Any]":
        return self.page.send(method, params)

    def on(self, event: str, callback: Callable[[Any], None]) -> None:
        self.page.on(event, callback)

    async def close(self) -> None:
        await self.browser.close() if self.transport == "pipe" else await self.browser.disconnect()


class CdpUse:
    """cdp-use (browser-use): CDPClient on the browser, send_raw with a flat session id."""

    async def open(self, http: str, browser_ws: str) -> None:
        from cdp_use.client import CDPClient

        self.client = CDPClient(browser_ws)
        await self.client.start()
        target = await self.client.send_raw("Target.createTarget", {"url": "about:blank"})
        attached = await self.client.send_raw("Target.attachToTarget",
                                              {"targetId": target["targetId"], "flatten": True})
        self.session_id = attached["sessionId"]

    def send(self, method: str, params: Dict[str, Any]) -> Any:
        return self.client.send_raw(method, params, self.session_id)

    def on(self, event: str, callback: Callable[[Any], None]) -> None:
        self.client._event_registry.register(event, lambda params, _sid: callback(params))

    async def close(self) -> None:
        await self.client.stop()


class Pydoll:
    """pydoll: a ConnectionHandler on the page's own WebSocket (its design: one per target)."""

    async def open(self, http: str, browser_ws: str) -> None:
        from pydoll.connection.connection_handler import ConnectionHandler

        self.handler = ConnectionHandler(ws_address=new_page_ws(http))

    async def send(self, method: str, params: Dict[str, Any]) -> Any:
        return (await self.handler.execute_command({"method": method, "params": params}, timeout=600))["result"]

    def on(self, event: str, callback: Callable[[Any], None]) -> None:
        async def handler(message: dict) -> None:
            callback(message["params"])

        self._pending_callback = (event, handler)

    async def ready(self) -> None:
        if getattr(self, "_pending_callback", None):
            await self.handler.register_callback(*self._pending_callback)

    async def close(self) -> None:
        await self.handler.close()


class Playwright:
    """playwright-python: connect_over_cdp, then the context's CDPSession on a new page."""

    async def open(self, http: str, browser_ws: str) -> None:
        from playwright.async_api import async_playwright

        self.manager = async_playwright()
        self.pw = await self.manager.start()
        self.browser = await self.pw.chromium.connect_over_cdp(http)
        context = self.browser.contexts[0]
        self.page = await context.new_page()
        self.session = await context.new_cdp_session(self.page)

    def send(self, method: str, params: Dict[str, Any]) -> Any:
        return self.session.send(method, params)

    def on(self, event: str, callback: Callable[[Any], None]) -> None:
        self.session.on(event, callback)

    async def close(self) -> None:
        await self.page.close()
        await self.pw.stop()


class BareWebsockets:
    """A bare `websockets` client on the page's WebSocket: ids, futures, a reader task."""

    async def open(self, http: str, browser_ws: str) -> None:
        import websockets

        self.ws = await websockets.connect(new_page_ws(http), max_size=None, ping_interval=None)
        self.next_id = 0
        self.pending: Dict[int, asyncio.Future] = {}
        self.listeners: Dict[str, Callable[[Any], None]] = {}
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        async for text in self.ws:
            message = json.loads(text)
            if "id" in message:
                self.pending.pop(message["id"]).set_result(message.get("result"))
            elif message["method"] in self.listeners:
                self.listeners[message["method"]](message["params"])

    async def send(self, method: str, params: Dict[str, Any]) -> Any:
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        return await future

    def on(self, event: str, callback: Callable[[Any], None]) -> None:
        self.listeners[event] = callback

    async def close(self) -> None:
        self.reader.cancel()
        await self.ws.close()


CLIENTS = {
    "cdp-native": lambda: CdpNative("websocket"),
    "cdp-native-pipe": lambda: CdpNative("pipe"),
    "cdp-use": CdpUse,
    "pydoll": Pydoll,
    "playwright": Playwright,
    "websockets": BareWebsockets,
}

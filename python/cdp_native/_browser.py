"""Browser: a connection to a whole browser, with its root session, its pages and, for a
launched one, its process."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, List, Optional

from ._connection import Connection
from ._emitter import Emitter
from ._session import CDPSession
from .errors import End, TargetClosedError

if TYPE_CHECKING:
    from ._native import BrowserProcess

# How long close() waits for the browser to exit by itself before killing it, in seconds.
EXIT_GRACE = 5.0
# How often a launched browser's exit is looked for while waiting, in seconds.
EXIT_POLL = 0.02


class Browser(Emitter):
    """``"disconnected"`` fires once, with the End, when the connection closes for any
    reason."""

    def __init__(self, connection: Connection, ws_endpoint: Optional[str],
                 process: "Optional[BrowserProcess]") -> None:
        super().__init__()
        self._connection = connection
        self.ws_endpoint = ws_endpoint
        self.process = process
        self._root = CDPSession(connection, self, None, None)
        connection.on_end(self._disconnected)
        if process is not None:
            from . import _launch

            _launch.track(process)

    def _disconnected(self, end: End) -> None:
        self.emit("disconnected", end)

    async def __aenter__(self) -> "Browser":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    @property
    def connected(self) -> bool:
        return self._connection.connected

    async def new_cdp_session(self, target_id: str) -> CDPSession:
        if not isinstance(target_id, str) or not target_id:
            raise TypeError(f"new_cdp_session(): target_id must be a non-empty string, got {target_id!r}")
        result = await self._root.send("Target.attachToTarget", {"targetId": target_id, "flatten": True})
        session = self._connection.sessions.get(result["sessionId"])
        return session or CDPSession(self._connection, self, result["sessionId"], target_id)

    async def new_page(self, url: str = "about:blank") -> CDPSession:
        if not isinstance(url, str):
            raise TypeError(f"new_page(): url must be a string, got {url!r}")
        result = await self._root.send("Target.createTarget", {"url": url})
        return await self.new_cdp_session(result["targetId"])

    async def new_browser_cdp_session(self) -> CDPSession:
        result = await self._root.send("Target.attachToBrowserTarget")
        return CDPSession(self._connection, self, result["sessionId"], None)

    async def targets(self) -> List[Any]:
        return (await self._root.send("Target.getTargets"))["targetInfos"]

    async def version(self) -> Any:
        return await self._root.send("Browser.getVersion")

    async def disconnect(self) -> None:
        """Closes the connection and leaves the browser running (over a pipe Chromium exits
        when its pipe closes)."""
        if self._connection.connected:
            self._connection.close("disconnect() was called")
            await self._connection.wait_closed()

    async def close(self) -> None:
        """Launched: Browser.close, then kill if needed and remove its folders. Connected:
        the same as disconnect()."""
        process = self.process
        if process is None:
            await self.disconnect()
            return
        self._connection.expect_close("close() was called")
        if self._connection.connected:
            try:
                await self._root.send("Browser.close", timeout=EXIT_GRACE)
            except (TargetClosedError, TimeoutError):
                pass
        if await _wait_for_exit(process, EXIT_GRACE) is None:
            process.kill()
            await _wait_for_exit(process, EXIT_GRACE)
        if self._connection.connected:
            self._connection.close("close() was called")
            await self._connection.wait_closed()
        process.remove_folders()

    async def wait_for_disconnect(self) -> End:
        return await self._connection.wait_closed()


async def _wait_for_exit(process: "BrowserProcess", timeout: float) -> Optional[str]:
    """Polls, so that no thread is held waiting."""
    loop = asyncio.get_running_loop()
    until = loop.time() + timeout
    while True:
        info = process.exit_info()
        if info is not None or loop.time() >= until:
            return info
        await asyncio.sleep(EXIT_POLL)

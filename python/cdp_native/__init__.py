"""cdp_native: a Chrome DevTools Protocol client on cdp-native's Rust transport.
``cdp_native.async_api`` for asyncio, ``cdp_native.sync_api`` for blocking code."""

from .errors import AbortError, CDPError, CDPWarning, End, ProtocolError, TargetClosedError, TimeoutError

__all__ = ["CDPError", "CDPWarning", "ProtocolError", "TargetClosedError", "TimeoutError", "AbortError", "End"]

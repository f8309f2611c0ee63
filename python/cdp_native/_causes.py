"""Why a session or a connection ended, as data. The transport reports its end as a typed
cause (crates/transport/src/cause.rs, delivered as JSON); this file writes the sentence for
it, as lib/causes.js does for Node, with the same codes."""

from __future__ import annotations

from . import _native
from .errors import End

# Every code a session or a connection can end with (the same as lib/causes.js CODES).
DETACH = "detach"
TARGET_CLOSED = "target-closed"
TARGET_CRASHED = "target-crashed"
CLOSE = "close"
CONNECTION_LOST = "connection-lost"
BAD_MESSAGE = "bad-message"
MESSAGE_TOO_LARGE = "message-too-large"
INTERNAL = "internal"
CODES = (DETACH, TARGET_CLOSED, TARGET_CRASHED, CLOSE, CONNECTION_LOST, BAD_MESSAGE,
         MESSAGE_TOO_LARGE, INTERNAL)

# The transport's codes come from Rust: a code without a sentence here is a bug.
assert set(_native.TRANSPORT_CLOSE_CODES) <= set(CODES)

_MEDIUM = {"websocket": "the WebSocket", "pipe": "the browser pipe"}


def _lost(cause: dict, medium: str) -> str:
    how = cause.get("how")
    if how == "close-frame":
        if cause.get("closeCode") is None:
            return "the browser closed the WebSocket (no close code)"
        reason = f": {cause['closeReason']}" if cause.get("closeReason") else ""
        return f"the browser closed the WebSocket (code {cause['closeCode']}{reason})"
    if how == "no-close-frame":
        return "the WebSocket connection ended without a close frame"
    if how == "reset":
        return "the WebSocket connection was reset without a close frame"
    if how == "eof":
        pending = cause.get("pendingBytes", 0)
        if pending > 0:
            return f"the browser closed its pipe (EOF) in the middle of a message ({pending} bytes)"
        return "the browser closed its pipe (EOF)"
    if how == "io":
        operation, detail = cause.get("operation"), cause.get("detail")
        if operation == "open":
            return f"could not use the browser pipes: {detail}"
        if operation == "write":
            return f"writing to {_MEDIUM[medium]} failed: {detail}"
        if medium == "pipe":
            return f"reading the browser pipe failed: {detail}"
        return f"the WebSocket connection failed: {detail}"
    return f"the connection was lost ({how})"


def _bad(cause: dict) -> str:
    what = cause.get("what")
    if what == "not-json":
        return f"the browser sent a message that is not valid CDP JSON ({cause['detail']}): {cause['excerpt']}"
    if what == "not-object":
        return f"the browser sent a message that is not a JSON object: {cause['excerpt']}"
    if what == "unroutable":
        return f'the browser sent a message with neither "id" nor "method": {cause["excerpt"]}'
    if what == "binary":
        return f"the browser sent a binary WebSocket frame ({cause['bytes']} bytes); CDP messages are text"
    if what == "invalid-utf8":
        return f"the browser sent a message that is not valid UTF-8 ({cause['detail']})"
    return f"the browser sent a message that cannot be read ({what})"


def transport_end(cause: dict, medium: str, close_reason: str = "the connection was closed") -> End:
    """The End of a transport that reported ``cause`` (parsed from its JSON)."""
    code = cause.get("code")
    if code == CLOSE:
        return End(CLOSE, close_reason)
    if code == CONNECTION_LOST:
        return End(CONNECTION_LOST, _lost(cause, medium), cause.get("closeCode"))
    if code == BAD_MESSAGE:
        return End(BAD_MESSAGE, _bad(cause))
    if code == MESSAGE_TOO_LARGE:
        least = "at least " if cause.get("atLeast") else ""
        return End(MESSAGE_TOO_LARGE, f"an incoming message of {least}{cause['size']} bytes "
                   f"exceeds max_message_size ({cause['max']} bytes)")
    if code == INTERNAL:
        return End(INTERNAL, "cdp-native's transport failed internally (a bug; please report "
                   f"it): {cause.get('detail')}")
    return End(INTERNAL, f"the transport ended with an unknown cause: {cause}")

"""The one place arguments are checked: every bad one raises TypeError or ValueError naming
what was wrong (and the CDP method) before anything is sent."""

from __future__ import annotations

import json
import math
from typing import Any, Optional

from . import _native

# Seconds, as asyncio and every Python CDP client use; the defaults come from Rust.
DEFAULT_PROTOCOL_TIMEOUT = _native.DEFAULT_PROTOCOL_TIMEOUT_MS / 1000
DEFAULT_CONNECT_TIMEOUT = _native.DEFAULT_CONNECT_TIMEOUT_MS / 1000
DEFAULT_MAX_MESSAGE_SIZE = _native.DEFAULT_MAX_MESSAGE_SIZE
MAX_OUTGOING_MESSAGE_SIZE = _native.MAX_OUTGOING_MESSAGE_SIZE
# The deepest nesting Chromium reads, the message itself counting as 1: deeper, it answers
# with an error that has no id, which nothing can route.
MAX_OUTGOING_DEPTH = _native.MAX_OUTGOING_DEPTH
TRANSPORTS = ("pipe", "websocket")


def check_method(method: Any) -> str:
    if not isinstance(method, str) or not method:
        raise TypeError(f"send(): method must be a non-empty string, got {method!r}")
    return method


def check_params(method: str, params: Any) -> dict:
    if params is None:
        return {}
    if not isinstance(params, dict):
        raise TypeError(f"send({method}): params must be a dict or None, got {type(params).__name__}")
    return params


def check_timeout(where: str, timeout: Any, *, allow_none: bool = True) -> Optional[float]:
    """Seconds; 0 means none. None (where allowed) means the default."""
    if timeout is None and allow_none:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(f"{where}: timeout must be a number of seconds, got {timeout!r}")
    if math.isnan(timeout) or timeout < 0:
        raise ValueError(f"{where}: timeout must be 0 (none) or a positive number of seconds, got {timeout!r}")
    return float(timeout)


def check_size(where: str, name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{where}: {name} must be a positive int of bytes, got {value!r}")
    return value


def check_choice(where: str, name: str, value: Any, choices: tuple) -> str:
    if value not in choices:
        raise ValueError(f"{where}: {name} must be one of {', '.join(map(repr, choices))}, got {value!r}")
    return value


def _too_deep(value: Any, limit: int) -> bool:
    """True when ``value`` nests containers more than ``limit`` levels deep."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        for child in children:
            if isinstance(child, (dict, list, tuple)):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def encode_command(message: dict) -> str:
    """The command's JSON text; a value JSON cannot carry, or a text over Chromium's read
    limit, raises naming the method."""
    method = message["method"]
    # The message is level 1 and its params level 2.
    if _too_deep(message["params"], MAX_OUTGOING_DEPTH - 1):
        raise ValueError(f"send({method}): params nest deeper than Chromium reads "
                         f"({MAX_OUTGOING_DEPTH} levels, the message counting as 1); nothing was sent")
    try:
        text = json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as error:
        raise TypeError(f"send({method}): params cannot be sent as JSON: {error}") from None
    size = len(text.encode("utf-8")) if len(text) * 4 > MAX_OUTGOING_MESSAGE_SIZE else len(text)
    if size > MAX_OUTGOING_MESSAGE_SIZE:
        raise ValueError(f"send({method}): the message is {size} bytes, over Chromium's limit "
                         f"of {MAX_OUTGOING_MESSAGE_SIZE} bytes; nothing was sent")
    return text

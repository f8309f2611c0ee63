//! Limits and defaults that both faces (the Node shim, the Python package) read from here, so
//! that none of them is written down twice.

/// The default cap on one incoming message, in bytes. Above Chromium's own 256 MB WebSocket
/// cap, so it never cuts a reply Chromium can send, and no more than V8's longest string
/// (2^29 - 24 units on 64-bit), so that every message it lets through can become one: a UTF-8
/// byte never makes more than one UTF-16 unit. At 512 MiB a message 24 bytes under the cap
/// failed in napi instead of closing the connection with a reason.
pub const DEFAULT_MAX_MESSAGE_SIZE: usize = 512 * 1024 * 1024 - 24;

/// Chromium's read limit on one incoming message (WebSocket and pipe alike): a command over
/// it is refused before it is sent.
pub const MAX_OUTGOING_MESSAGE_SIZE: usize = 100 * 1024 * 1024;

/// The deepest nesting of objects and arrays Chromium reads in one message, the message itself
/// counting as 1 (measured: Chromium 156, 2026-12-01; one level more is answered with an
/// error that has no id, "JSON: stack limit exceeded"): a command nested deeper is refused
/// before it is sent.
pub const MAX_OUTGOING_DEPTH: u32 = 301;

/// The default per-call timeout, in milliseconds.
pub const DEFAULT_PROTOCOL_TIMEOUT_MS: u32 = 180_000;

/// The default bound on starting a browser or connecting to one, in milliseconds.
pub const DEFAULT_CONNECT_TIMEOUT_MS: u32 = 30_000;

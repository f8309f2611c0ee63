//! Limits and defaults that both faces (the Node shim, the Python package) read from here, so
//! that none of them is written down twice.

/// The default cap on one incoming message, in bytes. Above Chromium's own 256 MB WebSocket
/// cap, so it never cuts a reply Chromium can send.
pub const DEFAULT_MAX_MESSAGE_SIZE: usize = 512 * 1024 * 1024;

/// Chromium's read limit on one incoming message (WebSocket and pipe alike): a command over
/// it is refused before it is sent.
pub const MAX_OUTGOING_MESSAGE_SIZE: usize = 100 * 1024 * 1024;

/// The default per-call timeout, in milliseconds.
pub const DEFAULT_PROTOCOL_TIMEOUT_MS: u32 = 180_000;

/// The default bound on starting a browser or connecting to one, in milliseconds.
pub const DEFAULT_CONNECT_TIMEOUT_MS: u32 = 30_000;

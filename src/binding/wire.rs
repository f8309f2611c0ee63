//! Everything the JS shim and the addon must agree on, defined once here and read by JS from
//! the binding (they land in `binding.d.ts`), so that no number is mirrored by hand.

use cdp_transport::{BURST_SEPARATOR as SEPARATOR, Cause, limits, window, writer};
use napi_derive::napi;

/// What the inbound callback is told, as its first argument.
#[napi]
pub enum DeliveryKind {
  /// Messages have arrived: `take()` them (until it answers `null`). `text` is empty.
  Arrived = 0,
  /// `text` is the JSON object of the transport's close cause (`cdp_transport::Cause`).
  Closed = 1,
  /// Sends held back by a full outgoing queue may go on (`text` is empty).
  Writable = 2,
  /// The `resumeSoon()` asked for: JS may dispatch on (`text` is empty).
  Resume = 3,
}

/// What `NativeTransport.send` answers.
#[napi]
pub enum SendResult {
  /// The transport has ended; nothing was queued.
  Ended = 0,
  /// Queued or written; send on.
  Queued = 1,
  /// Queued, but the outgoing queue is full: hold further sends until `Writable`.
  Full = 2,
}

impl From<writer::SendOutcome> for SendResult {
  fn from(outcome: writer::SendOutcome) -> Self {
    match outcome {
      writer::SendOutcome::Ended => SendResult::Ended,
      writer::SendOutcome::Queued => SendResult::Queued,
      writer::SendOutcome::Full => SendResult::Full,
    }
  }
}

/// Separates the messages of one outgoing burst (JSON text never holds a raw newline).
#[napi]
pub const BURST_SEPARATOR: &str = SEPARATOR;

#[expect(clippy::cast_possible_truncation, reason = "the limits are far below 4 GiB")]
mod sizes {
  use super::{limits, napi, window, writer};

  /// The default cap on one incoming message, in bytes.
  #[napi]
  pub const DEFAULT_MAX_MESSAGE_SIZE: u32 = limits::DEFAULT_MAX_MESSAGE_SIZE as u32;
  /// Chromium's read limit on one message: a command over it is refused before sending.
  #[napi]
  pub const MAX_OUTGOING_MESSAGE_SIZE: u32 = limits::MAX_OUTGOING_MESSAGE_SIZE as u32;
  /// Bytes delivered and not yet acknowledged at which the transport stops reading.
  #[napi]
  pub const INBOUND_WINDOW: u32 = window::DEFAULT_LIMIT as u32;
  /// Unwritten outgoing bytes at which sends are answered `Full`.
  #[napi]
  pub const OUTBOUND_HIGH_WATER: u32 = writer::HIGH_WATER as u32;
}
pub use sizes::*;

/// The default per-call timeout, in milliseconds.
#[napi]
pub const DEFAULT_PROTOCOL_TIMEOUT_MS: u32 = limits::DEFAULT_PROTOCOL_TIMEOUT_MS;

/// The default bound on starting or connecting, in milliseconds.
#[napi]
pub const DEFAULT_CONNECT_TIMEOUT_MS: u32 = limits::DEFAULT_CONNECT_TIMEOUT_MS;

/// Every `code` a transport can end with (the JS shim has a sentence for each).
#[napi]
pub fn transport_close_codes() -> Vec<&'static str> {
  Cause::CODES.to_vec()
}

//! Why a transport ended, as data. Each face (the Node shim, the Python package) writes its
//! own sentence from it, and its users branch on `code`, never on prose. Serialised as one
//! JSON object, `{"code": "connection-lost", "how": "close-frame", "closeCode": 1011, …}`.

use serde::Serialize;

/// How a transport ended. The `code` of each variant is public API (API.md's close codes);
/// the codes a session can also end with (`detach`, `target-closed`, `target-crashed`) are
/// the faces' own, since only they know of sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case", rename_all_fields = "camelCase")]
pub enum Cause {
  /// The client asked for the end (`TransportHandle::close`), or dropped its handle.
  Close,
  /// The other side went away.
  ConnectionLost {
    #[serde(flatten)]
    how: Lost,
  },
  /// The peer sent something that is not a CDP message; nothing after it can be trusted.
  BadMessage {
    #[serde(flatten)]
    what: BadMessage,
  },
  /// One incoming message is over the client's cap. `at_least` when the message was cut off
  /// as soon as it passed the cap, so `size` is only how much had arrived.
  MessageTooLarge { size: usize, max: usize, at_least: bool },
  /// A bug caught inside the transport (a panic in its task).
  Internal { detail: String },
}

/// How the connection was lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "how", rename_all = "kebab-case", rename_all_fields = "camelCase")]
pub enum Lost {
  /// A WebSocket close frame; `close_code` is absent when the frame had none.
  CloseFrame {
    #[serde(skip_serializing_if = "Option::is_none")]
    close_code: Option<u16>,
    close_reason: String,
  },
  /// The WebSocket stream ended with no close frame.
  NoCloseFrame,
  /// The TCP connection was reset with no close frame.
  Reset,
  /// The browser closed its pipe; `pending_bytes` of an unfinished message were held.
  Eof { pending_bytes: usize },
  /// Reading, writing or setting up the socket or pipe failed.
  Io { operation: Operation, detail: String },
}

/// What the transport was doing when an I/O error ended it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
  Read,
  Write,
  Open,
}

/// What was wrong with an incoming message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "what", rename_all = "kebab-case", rename_all_fields = "camelCase")]
pub enum BadMessage {
  /// Not valid JSON: `detail` is the parser's complaint, `excerpt` the message's start.
  NotJson { detail: String, excerpt: String },
  /// Valid JSON but not an object (an array would read as a batch on the client side).
  NotObject { excerpt: String },
  /// An object with neither `id` nor `method`: it cannot be routed.
  Unroutable { excerpt: String },
  /// A binary WebSocket frame; CDP messages are text.
  Binary { bytes: usize },
  /// Text that is not UTF-8; `valid_up_to` when known.
  InvalidUtf8 {
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_up_to: Option<usize>,
    detail: String,
  },
}

impl Cause {
  /// Every `code` a transport can end with, for the faces to check their sentences against.
  pub const CODES: [&'static str; 5] =
    ["close", "connection-lost", "bad-message", "message-too-large", "internal"];

  /// The public code of this cause.
  pub fn code(&self) -> &'static str {
    match self {
      Cause::Close => Self::CODES[0],
      Cause::ConnectionLost { .. } => Self::CODES[1],
      Cause::BadMessage { .. } => Self::CODES[2],
      Cause::MessageTooLarge { .. } => Self::CODES[3],
      Cause::Internal { .. } => Self::CODES[4],
    }
  }

  /// The JSON object a face reads (see the module comment).
  pub fn to_json(&self) -> String {
    // Serialising these plain fields cannot fail; the fallback keeps the code regardless.
    serde_json::to_string(self).unwrap_or_else(|_| format!(r#"{{"code":"{}"}}"#, self.code()))
  }

  pub(crate) fn lost(how: Lost) -> Self {
    Cause::ConnectionLost { how }
  }

  pub(crate) fn bad(what: BadMessage) -> Self {
    Cause::BadMessage { what }
  }

  pub(crate) fn io(operation: Operation, error: impl std::fmt::Display) -> Self {
    Cause::lost(Lost::Io { operation, detail: error.to_string() })
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn serialises_flat_with_camel_case_fields() {
    let cause =
      Cause::lost(Lost::CloseFrame { close_code: Some(4001), close_reason: "bye".into() });
    assert_eq!(
      cause.to_json(),
      r#"{"code":"connection-lost","how":"close-frame","closeCode":4001,"closeReason":"bye"}"#
    );
    let cause = Cause::MessageTooLarge { size: 10, max: 8, at_least: true };
    assert_eq!(cause.to_json(), r#"{"code":"message-too-large","size":10,"max":8,"atLeast":true}"#);
    let cause = Cause::bad(BadMessage::InvalidUtf8 { valid_up_to: Some(3), detail: "x".into() });
    assert_eq!(
      cause.to_json(),
      r#"{"code":"bad-message","what":"invalid-utf8","validUpTo":3,"detail":"x"}"#
    );
    assert_eq!(Cause::Close.to_json(), r#"{"code":"close"}"#);
  }

  #[test]
  fn every_code_is_what_serde_writes() {
    let causes = [
      Cause::Close,
      Cause::lost(Lost::Reset),
      Cause::bad(BadMessage::Binary { bytes: 1 }),
      Cause::MessageTooLarge { size: 1, max: 1, at_least: false },
      Cause::Internal { detail: String::new() },
    ];
    for cause in causes {
      let value: serde_json::Value = serde_json::from_str(&cause.to_json()).unwrap();
      assert_eq!(value["code"], cause.code());
    }
  }
}

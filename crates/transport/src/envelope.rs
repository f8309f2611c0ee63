//! Validates the routing envelope of one incoming CDP message (`id`, `sessionId`, `method`)
//! without building anything: every field is only scanned, which also proves the whole
//! message is valid JSON before it reaches the client, and nothing is allocated per message.
//! The client routes from its own parse; this only makes sure that parse will route.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, Visitor};

use crate::cause::BadMessage;

/// What kind of message this is, as far as routing needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
  /// A reply to the command with this `id`.
  Reply { id: u64 },
  /// A protocol event (it has a string `method`).
  Event,
}

/// A JSON string (or null), scanned and dropped: its contents are never copied.
struct StringField;

impl<'de> Deserialize<'de> for StringField {
  fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
    struct IsString;
    impl Visitor<'_> for IsString {
      type Value = StringField;
      fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
      }
      fn visit_str<E: de::Error>(self, _value: &str) -> Result<StringField, E> {
        Ok(StringField)
      }
    }
    deserializer.deserialize_str(IsString)
  }
}

#[derive(Deserialize)]
struct Raw {
  id: Option<u64>,
  method: Option<StringField>,
  #[serde(rename = "sessionId")]
  #[expect(dead_code, reason = "checked to be a string, for the client to route by")]
  session_id: Option<StringField>,
  // Named so that serde scans them instead of rejecting them; their contents stay unbuilt.
  #[serde(default)]
  #[expect(dead_code, reason = "scanned for validity only")]
  params: Option<IgnoredAny>,
  #[serde(default)]
  #[expect(dead_code, reason = "scanned for validity only")]
  result: Option<IgnoredAny>,
  #[serde(default)]
  #[expect(dead_code, reason = "scanned for validity only")]
  error: Option<IgnoredAny>,
}

/// Checks that `text` is one routable CDP message; the error says what was wrong, with the
/// start of the message quoted so that a user can see what the peer sent.
pub fn validate(text: &str) -> Result<Shape, BadMessage> {
  let raw: Raw = serde_json::from_str(text)
    .map_err(|e| BadMessage::NotJson { detail: e.to_string(), excerpt: excerpt(text) })?;
  // serde reads a struct from a JSON array too (`[1,"X.y"]`); a CDP message is an object,
  // and an array would be taken for a batch on the client side (lib/inbox.js reads a
  // delivered array as a batch made by inbox.rs).
  if !text.trim_start().starts_with('{') {
    return Err(BadMessage::NotObject { excerpt: excerpt(text) });
  }
  match (raw.id, raw.method) {
    (Some(id), _) => Ok(Shape::Reply { id }),
    (None, Some(_)) => Ok(Shape::Event),
    (None, None) => Err(BadMessage::Unroutable { excerpt: excerpt(text) }),
  }
}

/// At most 120 characters of `text`, cut on a character boundary.
pub fn excerpt(text: &str) -> String {
  const LIMIT: usize = 120;
  match text.char_indices().nth(LIMIT) {
    Some((cut, _)) => format!("{}…", &text[..cut]),
    None => text.to_owned(),
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn reply_with_session() {
    let shape = validate(r#"{"id":7,"result":{"a":[1,2,{"b":"}"}]},"sessionId":"S1"}"#).unwrap();
    assert_eq!(shape, Shape::Reply { id: 7 });
  }

  #[test]
  fn error_reply_is_a_reply() {
    let shape = validate(r#"{"id":3,"error":{"code":-32601,"message":"nope"}}"#).unwrap();
    assert_eq!(shape, Shape::Reply { id: 3 });
  }

  #[test]
  fn event_with_session_after_params() {
    let text = r#"{"method":"Page.loadEventFired","params":{"timestamp":1.5},"sessionId":"AB"}"#;
    assert_eq!(validate(text).unwrap(), Shape::Event);
  }

  #[test]
  fn escaped_strings_are_strings() {
    assert_eq!(validate(r#"{"method":"A.\u0062","sessionId":"\"x\""}"#).unwrap(), Shape::Event);
  }

  #[test]
  fn a_method_or_session_that_is_not_a_string_is_refused() {
    assert!(matches!(validate(r#"{"method":1}"#), Err(BadMessage::NotJson { .. })));
    assert!(matches!(validate(r#"{"id":1,"sessionId":{}}"#), Err(BadMessage::NotJson { .. })));
  }

  #[test]
  fn unknown_top_level_fields_are_allowed() {
    assert!(validate(r#"{"method":"X.y","params":{},"extra":true}"#).is_ok());
  }

  #[test]
  fn malformed_json_is_named() {
    let Err(BadMessage::NotJson { excerpt, .. }) = validate(r#"{"id":1,"result":{"#) else {
      panic!("not refused as JSON")
    };
    assert!(excerpt.contains(r#"{"id":1"#), "{excerpt}");
  }

  #[test]
  fn non_object_is_rejected() {
    assert!(validate("[1,2]").is_err());
    assert!(validate("42").is_err());
    // serde would read these as the struct's fields in order.
    assert!(matches!(validate(r#"[1,"X.y",null]"#), Err(BadMessage::NotObject { .. })));
    assert!(validate(r#" [0,"",""]"#).is_err());
  }

  #[test]
  fn neither_id_nor_method_is_rejected() {
    assert!(matches!(validate(r#"{"params":{}}"#), Err(BadMessage::Unroutable { .. })));
  }

  #[test]
  fn excerpt_cuts_on_char_boundary() {
    let long = "é".repeat(500);
    let cut = excerpt(&long);
    assert_eq!(cut.chars().count(), 121);
    assert!(cut.ends_with('…'));
  }
}

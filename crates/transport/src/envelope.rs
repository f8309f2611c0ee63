//! Reads the routing envelope of one incoming CDP message (`id`, `sessionId`, `method`)
//! without building the payload: `params` and `result` are only scanned, which also proves the
//! whole message is valid JSON before it reaches the JavaScript thread.

use serde::Deserialize;
use serde::de::IgnoredAny;

/// What kind of message this is, as far as routing needs to know.
#[derive(Debug, PartialEq, Eq)]
pub enum Envelope {
  /// A reply to the command with this `id`.
  Reply { id: u64, session_id: Option<String> },
  /// A protocol event named by `method`.
  Event { method: String, session_id: Option<String> },
}

#[derive(Deserialize)]
struct Raw {
  id: Option<u64>,
  method: Option<String>,
  #[serde(rename = "sessionId")]
  session_id: Option<String>,
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

/// Classifies one message. The error is a sentence naming what was wrong, with the start of
/// the message quoted so that a user can see what the peer sent.
pub fn classify(text: &str) -> Result<Envelope, String> {
  let raw: Raw = serde_json::from_str(text).map_err(|e| {
    format!("the browser sent a message that is not valid CDP JSON ({e}): {}", excerpt(text))
  })?;
  // serde reads a struct from a JSON array too (`[1,"X.y"]`); a CDP message is an object,
  // and an array would be taken for a batch on the JavaScript side.
  if !text.trim_start().starts_with('{') {
    return Err(format!("the browser sent a message that is not a JSON object: {}", excerpt(text)));
  }
  match (raw.id, raw.method) {
    (Some(id), _) => Ok(Envelope::Reply { id, session_id: raw.session_id }),
    (None, Some(method)) => Ok(Envelope::Event { method, session_id: raw.session_id }),
    (None, None) => Err(format!(
      "the browser sent a message with neither \"id\" nor \"method\": {}",
      excerpt(text)
    )),
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
    let env = classify(r#"{"id":7,"result":{"a":[1,2,{"b":"}"}]},"sessionId":"S1"}"#).unwrap();
    assert_eq!(env, Envelope::Reply { id: 7, session_id: Some("S1".into()) });
  }

  #[test]
  fn error_reply_is_a_reply() {
    let env = classify(r#"{"id":3,"error":{"code":-32601,"message":"nope"}}"#).unwrap();
    assert_eq!(env, Envelope::Reply { id: 3, session_id: None });
  }

  #[test]
  fn event_with_session_after_params() {
    let env =
      classify(r#"{"method":"Page.loadEventFired","params":{"timestamp":1.5},"sessionId":"AB"}"#)
        .unwrap();
    assert_eq!(
      env,
      Envelope::Event { method: "Page.loadEventFired".into(), session_id: Some("AB".into()) }
    );
  }

  #[test]
  fn unknown_top_level_fields_are_allowed() {
    assert!(classify(r#"{"method":"X.y","params":{},"extra":true}"#).is_ok());
  }

  #[test]
  fn malformed_json_is_named() {
    let err = classify(r#"{"id":1,"result":{"#).unwrap_err();
    assert!(err.contains("not valid CDP JSON"), "{err}");
    assert!(err.contains(r#"{"id":1"#), "{err}");
  }

  #[test]
  fn non_object_is_rejected() {
    assert!(classify("[1,2]").is_err());
    assert!(classify("42").is_err());
    // serde would read these as the struct's fields in order.
    let err = classify(r#"[1,"X.y",null]"#).unwrap_err();
    assert!(err.contains("not a JSON object"), "{err}");
    assert!(classify(r#" [0,"",""]"#).is_err());
  }

  #[test]
  fn neither_id_nor_method_is_rejected() {
    let err = classify(r#"{"params":{}}"#).unwrap_err();
    assert!(err.contains("neither"), "{err}");
  }

  #[test]
  fn excerpt_cuts_on_char_boundary() {
    let long = "é".repeat(500);
    let cut = excerpt(&long);
    assert_eq!(cut.chars().count(), 121);
    assert!(cut.ends_with('…'));
  }
}

//! The sentence for a refused WebSocket upgrade. The server's body often says why (Chromium:
//! "Host header is specified and is not an IP address or localhost."), so it is quoted, but
//! decoded (a chunked body arrives raw), on one line, short, and with every header value the
//! client sent blanked out: a server that echoes the request must not put a token in an error.

use tokio_tungstenite::tungstenite::http::Response;
use tokio_tungstenite::tungstenite::http::header::TRANSFER_ENCODING;

/// The most of the server's body quoted, in characters.
const BODY_EXCERPT: usize = 200;

/// `the server refused the WebSocket upgrade with HTTP 403 Forbidden: <body>`.
pub(crate) fn describe(response: &Response<Option<Vec<u8>>>, sent_values: &[&str]) -> String {
  let raw = response.body().as_deref().unwrap_or_default();
  let chunked = response
    .headers()
    .get(TRANSFER_ENCODING)
    .and_then(|v| v.to_str().ok())
    .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
  let decoded = if chunked { dechunk(raw) } else { raw.to_vec() };
  let mut body = String::from_utf8_lossy(&decoded).split_whitespace().collect::<Vec<_>>().join(" ");
  for value in sent_values.iter().filter(|v| !v.is_empty()) {
    body = body.replace(value, "[a header value]");
  }
  let quoted = match body.char_indices().nth(BODY_EXCERPT) {
    Some((cut, _)) => format!(": {}…", &body[..cut]),
    None if body.is_empty() => String::new(),
    None => format!(": {body}"),
  };
  format!("the server refused the WebSocket upgrade with HTTP {}{quoted}", response.status())
}

/// The payload of a chunked body, as far as it is well formed (what was read may end early).
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
  let mut out = Vec::new();
  while let Some(line_end) = raw.windows(2).position(|w| w == b"\r\n") {
    let size_text = String::from_utf8_lossy(&raw[..line_end]);
    // A chunk size may carry extensions after ';'.
    let size_hex = size_text.split(';').next().unwrap_or_default().trim();
    let Ok(size) = usize::from_str_radix(size_hex, 16) else { break };
    raw = &raw[line_end + 2..];
    if size == 0 {
      break;
    }
    let take = size.min(raw.len());
    out.extend_from_slice(&raw[..take]);
    raw = raw.get(take + 2..).unwrap_or_default();
  }
  out
}

#[cfg(test)]
mod tests {
  use super::*;

  fn response(headers: &[(&str, &str)], body: &str) -> Response<Option<Vec<u8>>> {
    let mut builder = Response::builder().status(403);
    for (name, value) in headers {
      builder = builder.header(*name, *value);
    }
    builder.body(Some(body.as_bytes().to_vec())).unwrap()
  }

  #[test]
  fn a_chunked_body_is_decoded_and_put_on_one_line() {
    let r = response(
      &[("transfer-encoding", "chunked")],
      "5\r\nhello\r\n8;x=1\r\n,\r\nworld\r\n0\r\n\r\n",
    );
    assert_eq!(
      describe(&r, &[]),
      "the server refused the WebSocket upgrade with HTTP 403 Forbidden: hello, world"
    );
  }

  #[test]
  fn header_values_sent_are_blanked_out() {
    let r = response(&[], "echo: authorization: Bearer tok-1\r\nx-key: k2");
    let text = describe(&r, &["Bearer tok-1", "k2"]);
    assert!(!text.contains("tok-1") && !text.contains("k2"), "{text}");
    assert!(text.contains("[a header value]"), "{text}");
  }

  #[test]
  fn a_long_body_is_cut_and_an_empty_one_left_out() {
    let long = "x".repeat(1000);
    assert!(describe(&response(&[], &long), &[]).ends_with('…'));
    assert!(describe(&response(&[], &long), &[]).len() < 300);
    assert_eq!(
      describe(&response(&[], " \r\n"), &[]),
      "the server refused the WebSocket upgrade with HTTP 403 Forbidden"
    );
  }

  #[test]
  fn a_truncated_chunked_body_gives_what_arrived() {
    let r = response(&[("transfer-encoding", "chunked")], "a\r\nhello");
    assert!(describe(&r, &[]).ends_with(": hello"));
  }
}

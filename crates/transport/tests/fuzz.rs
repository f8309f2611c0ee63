//! Property tests ("fuzz") of the two pure parts that read what a peer sends: the NUL frame
//! splitter of the pipe transport and the envelope validator of both transports. Arbitrary
//! bytes and arbitrary JSON must never panic (a panic there would end the connection, and a
//! stack overflow would abort Node), and well-formed input must come back as it went in.
//!
//! `cargo test --test fuzz` runs proptest's default 256 cases per property, a few seconds.
//! A long run (about ten minutes on 2 cores):
//!
//!   PROPTEST_CASES=1000000 cargo test --release --test fuzz
//!
//! Failures are not persisted to files: each case found is kept as a plain `#[test]` below.

use cdp_transport::envelope::{Shape, excerpt, validate};
use cdp_transport::frame::{FrameError, NulSplitter};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Number, Value};

fn config() -> ProptestConfig {
  // Reads PROPTEST_CASES; only the failure files are turned off.
  ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------------------------------------
// Frame splitter

/// `bytes` cut at the given points (in any order, repeats give empty chunks), in order.
fn chunks<'a>(bytes: &'a [u8], cuts: &[Index]) -> Vec<&'a [u8]> {
  let mut points: Vec<usize> = cuts.iter().map(|cut| cut.index(bytes.len() + 1)).collect();
  points.sort_unstable();
  let mut pieces = Vec::with_capacity(points.len() + 1);
  let mut start = 0;
  for point in points {
    pieces.push(&bytes[start..point]);
    start = point;
  }
  pieces.push(&bytes[start..]);
  pieces
}

/// What went wrong, without the sizes that depend on where the chunks were cut.
#[derive(Debug, PartialEq, Eq)]
enum Bad {
  TooLarge,
  InvalidUtf8 { valid_up_to: usize },
}

/// The splitter's contract, stated simply: the NUL-terminated segments of the whole stream,
/// in order, up to the first one that is over `max` or not UTF-8; an unterminated tail over
/// `max` is refused too.
fn reference_split(bytes: &[u8], max: usize) -> (Vec<String>, Option<Bad>) {
  let mut segments: Vec<&[u8]> = bytes.split(|&b| b == 0).collect();
  let tail = segments.pop().unwrap_or_default();
  let mut messages = Vec::new();
  for segment in segments {
    if segment.len() > max {
      return (messages, Some(Bad::TooLarge));
    }
    match std::str::from_utf8(segment) {
      Ok(text) => messages.push(text.to_owned()),
      Err(e) => return (messages, Some(Bad::InvalidUtf8 { valid_up_to: e.valid_up_to() })),
    }
  }
  let bad = (tail.len() > max).then_some(Bad::TooLarge);
  (messages, bad)
}

/// Feeds the chunks to a splitter until it fails: what it produced, and its error.
fn run_splitter(pieces: &[&[u8]], max: usize) -> (Vec<String>, Option<FrameError>, usize) {
  let mut splitter = NulSplitter::new(max);
  let mut messages = Vec::new();
  for piece in pieces {
    match splitter.push(piece) {
      Ok(mut done) => messages.append(&mut done),
      Err(e) => return (messages, Some(e), splitter.pending_len()),
    }
  }
  let pending = splitter.pending_len();
  (messages, None, pending)
}

/// Bytes with many NULs and some invalid UTF-8, so that every path of the splitter is taken.
fn stream_bytes() -> impl Strategy<Value = Vec<u8>> {
  let byte = prop_oneof![
    3 => any::<u8>(),
    2 => Just(0u8),
    2 => prop::sample::select(b"{}\"id:1,method".to_vec()),
    1 => prop::sample::select(vec![0xc3u8, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff]),
  ];
  prop::collection::vec(byte, 0..300)
}

/// Text that may be anything but NUL, the pipe's message terminator.
fn message_text() -> impl Strategy<Value = String> {
  prop_oneof![
    any::<String>().prop_map(|s| s.replace('\0', "")),
    json_value().prop_map(|v| v.to_string()),
  ]
}

proptest! {
  #![proptest_config(config())]

  /// Arbitrary bytes cut anywhere: no panic, and exactly what the reference split gives.
  #[test]
  fn arbitrary_bytes_split_as_the_reference_says(
    bytes in stream_bytes(),
    cuts in prop::collection::vec(any::<Index>(), 0..12),
    max in prop_oneof![0usize..40, Just(usize::MAX)],
  ) {
    let (expected, bad) = reference_split(&bytes, max);
    let (got, error, pending) = run_splitter(&chunks(&bytes, &cuts), max);
    match (bad, error) {
      (None, None) => {
        prop_assert_eq!(&got, &expected);
        let tail = bytes.iter().rev().take_while(|&&b| b != 0).count();
        prop_assert_eq!(pending, tail);
      }
      (Some(bad), Some(error)) => {
        // Messages completed in the failing chunk are dropped with it: a prefix survives.
        prop_assert!(expected.starts_with(&got), "{:?} is not a prefix of {:?}", got, expected);
        match (bad, error) {
          (Bad::TooLarge, FrameError::TooLarge { size, max: reported }) => {
            prop_assert_eq!(reported, max);
            prop_assert!(size > max, "TooLarge with size {} <= max {}", size, max);
          }
          (Bad::InvalidUtf8 { valid_up_to }, FrameError::InvalidUtf8 { valid_up_to: got_at }) => {
            prop_assert_eq!(got_at, valid_up_to);
          }
          (bad, error) => prop_assert!(false, "expected {:?}, got {:?}", bad, error),
        }
      }
      (bad, error) => prop_assert!(false, "expected {:?}, got {:?} after {:?}", bad, error, got),
    }
  }

  /// Messages joined with NUL and cut at arbitrary points come back identical, the longest
  /// exactly at the cap; one byte less of cap refuses the stream.
  #[test]
  fn well_formed_messages_round_trip_through_any_chunking(
    messages in prop::collection::vec(message_text(), 0..20),
    cuts in prop::collection::vec(any::<Index>(), 0..30),
  ) {
    let mut stream = Vec::new();
    for message in &messages {
      stream.extend_from_slice(message.as_bytes());
      stream.push(0);
    }
    let pieces = chunks(&stream, &cuts);
    let longest = messages.iter().map(String::len).max().unwrap_or(0);

    let (got, error, pending) = run_splitter(&pieces, longest);
    prop_assert!(error.is_none(), "{:?}", error);
    prop_assert_eq!(&got, &messages);
    prop_assert_eq!(pending, 0);

    if longest > 0 {
      let (_, error, _) = run_splitter(&pieces, longest - 1);
      let refused = matches!(error, Some(FrameError::TooLarge { .. }));
      prop_assert!(refused, "a message over the cap was accepted: {:?}", error);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Envelope validator

/// Any JSON value, nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
  let leaf = prop_oneof![
    Just(Value::Null),
    any::<bool>().prop_map(Value::Bool),
    any::<u64>().prop_map(Value::from),
    any::<i64>().prop_map(Value::from),
    any::<f64>()
      .prop_filter_map("JSON has no NaN or infinity", |f| Number::from_f64(f).map(Value::Number)),
    any::<String>().prop_map(Value::String),
  ];
  leaf.prop_recursive(4, 48, 6, |inner| {
    prop_oneof![
      prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
      prop::collection::vec((any::<String>(), inner), 0..6)
        .prop_map(|entries| Value::Object(entries.into_iter().collect())),
    ]
  })
}

/// A value for a routing field: often of the right type, sometimes anything at all.
fn field_value(right_type: BoxedStrategy<Value>) -> impl Strategy<Value = Value> {
  prop_oneof![3 => right_type, 1 => json_value()]
}

fn any_string_value() -> BoxedStrategy<Value> {
  any::<String>().prop_map(Value::String).boxed()
}

/// Objects that look like CDP messages: some of the envelope's keys, with values that are
/// mostly of the right type, and other keys.
fn message_object() -> impl Strategy<Value = Value> {
  let key = prop_oneof![
    Just("id".to_owned()),
    Just("method".to_owned()),
    Just("sessionId".to_owned()),
    Just("params".to_owned()),
    Just("result".to_owned()),
    Just("error".to_owned()),
    any::<String>(),
  ];
  let entry = key.prop_flat_map(|key| {
    let value = match key.as_str() {
      "id" => field_value(any::<u64>().prop_map(Value::from).boxed()).boxed(),
      "method" | "sessionId" => field_value(any_string_value()).boxed(),
      _ => json_value().boxed(),
    };
    (Just(key), value)
  });
  prop::collection::vec(entry, 0..8)
    .prop_map(|entries| Value::Object(entries.into_iter().collect()))
}

/// Arrays shaped like the envelope's fields in order (id, method, sessionId, params, result,
/// error): the form serde would accept for a struct if it were allowed to.
fn envelope_shaped_array() -> impl Strategy<Value = Value> {
  let id = prop_oneof![any::<u64>().prop_map(Value::from), Just(Value::Null)];
  let text = prop_oneof![any_string_value(), Just(Value::Null).boxed()];
  (id, text.clone(), text, prop::collection::vec(json_value(), 0..4)).prop_map(
    |(id, method, session, rest)| {
      let mut items = vec![id, method, session];
      items.extend(rest);
      Value::Array(items)
    },
  )
}

/// The validator's contract, stated simply: only an object is a message; `id` (a whole
/// number >= 0), `method` and `sessionId` (strings) may each be absent or null, and any other
/// type is an error; an `id` makes a reply, else a `method` makes an event, else it is an error.
fn expected_shape(value: &Value) -> Option<Shape> {
  let Value::Object(map) = value else { return None };
  let text_field = |name: &str| -> Result<Option<&String>, ()> {
    match map.get(name) {
      None | Some(Value::Null) => Ok(None),
      Some(Value::String(s)) => Ok(Some(s)),
      Some(_) => Err(()),
    }
  };
  let id = match map.get("id") {
    None | Some(Value::Null) => None,
    Some(Value::Number(n)) => Some(n.as_u64()?),
    Some(_) => return None,
  };
  let method = text_field("method").ok()?;
  text_field("sessionId").ok()?;
  match (id, method) {
    (Some(id), _) => Some(Shape::Reply { id }),
    (None, Some(_)) => Some(Shape::Event),
    (None, None) => None,
  }
}

fn with_session(mut map: Map<String, Value>, session_id: &Option<String>) -> Value {
  if let Some(session_id) = session_id {
    map.insert("sessionId".to_owned(), Value::String(session_id.clone()));
  }
  Value::Object(map)
}

proptest! {
  #![proptest_config(config())]

  /// Any text at all: no panic, and an error names what it quotes within bounds.
  #[test]
  fn arbitrary_text_never_panics(text in any::<String>(), bytes in prop::collection::vec(any::<u8>(), 0..200)) {
    for input in [text, String::from_utf8_lossy(&bytes).into_owned()] {
      if let Err(error) = validate(&input) {
        let described = format!("{error:?}");
        prop_assert!(!described.is_empty());
      }
      let cut = excerpt(&input);
      prop_assert!(cut.chars().count() <= 121);
      prop_assert!(input.starts_with(cut.trim_end_matches('…')));
    }
  }

  /// Arbitrary JSON, and message-like objects: classified exactly as the contract says,
  /// however it is spaced.
  #[test]
  fn arbitrary_json_is_classified_by_its_fields(value in prop_oneof![json_value(), message_object()]) {
    let expected = expected_shape(&value);
    for text in [value.to_string(), serde_json::to_string_pretty(&value).unwrap_or_default()] {
      let got = validate(&text);
      match &expected {
        Some(shape) => prop_assert_eq!(got.as_ref(), Ok(shape), "{}", text),
        None => prop_assert!(got.is_err(), "{} was classified as {:?}", text, got),
      }
    }
  }

  /// A JSON array is never a message, even one whose items line up with the envelope's
  /// fields: the receiving side would take it for a batch of messages.
  #[test]
  fn an_array_is_never_an_envelope(value in envelope_shaped_array()) {
    let text = value.to_string();
    let got = validate(&text);
    prop_assert!(got.is_err(), "{} was classified as {:?}", text, got);
  }

  /// A well-formed reply is a reply with its id and session.
  #[test]
  fn a_reply_is_classified_as_a_reply(
    id in any::<u64>(),
    session_id in proptest::option::of(any::<String>()),
    body in json_value(),
    is_error in any::<bool>(),
  ) {
    let mut map = Map::new();
    map.insert("id".to_owned(), Value::from(id));
    map.insert(if is_error { "error" } else { "result" }.to_owned(), body);
    let text = with_session(map, &session_id).to_string();
    prop_assert_eq!(validate(&text), Ok(Shape::Reply { id }));
  }

  /// A well-formed event is an event with its method and session.
  #[test]
  fn an_event_is_classified_as_an_event(
    method in any::<String>(),
    session_id in proptest::option::of(any::<String>()),
    params in json_value(),
  ) {
    let mut map = Map::new();
    map.insert("method".to_owned(), Value::String(method.clone()));
    map.insert("params".to_owned(), params);
    let text = with_session(map, &session_id).to_string();
    prop_assert_eq!(validate(&text), Ok(Shape::Event));
  }
}

/// Found by `an_array_is_never_an_envelope`: serde reads a struct from a JSON array too, so
/// this text passed as a reply, and the JS side took it for a batch of three "messages".
#[test]
fn an_envelope_shaped_array_is_refused() {
  for text in [r#"[1,"X.y",null]"#, r#"[null,"A.b","S1"]"#, "[7,null,null,{},{},{}]"] {
    assert!(validate(text).is_err(), "{text} was classified as {:?}", validate(text));
  }
}

/// Nesting far deeper than any recursion limit: an error or a classification, never a stack
/// overflow (which would abort the Node process, not just end the connection).
#[test]
fn deep_nesting_neither_panics_nor_overflows() {
  let depth = 200_000;
  let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
  let in_params = format!(r#"{{"method":"A.b","params":{nested}}}"#);
  assert_eq!(validate(&in_params), Ok(Shape::Event));
  assert!(validate(&nested).is_err());
  let objects = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
  let _ = validate(&format!(r#"{{"id":1,"result":{objects}}}"#));
  let unclosed = format!(r#"{{"id":1,"result":{}"#, "[".repeat(depth));
  assert!(validate(&unclosed).is_err());
}

//! NUL-delimited framing of `--remote-debugging-pipe`: each message is JSON text followed by
//! one `\0` byte, in both directions. Pure byte handling, no I/O.

use crate::cause::{BadMessage, Cause};

/// Reassembles messages from the chunks a pipe read returns.
pub struct NulSplitter {
  /// Bytes of the message being received, not yet terminated by `\0`. Only each new chunk
  /// is searched for the terminator, so a large message is scanned once.
  pending: Vec<u8>,
  /// The largest message accepted, in bytes.
  max_message_size: usize,
}

/// Why the byte stream cannot be turned into messages any more.
#[derive(Debug, PartialEq, Eq)]
pub enum FrameError {
  TooLarge { size: usize, max: usize },
  InvalidUtf8 { valid_up_to: usize },
}

impl From<FrameError> for Cause {
  fn from(error: FrameError) -> Cause {
    match error {
      // The cap is checked as bytes arrive, so the size is only what had arrived by then.
      FrameError::TooLarge { size, max } => Cause::MessageTooLarge { size, max, at_least: true },
      FrameError::InvalidUtf8 { valid_up_to } => Cause::bad(BadMessage::InvalidUtf8 {
        valid_up_to: Some(valid_up_to),
        detail: format!("at byte {valid_up_to}"),
      }),
    }
  }
}

impl NulSplitter {
  pub fn new(max_message_size: usize) -> Self {
    NulSplitter { pending: Vec::new(), max_message_size }
  }

  /// Adds a chunk and returns every message it completes, in order; an error if the stream
  /// went bad anywhere in it (see [`NulSplitter::push_until_error`] to keep the messages
  /// before the error).
  pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<String>, FrameError> {
    let (messages, outcome) = self.push_until_error(chunk);
    outcome.map(|()| messages)
  }

  /// Adds a chunk; returns the messages it completes before any error, in order, and the
  /// error, if the stream went bad. Messages before a bad one are whole and must still be
  /// delivered: a reply among them would otherwise be lost.
  pub fn push_until_error(&mut self, chunk: &[u8]) -> (Vec<String>, Result<(), FrameError>) {
    let mut messages = Vec::new();
    let mut rest = chunk;
    while let Some(nul) = rest.iter().position(|&b| b == 0) {
      let message = if self.pending.is_empty() {
        rest[..nul].to_vec()
      } else {
        self.pending.extend_from_slice(&rest[..nul]);
        std::mem::take(&mut self.pending)
      };
      if let Err(e) = self.check_size(message.len()) {
        return (messages, Err(e));
      }
      match String::from_utf8(message) {
        Ok(text) => messages.push(text),
        Err(e) => {
          let valid_up_to = e.utf8_error().valid_up_to();
          return (messages, Err(FrameError::InvalidUtf8 { valid_up_to }));
        }
      }
      rest = &rest[nul + 1..];
    }
    self.pending.extend_from_slice(rest);
    let outcome = self.check_size(self.pending.len());
    (messages, outcome)
  }

  /// Bytes held for a message not yet complete.
  pub fn pending_len(&self) -> usize {
    self.pending.len()
  }

  fn check_size(&self, size: usize) -> Result<(), FrameError> {
    if size > self.max_message_size {
      return Err(FrameError::TooLarge { size, max: self.max_message_size });
    }
    Ok(())
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn splits_several_messages_in_one_chunk() {
    let mut s = NulSplitter::new(1024);
    assert_eq!(s.push(b"{\"id\":1}\0{\"id\":2}\0").unwrap(), vec!["{\"id\":1}", "{\"id\":2}"]);
    assert_eq!(s.pending_len(), 0);
  }

  #[test]
  fn joins_a_message_split_across_chunks() {
    let mut s = NulSplitter::new(1024);
    assert!(s.push(b"{\"me").unwrap().is_empty());
    assert!(s.push(b"thod\":").unwrap().is_empty());
    assert_eq!(s.push(b"\"A.b\"}\0{\"id").unwrap(), vec!["{\"method\":\"A.b\"}"]);
    assert_eq!(s.push(b"\":3}\0").unwrap(), vec!["{\"id\":3}"]);
  }

  #[test]
  fn utf8_split_inside_a_character_is_rejoined() {
    let text = "{\"x\":\"é\"}".as_bytes();
    let cut = text.iter().position(|&b| b == 0xc3).unwrap() + 1;
    let mut s = NulSplitter::new(1024);
    assert!(s.push(&text[..cut]).unwrap().is_empty());
    let mut tail = text[cut..].to_vec();
    tail.push(0);
    assert_eq!(s.push(&tail).unwrap(), vec!["{\"x\":\"é\"}"]);
  }

  #[test]
  fn refuses_a_message_over_the_cap_before_its_end_arrives() {
    let mut s = NulSplitter::new(8);
    assert!(s.push(b"12345").unwrap().is_empty());
    assert_eq!(s.push(b"67890").unwrap_err(), FrameError::TooLarge { size: 10, max: 8 });
  }

  #[test]
  fn accepts_a_message_exactly_at_the_cap() {
    let mut s = NulSplitter::new(4);
    assert_eq!(s.push(b"abcd\0").unwrap(), vec!["abcd"]);
  }

  #[test]
  fn invalid_utf8_is_an_error() {
    let mut s = NulSplitter::new(64);
    assert_eq!(s.push(b"{\xff}\0").unwrap_err(), FrameError::InvalidUtf8 { valid_up_to: 1 });
  }

  #[test]
  fn messages_before_a_bad_one_in_the_same_chunk_are_kept() {
    let mut splitter = NulSplitter::new(8);
    let (messages, outcome) = splitter.push_until_error(b"{\"id\":1}\0{\"too\":\"long\"}\0");
    assert_eq!(messages, [r#"{"id":1}"#]);
    assert!(matches!(outcome, Err(FrameError::TooLarge { .. })));
    let mut splitter = NulSplitter::new(100);
    let (messages, outcome) = splitter.push_until_error(b"{}\0\xff\0");
    assert_eq!(messages, ["{}"]);
    assert_eq!(outcome, Err(FrameError::InvalidUtf8 { valid_up_to: 0 }));
  }
}

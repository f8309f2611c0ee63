//! Collects checked messages into batches for the sink. One crossing into JavaScript costs far
//! more than one message, so everything that has arrived by the time the socket would block
//! goes over together; a large message goes alone, so it is never copied into a batch.
//! A batch is a JSON array text of messages: the one place Rust makes one, as lib/inbox.js is
//! the one place JS reads one (envelope.rs makes sure no single message is an array).

use std::sync::Arc;

use crate::cause::Cause;
use crate::window::DeliveryWindow;
use crate::{Sink, Text, envelope};

/// A message this large is delivered on its own rather than copied into a batch.
const LARGE_MESSAGE: usize = 64 * 1024;
/// A batch is delivered once it holds this many bytes, to bound the latency of its first
/// message.
const MAX_BATCH_BYTES: usize = 1024 * 1024;

pub(crate) struct Inbox {
  sink: Sink,
  window: Arc<DeliveryWindow>,
  /// Messages received since the last delivery, in order.
  queued: Vec<Text>,
  /// Sum of the lengths of `queued`.
  queued_bytes: usize,
}

impl Inbox {
  pub(crate) fn new(sink: Sink, window: Arc<DeliveryWindow>) -> Self {
    Inbox { sink, window, queued: Vec::new(), queued_bytes: 0 }
  }

  /// True when the client is this far behind: the transport should stop reading.
  pub(crate) fn is_full(&self) -> bool {
    self.window.is_full()
  }

  /// Returns once the client has caught up enough to read on.
  pub(crate) async fn wait_for_room(&self) {
    self.window.wait_for_room().await;
  }

  fn deliver(&self, text: Text) {
    self.window.delivered(text.len());
    self.sink.deliver(text);
  }

  /// Checks one message and queues it. An error is the cause to end the connection: a
  /// message whose envelope cannot be read cannot be routed, so a reply in it would be lost.
  pub(crate) fn push(&mut self, text: Text) -> Result<(), Cause> {
    envelope::validate(&text).map_err(Cause::bad)?;
    if text.len() >= LARGE_MESSAGE {
      self.flush();
      self.deliver(text);
      return Ok(());
    }
    self.queued_bytes += text.len();
    self.queued.push(text);
    if self.queued_bytes >= MAX_BATCH_BYTES {
      self.flush();
    }
    Ok(())
  }

  /// Delivers what is queued: one message as it is, several as one JSON array text.
  pub(crate) fn flush(&mut self) {
    match self.queued.len() {
      0 => {}
      1 => {
        let text = self.queued.pop().unwrap_or_default();
        self.deliver(text);
      }
      n => {
        let mut batch = String::with_capacity(self.queued_bytes + n + 1);
        batch.push('[');
        for (i, text) in self.queued.drain(..).enumerate() {
          if i > 0 {
            batch.push(',');
          }
          batch.push_str(&text);
        }
        batch.push(']');
        self.deliver(Text::from(batch));
      }
    }
    self.queued_bytes = 0;
  }
}

#[cfg(test)]
mod tests {
  use super::*;
  use crate::InboundSink;
  use std::sync::{Arc, Mutex};

  #[derive(Default)]
  struct Recorder(Mutex<Vec<String>>);
  impl InboundSink for Recorder {
    fn deliver(&self, text: Text) {
      self.0.lock().unwrap().push(text.to_string());
    }
    fn closed(&self, _cause: Cause) {}
  }

  #[test]
  fn batches_small_messages_as_a_json_array() {
    let rec = Arc::new(Recorder::default());
    let mut inbox = Inbox::new(rec.clone(), Arc::new(DeliveryWindow::new(usize::MAX)));
    inbox.push(r#"{"id":1,"result":{}}"#.into()).unwrap();
    inbox.push(r#"{"method":"A.b","params":{}}"#.into()).unwrap();
    inbox.flush();
    let got = rec.0.lock().unwrap().clone();
    assert_eq!(got, vec![r#"[{"id":1,"result":{}},{"method":"A.b","params":{}}]"#]);
    let parsed: serde_json::Value = serde_json::from_str(&got[0]).unwrap();
    assert_eq!(parsed.as_array().unwrap().len(), 2);
  }

  #[test]
  fn a_single_message_goes_as_it_is() {
    let rec = Arc::new(Recorder::default());
    let mut inbox = Inbox::new(rec.clone(), Arc::new(DeliveryWindow::new(usize::MAX)));
    inbox.push(r#"{"id":9}"#.into()).unwrap();
    inbox.flush();
    inbox.flush();
    assert_eq!(*rec.0.lock().unwrap(), vec![r#"{"id":9}"#]);
  }

  #[test]
  fn a_large_message_keeps_its_order_and_goes_alone() {
    let rec = Arc::new(Recorder::default());
    let mut inbox = Inbox::new(rec.clone(), Arc::new(DeliveryWindow::new(usize::MAX)));
    let big = format!(r#"{{"id":2,"result":{{"v":"{}"}}}}"#, "x".repeat(LARGE_MESSAGE));
    inbox.push(r#"{"id":1}"#.into()).unwrap();
    inbox.push(big.clone().into()).unwrap();
    inbox.push(r#"{"id":3}"#.into()).unwrap();
    inbox.flush();
    assert_eq!(
      *rec.0.lock().unwrap(),
      vec![r#"{"id":1}"#.to_owned(), big, r#"{"id":3}"#.to_owned()]
    );
  }

  #[test]
  fn a_bad_message_is_refused_and_not_delivered() {
    let rec = Arc::new(Recorder::default());
    let mut inbox = Inbox::new(rec.clone(), Arc::new(DeliveryWindow::new(usize::MAX)));
    assert!(inbox.push("{oops".into()).is_err());
    inbox.flush();
    assert!(rec.0.lock().unwrap().is_empty());
  }
}

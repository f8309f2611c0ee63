//! A sink that records what a transport delivers, for the integration tests.

use std::time::Duration;

use cdp_transport::{InboundSink, Text};
use tokio::sync::mpsc;

pub enum Delivered {
  Text(String),
  Closed(String),
}

pub struct ChannelSink(pub mpsc::UnboundedSender<Delivered>);

impl InboundSink for ChannelSink {
  fn deliver(&self, text: Text) {
    let _ = self.0.send(Delivered::Text(text.to_string()));
  }
  fn closed(&self, reason: String) {
    let _ = self.0.send(Delivered::Closed(reason));
  }
}

/// The messages delivered before the next close, flattened out of their batches, and the close
/// reason if it came within the wait.
pub async fn collect(
  rx: &mut mpsc::UnboundedReceiver<Delivered>,
  want: usize,
) -> (Vec<serde_json::Value>, Option<String>) {
  let mut messages = Vec::new();
  while messages.len() < want {
    match tokio::time::timeout(Duration::from_secs(5), rx.recv()).await {
      Ok(Some(Delivered::Text(text))) => match serde_json::from_str(&text).unwrap() {
        serde_json::Value::Array(batch) => messages.extend(batch),
        one => messages.push(one),
      },
      Ok(Some(Delivered::Closed(reason))) => return (messages, Some(reason)),
      Ok(None) | Err(_) => break,
    }
  }
  (messages, None)
}

pub async fn closed_reason(rx: &mut mpsc::UnboundedReceiver<Delivered>) -> String {
  loop {
    match tokio::time::timeout(Duration::from_secs(5), rx.recv()).await {
      Ok(Some(Delivered::Closed(reason))) => return reason,
      Ok(Some(Delivered::Text(_))) => {}
      Ok(None) | Err(_) => panic!("the transport did not report its close"),
    }
  }
}

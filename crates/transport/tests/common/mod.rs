//! A sink that records what a transport delivers, for the integration tests.

use std::time::Duration;

use cdp_transport::{Cause, InboundSink, Text};
use tokio::sync::mpsc;

pub enum Delivered {
  Text(String),
  Closed(Cause),
}

pub struct ChannelSink(pub mpsc::UnboundedSender<Delivered>);

impl InboundSink for ChannelSink {
  fn deliver(&self, text: Text) {
    let _ = self.0.send(Delivered::Text(text.to_string()));
  }
  fn closed(&self, cause: Cause) {
    let _ = self.0.send(Delivered::Closed(cause));
  }
}

/// The messages delivered before the next close, flattened out of their batches, and the close
/// cause if it came within the wait.
pub async fn collect(
  rx: &mut mpsc::UnboundedReceiver<Delivered>,
  want: usize,
) -> (Vec<serde_json::Value>, Option<Cause>) {
  let mut messages = Vec::new();
  while messages.len() < want {
    match tokio::time::timeout(Duration::from_secs(5), rx.recv()).await {
      Ok(Some(Delivered::Text(text))) => match serde_json::from_str(&text).unwrap() {
        serde_json::Value::Array(batch) => messages.extend(batch),
        one => messages.push(one),
      },
      Ok(Some(Delivered::Closed(cause))) => return (messages, Some(cause)),
      Ok(None) | Err(_) => break,
    }
  }
  (messages, None)
}

pub async fn closed_cause(rx: &mut mpsc::UnboundedReceiver<Delivered>) -> Cause {
  loop {
    match tokio::time::timeout(Duration::from_secs(5), rx.recv()).await {
      Ok(Some(Delivered::Closed(cause))) => return cause,
      Ok(Some(Delivered::Text(_))) => {}
      Ok(None) | Err(_) => panic!("the transport did not report its close"),
    }
  }
}

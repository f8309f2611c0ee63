//! The CDP transport: one tokio task per connection owns the socket or pipe, writes what the
//! client queues, reassembles what the browser sends, checks each message's envelope, and
//! hands finished messages to an [`InboundSink`] in batches. Nothing here knows of N-API.

pub mod envelope;
pub mod error;
pub mod frame;
mod inbox;
pub mod pipe;
mod refusal;
pub mod websocket;
pub mod window;
pub mod writer;

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use futures_util::FutureExt;

use tokio::sync::oneshot;

use window::DeliveryWindow;
pub use writer::SendOutcome;

/// The text of a received message (or a batch), UTF-8 checked. It shares the buffer the
/// message was read into, so a large message reaches the binding without a copy.
pub type Text = tokio_tungstenite::tungstenite::Utf8Bytes;

/// Where a transport delivers what it receives. The binding implements it with a threadsafe
/// function; tests implement it with a channel.
pub trait InboundSink: Send + Sync + 'static {
  /// Finished messages in arrival order: either one message's JSON text, or a JSON array
  /// text of several messages (so the receiver parses a batch in one go). The client
  /// acknowledges each delivery once handled (`TransportHandle::acknowledge`); until it does,
  /// at most `window::DEFAULT_LIMIT` bytes are delivered before reading stops.
  fn deliver(&self, text: Text);
  /// The transport has ended, with a sentence naming the cause. Called once, after the
  /// last `deliver`.
  fn closed(&self, reason: String);
  /// After a send answered [`SendOutcome::Full`]: everything queued is written, send on.
  fn writable(&self) {}
}

/// Where a handle's sends go: the transport's shared writer.
pub(crate) trait Outbound: Send + Sync + 'static {
  /// Queues (and where possible writes) `burst`.
  fn send(&self, burst: String) -> SendOutcome;
}

/// The outbound side of a transport that could not start: it refuses every send.
pub(crate) struct NeverStarted;

impl Outbound for NeverStarted {
  fn send(&self, _burst: String) -> SendOutcome {
    SendOutcome::Ended
  }
}

impl<W: writer::WriteOut> Outbound for writer::SharedWriter<W> {
  fn send(&self, burst: String) -> SendOutcome {
    writer::SharedWriter::send(self, burst)
  }
}

/// The client's side of a running transport. Dropping it ends the transport.
pub struct TransportHandle {
  /// Outgoing message texts, in order, written on the caller's thread when they fit.
  outbound: Arc<dyn Outbound>,
  /// Asks the task to stop, with the reason it will report through `InboundSink::closed`.
  close: Mutex<Option<oneshot::Sender<String>>>,
  /// Shared with the task: what has been delivered and not yet acknowledged.
  window: Arc<DeliveryWindow>,
}

/// What the task is given when it starts: the receiving ends of the handle's channels.
pub(crate) struct TaskInput {
  pub close: oneshot::Receiver<String>,
  pub window: Arc<DeliveryWindow>,
}

impl TransportHandle {
  pub(crate) fn new(outbound: Arc<dyn Outbound>) -> (TransportHandle, TaskInput) {
    let (close_tx, close_rx) = oneshot::channel();
    let window = Arc::new(DeliveryWindow::new(window::DEFAULT_LIMIT));
    let handle =
      TransportHandle { outbound, close: Mutex::new(Some(close_tx)), window: window.clone() };
    (handle, TaskInput { close: close_rx, window })
  }

  /// The client has handled its `count` oldest deliveries: reading may go on (backpressure).
  pub fn acknowledge(&self, count: usize) {
    self.window.acknowledge(count);
  }

  /// Bytes delivered to the sink and not yet acknowledged.
  pub fn unacknowledged_bytes(&self) -> usize {
    self.window.outstanding_bytes()
  }

  /// Queues one message text, or several joined by [`BURST_SEPARATOR`] (JSON text never
  /// holds a raw newline), so a burst costs one call. Returns false when the transport has
  /// already ended.
  pub fn send(&self, text: String) -> bool {
    self.outbound.send(text) != SendOutcome::Ended
  }

  /// [`TransportHandle::send`], telling also whether the client should hold further sends
  /// (outgoing backpressure) until [`InboundSink::writable`].
  pub fn send_burst(&self, text: String) -> SendOutcome {
    self.outbound.send(text)
  }

  /// Ends the transport; `reason` is what `InboundSink::closed` will report. Later calls do
  /// nothing.
  pub fn close(&self, reason: String) {
    let sender = self.close.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    if let Some(sender) = sender {
      // The task may already have ended on its own; then its reason stands.
      let _ = sender.send(reason);
    }
  }
}

/// Waits for the client to ask for the end; if the handle is dropped instead, says so.
pub(crate) async fn close_requested(close: &mut oneshot::Receiver<String>) -> String {
  close.await.unwrap_or_else(|_| "the connection handle was dropped".to_owned())
}

/// Separates the messages of one outgoing burst.
pub const BURST_SEPARATOR: char = '\n';

/// Shared by both transports: the sink as a trait object.
pub type Sink = Arc<dyn InboundSink>;

/// Runs a transport task so that a panic in it still ends the connection with a reason:
/// otherwise the client would wait forever for replies and for the close.
pub(crate) fn spawn_task<F>(task: F, sink: Sink)
where
  F: Future<Output = ()> + Send + 'static,
{
  tokio::spawn(async move {
    if let Err(panic) = AssertUnwindSafe(task).catch_unwind().await {
      let detail = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
      sink.closed(format!(
        "cdp-native's transport failed internally (a bug; please report it): {detail}"
      ));
    }
  });
}

#[cfg(test)]
mod tests {
  use super::*;

  struct ReasonSink(std::sync::Mutex<Option<tokio::sync::oneshot::Sender<String>>>);
  impl InboundSink for ReasonSink {
    fn deliver(&self, _text: Text) {}
    fn closed(&self, reason: String) {
      if let Some(tx) = self.0.lock().unwrap().take() {
        let _ = tx.send(reason);
      }
    }
  }

  #[tokio::test]
  async fn a_panicking_task_still_reports_the_close() {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let sink: Sink = Arc::new(ReasonSink(std::sync::Mutex::new(Some(tx))));
    spawn_task(async { panic!("frame state broken") }, sink);
    let reason = rx.await.unwrap();
    assert!(reason.contains("failed internally"), "{reason}");
    assert!(reason.contains("frame state broken"), "{reason}");
  }
}

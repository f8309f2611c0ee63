//! The CDP transport: one tokio task per connection owns the socket or pipe, writes what the
//! client queues, reassembles what the browser sends, checks each message's envelope, and
//! hands finished messages to an [`InboundSink`] in batches. Nothing here knows of N-API.

pub mod cause;
pub mod envelope;
pub mod error;
pub mod frame;
mod inbox;
pub mod limits;
#[cfg(unix)]
pub mod pipe;
mod task;
mod tls;
pub mod websocket;
pub mod window;
pub mod writer;

use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

pub use cause::Cause;
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
  /// The transport has ended, and why. Called once, after the last `deliver`.
  fn closed(&self, cause: Cause);
  /// After a send answered [`SendOutcome::Full`]: everything queued is written, send on.
  fn writable(&self) {}
}

/// Where a handle's sends go: the transport's shared writer.
pub(crate) trait Outbound: Send + Sync + 'static {
  /// Queues (and where possible writes) `burst`.
  fn send(&self, burst: String) -> SendOutcome;
}

/// The outbound side of a transport that could not start: it refuses every send. Only the
/// pipe (Unix-only) can fail to start after its handle exists.
#[cfg(unix)]
pub(crate) struct NeverStarted;

#[cfg(unix)]
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
  /// Asks the task to stop; it then reports [`Cause::Close`] through `InboundSink::closed`.
  close: Mutex<Option<oneshot::Sender<()>>>,
  /// Shared with the task: what has been delivered and not yet acknowledged.
  window: Arc<DeliveryWindow>,
}

/// What the task is given when it starts: the receiving ends of the handle's channels.
pub(crate) struct TaskInput {
  pub close: oneshot::Receiver<()>,
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

  /// Ends the transport with [`Cause::Close`]. Later calls do nothing.
  pub fn close(&self) {
    let sender = self.close.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
    if let Some(sender) = sender {
      // The task may already have ended on its own; then its cause stands.
      let _ = sender.send(());
    }
  }
}

/// Separates the messages of one outgoing burst.
pub const BURST_SEPARATOR: &str = "\n";

/// Shared by both transports: the sink as a trait object.
pub type Sink = Arc<dyn InboundSink>;

#[cfg(test)]
mod tests {
  use super::*;

  struct CauseSink(std::sync::Mutex<Option<tokio::sync::oneshot::Sender<Cause>>>);
  impl InboundSink for CauseSink {
    fn deliver(&self, _text: Text) {}
    fn closed(&self, cause: Cause) {
      if let Some(tx) = self.0.lock().unwrap().take() {
        let _ = tx.send(cause);
      }
    }
  }

  #[tokio::test]
  async fn a_panicking_task_still_reports_the_close() {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let sink: Sink = Arc::new(CauseSink(std::sync::Mutex::new(Some(tx))));
    task::spawn_guarded(async { panic!("frame state broken") }, sink);
    let cause = rx.await.unwrap();
    assert_eq!(cause, Cause::Internal { detail: "frame state broken".into() });
  }
}

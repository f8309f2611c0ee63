//! The one task skeleton both transports run, so that they end in the same order by
//! construction: what was read is delivered, a close the client asked for is said to the
//! peer, writing stops, and only then is the client told why it all ended.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt;

use crate::cause::Cause;
use crate::inbox::Inbox;
use crate::writer::{SharedWriter, WriteOut};
use crate::{Sink, TaskInput};

/// How long a client-requested close waits for the peer to take the goodbye (the WebSocket
/// close handshake) before the connection is dropped.
const CLOSE_GRACE: Duration = Duration::from_millis(500);

/// One transport's reading side: it reads messages into the inbox until the connection ends.
pub(crate) trait ReadIn: Send + 'static {
  /// Reads until the connection ends; returns why it ended.
  fn read_all(&mut self, inbox: &mut Inbox) -> impl Future<Output = Cause> + Send;
}

/// Runs a transport until it ends (the peer, a bad message, a write failure, or the client).
pub(crate) async fn run<R: ReadIn, W: WriteOut>(
  mut reader: R,
  writer: Arc<SharedWriter<W>>,
  sink: Sink,
  input: TaskInput,
) {
  let TaskInput { close, window } = input;
  let mut inbox = Inbox::new(sink.clone(), window);
  let cause = tokio::select! {
    cause = reader.read_all(&mut inbox) => cause,
    cause = writer.finish_writes() => cause,
    // A dropped handle is the client going away too.
    _ = close => Cause::Close,
  };
  // 1. Every message read before the end reaches the client: a reply among them must not be lost.
  inbox.flush();
  // 2. The peer hears a goodbye it asked for, briefly.
  if cause == Cause::Close {
    let _ = tokio::time::timeout(CLOSE_GRACE, writer.poll_with(W::poll_goodbye)).await;
  }
  // 3. Later sends are refused and our end of the socket or pipe closes, even while the
  //    client still holds the handle.
  writer.end(cause.clone());
  drop(reader);
  // 4. The client learns why, after its last delivery.
  sink.closed(cause);
}

/// Spawns a transport task so that a panic in it still ends the connection with a cause:
/// otherwise the client would wait forever for replies and for the close.
pub(crate) fn spawn_guarded<F>(task: F, sink: Sink)
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
      sink.closed(Cause::Internal { detail });
    }
  });
}

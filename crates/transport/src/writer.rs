//! The outgoing side, shared by the client's thread and the transport task. A send writes at
//! once on the caller's thread when the socket or pipe takes it without waiting, which saves
//! waking the task (a thread switch) on every command; only what cannot be written at once
//! is left to the task, which finishes it when the peer reads again.

use std::future::poll_fn;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

use tokio::sync::Notify;

use crate::Sink;
use crate::cause::Cause;

/// Unwritten outgoing bytes at which the client is told to hold further sends until the
/// peer has read what is queued: a browser that stops reading then costs bounded memory, and
/// commands held back on the client side can still be dropped when they time out.
pub const HIGH_WATER: usize = 16 * 1024 * 1024;

/// A burst up to this size is written on the caller's thread; a larger one is left to the
/// task. For one command the write is cheaper than waking the task, and it saves a thread
/// switch of latency; a large burst (many pipelined commands) would only move the framing and
/// the system call onto the JavaScript thread, which has better things to do.
pub const DIRECT_WRITE_MAX: usize = 16 * 1024;

/// What became of a send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendOutcome {
  /// Queued or written; send more.
  Queued,
  /// Queued, but `HIGH_WATER` bytes are waiting: hold further sends until
  /// [`super::InboundSink::writable`] is called.
  Full,
  /// The transport has ended; nothing was queued.
  Ended,
}

/// One transport's way of writing: it queues bursts and writes them out in order.
pub(crate) trait WriteOut: Send + 'static {
  /// Queues the messages of `burst` (see [`super::TransportHandle::send`]), after those
  /// already queued.
  fn queue(&mut self, burst: String);
  /// Writes and flushes what is queued. `Ready(Ok)` once all of it is written.
  fn poll_write_out(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Cause>>;
  /// Bytes queued and not yet written.
  fn queued_bytes(&self) -> usize;
  /// Tells the peer the client is going away (the WebSocket close handshake); the pipe has
  /// nothing to say: closing it is the goodbye.
  fn poll_goodbye(&mut self, _cx: &mut Context<'_>) -> Poll<()> {
    Poll::Ready(())
  }
}

struct State<W> {
  /// Dropped when writing ends, which closes the pipe or socket on our side.
  out: Option<W>,
  /// Why writing failed or stopped; after that every send is refused.
  ended: Option<Cause>,
  /// The task is finishing a write: sends only queue, so that the caller's thread never
  /// replaces the task's waker with its no-op one.
  handed_over: bool,
  /// The client was told to hold its sends; it is told when it may go on.
  holding: bool,
}

pub(crate) struct SharedWriter<W> {
  state: Mutex<State<W>>,
  /// Wakes the task to finish a write the caller could not complete without waiting.
  unfinished: Notify,
  /// Told when a client that was holding its sends may go on.
  sink: Sink,
}

impl<W: WriteOut> SharedWriter<W> {
  pub(crate) fn new(out: W, sink: Sink) -> Self {
    let state = State { out: Some(out), ended: None, handed_over: false, holding: false };
    SharedWriter { state: Mutex::new(state), unfinished: Notify::new(), sink }
  }

  fn state(&self) -> MutexGuard<'_, State<W>> {
    self.state.lock().unwrap_or_else(PoisonError::into_inner)
  }

  /// Queues `burst` and writes what the peer takes now, on the caller's thread.
  pub(crate) fn send(&self, burst: String) -> SendOutcome {
    let mut guard = self.state();
    let state = &mut *guard;
    if state.ended.is_some() {
      return SendOutcome::Ended;
    }
    let Some(out) = state.out.as_mut() else { return SendOutcome::Ended };
    let direct = burst.len() <= DIRECT_WRITE_MAX;
    out.queue(burst);
    if !direct && !state.handed_over {
      state.handed_over = true;
      self.unfinished.notify_one();
    }
    if !state.handed_over {
      // A no-op waker: if anything is left, the task finishes it with its own waker.
      let mut cx = Context::from_waker(Waker::noop());
      match out.poll_write_out(&mut cx) {
        Poll::Ready(Ok(())) => {}
        Poll::Pending => {
          state.handed_over = true;
          self.unfinished.notify_one();
        }
        Poll::Ready(Err(cause)) => {
          state.ended = Some(cause);
          self.unfinished.notify_one();
        }
      }
    }
    if out.queued_bytes() >= HIGH_WATER {
      state.holding = true;
      SendOutcome::Full
    } else {
      SendOutcome::Queued
    }
  }

  /// The task's side: finishes each write a send left unfinished. Returns why writing ended.
  pub(crate) async fn finish_writes(&self) -> Cause {
    loop {
      self.unfinished.notified().await;
      let written = poll_fn(|cx| {
        let mut state = self.state();
        if let Some(reason) = &state.ended {
          return Poll::Ready(Err(reason.clone()));
        }
        let state = &mut *state;
        let Some(out) = state.out.as_mut() else {
          // Only end() takes it, and end() always leaves a cause behind.
          return Poll::Ready(Err(Cause::Close));
        };
        let written = out.poll_write_out(cx);
        if written.is_ready() {
          state.handed_over = false;
        }
        written.map_ok(|()| std::mem::take(&mut state.holding))
      })
      .await;
      match written {
        Ok(true) => self.sink.writable(),
        Ok(false) => {}
        Err(cause) => {
          self.end(cause.clone());
          return cause;
        }
      }
    }
  }

  /// Refuses later sends and drops the writer, which closes our end: the transport is ending.
  pub(crate) fn end(&self, cause: Cause) {
    let out = {
      let mut state = self.state();
      state.ended.get_or_insert(cause);
      state.out.take()
    };
    drop(out);
  }

  /// Runs `f` on the writer while it is open, e.g. to say goodbye to the peer.
  pub(crate) fn poll_with<T>(
    &self,
    mut f: impl FnMut(&mut W, &mut Context<'_>) -> Poll<T>,
  ) -> impl Future<Output = Option<T>> {
    poll_fn(move |cx| match self.state().out.as_mut() {
      Some(out) => f(out, cx).map(Some),
      None => Poll::Ready(None),
    })
  }
}

#[cfg(test)]
mod tests {
  use super::*;
  use std::collections::VecDeque;
  use std::sync::Arc;

  /// Takes `capacity` messages, then waits until `room` is raised by the test.
  struct Limited {
    queued: VecDeque<String>,
    written: Arc<Mutex<Vec<String>>>,
    capacity: Arc<Mutex<usize>>,
    waker: Arc<Mutex<Option<Waker>>>,
  }

  struct NoSink;
  impl crate::InboundSink for NoSink {
    fn deliver(&self, _text: crate::Text) {}
    fn closed(&self, _cause: Cause) {}
  }

  impl WriteOut for Limited {
    fn queued_bytes(&self) -> usize {
      self.queued.iter().map(String::len).sum()
    }
    fn queue(&mut self, burst: String) {
      self.queued.extend(burst.split('\n').map(str::to_owned));
    }
    fn poll_write_out(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Cause>> {
      while let Some(message) = self.queued.front() {
        let mut capacity = self.capacity.lock().unwrap();
        if *capacity == 0 {
          *self.waker.lock().unwrap() = Some(cx.waker().clone());
          return Poll::Pending;
        }
        *capacity -= 1;
        self.written.lock().unwrap().push(message.clone());
        self.queued.pop_front();
      }
      Poll::Ready(Ok(()))
    }
  }

  #[tokio::test]
  async fn writes_at_once_and_leaves_the_rest_to_the_task_in_order() {
    let written = Arc::new(Mutex::new(Vec::new()));
    let capacity = Arc::new(Mutex::new(2));
    let waker = Arc::new(Mutex::new(None::<Waker>));
    let out = Limited {
      queued: VecDeque::new(),
      written: written.clone(),
      capacity: capacity.clone(),
      waker: waker.clone(),
    };
    let writer = Arc::new(SharedWriter::new(out, Arc::new(NoSink)));
    let task = tokio::spawn({
      let writer = writer.clone();
      async move { writer.finish_writes().await }
    });
    assert_eq!(writer.send("a\nb\nc".to_owned()), SendOutcome::Queued);
    assert_eq!(*written.lock().unwrap(), ["a", "b"], "written on the caller's thread");
    assert_eq!(writer.send("d".to_owned()), SendOutcome::Queued);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    *capacity.lock().unwrap() = 10;
    let parked = waker.lock().unwrap().take();
    parked.expect("the task waits with its own waker").wake();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    assert_eq!(*written.lock().unwrap(), ["a", "b", "c", "d"]);
    writer.end(Cause::Close);
    assert_eq!(writer.send("e".to_owned()), SendOutcome::Ended);
    task.abort();
  }
}

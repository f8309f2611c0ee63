//! The pipe transport of `--remote-debugging-pipe`: the browser reads commands from its fd 3
//! and writes replies and events to its fd 4, each message NUL-terminated.

use std::io::{self, ErrorKind};
use std::os::fd::OwnedFd;

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::io::AsyncWrite;
use tokio::net::unix::pipe;

use crate::cause::{Cause, Lost, Operation};
use crate::frame::NulSplitter;
use crate::inbox::Inbox;
use crate::task::{self, ReadIn};
use crate::writer::{SharedWriter, WriteOut};
use crate::{NeverStarted, Sink, TransportHandle};

/// The burst separator, one byte, turned into NUL in place.
const SEPARATOR_BYTE: u8 = {
  assert!(crate::BURST_SEPARATOR.len() == 1);
  crate::BURST_SEPARATOR.as_bytes()[0]
};

/// The size of one read from the browser's pipe: the whole pipe buffer.
const READ_CHUNK: usize = 1024 * 1024;

/// The two ends the browser process inherits, as its fds 3 and 4.
pub struct BrowserEnds {
  /// Becomes the browser's fd 3: it reads our commands from it.
  pub commands: OwnedFd,
  /// Becomes the browser's fd 4: it writes its messages to it.
  pub messages: OwnedFd,
}

/// Our two ends, kept in blocking mode until the task adopts them.
pub struct ClientEnds {
  commands: OwnedFd,
  messages: OwnedFd,
}

/// Creates both pipes. Every end is close-on-exec; the process that spawns the browser maps
/// the browser's ends onto fds 3 and 4 (which clears the flag there only) and must then close
/// its copies, or the end of the browser would never be seen as EOF.
pub fn create() -> io::Result<(BrowserEnds, ClientEnds)> {
  let (browser_reads, client_writes) = io::pipe()?;
  let (client_reads, browser_writes) = io::pipe()?;
  enlarge(&client_writes);
  enlarge(&client_reads);
  Ok((
    BrowserEnds { commands: browser_reads.into(), messages: browser_writes.into() },
    ClientEnds { commands: client_writes.into(), messages: client_reads.into() },
  ))
}

/// The pipe buffer asked for: the default 64 KiB splits most large messages into many
/// reads and writes (and makes writes from the caller's thread partial). 1 MiB is what an
/// unprivileged process may ask for by default (`/proc/sys/fs/pipe-max-size`).
#[cfg(target_os = "linux")]
const PIPE_CAPACITY: usize = 1024 * 1024;

/// Asks for a larger buffer; where the system refuses, the default one serves.
fn enlarge(_end: &impl std::os::fd::AsFd) {
  #[cfg(target_os = "linux")]
  let _ = rustix::pipe::fcntl_setpipe_size(_end, PIPE_CAPACITY);
}

/// Starts the task that owns our ends. Must be called inside the tokio runtime.
pub fn spawn(ends: ClientEnds, max_message_size: usize, sink: Sink) -> TransportHandle {
  match (pipe::Receiver::from_owned_fd(ends.messages), pipe::Sender::from_owned_fd(ends.commands)) {
    (Ok(receiver), Ok(sender)) => {
      let writer = Arc::new(SharedWriter::new(PipeOut::new(sender), sink.clone()));
      let (handle, input) = TransportHandle::new(writer.clone());
      let reader = PipeIn { receiver, splitter: NulSplitter::new(max_message_size) };
      task::spawn_guarded(task::run(reader, writer, sink.clone(), input), sink);
      handle
    }
    (Err(e), _) | (_, Err(e)) => {
      let (handle, _input) = TransportHandle::new(Arc::new(NeverStarted));
      sink.closed(Cause::io(Operation::Open, e));
      handle
    }
  }
}

/// The pipe's reading side: the browser's fd 4, split at each NUL.
struct PipeIn {
  receiver: pipe::Receiver,
  splitter: NulSplitter,
}

impl ReadIn for PipeIn {
  async fn read_all(&mut self, inbox: &mut Inbox) -> Cause {
    let mut chunk = vec![0u8; READ_CHUNK];
    loop {
      inbox.wait_for_room().await;
      if let Err(e) = self.receiver.readable().await {
        return Cause::io(Operation::Read, e);
      }
      // Drain what is there without waiting, so it all goes out as one batch, unless the
      // client is behind.
      while !inbox.is_full() {
        match self.receiver.try_read(&mut chunk) {
          Ok(0) => return Cause::lost(Lost::Eof { pending_bytes: self.splitter.pending_len() }),
          Ok(n) => {
            let (messages, outcome) = self.splitter.push_until_error(&chunk[..n]);
            for message in messages {
              if let Err(cause) = inbox.push(message.into()) {
                return cause;
              }
            }
            if let Err(error) = outcome {
              return error.into();
            }
          }
          Err(e) if e.kind() == ErrorKind::WouldBlock => break,
          Err(e) if e.kind() == ErrorKind::Interrupted => {}
          Err(e) => return Cause::io(Operation::Read, e),
        }
      }
      inbox.flush();
    }
  }
}

/// The pipe's outgoing side: each message followed by NUL, one write per burst when the
/// pipe has room.
struct PipeOut {
  sender: pipe::Sender,
  /// Bursts not yet fully written, their newlines already turned into NULs.
  queued: VecDeque<Vec<u8>>,
  /// How much of the front burst is written.
  written: usize,
  /// Bytes of `queued` not yet written.
  queued_bytes: usize,
}

impl PipeOut {
  fn new(sender: pipe::Sender) -> Self {
    PipeOut { sender, queued: VecDeque::new(), written: 0, queued_bytes: 0 }
  }
}

impl WriteOut for PipeOut {
  fn queued_bytes(&self) -> usize {
    self.queued_bytes
  }

  fn queue(&mut self, burst: String) {
    // In place: JSON text has no raw newline, so each one separates two messages.
    let mut bytes = burst.into_bytes();
    for byte in &mut bytes {
      if *byte == SEPARATOR_BYTE {
        *byte = 0;
      }
    }
    bytes.push(0);
    self.queued_bytes += bytes.len();
    self.queued.push_back(bytes);
  }

  fn poll_write_out(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Cause>> {
    while let Some(front) = self.queued.front() {
      match Pin::new(&mut self.sender).poll_write(cx, &front[self.written..]) {
        Poll::Ready(Ok(0)) => {
          return Poll::Ready(Err(Cause::io(Operation::Write, "the pipe takes no more")));
        }
        Poll::Ready(Ok(n)) => {
          self.written += n;
          self.queued_bytes -= n;
          if self.written == front.len() {
            self.queued.pop_front();
            self.written = 0;
          }
        }
        Poll::Ready(Err(e)) if e.kind() == ErrorKind::Interrupted => {}
        Poll::Ready(Err(e)) => {
          return Poll::Ready(Err(Cause::io(Operation::Write, e)));
        }
        Poll::Pending => return Poll::Pending,
      }
    }
    Poll::Ready(Ok(()))
  }
}

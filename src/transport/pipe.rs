//! The pipe transport of `--remote-debugging-pipe`: the browser reads commands from its fd 3
//! and writes replies and events to its fd 4, each message NUL-terminated.

use std::io::{self, ErrorKind};
use std::os::fd::OwnedFd;

use tokio::io::{AsyncWriteExt, BufWriter};
use tokio::net::unix::pipe;
use tokio::sync::mpsc;

use super::frame::NulSplitter;
use super::inbox::Inbox;
use super::{Sink, TaskInput, TransportHandle, close_requested};

/// The size of one read from the browser's pipe.
const READ_CHUNK: usize = 256 * 1024;
/// Outgoing messages are gathered up to this size before a write.
const WRITE_BUFFER: usize = 256 * 1024;

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
  Ok((
    BrowserEnds { commands: browser_reads.into(), messages: browser_writes.into() },
    ClientEnds { commands: client_writes.into(), messages: client_reads.into() },
  ))
}

/// Starts the task that owns our ends. Must be called inside the tokio runtime.
pub fn spawn(ends: ClientEnds, max_message_size: usize, sink: Sink) -> TransportHandle {
  let (handle, input) = TransportHandle::new();
  super::spawn_task(run(ends, max_message_size, sink.clone(), input), sink);
  handle
}

async fn run(ends: ClientEnds, max_message_size: usize, sink: Sink, input: TaskInput) {
  let TaskInput { mut outbound, mut close, window } = input;
  let mut inbox = Inbox::new(sink.clone(), window);
  let reason = match (
    pipe::Receiver::from_owned_fd(ends.messages),
    pipe::Sender::from_owned_fd(ends.commands),
  ) {
    (Ok(reader), Ok(writer)) => {
      let mut splitter = NulSplitter::new(max_message_size);
      let mut writer = BufWriter::with_capacity(WRITE_BUFFER, writer);
      tokio::select! {
        reason = read_all(&reader, &mut splitter, &mut inbox) => reason,
        reason = write_all(&mut writer, &mut outbound) => reason,
        reason = close_requested(&mut close) => reason,
      }
    }
    (Err(e), _) | (_, Err(e)) => format!("could not use the browser pipes: {e}"),
  };
  inbox.flush();
  sink.closed(reason);
}

/// Reads until the pipe ends; returns why it ended.
async fn read_all(
  reader: &pipe::Receiver,
  splitter: &mut NulSplitter,
  inbox: &mut Inbox,
) -> String {
  let mut chunk = vec![0u8; READ_CHUNK];
  loop {
    inbox.wait_for_room().await;
    if let Err(e) = reader.readable().await {
      return format!("reading the browser pipe failed: {e}");
    }
    // Drain what is there without waiting, so it all goes out as one batch, unless the
    // client is behind.
    while !inbox.is_full() {
      match reader.try_read(&mut chunk) {
        Ok(0) => {
          inbox.flush();
          return match splitter.pending_len() {
            0 => "the browser closed its pipe (EOF)".to_owned(),
            n => {
              format!("the browser closed its pipe (EOF) in the middle of a message ({n} bytes)")
            }
          };
        }
        Ok(n) => {
          let messages = match splitter.push(&chunk[..n]) {
            Ok(messages) => messages,
            Err(e) => return e.to_string(),
          };
          for message in messages {
            if let Err(reason) = inbox.push(message) {
              return reason;
            }
          }
        }
        Err(e) if e.kind() == ErrorKind::WouldBlock => break,
        Err(e) if e.kind() == ErrorKind::Interrupted => {}
        Err(e) => return format!("reading the browser pipe failed: {e}"),
      }
    }
    inbox.flush();
  }
}

/// Writes queued messages, each followed by NUL; a burst of them goes out in few writes.
async fn write_all(
  writer: &mut BufWriter<pipe::Sender>,
  outbound: &mut mpsc::UnboundedReceiver<String>,
) -> String {
  while let Some(text) = outbound.recv().await {
    if let Err(e) = write_one(writer, &text).await {
      return format!("writing to the browser pipe failed: {e}");
    }
    while let Ok(text) = outbound.try_recv() {
      if let Err(e) = write_one(writer, &text).await {
        return format!("writing to the browser pipe failed: {e}");
      }
    }
    if let Err(e) = writer.flush().await {
      return format!("writing to the browser pipe failed: {e}");
    }
  }
  "the connection handle was dropped".to_owned()
}

/// Writes each message of `burst` (see [`super::TransportHandle::send`]) with its NUL.
async fn write_one(writer: &mut BufWriter<pipe::Sender>, burst: &str) -> io::Result<()> {
  for message in burst.split(super::BURST_SEPARATOR) {
    writer.write_all(message.as_bytes()).await?;
    writer.write_all(b"\0").await?;
  }
  Ok(())
}

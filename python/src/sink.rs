//! Delivers what a transport receives to Python. Messages wait here until Python takes them
//! (`Transport.take()`), all that have arrived in one call. The doorbell is a pipe whose read
//! end the asyncio loop watches (`loop.add_reader`): one byte is written when messages arrive
//! while none are waiting, so the tokio side never takes the GIL, and under load one wake
//! serves a whole batch. The close rings it too, after the last delivery.

use std::io::{PipeReader, PipeWriter, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::{Mutex, MutexGuard, PoisonError};

use cdp_transport::{Cause, InboundSink, Text};

#[derive(Default)]
struct Arrived {
  texts: Vec<Text>,
  /// The doorbell has been rung and Python has not yet found the queue empty since.
  rung: bool,
  /// The transport's end, as its JSON (crates/transport/src/cause.rs).
  cause: Option<String>,
}

pub struct PySink {
  arrived: Mutex<Arrived>,
  bell_read: PipeReader,
  bell_write: PipeWriter,
}

fn nonblocking(fd: &impl std::os::fd::AsFd) -> std::io::Result<()> {
  use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
  let flags = fcntl_getfl(fd)?;
  fcntl_setfl(fd, flags | OFlags::NONBLOCK)?;
  Ok(())
}

impl PySink {
  pub fn new() -> std::io::Result<PySink> {
    let (bell_read, bell_write) = std::io::pipe()?;
    nonblocking(&bell_read)?;
    nonblocking(&bell_write)?;
    Ok(PySink { arrived: Mutex::default(), bell_read, bell_write })
  }

  fn arrived(&self) -> MutexGuard<'_, Arrived> {
    self.arrived.lock().unwrap_or_else(PoisonError::into_inner)
  }

  /// The fd Python watches; it drains it before taking.
  pub fn doorbell(&self) -> RawFd {
    self.bell_read.as_raw_fd()
  }

  fn ring(&self) {
    // A full pipe already holds a wake, so a refused byte loses nothing.
    let _ = (&self.bell_write).write(&[1]);
  }

  /// Everything delivered since the last call, in order. When nothing is waiting the doorbell
  /// is armed again, under the same lock as `deliver`, so no arrival is missed.
  pub fn take(&self) -> Vec<Text> {
    let mut arrived = self.arrived();
    if arrived.texts.is_empty() {
      arrived.rung = false;
    }
    std::mem::take(&mut arrived.texts)
  }

  pub fn cause(&self) -> Option<String> {
    self.arrived().cause.clone()
  }
}

impl InboundSink for PySink {
  fn deliver(&self, text: Text) {
    let ring = {
      let mut arrived = self.arrived();
      arrived.texts.push(text);
      !std::mem::replace(&mut arrived.rung, true)
    };
    if ring {
      self.ring();
    }
  }

  fn closed(&self, cause: Cause) {
    self.arrived().cause = Some(cause.to_json());
    self.ring();
  }
}

//! `NativeTransport`: the JS shim's handle on one running transport (lib/native-transport.js
//! wraps its creation; lib/connection.js is given one and never requires the binding).

use std::sync::{Arc, Mutex};

use napi::Env;
use napi::bindgen_prelude::{PromiseRaw, Result};
use napi_derive::napi;
use tokio::sync::oneshot;

use cdp_transport::TransportHandle;
#[cfg(unix)]
use cdp_transport::pipe::BrowserEnds;

use super::js_text::Taken;
use super::sink::JsSink;
use super::wire::SendResult;

/// Off Unix there is no pipe transport (see `open_pipe`), so never any browser ends.
#[cfg(not(unix))]
pub(crate) enum BrowserEnds {}

#[napi]
pub struct NativeTransport {
  transport: TransportHandle,
  /// Where received messages wait until JS takes them.
  sink: Arc<JsSink>,
  /// Resolves the `waitForClose()` promise once JS has handled the close, so the process
  /// stays alive exactly as long as the connection matters.
  release: Mutex<Option<oneshot::Sender<()>>>,
  /// The receiving end of `release`, taken by the first `waitForClose()`.
  released: Mutex<Option<oneshot::Receiver<()>>>,
  /// Pipe only: the browser's ends, open until the browser has inherited them.
  browser_ends: Mutex<Option<BrowserEnds>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
  mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl NativeTransport {
  pub(crate) fn new(
    transport: TransportHandle,
    sink: Arc<JsSink>,
    browser_ends: Option<BrowserEnds>,
  ) -> Self {
    let (release, released) = oneshot::channel();
    NativeTransport {
      transport,
      sink,
      release: Mutex::new(Some(release)),
      released: Mutex::new(Some(released)),
      browser_ends: Mutex::new(browser_ends),
    }
  }
}

#[napi]
impl NativeTransport {
  /// Queues one message text, or several joined by `BURST_SEPARATOR`, for the peer.
  #[napi]
  pub fn send(&self, text: String) -> SendResult {
    self.transport.send_burst(text).into()
  }

  /// Every delivery that has arrived since the last call, in order: `null` when none has
  /// (the doorbell, `DeliveryKind.Arrived`, is then armed again), a string when one has (a
  /// message, or a JSON array text of several), else an array of such strings. `handled`
  /// deliveries taken before are acknowledged first (the inbound window): JS takes only once
  /// it has dispatched everything it took, so one call does both.
  #[napi(ts_return_type = "string | string[] | null")]
  pub fn take(&self, handled: u32) -> Taken {
    if handled > 0 {
      self.transport.acknowledge(handled as usize);
    }
    self.sink.take()
  }

  /// Calls the inbound callback with `DeliveryKind.Resume` once the microtasks queued so far
  /// have run (see `JsSink::resume_soon`): the ordering promise's pause after a reply.
  #[napi]
  pub fn resume_soon(&self) {
    self.sink.resume_soon();
  }

  /// With `CDP_NATIVE_TRACE` set: when the latest delivery became ready for JS, in ns on
  /// the clock of `process.hrtime.bigint()` (for the benchmark's breakdown); else 0.
  #[napi]
  pub fn last_arrival_ns(&self) -> f64 {
    // ns since boot fit a double exactly for 104 days; this is a trace figure either way.
    self.sink.last_arrival_ns() as f64
  }

  /// JS has handled its `count` oldest deliveries; until it does, the transport stops reading
  /// once a bounded amount is outstanding.
  #[napi]
  pub fn acknowledge(&self, count: u32) {
    self.transport.acknowledge(count as usize);
  }

  /// Ends the transport; the close callback will report the cause `close`.
  #[napi]
  pub fn close(&self) {
    self.transport.close();
  }

  /// A promise that stays pending, holding Node's event loop, until `release()`.
  #[napi(ts_return_type = "Promise<void>")]
  pub fn wait_for_close<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, ()>> {
    let released = lock(&self.released).take();
    env.spawn_future(async move {
      if let Some(released) = released {
        // A dropped sender (the connection object collected) also ends the wait.
        let _ = released.await;
      }
      Ok(())
    })
  }

  /// Lets the process exit: called by JS once it has handled the close.
  #[napi]
  pub fn release(&self) {
    if let Some(release) = lock(&self.release).take() {
      let _ = release.send(());
    }
  }

  /// Pipe only: `[commandsFd, messagesFd]`, the fds the browser must get as 3 and 4.
  #[napi(getter)]
  pub fn browser_fds(&self) -> Option<Vec<i32>> {
    lock(&self.browser_ends).as_ref().map(raw_fds)
  }

  /// Pipe only: closes our copies of the browser's ends once it has inherited them (or
  /// failed to start), so that its exit shows up as EOF.
  #[napi]
  pub fn close_browser_fds(&self) {
    lock(&self.browser_ends).take();
  }
}

#[cfg(unix)]
fn raw_fds(ends: &BrowserEnds) -> Vec<i32> {
  use std::os::fd::AsRawFd;
  vec![ends.commands.as_raw_fd(), ends.messages.as_raw_fd()]
}

#[cfg(not(unix))]
fn raw_fds(ends: &BrowserEnds) -> Vec<i32> {
  match *ends {}
}

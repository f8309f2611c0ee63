//! Delivers what a transport receives to JavaScript. Messages wait here until JavaScript takes
//! them (`NativeTransport.take()`), all that have arrived in one synchronous call; the
//! threadsafe function is only a doorbell, rung when messages arrive while none are waiting,
//! so that under load no wake is paid per message and batches form by themselves. The close
//! and the end of outgoing backpressure go through the same function, in order after the
//! doorbell of every message before them. The function is weak: it never keeps Node's event
//! loop alive by itself (the pending `waitForClose()` promise does that while it matters).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use napi::Status;
use napi::bindgen_prelude::{FnArgs, Function, Result};
use napi::threadsafe_function::{
  ThreadsafeCallContext, ThreadsafeFunction, ThreadsafeFunctionCallMode, UnknownReturnValue,
};

use cdp_transport::{Cause, InboundSink, Text};

use super::js_text::{JsText, Taken};
use super::trace;
use super::wire::DeliveryKind;

/// What the JS callback is told. It is called as `(kind, text)`, with a [`DeliveryKind`].
pub enum Inbound {
  Arrived,
  Closed(Cause),
  Writable,
  Resume,
}

/// The JS side's signature, as napi sees it.
pub type InboundCallback<'scope> = Function<'scope, FnArgs<(u32, String)>, UnknownReturnValue>;

/// `(kind, text) => void`: not callee-handled, weak, unbounded queue.
type InboundFunction =
  ThreadsafeFunction<Inbound, UnknownReturnValue, FnArgs<(u32, JsText)>, Status, false, true, 0>;

/// Messages delivered and not yet taken by JavaScript.
#[derive(Default)]
struct Arrived {
  texts: Vec<Text>,
  /// The doorbell has been rung and JavaScript has not yet found the queue empty since.
  rung: bool,
}

pub struct JsSink {
  function: InboundFunction,
  arrived: Mutex<Arrived>,
  /// With tracing on (trace.rs): when the latest delivery became ready, in ns.
  last_arrival_ns: AtomicU64,
}

impl JsSink {
  pub fn new(callback: &InboundCallback<'_>) -> Result<JsSink> {
    let function = callback
      .build_threadsafe_function::<Inbound>()
      .callee_handled::<false>()
      .weak::<true>()
      .max_queue_size::<0>()
      .build_callback(|ctx: ThreadsafeCallContext<Inbound>| {
        let (kind, text) = match ctx.value {
          Inbound::Arrived => (DeliveryKind::Arrived, Text::from_static("")),
          Inbound::Closed(cause) => (DeliveryKind::Closed, cause.to_json().into()),
          Inbound::Writable => (DeliveryKind::Writable, Text::from_static("")),
          Inbound::Resume => (DeliveryKind::Resume, Text::from_static("")),
        };
        Ok(FnArgs::from((kind as u32, JsText(text))))
      })?;
    Ok(JsSink {
      function,
      arrived: Mutex::new(Arrived::default()),
      last_arrival_ns: AtomicU64::new(0),
    })
  }

  fn arrived(&self) -> MutexGuard<'_, Arrived> {
    self.arrived.lock().unwrap_or_else(PoisonError::into_inner)
  }

  /// Everything delivered since the last call, in order. When nothing is waiting, the
  /// doorbell is armed again, under the same lock as `deliver`, so no arrival is missed.
  pub fn take(&self) -> Taken {
    let mut arrived = self.arrived();
    match arrived.texts.len() {
      0 => {
        arrived.rung = false;
        Taken::Nothing
      }
      1 => arrived.texts.pop().map_or(Taken::Nothing, Taken::One),
      _ => Taken::Several(std::mem::take(&mut arrived.texts)),
    }
  }

  /// Queues a `Resume` call. From inside a call of this function (the JS thread dispatching
  /// a delivery), Node runs it in the same turn, right after the microtasks that the current
  /// call queued have run: the code awaiting a reply runs before the next message, at the
  /// cost of one queued call instead of a turn of the event loop.
  pub fn resume_soon(&self) {
    self.call(Inbound::Resume);
  }

  /// With tracing on: when the latest delivery became ready for JavaScript, in ns.
  pub fn last_arrival_ns(&self) -> u64 {
    self.last_arrival_ns.load(Ordering::Relaxed)
  }

  fn call(&self, inbound: Inbound) {
    // The queue is unbounded, so NonBlocking never refuses; after teardown (Node exiting)
    // there is nobody left to tell.
    self.function.call(inbound, ThreadsafeFunctionCallMode::NonBlocking);
  }
}

impl InboundSink for JsSink {
  fn deliver(&self, text: Text) {
    if trace::enabled() {
      self.last_arrival_ns.store(trace::now_ns(), Ordering::Relaxed);
    }
    let ring = {
      let mut arrived = self.arrived();
      arrived.texts.push(text);
      !std::mem::replace(&mut arrived.rung, true)
    };
    if ring {
      self.call(Inbound::Arrived);
    }
  }

  fn closed(&self, cause: Cause) {
    self.call(Inbound::Closed(cause));
  }

  fn writable(&self) {
    self.call(Inbound::Writable);
  }
}

//! Delivers what a transport receives to JavaScript through one threadsafe function per
//! connection. The function is weak: it never keeps Node's event loop alive by itself (the
//! pending `waitForClose()` promise does that while the connection is open).

use napi::Status;
use napi::bindgen_prelude::{FnArgs, Function, Result};
use napi::threadsafe_function::{
  ThreadsafeCallContext, ThreadsafeFunction, ThreadsafeFunctionCallMode, UnknownReturnValue,
};

use crate::transport::InboundSink;

/// What the JS callback is told. It is called as `(kind, text)`:
/// kind `0` with a message or a JSON array of messages, kind `1` with the close reason,
/// kind `2` (text empty) when sends held back by a full outgoing queue may go on.
pub enum Inbound {
  Messages(String),
  Closed(String),
  Writable,
}

pub const KIND_MESSAGES: u32 = 0;
pub const KIND_CLOSED: u32 = 1;
pub const KIND_WRITABLE: u32 = 2;

/// The JS side's signature, as napi sees it.
pub type InboundCallback<'scope> = Function<'scope, FnArgs<(u32, String)>, UnknownReturnValue>;

/// `(kind, text) => void`: not callee-handled, weak, unbounded queue.
type InboundFunction =
  ThreadsafeFunction<Inbound, UnknownReturnValue, FnArgs<(u32, String)>, Status, false, true, 0>;

pub struct JsSink {
  function: InboundFunction,
}

impl JsSink {
  pub fn new(callback: &InboundCallback<'_>) -> Result<JsSink> {
    let function = callback
      .build_threadsafe_function::<Inbound>()
      .callee_handled::<false>()
      .weak::<true>()
      .max_queue_size::<0>()
      .build_callback(|ctx: ThreadsafeCallContext<Inbound>| {
        Ok(FnArgs::from(match ctx.value {
          Inbound::Messages(text) => (KIND_MESSAGES, text),
          Inbound::Closed(reason) => (KIND_CLOSED, reason),
          Inbound::Writable => (KIND_WRITABLE, String::new()),
        }))
      })?;
    Ok(JsSink { function })
  }
}

impl InboundSink for JsSink {
  fn deliver(&self, text: String) {
    // The queue is unbounded, so NonBlocking never refuses; after teardown (Node exiting)
    // there is nobody left to tell.
    self.function.call(Inbound::Messages(text), ThreadsafeFunctionCallMode::NonBlocking);
  }

  fn closed(&self, reason: String) {
    self.function.call(Inbound::Closed(reason), ThreadsafeFunctionCallMode::NonBlocking);
  }

  fn writable(&self) {
    self.function.call(Inbound::Writable, ThreadsafeFunctionCallMode::NonBlocking);
  }
}

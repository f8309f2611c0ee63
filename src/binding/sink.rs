//! Delivers what a transport receives to JavaScript through one threadsafe function per
//! connection. The function is weak: it never keeps Node's event loop alive by itself (the
//! pending `waitForClose()` promise does that while the connection is open).

use napi::bindgen_prelude::{FnArgs, Function, Result, ToNapiValue};
use napi::threadsafe_function::{
  ThreadsafeCallContext, ThreadsafeFunction, ThreadsafeFunctionCallMode, UnknownReturnValue,
};
use napi::{Status, sys};

use cdp_transport::{Cause, InboundSink, Text};

use super::wire::DeliveryKind;

/// What the JS callback is told. It is called as `(kind, text)`, with a [`DeliveryKind`].
pub enum Inbound {
  Messages(Text),
  Closed(Cause),
  Writable,
}

/// A received text on its way into a JS string: napi copies it straight out of the buffer
/// the transport read it into, with no copy in between.
pub struct JsText(Text);

impl ToNapiValue for JsText {
  #[expect(
    unsafe_code,
    reason = "ToNapiValue is an unsafe trait method; this only forwards to &str's"
  )]
  unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
    // SAFETY: called by napi-rs on the JS thread with its live env, as the &str impl expects.
    unsafe { <&str as ToNapiValue>::to_napi_value(env, val.0.as_str()) }
  }
}

/// The JS side's signature, as napi sees it.
pub type InboundCallback<'scope> = Function<'scope, FnArgs<(u32, String)>, UnknownReturnValue>;

/// `(kind, text) => void`: not callee-handled, weak, unbounded queue.
type InboundFunction =
  ThreadsafeFunction<Inbound, UnknownReturnValue, FnArgs<(u32, JsText)>, Status, false, true, 0>;

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
        let (kind, text) = match ctx.value {
          Inbound::Messages(text) => (DeliveryKind::Messages, text),
          Inbound::Closed(cause) => (DeliveryKind::Closed, cause.to_json().into()),
          Inbound::Writable => (DeliveryKind::Writable, Text::from_static("")),
        };
        Ok(FnArgs::from((kind as u32, JsText(text))))
      })?;
    Ok(JsSink { function })
  }
}

impl InboundSink for JsSink {
  fn deliver(&self, text: Text) {
    // The queue is unbounded, so NonBlocking never refuses; after teardown (Node exiting)
    // there is nobody left to tell.
    self.function.call(Inbound::Messages(text), ThreadsafeFunctionCallMode::NonBlocking);
  }

  fn closed(&self, cause: Cause) {
    self.function.call(Inbound::Closed(cause), ThreadsafeFunctionCallMode::NonBlocking);
  }

  fn writable(&self) {
    self.function.call(Inbound::Writable, ThreadsafeFunctionCallMode::NonBlocking);
  }
}

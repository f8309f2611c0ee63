//! The entry points that start a transport.

use std::collections::HashMap;
use std::sync::Arc;

#[cfg(unix)]
use napi::bindgen_prelude::within_runtime_if_available;
use napi::bindgen_prelude::{PromiseRaw, Result};
use napi::{Env, Error, Status};
use napi_derive::napi;

use super::native_transport::NativeTransport;
use super::sink::{InboundCallback, JsSink};
#[cfg(unix)]
use cdp_transport::pipe;
use cdp_transport::websocket;

/// Connects to a CDP WebSocket URL. Resolves with the transport once the upgrade is done.
#[napi(catch_unwind, ts_return_type = "Promise<NativeTransport>")]
pub fn connect_web_socket<'env>(
  env: &'env Env,
  url: String,
  headers: HashMap<String, String>,
  // Checked by the JS shim (lib/options.js), the one place options are validated.
  max_message_size: u32,
  #[napi(ts_arg_type = "(kind: DeliveryKind, text: string) => void")] on_inbound: InboundCallback<
    '_,
  >,
) -> Result<PromiseRaw<'env, NativeTransport>> {
  let cap = max_message_size as usize;
  let sink = Arc::new(JsSink::new(&on_inbound)?);
  let headers: Vec<(String, String)> = headers.into_iter().collect();
  env.spawn_future(async move {
    let stream = websocket::connect(&url, &headers, cap)
      .await
      .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))?;
    Ok(NativeTransport::new(websocket::spawn(stream, sink.clone()), sink, None))
  })
}

/// Creates the pipes for a browser to be launched with `--remote-debugging-pipe` and starts
/// the transport on our ends. The caller spawns the browser with `browserFds` as its fds 3
/// and 4, then calls `closeBrowserFds()`.
#[cfg(unix)]
#[napi(catch_unwind)]
pub fn open_pipe(
  max_message_size: u32,
  #[napi(ts_arg_type = "(kind: DeliveryKind, text: string) => void")] on_inbound: InboundCallback<
    '_,
  >,
) -> Result<NativeTransport> {
  let cap = max_message_size as usize;
  let sink = Arc::new(JsSink::new(&on_inbound)?);
  let (browser_ends, client_ends) = pipe::create().map_err(|e| {
    Error::new(Status::GenericFailure, format!("could not create the browser pipes: {e}"))
  })?;
  let transport = within_runtime_if_available(|| pipe::spawn(client_ends, cap, sink.clone()));
  Ok(NativeTransport::new(transport, sink, Some(browser_ends)))
}

/// Off Unix there are no fds 3 and 4 to hand the browser: the pipe transport is refused
/// (the launcher refuses it first, saying to use the WebSocket).
#[cfg(not(unix))]
#[napi(catch_unwind)]
pub fn open_pipe(
  _max_message_size: u32,
  #[napi(ts_arg_type = "(kind: DeliveryKind, text: string) => void")] _on_inbound: InboundCallback<
    '_,
  >,
) -> Result<NativeTransport> {
  Err(Error::new(
    Status::GenericFailure,
    "the pipe transport needs Unix file descriptors; use transport: 'websocket'".to_owned(),
  ))
}

//! The entry points that start a transport.

use std::collections::HashMap;
use std::sync::Arc;

use napi::bindgen_prelude::{PromiseRaw, Result, within_runtime_if_available};
use napi::{Env, Error, Status};
use napi_derive::napi;

use super::connection::NativeConnection;
use super::sink::{InboundCallback, JsSink};
#[cfg(unix)]
use cdp_transport::pipe;
use cdp_transport::websocket;

/// JS numbers arrive as f64; a cap that is not a positive whole number is refused.
fn message_cap(max_message_size: f64) -> Result<usize> {
  if max_message_size.is_finite() && max_message_size >= 1.0 && max_message_size.fract() == 0.0 {
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked above")]
    Ok(max_message_size as usize)
  } else {
    Err(Error::new(
      Status::InvalidArg,
      format!("maxMessageSize must be a positive whole number of bytes, got {max_message_size}"),
    ))
  }
}

/// Connects to a browser WebSocket URL. Resolves with the connection once the upgrade is done.
#[napi(catch_unwind, ts_return_type = "Promise<NativeConnection>")]
pub fn connect_web_socket<'env>(
  env: &'env Env,
  url: String,
  headers: HashMap<String, String>,
  max_message_size: f64,
  #[napi(ts_arg_type = "(kind: number, text: string) => void")] on_inbound: InboundCallback<'_>,
) -> Result<PromiseRaw<'env, NativeConnection>> {
  let cap = message_cap(max_message_size)?;
  let sink = Arc::new(JsSink::new(&on_inbound)?);
  let headers: Vec<(String, String)> = headers.into_iter().collect();
  env.spawn_future(async move {
    let stream = websocket::connect(&url, &headers, cap)
      .await
      .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))?;
    Ok(NativeConnection::new(websocket::spawn(stream, sink), None))
  })
}

/// Creates the pipes for a browser to be launched with `--remote-debugging-pipe` and starts
/// the transport on our ends. The caller spawns the browser with `browserFds` as its fds 3
/// and 4, then calls `closeBrowserFds()`.
#[cfg(unix)]
#[napi(catch_unwind)]
pub fn open_pipe(
  max_message_size: f64,
  #[napi(ts_arg_type = "(kind: number, text: string) => void")] on_inbound: InboundCallback<'_>,
) -> Result<NativeConnection> {
  let cap = message_cap(max_message_size)?;
  let sink = Arc::new(JsSink::new(&on_inbound)?);
  let (browser_ends, client_ends) = pipe::create().map_err(|e| {
    Error::new(Status::GenericFailure, format!("could not create the browser pipes: {e}"))
  })?;
  let transport = within_runtime_if_available(|| pipe::spawn(client_ends, cap, sink));
  Ok(NativeConnection::new(transport, Some(browser_ends)))
}

/// Off Unix there are no fds 3 and 4 to hand the browser: the pipe transport is refused
/// (the launcher refuses it first, saying to use the WebSocket).
#[cfg(not(unix))]
#[napi(catch_unwind)]
pub fn open_pipe(
  _max_message_size: f64,
  #[napi(ts_arg_type = "(kind: number, text: string) => void")] _on_inbound: InboundCallback<'_>,
) -> Result<NativeConnection> {
  Err(Error::new(
    Status::GenericFailure,
    "the pipe transport needs Unix file descriptors; use transport: 'websocket'".to_owned(),
  ))
}

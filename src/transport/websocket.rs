//! The WebSocket transport (`ws://`, `wss://`), over tokio-tungstenite.

use std::time::Duration;

use futures_util::{FutureExt, SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::error::{CapacityError, ProtocolError};
use tokio_tungstenite::tungstenite::http::{HeaderName, HeaderValue};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Bytes, Error as WsError, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::inbox::Inbox;
use super::{Sink, TaskInput, TransportHandle, close_requested};
use crate::error::TransportError;

type Stream = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long a client-requested close waits for the close handshake before dropping the socket.
const CLOSE_GRACE: Duration = Duration::from_millis(500);

/// Opens the WebSocket. `headers` go on the upgrade request; no `Origin` is added, since
/// Chromium refuses an origin it was not told to allow.
pub async fn connect(
  url: &str,
  headers: &[(String, String)],
  max_message_size: usize,
) -> Result<Stream, TransportError> {
  let mut request =
    url.into_client_request().map_err(|e| TransportError::Request(e.to_string()))?;
  for (name, value) in headers {
    // Header values are secrets often enough (tokens) that errors name only the header.
    let name_value = HeaderName::from_bytes(name.as_bytes())
      .map_err(|_| TransportError::Request(format!("invalid header name {name:?}")))?;
    let header_value = HeaderValue::from_str(value)
      .map_err(|_| TransportError::Request(format!("invalid value for header {name:?}")))?;
    request.headers_mut().insert(name_value, header_value);
  }
  // Chromium sends a large result as one frame, so the frame cap is the message cap.
  let config = WebSocketConfig::default()
    .max_message_size(Some(max_message_size))
    .max_frame_size(Some(max_message_size));
  let (stream, _response) =
    tokio_tungstenite::connect_async_with_config(request, Some(config), true)
      .await
      .map_err(|e| TransportError::Connect(describe_connect_error(e)))?;
  Ok(stream)
}

/// Starts the task that owns `stream`.
pub fn spawn(stream: Stream, sink: Sink) -> TransportHandle {
  let (handle, input) = TransportHandle::new();
  super::spawn_task(run(stream, sink.clone(), input), sink);
  handle
}

async fn run(stream: Stream, sink: Sink, input: TaskInput) {
  let TaskInput { mut outbound, mut close, window } = input;
  let (mut writer, mut reader) = stream.split();
  let mut inbox = Inbox::new(sink.clone(), window);
  let (reason, by_client) = tokio::select! {
    reason = read_all(&mut reader, &mut inbox) => (reason, false),
    reason = write_all(&mut writer, &mut outbound) => (reason, false),
    reason = close_requested(&mut close) => (reason, true),
  };
  inbox.flush();
  if by_client {
    let _ = tokio::time::timeout(CLOSE_GRACE, writer.close()).await;
  }
  drop((writer, reader));
  sink.closed(reason);
}

/// Reads until the connection ends; returns why it ended.
async fn read_all(
  reader: &mut futures_util::stream::SplitStream<Stream>,
  inbox: &mut Inbox,
) -> String {
  loop {
    inbox.wait_for_room().await;
    let first = reader.next().await;
    if let Err(reason) = receive(first, inbox) {
      return reason;
    }
    // Everything already buffered goes into the same batch, unless the client is behind.
    while !inbox.is_full()
      && let Some(next) = reader.next().now_or_never()
    {
      if let Err(reason) = receive(next, inbox) {
        return reason;
      }
    }
    inbox.flush();
  }
}

/// Takes one item of the stream; an error is the reason the connection ends.
fn receive(item: Option<Result<Message, WsError>>, inbox: &mut Inbox) -> Result<(), String> {
  match item {
    None => Err("the WebSocket connection ended without a close frame".to_owned()),
    Some(Ok(Message::Text(text))) => {
      // Bytes → Vec reuses the allocation when the frame owns it; UTF-8 was already checked
      // by tungstenite, and is checked again here without a copy.
      let bytes = Vec::from(Bytes::from(text));
      let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
      inbox.push(text)
    }
    Some(Ok(Message::Binary(data))) => Err(format!(
      "the browser sent a binary WebSocket frame ({} bytes); CDP messages are text",
      data.len()
    )),
    Some(Ok(Message::Close(frame))) => Err(match frame {
      Some(frame) if frame.reason.is_empty() => {
        format!("the browser closed the WebSocket (code {})", u16::from(frame.code))
      }
      Some(frame) => {
        format!(
          "the browser closed the WebSocket (code {}: {})",
          u16::from(frame.code),
          frame.reason
        )
      }
      None => "the browser closed the WebSocket (no close code)".to_owned(),
    }),
    Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => Ok(()),
    Some(Err(error)) => Err(describe_read_error(error)),
  }
}

/// Writes queued messages; many queued at once go out in one flush (one system call).
async fn write_all(
  writer: &mut futures_util::stream::SplitSink<Stream, Message>,
  outbound: &mut mpsc::UnboundedReceiver<String>,
) -> String {
  while let Some(burst) = outbound.recv().await {
    if let Err(e) = feed_burst(writer, burst).await {
      return format!("writing to the WebSocket failed: {e}");
    }
    while let Ok(burst) = outbound.try_recv() {
      if let Err(e) = feed_burst(writer, burst).await {
        return format!("writing to the WebSocket failed: {e}");
      }
    }
    if let Err(e) = writer.flush().await {
      return format!("writing to the WebSocket failed: {e}");
    }
  }
  "the connection handle was dropped".to_owned()
}

/// Queues one frame per message of `burst` (see [`TransportHandle::send`]); a lone message
/// becomes its frame without a copy.
async fn feed_burst(
  writer: &mut futures_util::stream::SplitSink<Stream, Message>,
  burst: String,
) -> Result<(), WsError> {
  if !burst.contains(super::BURST_SEPARATOR) {
    return writer.feed(Message::text(burst)).await;
  }
  for message in burst.split(super::BURST_SEPARATOR) {
    writer.feed(Message::text(message)).await?;
  }
  Ok(())
}

fn describe_read_error(error: WsError) -> String {
  match error {
    WsError::Capacity(CapacityError::MessageTooLong { size, max_size }) => {
      format!("an incoming message of {size} bytes exceeds maxMessageSize ({max_size} bytes)")
    }
    WsError::Protocol(ProtocolError::ResetWithoutClosingHandshake) => {
      "the WebSocket connection was reset without a close frame".to_owned()
    }
    WsError::Utf8(detail) => {
      format!("the browser sent a text frame that is not valid UTF-8 ({detail})")
    }
    WsError::Io(e) => format!("the WebSocket connection failed: {e}"),
    other => format!("the WebSocket connection failed: {other}"),
  }
}

fn describe_connect_error(error: WsError) -> String {
  match error {
    WsError::Http(response) => {
      let body = response
        .body()
        .as_ref()
        .map(|b| String::from_utf8_lossy(b).trim().to_owned())
        .filter(|b| !b.is_empty())
        .map(|b| format!(": {b}"))
        .unwrap_or_default();
      format!("the server refused the WebSocket upgrade with HTTP {}{body}", response.status())
    }
    WsError::Io(e) => e.to_string(),
    other => other.to_string(),
  }
}

//! The WebSocket transport (`ws://`, `wss://`), over tokio-tungstenite.

use std::time::Duration;

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{FutureExt, Sink as _, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::error::{CapacityError, ProtocolError};
use tokio_tungstenite::tungstenite::http::{HeaderName, HeaderValue};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::inbox::Inbox;
use super::writer::{SharedWriter, WriteOut};
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
      .map_err(|e| TransportError::Connect(describe_connect_error(e, headers)))?;
  Ok(stream)
}

/// Starts the task that owns `stream`.
pub fn spawn(stream: Stream, sink: Sink) -> TransportHandle {
  let (sink_half, reader) = stream.split();
  let writer = Arc::new(SharedWriter::new(WebSocketOut::new(sink_half), sink.clone()));
  let (handle, input) = TransportHandle::new(writer.clone());
  super::spawn_task(run(reader, writer, sink.clone(), input), sink);
  handle
}

async fn run(
  mut reader: SplitStream<Stream>,
  writer: Arc<SharedWriter<WebSocketOut>>,
  sink: Sink,
  input: TaskInput,
) {
  let TaskInput { mut close, window } = input;
  let mut inbox = Inbox::new(sink.clone(), window);
  let (reason, by_client) = tokio::select! {
    reason = read_all(&mut reader, &mut inbox) => (reason, false),
    reason = writer.finish_writes() => (reason, false),
    reason = close_requested(&mut close) => (reason, true),
  };
  inbox.flush();
  if by_client {
    let closing = writer.poll_with(|out, cx| Pin::new(&mut out.sink).poll_close(cx));
    let _ = tokio::time::timeout(CLOSE_GRACE, closing).await;
  }
  // Both halves gone: the socket is closed even while JS still holds the handle.
  writer.end(reason.clone());
  drop(reader);
  sink.closed(reason);
}

/// Reads until the connection ends; returns why it ended.
async fn read_all(reader: &mut SplitStream<Stream>, inbox: &mut Inbox) -> String {
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
    // Passed on as it is: it shares tungstenite's read buffer, so a large message is not
    // copied before it reaches JavaScript.
    Some(Ok(Message::Text(text))) => inbox.push(text),
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

/// The WebSocket's outgoing side: one text frame per message, flushed once per burst (one
/// system call for many messages).
struct WebSocketOut {
  sink: SplitSink<Stream, Message>,
  queued: VecDeque<Message>,
  /// Sum of the lengths of `queued`.
  queued_bytes: usize,
  /// Frames handed to the sink and not yet flushed.
  unflushed: bool,
}

impl WebSocketOut {
  fn new(sink: SplitSink<Stream, Message>) -> Self {
    WebSocketOut { sink, queued: VecDeque::new(), queued_bytes: 0, unflushed: false }
  }
}

impl WriteOut for WebSocketOut {
  fn queued_bytes(&self) -> usize {
    self.queued_bytes
  }

  fn queue(&mut self, burst: String) {
    // A lone message becomes its frame without a copy. Only the messages are counted, not
    // the separators, so that the count returns to 0 as they are written.
    if burst.contains(super::BURST_SEPARATOR) {
      for message in burst.split(super::BURST_SEPARATOR) {
        self.queued_bytes += message.len();
        self.queued.push_back(Message::text(message));
      }
    } else {
      self.queued_bytes += burst.len();
      self.queued.push_back(Message::text(burst));
    }
  }

  fn poll_write_out(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), String>> {
    let failed = |e: WsError| format!("writing to the WebSocket failed: {e}");
    while !self.queued.is_empty() {
      match Pin::new(&mut self.sink).poll_ready(cx) {
        Poll::Ready(Ok(())) => {}
        Poll::Ready(Err(e)) => return Poll::Ready(Err(failed(e))),
        Poll::Pending => return Poll::Pending,
      }
      let Some(message) = self.queued.pop_front() else { break };
      self.queued_bytes -= message.len();
      Pin::new(&mut self.sink).start_send(message).map_err(failed)?;
      self.unflushed = true;
    }
    if self.unflushed {
      match Pin::new(&mut self.sink).poll_flush(cx) {
        Poll::Ready(Ok(())) => self.unflushed = false,
        Poll::Ready(Err(e)) => return Poll::Ready(Err(failed(e))),
        Poll::Pending => return Poll::Pending,
      }
    }
    Poll::Ready(Ok(()))
  }
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

fn describe_connect_error(error: WsError, headers: &[(String, String)]) -> String {
  match error {
    WsError::Http(response) => {
      let sent: Vec<&str> = headers.iter().map(|(_, value)| value.as_str()).collect();
      super::refusal::describe(&response, &sent)
    }
    WsError::Io(e) => e.to_string(),
    other => other.to_string(),
  }
}

#[cfg(test)]
mod tests {
  use super::*;
  use std::future::poll_fn;
  use tokio::net::TcpListener;

  #[tokio::test]
  async fn the_unwritten_count_returns_to_zero_after_a_burst() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
      let (tcp, _) = listener.accept().await.unwrap();
      let mut socket = tokio_tungstenite::accept_async(tcp).await.unwrap();
      let mut texts = Vec::new();
      while texts.len() < 3 {
        if let Some(Ok(Message::Text(text))) = socket.next().await {
          texts.push(text.to_string());
        }
      }
      texts
    });
    let stream = connect(&url, &[], 1 << 20).await.unwrap();
    let (sink_half, _reader) = stream.split();
    let mut out = WebSocketOut::new(sink_half);
    out.queue("a\nbb\nccc".to_owned());
    assert_eq!(out.queued_bytes(), 6, "the messages, without their separators");
    poll_fn(|cx| out.poll_write_out(cx)).await.unwrap();
    assert_eq!(out.queued_bytes(), 0);
    assert_eq!(server.await.unwrap(), ["a", "bb", "ccc"]);
  }
}

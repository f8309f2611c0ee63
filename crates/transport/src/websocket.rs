//! The WebSocket transport (`ws://`, `wss://`), over tokio-tungstenite.

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

use crate::cause::{BadMessage, Cause, Lost, Operation};
use crate::error::TransportError;
use crate::inbox::Inbox;
use crate::task::{self, ReadIn};
use crate::tls;
use crate::writer::{SharedWriter, WriteOut};
use crate::{Sink, TransportHandle};

type Stream = WebSocketStream<MaybeTlsStream<TcpStream>>;

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
  let host = request.uri().host().unwrap_or_default().to_owned();
  let connector =
    tls::connector_for(request.uri().scheme_str()).map_err(TransportError::Connect)?;
  let (stream, _response) =
    tokio_tungstenite::connect_async_tls_with_config(request, Some(config), true, Some(connector))
      .await
      .map_err(|e| {
        let described = tls::describe_certificate_error(&e, &host);
        TransportError::Connect(described.unwrap_or_else(|| describe_connect_error(e)))
      })?;
  Ok(stream)
}

/// Starts the task that owns `stream`.
pub fn spawn(stream: Stream, sink: Sink) -> TransportHandle {
  let (sink_half, reader) = stream.split();
  let writer = Arc::new(SharedWriter::new(WebSocketOut::new(sink_half), sink.clone()));
  let (handle, input) = TransportHandle::new(writer.clone());
  task::spawn_guarded(task::run(WebSocketIn(reader), writer, sink.clone(), input), sink);
  handle
}

/// The WebSocket's reading side.
struct WebSocketIn(SplitStream<Stream>);

impl ReadIn for WebSocketIn {
  async fn read_all(&mut self, inbox: &mut Inbox) -> Cause {
    let reader = &mut self.0;
    loop {
      inbox.wait_for_room().await;
      let first = reader.next().await;
      if let Err(cause) = receive(first, inbox) {
        return cause;
      }
      // Everything already buffered goes into the same batch, unless the client is behind.
      while !inbox.is_full()
        && let Some(next) = reader.next().now_or_never()
      {
        if let Err(cause) = receive(next, inbox) {
          return cause;
        }
      }
      inbox.flush();
    }
  }
}

/// Takes one item of the stream; an error is the cause the connection ends.
fn receive(item: Option<Result<Message, WsError>>, inbox: &mut Inbox) -> Result<(), Cause> {
  match item {
    None => Err(Cause::lost(Lost::NoCloseFrame)),
    // Passed on as it is: it shares tungstenite's read buffer, so a large message is not
    // copied before it reaches JavaScript.
    Some(Ok(Message::Text(text))) => inbox.push(text),
    Some(Ok(Message::Binary(data))) => Err(Cause::bad(BadMessage::Binary { bytes: data.len() })),
    Some(Ok(Message::Close(frame))) => Err(Cause::lost(match frame {
      Some(frame) => Lost::CloseFrame {
        close_code: Some(u16::from(frame.code)),
        close_reason: frame.reason.to_string(),
      },
      None => Lost::CloseFrame { close_code: None, close_reason: String::new() },
    })),
    Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => Ok(()),
    Some(Err(error)) => Err(read_error_cause(error)),
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
    if burst.contains(crate::BURST_SEPARATOR) {
      for message in burst.split(crate::BURST_SEPARATOR) {
        self.queued_bytes += message.len();
        self.queued.push_back(Message::text(message));
      }
    } else {
      self.queued_bytes += burst.len();
      self.queued.push_back(Message::text(burst));
    }
  }

  fn poll_write_out(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Cause>> {
    let failed = |e: WsError| Cause::io(Operation::Write, e);
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

  fn poll_goodbye(&mut self, cx: &mut Context<'_>) -> Poll<()> {
    // A close that fails means the peer is gone already: nothing left to say.
    Pin::new(&mut self.sink).poll_close(cx).map(|_| ())
  }
}

fn read_error_cause(error: WsError) -> Cause {
  match error {
    WsError::Capacity(CapacityError::MessageTooLong { size, max_size }) => {
      Cause::MessageTooLarge { size, max: max_size, at_least: false }
    }
    WsError::Protocol(ProtocolError::ResetWithoutClosingHandshake) => Cause::lost(Lost::Reset),
    WsError::Utf8(detail) => {
      Cause::bad(BadMessage::InvalidUtf8 { valid_up_to: None, detail: detail.to_string() })
    }
    WsError::Io(e) => Cause::io(Operation::Read, e),
    other => Cause::io(Operation::Read, other),
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

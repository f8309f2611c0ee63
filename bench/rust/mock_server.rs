//! A mock CDP server for the benchmark's M workloads: it answers every command at once and
//! floods events on request, so that the client under test is the bottleneck.
//!
//! Listens on 127.0.0.1, port 0, prints the port on stdout and serves until its stdin
//! closes (so it never outlives the bench that started it). Any WebSocket path is accepted.
//!
//! Commands:
//! - `Target.attachToBrowserTarget`, `Target.attachToTarget`: announce a new session with
//!   `Target.attachedToTarget` (as Chromium does, before the reply), reply `{ sessionId }`.
//! - `Browser.getVersion`: a version whose `product` and `userAgent` Playwright's
//!   `connectOverCDP` can read (it asks for nothing else it cannot do without).
//! - `Mock.flood { count, size }`: `count` events `Mock.event { i, pad }` of about `size`
//!   bytes each, on the caller's session, then the reply `{ count }`.
//! - anything else: the reply `{ i }` when the params have a number `i`, else `{}`.
//!
//! Replies and events carry the caller's `sessionId`. Writes are batched: every message
//! already received is answered before one flush.

#![allow(clippy::print_stdout, reason = "the port goes to stdout, where the bench reads it")]

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Read as _;

use futures_util::{FutureExt, SinkExt, StreamExt};
use serde::Deserialize;
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// The fields of a command the mock looks at; params it does not know are skipped.
#[derive(Deserialize)]
struct Command<'a> {
  id: u64,
  #[serde(borrow)]
  method: Cow<'a, str>,
  #[serde(rename = "sessionId", borrow)]
  session_id: Option<Cow<'a, str>>,
  #[serde(default)]
  params: Params,
}

#[derive(Deserialize, Default)]
struct Params {
  i: Option<u64>,
  count: Option<u64>,
  size: Option<usize>,
}

fn main() -> std::io::Result<()> {
  // The bench holds our stdin open; when it goes away (even killed), so do we.
  std::thread::spawn(|| {
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    std::process::exit(0);
  });
  // One thread: the mock should leave the other core to the client being measured.
  let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
  runtime.block_on(serve())
}

async fn serve() -> std::io::Result<()> {
  let listener = TcpListener::bind("127.0.0.1:0").await?;
  println!("{}", listener.local_addr()?.port());
  let mut next_session = 0u64;
  loop {
    let (socket, _) = listener.accept().await?;
    socket.set_nodelay(true)?;
    next_session += 1;
    // Session ids are unique across connections, which helps reading a protocol log.
    tokio::spawn(handle_connection(socket, next_session * 1_000_000));
  }
}

async fn handle_connection(socket: TcpStream, first_session: u64) {
  let config =
    WebSocketConfig::default().max_message_size(Some(512 << 20)).max_frame_size(Some(512 << 20));
  let Ok(mut ws) = tokio_tungstenite::accept_async_with_config(socket, Some(config)).await else {
    return;
  };
  let mut connection = MockConnection { next_session: first_session };
  while let Some(Ok(message)) = ws.next().await {
    if connection.answer(&mut ws, message).await.is_err() {
      return;
    }
    // Everything already received is answered before one flush (one write system call).
    while let Some(next) = ws.next().now_or_never() {
      let Some(Ok(message)) = next else { return };
      if connection.answer(&mut ws, message).await.is_err() {
        return;
      }
    }
    if ws.flush().await.is_err() {
      return;
    }
  }
}

struct MockConnection {
  next_session: u64,
}

type Ws = WebSocketStream<TcpStream>;
type WsResult = Result<(), tokio_tungstenite::tungstenite::Error>;

impl MockConnection {
  /// Queues the answer to one message; a message that is not a command is ignored.
  async fn answer(&mut self, ws: &mut Ws, message: Message) -> WsResult {
    let Message::Text(text) = message else { return Ok(()) };
    let Ok(command) = serde_json::from_str::<Command>(text.as_str()) else { return Ok(()) };
    let session = command.session_id.as_deref();
    match command.method.as_ref() {
      "Target.attachToBrowserTarget" | "Target.attachToTarget" => {
        self.next_session += 1;
        let new_session = format!("MOCK-{}", self.next_session);
        let attached = format!(
          r#"{{"method":"Target.attachedToTarget","params":{{"sessionId":"{new_session}","targetInfo":{{"targetId":"mock-browser","type":"browser","title":"","url":"","attached":true,"canAccessOpener":false}},"waitingForDebugger":false}}{}}}"#,
          session_suffix(session)
        );
        ws.feed(Message::text(attached)).await?;
        let result = format!(r#"{{"sessionId":"{new_session}"}}"#);
        ws.feed(Message::text(reply(command.id, &result, session))).await
      }
      // What Playwright's connectOverCDP reads before anything else.
      "Browser.getVersion" => {
        let result = r#"{"protocolVersion":"1.3","product":"Mock/1.0","revision":"mock","userAgent":"Mozilla/5.0 HeadlessMock/1.0","jsVersion":"0"}"#;
        ws.feed(Message::text(reply(command.id, result, session))).await
      }
      "Mock.flood" => {
        let count = command.params.count.unwrap_or(0);
        let size = command.params.size.unwrap_or(200);
        flood(ws, count, size, session).await?;
        ws.feed(Message::text(reply(command.id, &format!(r#"{{"count":{count}}}"#), session))).await
      }
      _ => {
        let result =
          command.params.i.map_or_else(|| "{}".to_owned(), |i| format!(r#"{{"i":{i}}}"#));
        ws.feed(Message::text(reply(command.id, &result, session))).await
      }
    }
  }
}

/// Sends `count` events `Mock.event { i, pad }`, each padded to about `size` bytes.
async fn flood(ws: &mut Ws, count: u64, size: usize, session: Option<&str>) -> WsResult {
  let suffix = session_suffix(session);
  let bare = format!(r#"{{"method":"Mock.event","params":{{"i":0,"pad":""}}{suffix}}}"#).len();
  let pad = "x".repeat(size.saturating_sub(bare + 5));
  let mut event = String::with_capacity(size + 32);
  for i in 0..count {
    event.clear();
    let _ =
      write!(event, r#"{{"method":"Mock.event","params":{{"i":{i},"pad":"{pad}"}}{suffix}}}"#);
    ws.feed(Message::text(event.clone())).await?;
  }
  Ok(())
}

fn reply(id: u64, result: &str, session: Option<&str>) -> String {
  format!(r#"{{"id":{id},"result":{result}{}}}"#, session_suffix(session))
}

/// `,"sessionId":"…"` for a message on a session, else nothing. Session ids are our own
/// `MOCK-<n>`, so they need no escaping.
fn session_suffix(session: Option<&str>) -> String {
  session.map_or_else(String::new, |s| format!(r#","sessionId":"{s}""#))
}

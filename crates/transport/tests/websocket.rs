//! The WebSocket transport against a loopback tokio-tungstenite server on port 0.

mod common;

use std::sync::Arc;

use cdp_transport::Cause;
use cdp_transport::cause::{BadMessage, Lost};
use common::{ChannelSink, closed_cause, collect};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

type ServerSocket = tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>;

/// Starts a server that runs `script` on its first connection; returns its ws:// URL.
async fn serve<F, Fut>(script: F) -> String
where
  F: FnOnce(ServerSocket) -> Fut + Send + 'static,
  Fut: std::future::Future<Output = ()> + Send,
{
  let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
  let port = listener.local_addr().unwrap().port();
  tokio::spawn(async move {
    let (tcp, _) = listener.accept().await.unwrap();
    let socket = tokio_tungstenite::accept_async(tcp).await.unwrap();
    script(socket).await;
  });
  format!("ws://127.0.0.1:{port}/devtools/browser/test")
}

async fn connect(
  url: &str,
  max: usize,
) -> (cdp_transport::TransportHandle, mpsc::UnboundedReceiver<common::Delivered>) {
  let (tx, rx) = mpsc::unbounded_channel();
  let stream = cdp_transport::websocket::connect(url, &[], max).await.unwrap();
  (cdp_transport::websocket::spawn(stream, Arc::new(ChannelSink(tx))), rx)
}

#[tokio::test]
async fn sends_commands_and_delivers_replies_in_order() {
  let url = serve(|mut socket| async move {
    for _ in 0..3 {
      let Some(Ok(Message::Text(text))) = socket.next().await else { panic!("no command") };
      let command: serde_json::Value = serde_json::from_str(&text).unwrap();
      let reply =
        format!(r#"{{"id":{},"result":{{"echo":{}}}}}"#, command["id"], command["params"]);
      socket.send(Message::text(reply)).await.unwrap();
    }
    socket.send(Message::text(r#"{"method":"A.done","params":{}}"#)).await.unwrap();
    let _ = socket.next().await;
  })
  .await;
  let (handle, mut rx) = connect(&url, 1 << 20).await;
  let command = |id: u32| format!(r#"{{"id":{id},"method":"X.y","params":{{"n":{id}}}}}"#);
  assert!(handle.send(command(1)));
  // A burst: two commands in one send, each its own frame.
  assert!(handle.send(format!("{}\n{}", command(2), command(3))));
  let (messages, closed) = collect(&mut rx, 4).await;
  assert_eq!(closed, None);
  let ids: Vec<_> = messages.iter().take(3).map(|m| m["id"].as_u64().unwrap()).collect();
  assert_eq!(ids, [1, 2, 3]);
  assert_eq!(messages[2]["result"]["echo"]["n"], 3);
  assert_eq!(messages[3]["method"], "A.done");
  handle.close();
  assert_eq!(closed_cause(&mut rx).await, Cause::Close);
}

#[tokio::test]
async fn malformed_json_closes_with_a_reason_after_earlier_messages() {
  let url = serve(|mut socket| async move {
    socket.send(Message::text(r#"{"method":"A.first","params":{}}"#)).await.unwrap();
    socket.send(Message::text(r#"{"id":1,"result":"#)).await.unwrap();
    let _ = socket.next().await;
  })
  .await;
  let (_handle, mut rx) = connect(&url, 1 << 20).await;
  let (messages, closed) = collect(&mut rx, 2).await;
  assert_eq!(messages.len(), 1, "the good message before the bad one is delivered");
  let cause = closed.expect("closed");
  assert!(
    matches!(&cause, Cause::BadMessage { what: BadMessage::NotJson { excerpt, .. } } if excerpt == r#"{"id":1,"result":"#),
    "{cause:?}"
  );
}

#[tokio::test]
async fn a_binary_frame_closes_with_a_reason() {
  let url = serve(|mut socket| async move {
    socket.send(Message::binary(vec![1u8, 2, 3])).await.unwrap();
    let _ = socket.next().await;
  })
  .await;
  let (_handle, mut rx) = connect(&url, 1 << 20).await;
  assert_eq!(
    closed_cause(&mut rx).await,
    Cause::BadMessage { what: BadMessage::Binary { bytes: 3 } }
  );
}

#[tokio::test]
async fn a_message_over_the_cap_closes_with_its_size() {
  let url = serve(|mut socket| async move {
    let big = format!(r#"{{"id":1,"result":{{"s":"{}"}}}}"#, "x".repeat(5000));
    socket.send(Message::text(big)).await.unwrap();
    let _ = socket.next().await;
  })
  .await;
  let (_handle, mut rx) = connect(&url, 4096).await;
  let cause = closed_cause(&mut rx).await;
  assert!(
    matches!(cause, Cause::MessageTooLarge { size, max: 4096, at_least: false } if size > 5000),
    "{cause:?}"
  );
}

#[tokio::test]
async fn a_close_frame_reports_its_code_and_reason() {
  let url = serve(|mut socket| async move {
    let frame = CloseFrame { code: CloseCode::from(4001), reason: "going away for a test".into() };
    socket.send(Message::Close(Some(frame))).await.unwrap();
    let _ = socket.next().await;
  })
  .await;
  let (_handle, mut rx) = connect(&url, 1 << 20).await;
  assert_eq!(
    closed_cause(&mut rx).await,
    Cause::ConnectionLost {
      how: Lost::CloseFrame {
        close_code: Some(4001),
        close_reason: "going away for a test".into()
      }
    }
  );
}

#[tokio::test]
async fn an_abrupt_close_is_reported() {
  let url = serve(|socket| async move {
    drop(socket);
  })
  .await;
  let (_handle, mut rx) = connect(&url, 1 << 20).await;
  let cause = closed_cause(&mut rx).await;
  assert_eq!(cause.code(), "connection-lost", "{cause:?}");
}

#[tokio::test]
async fn a_refused_connection_is_an_error() {
  let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
  let port = listener.local_addr().unwrap().port();
  drop(listener);
  let result =
    cdp_transport::websocket::connect(&format!("ws://127.0.0.1:{port}/"), &[], 1024).await;
  let Err(error) = result else { panic!("a closed port was connected to") };
  let error = error.to_string();
  assert!(error.to_lowercase().contains("refused"), "{error}");
}

/// A client that does not acknowledge stops the reading: the flood stays in the server and
/// the kernel, not in the client, and nothing is lost once it catches up.
#[tokio::test]
async fn an_unacknowledging_client_stops_the_reading_and_loses_nothing() {
  const EVENTS: usize = 400;
  const PAD: usize = 256 * 1024;
  let (sent_tx, mut sent_rx) = mpsc::unbounded_channel::<usize>();
  let url = serve(move |mut socket| async move {
    let pad = "p".repeat(PAD);
    for i in 0..EVENTS {
      let event = format!(r#"{{"method":"Flood.event","params":{{"i":{i},"pad":"{pad}"}}}}"#);
      socket.send(Message::text(event)).await.unwrap();
      let _ = sent_tx.send(i);
    }
    let _ = socket.next().await;
  })
  .await;
  let (handle, mut rx) = connect(&url, 1 << 30).await;
  // 100 MiB offered; give the client time to read all it is allowed to.
  tokio::time::sleep(std::time::Duration::from_millis(500)).await;
  let limit = cdp_transport::window::DEFAULT_LIMIT;
  let outstanding = handle.unacknowledged_bytes();
  assert!(outstanding >= limit, "read {outstanding} bytes, expected to fill the window");
  assert!(outstanding < limit + 2 * PAD, "read {outstanding} bytes past a window of {limit}");
  let mut server_sent = 0;
  while let Ok(i) = sent_rx.try_recv() {
    server_sent = i + 1;
  }
  assert!(server_sent < EVENTS, "the server could write everything: nothing pushed back");

  let mut next = 0;
  while next < EVENTS {
    let delivered = tokio::time::timeout(std::time::Duration::from_secs(10), rx.recv())
      .await
      .expect("the flood stalled")
      .expect("the sink closed");
    let common::Delivered::Text(text) = delivered else { panic!("closed early") };
    let event: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(event["params"]["i"], next, "events out of order or lost");
    next += 1;
    handle.acknowledge(1);
  }
  assert_eq!(handle.unacknowledged_bytes(), 0);
}

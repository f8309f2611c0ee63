//! A minimal CDP client with no JavaScript: the ceiling the Node clients are measured
//! against. One task reads (full `serde_json` parse of every message, as the Node clients
//! `JSON.parse`), one writes (every queued message, then one flush); pending calls and
//! event listeners live in maps behind short locks. Listeners are called on the reading
//! task, as a JS client calls its listeners on its one thread.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

type Listener = Box<dyn FnMut(&Value) + Send>;

pub struct Client {
  next_id: AtomicU64,
  /// id → the waiting call, which gets the whole reply message.
  pending: Mutex<HashMap<u64, oneshot::Sender<Value>>>,
  /// sessionId ("" for the browser's own) → the listener of that session's events.
  listeners: Mutex<HashMap<String, Listener>>,
  outbound: mpsc::UnboundedSender<String>,
}

impl Client {
  pub async fn connect(url: &str) -> Result<Arc<Client>, String> {
    // The 32 MiB result of W4 is over tungstenite's default 16 MiB frame cap.
    let config =
      WebSocketConfig::default().max_message_size(Some(512 << 20)).max_frame_size(Some(512 << 20));
    let (stream, _) = tokio_tungstenite::connect_async_with_config(url, Some(config), true)
      .await
      .map_err(|e| format!("cannot connect to {url}: {e}"))?;
    let (mut writer, mut reader) = stream.split();
    let (outbound, mut queued) = mpsc::unbounded_channel::<String>();
    let client = Arc::new(Client {
      next_id: AtomicU64::new(1),
      pending: Mutex::new(HashMap::new()),
      listeners: Mutex::new(HashMap::new()),
      outbound,
    });
    tokio::spawn(async move {
      while let Some(text) = queued.recv().await {
        if writer.feed(Message::text(text)).await.is_err() {
          return;
        }
        while let Ok(text) = queued.try_recv() {
          if writer.feed(Message::text(text)).await.is_err() {
            return;
          }
        }
        if writer.flush().await.is_err() {
          return;
        }
      }
    });
    let router = Arc::clone(&client);
    tokio::spawn(async move {
      while let Some(Ok(message)) = reader.next().await {
        if let Message::Text(text) = message {
          match serde_json::from_str::<Value>(text.as_str()) {
            Ok(value) => router.route(value),
            Err(e) => crate::fail(&format!("unparsable message from the server: {e}")),
          }
        }
      }
      // Dropping the pending senders fails every call still waiting.
      lock(&router.pending).clear();
    });
    Ok(client)
  }

  fn route(&self, message: Value) {
    if let Some(id) = message.get("id").and_then(Value::as_u64) {
      if let Some(call) = lock(&self.pending).remove(&id) {
        let _ = call.send(message);
      }
      return;
    }
    let session = message.get("sessionId").and_then(Value::as_str).unwrap_or("");
    if let Some(listener) = lock(&self.listeners).get_mut(session) {
      listener(&message);
    }
  }

  /// Calls `listener` with every event message of `session` ("" for the browser's own).
  pub fn on_events(&self, session: &str, listener: impl FnMut(&Value) + Send + 'static) {
    lock(&self.listeners).insert(session.to_owned(), Box::new(listener));
  }

  /// Sends at once (not when first polled, so many calls can be queued before awaiting
  /// any); the future resolves with the command's `result`.
  pub fn send(
    &self,
    session: Option<&str>,
    method: &str,
    params: Value,
  ) -> impl Future<Output = Result<Value, String>> + use<> {
    let id = self.next_id.fetch_add(1, Ordering::Relaxed);
    let mut command = json!({ "id": id, "method": method, "params": params });
    if let Some(session) = session {
      command["sessionId"] = Value::from(session);
    }
    let (sender, receiver) = oneshot::channel();
    lock(&self.pending).insert(id, sender);
    let sent = self.outbound.send(command.to_string()).is_ok();
    let method = method.to_owned();
    let expected_session = session.map(str::to_owned);
    async move {
      if !sent {
        return Err(format!("{method}: the connection is closed"));
      }
      let mut reply = receiver.await.map_err(|_| format!("{method}: the connection closed"))?;
      if let Some(error) = reply.get("error") {
        return Err(format!("{method}: the server answered with an error: {error}"));
      }
      if reply.get("sessionId").and_then(Value::as_str) != expected_session.as_deref() {
        return Err(format!("{method}: the reply to id {id} came on another session"));
      }
      Ok(reply.get_mut("result").map(Value::take).unwrap_or(Value::Null))
    }
  }
}

/// A poisoned lock only means another task panicked, which ends the program anyway.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
  mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

//! The workloads, as `bench/workloads/` runs them in Node: the same commands, sizes and
//! checks. Only the part between `Timer::start` and `stop` is measured.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use futures_util::future::try_join_all;
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::client::Client;
use crate::usage;

pub struct Measured {
  pub ops: u64,
  pub wall_ms: f64,
  pub cpu_ms: f64,
}

struct Timer {
  wall: Instant,
  cpu_ms: f64,
}

impl Timer {
  fn start() -> Timer {
    Timer { wall: Instant::now(), cpu_ms: usage::cpu_ms() }
  }

  fn stop(self, ops: u64) -> Measured {
    let wall_ms = self.wall.elapsed().as_secs_f64() * 1000.0;
    Measured { ops, wall_ms, cpu_ms: usage::cpu_ms() - self.cpu_ms }
  }
}

pub async fn run(client: &Client, workload: &str, params: &Value) -> Result<Measured, String> {
  match workload {
    "W1" => sequential(client, param(params, "count")?).await,
    "W2" => pipelined(client, param(params, "count")?).await,
    "W3" => console_events(client, param(params, "count")?).await,
    "W4" => big_result(client, param(params, "bytes")?).await,
    "W5" => many_pages(client, param(params, "pages")?, param(params, "count")?).await,
    "M1" => mock_sends(client, param(params, "count")?, param(params, "inFlight")?).await,
    "M2" => mock_flood(client, param(params, "count")?, param(params, "size")?).await,
    other => Err(format!("unknown workload {other}")),
  }
}

fn param(params: &Value, name: &str) -> Result<u64, String> {
  params
    .get(name)
    .and_then(Value::as_u64)
    .ok_or_else(|| format!("params lack a whole number {name}"))
}

struct Page {
  target_id: String,
  session: String,
}

async fn new_page(client: &Client) -> Result<Page, String> {
  let created = client.send(None, "Target.createTarget", json!({ "url": "about:blank" })).await?;
  let target_id = text(&created, "targetId")?;
  let attach = json!({ "targetId": target_id, "flatten": true });
  let attached = client.send(None, "Target.attachToTarget", attach).await?;
  Ok(Page { session: text(&attached, "sessionId")?, target_id })
}

async fn close_pages(client: &Client, pages: &[Page]) -> Result<(), String> {
  for page in pages {
    client.send(None, "Target.closeTarget", json!({ "targetId": page.target_id })).await?;
  }
  Ok(())
}

fn text(result: &Value, name: &str) -> Result<String, String> {
  result
    .get(name)
    .and_then(Value::as_str)
    .map(str::to_owned)
    .ok_or_else(|| format!("no {name} in {result}"))
}

/// `result.value` of a `Runtime.evaluate` result.
fn value(result: &Value) -> &Value {
  &result["result"]["value"]
}

fn evaluate(
  client: &Client,
  page: &Page,
  expression: String,
) -> impl Future<Output = Result<Value, String>> + use<> {
  client.send(Some(&page.session), "Runtime.evaluate", json!({ "expression": expression }))
}

/// Checks an answer; `what` names it, and is only formatted when the check fails.
fn expect(got: &Value, expected: &Value, what: impl FnOnce() -> String) -> Result<(), String> {
  if got == expected { Ok(()) } else { Err(format!("{}: got {got}, expected {expected}", what())) }
}

/// W1: evaluates one after the other.
async fn sequential(client: &Client, count: u64) -> Result<Measured, String> {
  let page = new_page(client).await?;
  let timer = Timer::start();
  for i in 0..count {
    let result = evaluate(client, &page, i.to_string()).await?;
    expect(value(&result), &json!(i), || format!("W1 evaluate #{i}"))?;
  }
  let measured = timer.stop(count);
  close_pages(client, &[page]).await?;
  Ok(measured)
}

/// W2: all evaluates sent at once, then all awaited.
async fn pipelined(client: &Client, count: u64) -> Result<Measured, String> {
  let page = new_page(client).await?;
  let timer = Timer::start();
  let calls: Vec<_> = (0..count).map(|i| evaluate(client, &page, i.to_string())).collect();
  let results = try_join_all(calls).await?;
  let measured = timer.stop(count);
  for (i, result) in results.iter().enumerate() {
    expect(value(result), &json!(i), || format!("W2 evaluate #{i}"))?;
  }
  close_pages(client, &[page]).await?;
  Ok(measured)
}

/// Listens to `method` events of `session`; the receiver gets `Ok` once `count` have come
/// in order (`value_of` the n-th is n), or the error of the first that did not.
fn collect_in_order(
  client: &Client,
  session: &str,
  method: &'static str,
  count: u64,
  value_of: fn(&Value) -> &Value,
) -> oneshot::Receiver<Result<(), String>> {
  let (done, finished) = oneshot::channel();
  let mut done = Some(done);
  let mut expected = 0;
  client.on_events(session, move |event| {
    if expected >= count || event["method"] != method {
      return;
    }
    let checked =
      expect(value_of(event), &json!(expected), || format!("{method} event #{expected}"));
    expected = if checked.is_ok() { expected + 1 } else { count };
    if expected == count
      && let Some(done) = done.take()
    {
      let _ = done.send(checked);
    }
  });
  finished
}

async fn all_events(finished: oneshot::Receiver<Result<(), String>>) -> Result<(), String> {
  finished.await.map_err(|_| "the connection closed before the last event".to_owned())?
}

/// What `console.log(i)` logged: `params.args[0].value`.
fn logged(event: &Value) -> &Value {
  &event["params"]["args"][0]["value"]
}

/// W3: one evaluate that logs `count` times; timed until the last event and the reply.
async fn console_events(client: &Client, count: u64) -> Result<Measured, String> {
  let page = new_page(client).await?;
  let events = collect_in_order(client, &page.session, "Runtime.consoleAPICalled", count, logged);
  client.send(Some(&page.session), "Runtime.enable", json!({})).await?;
  let timer = Timer::start();
  let reply = evaluate(client, &page, format!("for (let i = 0; i < {count}; i++) console.log(i)"));
  all_events(events).await?;
  reply.await?;
  let measured = timer.stop(count);
  close_pages(client, &[page]).await?;
  Ok(measured)
}

/// W4: one `returnByValue` string of `bytes` characters.
async fn big_result(client: &Client, bytes: u64) -> Result<Measured, String> {
  let page = new_page(client).await?;
  let params = json!({ "expression": format!("'x'.repeat({bytes})"), "returnByValue": true });
  let timer = Timer::start();
  let result = client.send(Some(&page.session), "Runtime.evaluate", params).await?;
  let measured = timer.stop(1);
  let length = value(&result).as_str().map(str::len);
  expect(&json!(length), &json!(bytes), || "W4 result length".to_owned())?;
  close_pages(client, &[page]).await?;
  Ok(measured)
}

/// W5: `pages` pages, each evaluating `count` times in sequence, all pages at once; each
/// answer names its page, so an answer from the wrong session is caught.
async fn many_pages(client: &Client, pages: u64, count: u64) -> Result<Measured, String> {
  let pages = try_join_all((0..pages).map(|_| new_page(client))).await?;
  for (k, page) in pages.iter().enumerate() {
    evaluate(client, page, format!("globalThis.benchTag = 'page-{k}'")).await?;
  }
  let timer = Timer::start();
  let loops = pages.iter().enumerate().map(|(k, page)| async move {
    for j in 0..count {
      let result = evaluate(client, page, format!("benchTag + ':{j}'")).await?;
      let expected = json!(format!("page-{k}:{j}"));
      expect(value(&result), &expected, || format!("W5 page {k} evaluate #{j}"))?;
    }
    Ok::<(), String>(())
  });
  try_join_all(loops).await?;
  let measured = timer.stop(pages.len() as u64 * count);
  close_pages(client, &pages).await?;
  Ok(measured)
}

/// A session on the mock's browser target, as the Node clients use.
async fn mock_session(client: &Client) -> Result<String, String> {
  let attached = client.send(None, "Target.attachToBrowserTarget", json!({})).await?;
  text(&attached, "sessionId")
}

/// M1: `count` sends with `in_flight` outstanding at any time.
async fn mock_sends(client: &Client, count: u64, in_flight: u64) -> Result<Measured, String> {
  let session = mock_session(client).await?;
  let next = AtomicU64::new(0);
  let timer = Timer::start();
  let workers = (0..in_flight).map(|_| async {
    loop {
      let i = next.fetch_add(1, Ordering::Relaxed);
      if i >= count {
        return Ok::<(), String>(());
      }
      let result = client.send(Some(&session), "Mock.echo", json!({ "i": i })).await?;
      expect(&result["i"], &json!(i), || format!("M1 send #{i}"))?;
    }
  });
  try_join_all(workers).await?;
  Ok(timer.stop(count))
}

/// M2: the mock floods `count` events of about `size` bytes; checked for count and order.
async fn mock_flood(client: &Client, count: u64, size: u64) -> Result<Measured, String> {
  let session = mock_session(client).await?;
  let events =
    collect_in_order(client, &session, "Mock.event", count, |event| &event["params"]["i"]);
  let timer = Timer::start();
  let reply = client.send(Some(&session), "Mock.flood", json!({ "count": count, "size": size }));
  all_events(events).await?;
  let result = reply.await?;
  let measured = timer.stop(count);
  expect(&result["count"], &json!(count), || "M2 reply count".to_owned())?;
  Ok(measured)
}

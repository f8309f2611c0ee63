//! The benchmark's ceiling: the workloads of `npm run bench` run by a Rust client with no
//! JavaScript at all (tokio + tokio-tungstenite + serde_json).
//!
//! Usage: `bench-ceiling <ws endpoint> <workload> <params JSON>`; prints
//! `{"ops","wallMs","cpuMs","maxRssKiB"}` on stdout. A wrong answer exits 1 with the reason.

#![allow(
  clippy::print_stdout,
  reason = "the figures go to stdout as JSON, where the bench reads them"
)]

mod client;
mod usage;
mod workloads;

use serde_json::{Value, json};

fn main() {
  let args: Vec<String> = std::env::args().skip(1).collect();
  let [endpoint, workload, params] = args.as_slice() else {
    fail("usage: bench-ceiling <ws endpoint> <workload> <params JSON>");
  };
  let params: Value =
    serde_json::from_str(params).unwrap_or_else(|e| fail(&format!("bad params JSON: {e}")));
  // One thread, as a JS client has: no cross-thread wake-ups, and the machine's other core
  // is left to the server (Chromium or the mock), as it is for the Node clients.
  let runtime = tokio::runtime::Builder::new_current_thread()
    .enable_all()
    .build()
    .unwrap_or_else(|e| fail(&format!("cannot start tokio: {e}")));
  let measured = runtime.block_on(async {
    let client = client::Client::connect(endpoint).await?;
    workloads::run(&client, workload, &params).await
  });
  match measured {
    Ok(m) => {
      let max_rss_kib = usage::max_rss_kib();
      println!(
        "{}",
        json!({ "ops": m.ops, "wallMs": m.wall_ms, "cpuMs": m.cpu_ms, "maxRssKiB": max_rss_kib })
      );
    }
    Err(reason) => fail(&reason),
  }
}

/// Ends the program on a wrong answer or a broken connection, saying why.
pub fn fail(message: &str) -> ! {
  eprintln!("bench-ceiling: {message}");
  std::process::exit(1)
}

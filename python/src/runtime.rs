//! The tokio runtime the transports run on, made on first use. Two workers, as for Node: one
//! can read a large message while the other keeps other connections moving.

use std::sync::OnceLock;

use tokio::runtime::{Builder, Runtime};

static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();

pub fn runtime() -> Result<&'static Runtime, String> {
  RUNTIME
    .get_or_init(|| {
      Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("cdp-native")
        .enable_all()
        .build()
        .map_err(|e| format!("could not start cdp_native's I/O threads: {e}"))
    })
    .as_ref()
    .map_err(Clone::clone)
}

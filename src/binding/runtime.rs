//! The tokio runtime the transports run on. Two workers: one can read a large message while
//! the other keeps other connections moving; more would only compete with Node and the
//! browser on a small machine.

use napi::bindgen_prelude::create_custom_tokio_runtime;

#[napi_derive::module_init]
fn init_runtime() {
  let runtime = tokio::runtime::Builder::new_multi_thread()
    .worker_threads(2)
    .thread_name("cdp-native")
    .enable_all()
    .build();
  // If the runtime cannot be built napi-rs makes its default one on first use.
  if let Ok(runtime) = runtime {
    create_custom_tokio_runtime(runtime);
  }
}

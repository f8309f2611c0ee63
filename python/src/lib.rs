//! `cdp_native._native`: the Python face's handle on the Rust transport (crates/transport) and
//! launcher (crates/launch). Everything above it (sessions, futures, listeners, errors) is
//! Python, in python/cdp_native/.

mod browser_process;
mod runtime;
mod sink;
mod transport;

use pyo3::prelude::*;

use cdp_transport::{Cause, limits};

// gil_used = false: on a free-threaded CPython the import keeps the GIL off; every class here
// is frozen and locks its own state.
#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
  m.add_class::<transport::Transport>()?;
  m.add_class::<browser_process::BrowserProcess>()?;
  m.add_function(wrap_pyfunction!(transport::connect_websocket, m)?)?;
  m.add_function(wrap_pyfunction!(transport::open_pipe, m)?)?;
  m.add_function(wrap_pyfunction!(browser_process::spawn_browser, m)?)?;
  m.add_function(wrap_pyfunction!(browser_process::find_executable, m)?)?;
  // The one source of these (crates/transport): the Python side reads them from here.
  m.add("TRANSPORT_CLOSE_CODES", Cause::CODES.to_vec())?;
  m.add("DEFAULT_MAX_MESSAGE_SIZE", limits::DEFAULT_MAX_MESSAGE_SIZE)?;
  m.add("MAX_OUTGOING_MESSAGE_SIZE", limits::MAX_OUTGOING_MESSAGE_SIZE)?;
  m.add("MAX_OUTGOING_DEPTH", limits::MAX_OUTGOING_DEPTH)?;
  m.add("DEFAULT_PROTOCOL_TIMEOUT_MS", limits::DEFAULT_PROTOCOL_TIMEOUT_MS)?;
  m.add("DEFAULT_CONNECT_TIMEOUT_MS", limits::DEFAULT_CONNECT_TIMEOUT_MS)?;
  m.add("BURST_SEPARATOR", cdp_transport::BURST_SEPARATOR)?;
  Ok(())
}

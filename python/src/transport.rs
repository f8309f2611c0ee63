//! `Transport`: Python's handle on one running transport (python/cdp_native/_connection.py
//! drives it), and the functions that start one.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use pyo3::exceptions::{PyConnectionError, PyOSError, PyTimeoutError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use cdp_transport::pipe::{self, BrowserEnds};
use cdp_transport::{TransportHandle, websocket};

use crate::runtime::runtime;
use crate::sink::PySink;

#[pyclass(frozen, module = "cdp_native._native")]
pub struct Transport {
  handle: TransportHandle,
  sink: Arc<PySink>,
  /// Pipe only: the browser's ends, until `spawn_browser` hands them over.
  browser_ends: Mutex<Option<BrowserEnds>>,
}

impl Transport {
  /// The browser's pipe ends, taken once by the launch.
  pub fn take_browser_ends(&self) -> Option<BrowserEnds> {
    self.browser_ends.lock().unwrap_or_else(PoisonError::into_inner).take()
  }
}

fn os_error(e: impl std::fmt::Display) -> PyErr {
  PyOSError::new_err(e.to_string())
}

#[pymethods]
impl Transport {
  /// Queues one message text, or several joined by BURST_SEPARATOR. False once the
  /// transport has ended (nothing was queued).
  fn send(&self, py: Python<'_>, text: String) -> bool {
    // A small text is written at once without blocking; a large one is only queued. The
    // GIL is released either way, so a long framing never holds other Python threads.
    py.detach(|| self.handle.send(text))
  }

  /// Everything that has arrived since the last call, in order (each a message's JSON text,
  /// or a JSON array text of several); empty when nothing has, which re-arms the doorbell.
  /// `handled` deliveries taken before are acknowledged first (the inbound window).
  fn take<'py>(&self, py: Python<'py>, handled: usize) -> Vec<Bound<'py, PyString>> {
    if handled > 0 {
      self.handle.acknowledge(handled);
    }
    self.sink.take().iter().map(|text| PyString::new(py, text)).collect()
  }

  /// The transport's end as JSON (`{"code": ...}`), once it has ended and every message
  /// before it has been taken; else None.
  #[getter]
  fn cause(&self) -> Option<String> {
    self.sink.cause()
  }

  /// The fd to watch for readability; drain it, then `take()` until empty.
  #[getter]
  fn doorbell(&self) -> i32 {
    self.sink.doorbell()
  }

  /// Ends the transport; its cause will be `close`.
  fn close(&self) {
    self.handle.close();
  }
}

/// Connects to a CDP WebSocket URL, blocking (with the GIL released) for at most `timeout`
/// seconds.
#[pyfunction]
#[pyo3(signature = (url, headers, max_message_size, timeout))]
pub fn connect_websocket(
  py: Python<'_>,
  url: String,
  headers: Vec<(String, String)>,
  max_message_size: usize,
  timeout: f64,
) -> PyResult<Transport> {
  let runtime = runtime().map_err(os_error)?;
  let sink = Arc::new(PySink::new().map_err(os_error)?);
  let bound = Duration::try_from_secs_f64(timeout).unwrap_or(Duration::MAX);
  let handle = py.detach(|| {
    runtime.block_on(async {
      let connecting = websocket::connect(&url, &headers, max_message_size);
      match tokio::time::timeout(bound, connecting).await {
        Err(_) => Err(PyTimeoutError::new_err(format!("connecting to {url} timed out"))),
        Ok(Err(e)) => Err(PyConnectionError::new_err(e.to_string())),
        Ok(Ok(stream)) => Ok(websocket::spawn(stream, sink.clone())),
      }
    })
  })?;
  Ok(Transport { handle, sink, browser_ends: Mutex::new(None) })
}

/// Makes the pipes of `--remote-debugging-pipe` and starts the transport on our ends; the
/// browser's ends go to `spawn_browser`.
#[pyfunction]
pub fn open_pipe(max_message_size: usize) -> PyResult<Transport> {
  let runtime = runtime().map_err(os_error)?;
  let sink = Arc::new(PySink::new().map_err(os_error)?);
  let (browser_ends, client_ends) = pipe::create()
    .map_err(|e| PyOSError::new_err(format!("could not create the browser pipes: {e}")))?;
  let handle = {
    let _inside = runtime.enter();
    pipe::spawn(client_ends, max_message_size, sink.clone())
  };
  Ok(Transport { handle, sink, browser_ends: Mutex::new(Some(browser_ends)) })
}

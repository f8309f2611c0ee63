//! `BrowserProcess`: a Chromium started by crates/launch, as Python sees it.

use std::path::PathBuf;
use std::time::Duration;

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyValueError};
use pyo3::prelude::*;

use cdp_launch::{Folders, Spawn, Transport as Kind};

use crate::transport::Transport;

#[pyclass(frozen, weakref, module = "cdp_native._native")]
pub struct BrowserProcess(cdp_launch::BrowserProcess);

/// The executable `given`, else CHROME_PATH, else the first Chromium on PATH.
#[pyfunction]
#[pyo3(signature = (given=None))]
pub fn find_executable(given: Option<&str>) -> PyResult<String> {
  let found = cdp_launch::find_executable(given).map_err(PyFileNotFoundError::new_err)?;
  Ok(found.display().to_string())
}

/// Starts `executable` with our flags and `args`, in a fresh profile (or `user_data_dir`, or
/// the last `--user-data-dir=` in `args`: a ValueError when the two name different folders),
/// over `pipe` (a transport from `open_pipe`) or else a WebSocket on a loopback port.
#[pyfunction]
#[pyo3(signature = (executable, args, headless, pipe=None, user_data_dir=None))]
pub fn spawn_browser(
  py: Python<'_>,
  executable: String,
  args: Vec<String>,
  headless: bool,
  pipe: Option<&Transport>,
  user_data_dir: Option<String>,
) -> PyResult<BrowserProcess> {
  let choice = cdp_launch::choose_profile(user_data_dir.as_deref(), &args, "user_data_dir")
    .map_err(PyValueError::new_err)?;
  let folders = match choice.given {
    Some(dir) => Folders::given(PathBuf::from(dir)),
    None => Folders::fresh(),
  }
  .map_err(|e| PyOSError::new_err(format!("could not make the browser's folders: {e}")))?;
  let kind = if pipe.is_some() { Kind::Pipe } else { Kind::WebSocket };
  let args = cdp_launch::browser_args(kind, headless, folders.profile(), &choice.args);
  let fds = match pipe.and_then(Transport::take_browser_ends) {
    Some(ends) => vec![ends.commands, ends.messages],
    None => Vec::new(),
  };
  let spawn = Spawn { executable: PathBuf::from(executable), args, folders, fds };
  let process =
    py.detach(|| cdp_launch::BrowserProcess::spawn(spawn)).map_err(PyOSError::new_err)?;
  Ok(BrowserProcess(process))
}

#[pymethods]
impl BrowserProcess {
  #[getter]
  fn pid(&self) -> u32 {
    self.0.pid()
  }

  /// The WebSocket URL the browser wrote into its profile, once it has.
  fn active_port(&self) -> Option<String> {
    cdp_launch::read_active_port(self.0.profile())
  }

  /// `code N` or `signal N` once it has exited, else None.
  fn exit_info(&self) -> Option<String> {
    self.0.exit_info()
  }

  /// Waits (the GIL released) at most `timeout` seconds for the exit.
  fn wait_for_exit(&self, py: Python<'_>, timeout: f64) -> Option<String> {
    let bound = Duration::try_from_secs_f64(timeout).unwrap_or(Duration::ZERO);
    py.detach(|| self.0.wait_for_exit(bound))
  }

  /// SIGKILL to its process group.
  fn kill(&self) {
    self.0.kill();
  }

  fn stderr_tail(&self) -> String {
    self.0.stderr_tail()
  }

  /// Removes the folders made for it (once it has exited).
  fn remove_folders(&self) {
    self.0.remove_folders();
  }
}

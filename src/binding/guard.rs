//! `BrowserGuard`: a launched browser that must not outlive the Node environment that
//! launched it. A worker thread that is terminated runs no more JavaScript (no 'exit'
//! listener), but its environment's cleanup hooks still run: this one kills the browser's
//! process group and removes the folders that were made for it (profile, TMPDIR).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use napi::bindgen_prelude::Result;
use napi::{CleanupEnvHook, Env};
use napi_derive::napi;

/// What is left to do for one browser; shared between the guard and the cleanup hook.
#[derive(Default)]
struct Guarded {
  /// The browser's pid (the leader of its process group), until it has exited: a pid that
  /// has been reaped may be reused, and must never be signalled again.
  pid: Option<u32>,
  /// Folders to remove once the browser is gone.
  folders: Vec<PathBuf>,
}

type Shared = Arc<Mutex<Guarded>>;

fn take(shared: &Shared) -> Guarded {
  std::mem::take(&mut *shared.lock().unwrap_or_else(PoisonError::into_inner))
}

/// SIGKILL to the process group `pid` leads, then removes `folders` (crates/launch, which
/// Python's launch uses too). Off Unix there are no process groups: only the folders go.
fn kill_and_remove(guarded: Guarded) {
  #[cfg(unix)]
  if let Some(pid) = guarded.pid {
    cdp_launch::kill_process_group(pid);
  }
  for folder in &guarded.folders {
    cdp_launch::remove_folder(folder);
  }
}

#[napi]
pub struct BrowserGuard {
  shared: Shared,
  hook: Option<CleanupEnvHook<Shared>>,
}

#[napi]
impl BrowserGuard {
  /// Guards the browser `pid` and the `folders` made for it, until `disarm()`.
  #[napi(constructor)]
  pub fn new(env: Env, pid: u32, folders: Vec<String>) -> Result<Self> {
    let shared: Shared = Arc::new(Mutex::new(Guarded {
      pid: Some(pid),
      folders: folders.into_iter().map(PathBuf::from).collect(),
    }));
    let hook = env.add_env_cleanup_hook(shared.clone(), |shared| kill_and_remove(take(&shared)))?;
    Ok(BrowserGuard { shared, hook: Some(hook) })
  }

  /// The browser has exited: its pid is never signalled again (its folders still go at teardown).
  #[napi]
  pub fn exited(&self) {
    self.shared.lock().unwrap_or_else(PoisonError::into_inner).pid = None;
  }

  /// Kills the browser and removes its folders now, synchronously (Node is exiting).
  #[napi]
  pub fn kill_now(&self) {
    kill_and_remove(take(&self.shared));
  }

  /// Nothing is left to do: the browser has exited and its folders are removed.
  #[napi]
  pub fn disarm(&mut self, env: Env) -> Result<()> {
    take(&self.shared);
    match self.hook.take() {
      Some(hook) => env.remove_env_cleanup_hook(hook),
      None => Ok(()),
    }
  }
}

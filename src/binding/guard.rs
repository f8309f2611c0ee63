//! `BrowserGuard`: a launched browser that must not outlive the Node environment that
//! launched it. A worker thread that is terminated runs no more JavaScript (no 'exit'
//! listener), but its environment's cleanup hooks still run: this one kills the browser's
//! process group and removes the folders that were made for it (profile, TMPDIR).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use napi::bindgen_prelude::Result;
use napi::{CleanupEnvHook, Env};
use napi_derive::napi;

/// Right after a kill the browser's helpers may still write into its folders for a moment.
const REMOVE_ATTEMPTS: u32 = 20;
const REMOVE_PAUSE: Duration = Duration::from_millis(25);

/// What is left to do for one browser; shared between the guard and the cleanup hook.
#[derive(Default)]
struct Guarded {
  /// The browser's pid (the leader of its process group), until it has exited: a pid that
  /// has been reaped may be reused, and must never be signalled again.
  pid: Option<i32>,
  /// Folders to remove once the browser is gone.
  folders: Vec<PathBuf>,
}

type Shared = Arc<Mutex<Guarded>>;

fn take(shared: &Shared) -> Guarded {
  std::mem::take(&mut *shared.lock().unwrap_or_else(PoisonError::into_inner))
}

/// SIGKILL to the process group `pid` leads, then removes `folders`, retrying for a moment.
fn kill_and_remove(guarded: Guarded) {
  if let Some(pid) = guarded.pid.filter(|pid| *pid > 0) {
    #[expect(unsafe_code, reason = "kill(2) has no safe wrapper in std; any pid is sound to pass")]
    // SAFETY: kill only sends a signal; a stale or wrong pid yields ESRCH, never UB.
    unsafe {
      libc::kill(-pid, libc::SIGKILL);
    }
  }
  for folder in guarded.folders {
    for _ in 0..REMOVE_ATTEMPTS {
      match std::fs::remove_dir_all(&folder) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => std::thread::sleep(REMOVE_PAUSE),
        _ => break,
      }
    }
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
  pub fn new(env: Env, pid: i32, folders: Vec<String>) -> Result<Self> {
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

//! One launched browser: spawned as the leader of its own process group (one kill reaches its
//! helpers too), its last stderr lines kept for error messages, its exit waited for, and its
//! folders removed once it has gone. Dropping it kills the group.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::os::fd::OwnedFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use command_fds::{CommandFdExt, FdMapping};

use crate::kill_process_group;
use crate::profile::Folders;

/// Lines of the browser's stderr kept for error messages.
const STDERR_LINES: usize = 20;
/// How often an exit is looked for while waiting.
const EXIT_POLL: Duration = Duration::from_millis(10);

/// What to start.
pub struct Spawn {
  pub executable: PathBuf,
  pub args: Vec<String>,
  pub folders: Folders,
  /// Given to the browser as fds 3, 4, … in order (the pipe's ends), closed here after.
  pub fds: Vec<OwnedFd>,
}

pub struct BrowserProcess {
  child: Mutex<Child>,
  pid: u32,
  /// `code N` or `signal N` once it has exited.
  exit: Mutex<Option<String>>,
  stderr: Arc<Mutex<VecDeque<String>>>,
  folders: Folders,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
  mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl BrowserProcess {
  /// Starts the browser. On failure the folders are removed and the error names the file.
  pub fn spawn(spawn: Spawn) -> Result<BrowserProcess, String> {
    let Spawn { executable, args, folders, fds } = spawn;
    let mappings = fds
      .into_iter()
      .enumerate()
      .map(|(i, parent_fd)| FdMapping { parent_fd, child_fd: 3 + i as i32 })
      .collect();
    let mut command = Command::new(&executable);
    command
      .args(&args)
      .env("TMPDIR", folders.tmp())
      .stdin(Stdio::null())
      .stdout(Stdio::null())
      .stderr(Stdio::piped())
      .process_group(0);
    let started = command
      .fd_mappings(mappings)
      .map_err(|e| format!("could not give the browser its pipe fds: {e}"))
      .and_then(|c| {
        c.spawn().map_err(|e| format!("Failed to launch {}: {e}", executable.display()))
      });
    // Our copies of the browser's pipe ends go with the command, so its exit reads as EOF.
    drop(command);
    let mut child = match started {
      Ok(child) => child,
      Err(e) => {
        folders.remove();
        return Err(e);
      }
    };
    let stderr = Arc::new(Mutex::new(VecDeque::new()));
    if let Some(pipe) = child.stderr.take() {
      let tail = stderr.clone();
      let _ = std::thread::Builder::new().name("cdp-native-stderr".into()).spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
          let mut tail = lock(&tail);
          tail.push_back(line);
          if tail.len() > STDERR_LINES {
            tail.pop_front();
          }
        }
      });
    }
    let pid = child.id();
    Ok(BrowserProcess { child: Mutex::new(child), pid, exit: Mutex::new(None), stderr, folders })
  }

  pub fn pid(&self) -> u32 {
    self.pid
  }

  pub fn profile(&self) -> &std::path::Path {
    self.folders.profile()
  }

  /// The last lines the browser wrote to stderr.
  pub fn stderr_tail(&self) -> String {
    lock(&self.stderr).iter().cloned().collect::<Vec<_>>().join("\n")
  }

  /// SIGKILL to the browser's process group; nothing once it has exited (its pid may be
  /// another process's by then).
  pub fn kill(&self) {
    if self.exit_info().is_none() {
      kill_process_group(self.pid);
    }
  }

  /// How it exited, if it has (reaps it).
  pub fn exit_info(&self) -> Option<String> {
    let mut exit = lock(&self.exit);
    if exit.is_none()
      && let Ok(Some(status)) = lock(&self.child).try_wait()
    {
      *exit = Some(match (status.code(), status.signal()) {
        (Some(code), _) => format!("code {code}"),
        (None, Some(signal)) => format!("signal {signal}"),
        _ => "an unknown status".to_owned(),
      });
    }
    exit.clone()
  }

  /// Waits at most `timeout` for the exit; returns how it exited, if it has.
  pub fn wait_for_exit(&self, timeout: Duration) -> Option<String> {
    let until = Instant::now() + timeout;
    loop {
      let info = self.exit_info();
      if info.is_some() || Instant::now() >= until {
        return info;
      }
      std::thread::sleep(EXIT_POLL);
    }
  }

  /// Removes the folders made for this browser (call once it has exited).
  pub fn remove_folders(&self) {
    self.folders.remove();
  }
}

impl Drop for BrowserProcess {
  fn drop(&mut self) {
    self.kill();
    self.wait_for_exit(Duration::from_secs(5));
    self.folders.remove();
  }
}

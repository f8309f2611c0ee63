//! Ending a launched browser: SIGKILL to its process group (its helpers share it) and the
//! removal of the folders made for it. Python's `BrowserProcess` and the Node addon's
//! `BrowserGuard` (src/binding/guard.rs) both end a browser through these.

use std::path::Path;
use std::time::Duration;

/// Right after a kill, before its exit is seen, the browser's helpers may still write into its
/// folders for a moment (the guard cannot wait for the exit), recreating what was removed.
const REMOVE_ATTEMPTS: u32 = 20;
const REMOVE_PAUSE: Duration = Duration::from_millis(25);

/// SIGKILL to the process group that `pid` leads; nothing once the group has gone. Pid 0 is
/// never signalled: that would be our own group. A pid whose exit has been seen must not be
/// passed: it may be another process's by now.
#[cfg(unix)]
pub fn kill_process_group(pid: u32) {
  if let Some(leader) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) {
    let _ = rustix::process::kill_process_group(leader, rustix::process::Signal::KILL);
  }
}

/// Removes `path` and what it holds; a folder that is not there counts as removed. Tried
/// again for a moment while it fails: see `REMOVE_ATTEMPTS`.
pub fn remove_folder(path: &Path) {
  for _ in 0..REMOVE_ATTEMPTS {
    match std::fs::remove_dir_all(path) {
      Err(e) if e.kind() != std::io::ErrorKind::NotFound => std::thread::sleep(REMOVE_PAUSE),
      _ => return,
    }
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn a_folder_goes_with_what_it_holds_and_a_missing_one_is_no_error() {
    let dir = std::env::temp_dir().join(format!("cdp-launch-teardown-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(dir.join("a/b/file"), "x").unwrap();
    remove_folder(&dir);
    assert!(!dir.exists());
    let started = std::time::Instant::now();
    remove_folder(&dir);
    assert!(started.elapsed() < REMOVE_PAUSE, "a missing folder was retried");
  }

  #[cfg(unix)]
  #[test]
  fn the_kill_reaches_every_process_of_the_group_and_pid_0_is_left_alone() {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    use std::process::Command;

    kill_process_group(0);
    let mut leader = Command::new("sleep").arg("30").process_group(0).spawn().unwrap();
    let pgid = i32::try_from(leader.id()).unwrap();
    let mut member = Command::new("sleep").arg("30").process_group(pgid).spawn().unwrap();
    kill_process_group(leader.id());
    assert_eq!(leader.wait().unwrap().signal(), Some(9));
    assert_eq!(member.wait().unwrap().signal(), Some(9));
  }
}

//! Starting a local Chromium, for the faces that launch one (the Python package today):
//! which executable, with which flags, in which fresh profile, with the pipe ends as its fds
//! 3 and 4, in its own process group, and what is left to remove once it has gone.

mod process;
mod profile;

use std::path::{Path, PathBuf};

pub use process::{BrowserProcess, Spawn};
pub use profile::{Folders, remove_folder};

/// Looked for on PATH, in this order, when neither the caller nor `CHROME_PATH` names one.
pub const CANDIDATES: [&str; 4] =
  ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/// The file Chromium writes into its profile with the DevTools port and browser path.
pub const ACTIVE_PORT_FILE: &str = "DevToolsActivePort";

/// How the browser is spoken to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
  /// `--remote-debugging-pipe`: fds 3 and 4.
  Pipe,
  /// `--remote-debugging-port=0` on the loopback address.
  WebSocket,
}

/// `given`, else `CHROME_PATH`, else the first of [`CANDIDATES`] on PATH.
pub fn find_executable(given: Option<&str>) -> Result<PathBuf, String> {
  if let Some(path) = given.map(str::to_owned).or_else(|| std::env::var("CHROME_PATH").ok()) {
    return Ok(PathBuf::from(path));
  }
  let path = std::env::var_os("PATH").unwrap_or_default();
  for name in CANDIDATES {
    for dir in std::env::split_paths(&path) {
      let candidate = dir.join(name);
      if is_executable(&candidate) {
        return Ok(candidate);
      }
    }
  }
  Err(format!(
    "No Chromium found: none of {} is on PATH. Install one (Debian/Ubuntu: apt-get install \
     chromium), or set CHROME_PATH or the executable_path option.",
    CANDIDATES.join(", ")
  ))
}

fn is_executable(path: &Path) -> bool {
  use std::os::unix::fs::PermissionsExt;
  path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The command line: our flags, then the caller's `extra`, then the first page.
pub fn browser_args(
  transport: Transport,
  headless: bool,
  user_data_dir: &Path,
  extra: &[String],
) -> Vec<String> {
  let mut list: Vec<String> = [
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
  ]
  .map(str::to_owned)
  .to_vec();
  list.push(format!("--user-data-dir={}", user_data_dir.display()));
  match transport {
    Transport::Pipe => list.push("--remote-debugging-pipe".into()),
    Transport::WebSocket => {
      list.push("--remote-debugging-port=0".into());
      list.push("--remote-debugging-address=127.0.0.1".into());
    }
  }
  if headless {
    list.push("--headless".into());
  }
  // Chromium refuses to run as root with its sandbox on.
  if rustix::process::geteuid().is_root() {
    list.push("--no-sandbox".into());
  }
  list.extend(extra.iter().cloned());
  list.push("about:blank".into());
  list
}

/// The WebSocket URL in the profile's `DevToolsActivePort`, once Chromium has written it.
pub fn read_active_port(user_data_dir: &Path) -> Option<String> {
  let text = std::fs::read_to_string(user_data_dir.join(ACTIVE_PORT_FILE)).ok()?;
  let mut lines = text.lines();
  let (port, path) = (lines.next()?.trim(), lines.next()?.trim());
  (!port.is_empty() && !path.is_empty()).then(|| format!("ws://127.0.0.1:{port}{path}"))
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn the_flags_name_the_profile_and_the_transport() {
    let args = browser_args(Transport::Pipe, true, Path::new("/tmp/p"), &["--x".into()]);
    assert!(args.contains(&"--user-data-dir=/tmp/p".to_owned()));
    assert!(args.contains(&"--remote-debugging-pipe".to_owned()));
    assert!(!args.iter().any(|a| a.starts_with("--remote-debugging-port")));
    assert_eq!(args[args.len() - 2..], ["--x".to_owned(), "about:blank".to_owned()]);
  }

  #[test]
  fn an_active_port_file_reads_as_a_url() {
    let folders = Folders::fresh().unwrap();
    let dir = folders.profile();
    assert_eq!(read_active_port(dir), None);
    std::fs::write(dir.join(ACTIVE_PORT_FILE), "9222\n/devtools/browser/abc\n").unwrap();
    assert_eq!(read_active_port(dir).as_deref(), Some("ws://127.0.0.1:9222/devtools/browser/abc"));
    let (profile, tmp) = (dir.to_owned(), folders.tmp().to_owned());
    folders.remove();
    assert!(!profile.exists() && !tmp.exists());
  }
}

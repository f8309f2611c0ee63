//! Starting a local Chromium: what both faces share of it, defined once.
//!
//! The Python face takes all of it: which executable, with which flags, in which fresh 0700
//! profile and TMPDIR, with the pipe ends as its fds 3 and 4, in its own process group, and
//! what is left to remove once it has gone. The Node face (src/binding/launch.rs and
//! guard.rs) takes the flags, the names looked for on PATH, the port file's name and its
//! parsing, the no-Chromium message, which profile a launch uses, the process-group kill and
//! the folder removal; it spawns with `child_process` (its `browser.process()` is a
//! `ChildProcess`), and it searches PATH and makes its folders in JavaScript, where the
//! runtime's permission checks apply.
//!
//! Off Unix only what needs no Unix is built (the flags, the names, the parsing, the removal):
//! fds 3 and 4, the 0700 mode and process groups are Unix's.

#[cfg(unix)]
mod process;
#[cfg(unix)]
mod profile;
mod profile_choice;
mod teardown;

use std::path::Path;

#[cfg(unix)]
pub use process::{BrowserProcess, Spawn};
#[cfg(unix)]
pub use profile::Folders;
pub use profile_choice::{ProfileChoice, choose_profile};
#[cfg(unix)]
pub use teardown::kill_process_group;
pub use teardown::remove_folder;

/// Looked for on PATH, in this order, when neither the caller nor `CHROME_PATH` names one.
pub const CANDIDATES: [&str; 4] =
  ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/// The file Chromium writes into its profile with the DevTools port and browser path.
pub const ACTIVE_PORT_FILE: &str = "DevToolsActivePort";

/// The flag that names the profile; Chromium takes the last one it is given.
pub const USER_DATA_DIR_FLAG: &str = "--user-data-dir=";

/// How the browser is spoken to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
  /// `--remote-debugging-pipe`: fds 3 and 4.
  Pipe,
  /// `--remote-debugging-port=0` on the loopback address.
  WebSocket,
}

/// Why no executable was found on PATH, and the ways out; `option` is the face's name for
/// the option that names one (`executablePath`, `executable_path`).
pub fn no_chromium_message(option: &str) -> String {
  format!(
    "No Chromium found: none of {} is on PATH. Install one (Debian/Ubuntu: apt-get install \
     chromium), or set CHROME_PATH or the {option} option.",
    CANDIDATES.join(", ")
  )
}

/// `given`, else `CHROME_PATH`, else the first of [`CANDIDATES`] on PATH.
#[cfg(unix)]
pub fn find_executable(given: Option<&str>) -> Result<std::path::PathBuf, String> {
  use std::os::unix::fs::PermissionsExt;
  let is_executable =
    |path: &Path| path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
  if let Some(path) = given.map(str::to_owned).or_else(|| std::env::var("CHROME_PATH").ok()) {
    return Ok(path.into());
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
  Err(no_chromium_message("executable_path"))
}

/// Chromium refuses to run as root with its sandbox on.
#[cfg(unix)]
fn running_as_root() -> bool {
  rustix::process::geteuid().is_root()
}

/// Off Unix there is no root to refuse.
#[cfg(not(unix))]
fn running_as_root() -> bool {
  false
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
  list.push(format!("{USER_DATA_DIR_FLAG}{}", user_data_dir.display()));
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
  if running_as_root() {
    list.push("--no-sandbox".into());
  }
  list.extend(extra.iter().cloned());
  list.push("about:blank".into());
  list
}

/// The WebSocket URL that the text of a `DevToolsActivePort` names (its port, then the
/// browser's path), once both lines are written.
pub fn active_port_url(text: &str) -> Option<String> {
  let mut lines = text.lines();
  let (port, path) = (lines.next()?.trim(), lines.next()?.trim());
  (!port.is_empty() && !path.is_empty()).then(|| format!("ws://127.0.0.1:{port}{path}"))
}

/// The WebSocket URL in the profile's `DevToolsActivePort`, once Chromium has written it.
pub fn read_active_port(user_data_dir: &Path) -> Option<String> {
  active_port_url(&std::fs::read_to_string(user_data_dir.join(ACTIVE_PORT_FILE)).ok()?)
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn the_flags_name_the_profile_and_the_transport() {
    let args = browser_args(Transport::Pipe, true, Path::new("/tmp/p"), &["--x".into()]);
    assert!(args.contains(&"--user-data-dir=/tmp/p".to_owned()));
    assert!(args.contains(&"--remote-debugging-pipe".to_owned()));
    assert!(args.contains(&"--headless".to_owned()));
    assert!(!args.iter().any(|a| a.starts_with("--remote-debugging-port")));
    assert_eq!(args[args.len() - 2..], ["--x".to_owned(), "about:blank".to_owned()]);
    assert_eq!(args.contains(&"--no-sandbox".to_owned()), running_as_root());
    let args = browser_args(Transport::WebSocket, false, Path::new("/tmp/p"), &[]);
    assert!(!args.contains(&"--headless".to_owned()));
    assert!(args.contains(&"--remote-debugging-port=0".to_owned()));
    assert!(args.contains(&"--remote-debugging-address=127.0.0.1".to_owned()));
    assert!(!args.contains(&"--remote-debugging-pipe".to_owned()));
  }

  #[test]
  fn the_no_chromium_message_names_the_candidates_and_the_faces_option() {
    let message = no_chromium_message("executablePath");
    assert!(message.starts_with("No Chromium found: none of chromium, chromium-browser, "));
    assert!(message.ends_with("or set CHROME_PATH or the executablePath option."));
  }

  #[test]
  fn the_port_text_reads_as_a_url_once_both_lines_are_there() {
    assert_eq!(active_port_url(""), None);
    assert_eq!(active_port_url("9222\n"), None);
    assert_eq!(active_port_url(" \n/devtools/browser/abc\n"), None);
    let url = Some("ws://127.0.0.1:9222/devtools/browser/abc".to_owned());
    assert_eq!(active_port_url("9222\n/devtools/browser/abc\n"), url);
    assert_eq!(active_port_url("9222\r\n/devtools/browser/abc"), url);
  }

  #[cfg(unix)]
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

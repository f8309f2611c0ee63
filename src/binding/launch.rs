//! What launching a browser from Node takes from crates/launch, so that it is defined once for
//! both faces: the flags, the names looked for on PATH, the no-Chromium message, which
//! profile a launch uses, the port file's name and how its text reads. The PATH search and
//! the folders stay in JavaScript (lib/find-executable.js, lib/launcher.js): there they pass
//! through the runtime's permission checks (Node's --permission, Deno's), which native code
//! would bypass. The spawn stays there too: `browser.process()` is a Node `ChildProcess`.

use std::path::Path;

use cdp_launch::Transport;
use napi_derive::napi;

/// How the browser is spoken to: `'pipe'` or `'websocket'`, as launch()'s `transport` option.
#[napi(string_enum = "lowercase")]
pub enum LaunchTransport {
  Pipe,
  WebSocket,
}

impl From<LaunchTransport> for Transport {
  fn from(transport: LaunchTransport) -> Self {
    match transport {
      LaunchTransport::Pipe => Transport::Pipe,
      LaunchTransport::WebSocket => Transport::WebSocket,
    }
  }
}

#[napi(object)]
pub struct BrowserArgsOptions {
  pub transport: LaunchTransport,
  pub headless: bool,
  pub user_data_dir: String,
  /// The caller's flags, after ours and before the first page; without a `--user-data-dir=`
  /// (the profile is `userDataDir`, named once).
  pub args: Vec<String>,
}

/// The browser's command line (`cdp_launch::browser_args`).
#[napi]
pub fn browser_args(options: BrowserArgsOptions) -> Vec<String> {
  let BrowserArgsOptions { transport, headless, user_data_dir, args } = options;
  cdp_launch::browser_args(transport.into(), headless, Path::new(&user_data_dir), &args)
}

/// The names looked for on PATH, in order.
#[napi]
pub fn chromium_candidates() -> Vec<&'static str> {
  cdp_launch::CANDIDATES.to_vec()
}

/// Why no Chromium was found on PATH, and the ways out; `option` names the option that
/// gives one.
#[napi]
pub fn no_chromium_message(option: String) -> String {
  cdp_launch::no_chromium_message(&option)
}

/// The file Chromium writes into its profile with the DevTools port and browser path.
#[napi]
pub const ACTIVE_PORT_FILE: &str = cdp_launch::ACTIVE_PORT_FILE;

/// The WebSocket URL a `DevToolsActivePort`'s text names, or `null` until both lines are in.
#[napi]
pub fn active_port_url(text: String) -> Option<String> {
  cdp_launch::active_port_url(&text)
}

/// The profile launch() was given, if any, and its args without `--user-data-dir=`.
#[napi(object)]
pub struct ProfileChoice {
  pub given: Option<String>,
  pub args: Vec<String>,
}

/// Which profile the `userDataDir` option and the last `--user-data-dir=` in `args` name
/// (`cdp_launch::choose_profile`); an InvalidArg error naming both when they name different
/// folders (lib/launcher.js throws it as a TypeError).
#[napi]
pub fn choose_profile(
  user_data_dir: Option<String>,
  args: Vec<String>,
) -> napi::Result<ProfileChoice> {
  cdp_launch::choose_profile(user_data_dir.as_deref(), &args, "userDataDir")
    .map(|choice| ProfileChoice { given: choice.given, args: choice.args })
    .map_err(|message| napi::Error::new(napi::Status::InvalidArg, message))
}

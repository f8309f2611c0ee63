//! The folders made for one browser: its profile (cookies, the DevTools port) and its own
//! TMPDIR (what Chromium leaves there when killed goes with it), both mode 0700.

use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::remove_folder;

/// Told apart from other launches of this process.
static NEXT: AtomicU32 = AtomicU32::new(0);

/// The folders one launch owns; a profile the caller gave is never among them.
#[derive(Debug)]
pub struct Folders {
  profile: PathBuf,
  tmp: PathBuf,
  /// False when the profile is the caller's: then only `tmp` is removed.
  owns_profile: bool,
}

fn make(prefix: &str) -> std::io::Result<PathBuf> {
  let base = std::env::temp_dir();
  let nanos = std::time::SystemTime::now()
    .duration_since(std::time::UNIX_EPOCH)
    .map_or(0, |d| d.subsec_nanos());
  for attempt in 0..100u32 {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = format!("{prefix}{}-{nanos:x}-{n}-{attempt}", std::process::id());
    let path = base.join(name);
    // create() fails on an existing name, so a folder is never shared.
    match std::fs::DirBuilder::new().mode(0o700).create(&path) {
      Ok(()) => return Ok(path),
      Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
      Err(e) => return Err(e),
    }
  }
  Err(std::io::Error::other(format!(
    "could not make a fresh folder {prefix}* in {}",
    base.display()
  )))
}

impl Folders {
  /// A fresh profile and TMPDIR.
  pub fn fresh() -> std::io::Result<Folders> {
    let profile = make("cdp-native-profile-")?;
    Folders::with_tmp(profile, true)
  }

  /// The caller's profile (its stale `DevToolsActivePort` removed) and a fresh TMPDIR.
  pub fn given(profile: PathBuf) -> std::io::Result<Folders> {
    match std::fs::remove_file(profile.join(crate::ACTIVE_PORT_FILE)) {
      Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
      _ => {}
    }
    Folders::with_tmp(profile, false)
  }

  fn with_tmp(profile: PathBuf, owns_profile: bool) -> std::io::Result<Folders> {
    match make("cdp-native-tmp-") {
      Ok(tmp) => Ok(Folders { profile, tmp, owns_profile }),
      Err(e) => {
        if owns_profile {
          remove_folder(&profile);
        }
        Err(e)
      }
    }
  }

  pub fn profile(&self) -> &Path {
    &self.profile
  }

  pub fn tmp(&self) -> &Path {
    &self.tmp
  }

  /// Removes what this launch made.
  pub fn remove(&self) {
    if self.owns_profile {
      remove_folder(&self.profile);
    }
    remove_folder(&self.tmp);
  }
}

//! Which profile a launch uses when the caller may name one twice: as the face's option
//! (`userDataDir`, `user_data_dir`) and as a `--user-data-dir=` among the extra flags.
//! Chromium takes the last such flag, so the launcher must know that folder (it reads the
//! DevTools port from it, and must not remove it as its own).

use std::path::{Component, Path, PathBuf};

use crate::USER_DATA_DIR_FLAG;

/// The profile the caller named, if any, and the extra flags without `--user-data-dir=`
/// (`browser_args` names the profile once).
#[derive(Debug, PartialEq, Eq)]
pub struct ProfileChoice {
  /// `None`: the launch makes a fresh one, and removes it after.
  pub given: Option<String>,
  pub args: Vec<String>,
}

/// `option` is the face's name for the profile option, for the error when the option and the
/// flag name different folders.
pub fn choose_profile(
  user_data_dir: Option<&str>,
  args: &[String],
  option: &str,
) -> Result<ProfileChoice, String> {
  let from_args = args.iter().rev().find_map(|a| a.strip_prefix(USER_DATA_DIR_FLAG));
  if let (Some(flag), Some(given)) = (from_args, user_data_dir)
    && resolved(flag) != resolved(given)
  {
    return Err(format!(
      "launch(): {option} ({given}) and the --user-data-dir in args ({flag}) name different \
       folders; give one"
    ));
  }
  let given = user_data_dir.or(from_args).map(str::to_owned);
  let args = args.iter().filter(|a| !a.starts_with(USER_DATA_DIR_FLAG)).cloned().collect();
  Ok(ProfileChoice { given, args })
}

/// Absolute, with `.` and `..` folded away lexically (as Node's `path.resolve`): two
/// spellings of one folder compare equal; symbolic links are not followed.
fn resolved(path: &str) -> PathBuf {
  let absolute = std::path::absolute(Path::new(path)).unwrap_or_else(|_| PathBuf::from(path));
  let mut out = PathBuf::new();
  for part in absolute.components() {
    match part {
      Component::CurDir => {}
      Component::ParentDir => {
        out.pop();
      }
      other => out.push(other),
    }
  }
  out
}

#[cfg(test)]
mod tests {
  use super::*;

  fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
  }

  #[test]
  fn the_last_flag_names_the_profile_and_leaves_the_args() {
    let args = strings(&["--a", "--user-data-dir=/x", "--b", "--user-data-dir=/y"]);
    let choice = choose_profile(None, &args, "userDataDir").unwrap();
    assert_eq!(choice, ProfileChoice { given: Some("/y".into()), args: strings(&["--a", "--b"]) });
  }

  #[test]
  fn the_option_alone_or_nothing() {
    let args = strings(&["--a"]);
    assert_eq!(choose_profile(Some("/p"), &args, "o").unwrap().given.as_deref(), Some("/p"));
    assert_eq!(choose_profile(None, &args, "o").unwrap(), ProfileChoice { given: None, args });
  }

  #[test]
  fn the_same_folder_spelt_twice_is_one_and_two_folders_are_an_error() {
    let args = strings(&["--user-data-dir=/tmp/p/../p/."]);
    assert_eq!(
      choose_profile(Some("/tmp/p"), &args, "o").unwrap().given.as_deref(),
      Some("/tmp/p")
    );
    let error = choose_profile(Some("/tmp/q"), &args, "user_data_dir").unwrap_err();
    assert!(error.starts_with("launch(): user_data_dir (/tmp/q) and the --user-data-dir in args"));
  }
}

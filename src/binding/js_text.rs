//! Received texts on their way into JS strings, with as few copies as the runtime allows.
//! Most CDP traffic is ASCII (JSON escapes everything else only when it wants to; base64
//! screenshots always are), and an ASCII text is Latin-1 as it is: V8 then copies it without
//! decoding UTF-8, and a large one becomes an external string over the very buffer it was
//! read into, with no copy at all (Node-API 10's `node_api_create_external_string_latin1`,
//! looked up at run time: where the runtime lacks it, the copy is made as before).

use std::ffi::c_void;
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};

use napi::bindgen_prelude::{Result, ToNapiValue};
use napi::{Error, Status, sys};

use cdp_transport::Text;

/// An ASCII text this large is handed to V8 as an external string; a smaller one is copied,
/// which V8 would do anyway for short strings, and which costs less than the bookkeeping.
const EXTERNAL_MIN: usize = 64 * 1024;

/// Cleared the first time the runtime refuses an external string (an older Node, or another
/// runtime's Node-API): from then on every text is copied.
static EXTERNAL_STRINGS: AtomicBool = AtomicBool::new(true);

/// One received text (a message, or a JSON array text of several).
pub struct JsText(pub Text);

/// What `take()` returns: nothing (`null`), one text, or several in arrival order.
pub enum Taken {
  Nothing,
  One(Text),
  Several(Vec<Text>),
}

#[expect(unsafe_code, reason = "Node-API calls on the JS thread, each checked")]
impl ToNapiValue for JsText {
  unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
    let text = val.0;
    let mut value = ptr::null_mut();
    // SAFETY: `env` is the live env napi-rs calls us with, on the JS thread; the pointer and
    // length describe `text`'s bytes, which V8 copies before the call returns (latin1, utf8).
    let status = unsafe {
      if !text.is_ascii() {
        sys::napi_create_string_utf8(env, text.as_ptr().cast(), text.len() as isize, &mut value)
      } else if text.len() >= EXTERNAL_MIN && EXTERNAL_STRINGS.load(Ordering::Relaxed) {
        return external(env, text);
      } else {
        sys::napi_create_string_latin1(env, text.as_ptr().cast(), text.len() as isize, &mut value)
      }
    };
    checked(status, value, text.len())
  }
}

/// The buffer under an external string, until V8 collects the string.
struct ExternalText {
  text: Text,
  /// Set once V8 has kept the buffer (not copied it): only then was its size reported.
  reported: bool,
}

/// Hands `text` to V8 without a copy; V8 calls [`release`] once the string is collected.
#[expect(unsafe_code, reason = "Node-API calls on the JS thread, each checked")]
unsafe fn external(env: sys::napi_env, text: Text) -> Result<sys::napi_value> {
  let len = text.len();
  let data: *const u8 = text.as_ptr();
  let owner = Box::into_raw(Box::new(ExternalText { text, reported: false }));
  let mut value = ptr::null_mut();
  let mut copied = false;
  // SAFETY: the bytes at `data` belong to `*owner`, which lives until `release` drops it (V8
  // calls it once, when the string is collected, or at once if it copied). `text` is ASCII,
  // so its bytes are valid Latin-1.
  let status = unsafe {
    sys::node_api_create_external_string_latin1(
      env,
      data.cast_mut().cast(),
      len as isize,
      Some(release),
      // The hint: V8 hands it back to `release`, with the bytes as its data.
      owner.cast(),
      &mut value,
      &mut copied,
    )
  };
  if status == sys::Status::napi_ok {
    // V8 does not see the buffer as its memory: say so, so that it collects the string as
    // promptly as it would a heap string of that size. (When V8 copied, it has already
    // called `release`, and `owner` is gone.)
    if !copied {
      let mut adjusted = 0;
      // SAFETY: as above; `owner` lives until the string is collected, after this returns.
      unsafe {
        (*owner).reported = true;
        sys::napi_adjust_external_memory(env, len as i64, &mut adjusted);
      }
    }
    return Ok(value);
  }
  // Not available here: take the text back and copy it, now and from now on.
  EXTERNAL_STRINGS.store(false, Ordering::Relaxed);
  // SAFETY: V8 did not take `owner` (the call failed), so it is still ours.
  let ExternalText { text, .. } = *unsafe { Box::from_raw(owner) };
  // SAFETY: as in `to_napi_value`.
  let status =
    unsafe { sys::napi_create_string_latin1(env, text.as_ptr().cast(), len as isize, &mut value) };
  checked(status, value, len)
}

/// V8's finalizer for an external string: frees the buffer it was made over.
#[expect(unsafe_code, reason = "a Node-API finalizer")]
unsafe extern "C" fn release(env: sys::node_api_basic_env, _data: *mut c_void, hint: *mut c_void) {
  // SAFETY: `hint` is the box leaked in `external`, given back exactly once (`_data` is the
  // string's bytes).
  let owner = unsafe { Box::from_raw(hint.cast::<ExternalText>()) };
  // `env` is null when the string goes with the whole Node instance (or a worker).
  if owner.reported && !env.is_null() {
    let mut adjusted = 0;
    // SAFETY: `env` is live while V8 runs finalizers, and napi_adjust_external_memory is one
    // of the calls a basic (GC-time) finalizer may make: Node's headers take a basic env.
    unsafe {
      sys::napi_adjust_external_memory(env.cast(), -(owner.text.len() as i64), &mut adjusted)
    };
  }
}

fn checked(
  status: sys::napi_status,
  value: sys::napi_value,
  len: usize,
) -> Result<sys::napi_value> {
  if status == sys::Status::napi_ok {
    Ok(value)
  } else {
    // V8 refuses strings over its length limit; name the size so that the cause is clear.
    Err(Error::new(
      Status::from(status),
      format!(
        "could not make a JavaScript string of a {len}-byte message (over V8's string length limit?)"
      ),
    ))
  }
}

#[expect(unsafe_code, reason = "Node-API calls on the JS thread, each checked")]
impl ToNapiValue for Taken {
  unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
    match val {
      // SAFETY: as for any ToNapiValue, on the JS thread with a live env.
      Taken::Nothing => Ok(null(env)),
      Taken::One(text) => unsafe { JsText::to_napi_value(env, JsText(text)) },
      Taken::Several(texts) => {
        let texts: Vec<JsText> = texts.into_iter().map(JsText).collect();
        // SAFETY: as above.
        unsafe { Vec::<JsText>::to_napi_value(env, texts) }
      }
    }
  }
}

#[expect(unsafe_code, reason = "a Node-API call on the JS thread")]
fn null(env: sys::napi_env) -> sys::napi_value {
  let mut value = ptr::null_mut();
  // SAFETY: `env` is live; napi_get_null cannot fail for a live env.
  unsafe { sys::napi_get_null(env, &mut value) };
  value
}

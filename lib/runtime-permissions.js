'use strict';
// Errors of a runtime's permission system, told apart from the file system's own: Deno without
// a --allow-* flag throws NotCapable (PermissionDenied before Deno 2), Node's permission model
// (--permission) throws ERR_ACCESS_DENIED. Such an error means "not allowed to look", never
// "not there", and is reported as one.

/** The flags cdp-native needs under Deno to launch a browser (the README explains each). */
const DENO_FLAGS = '--allow-read --allow-write --allow-env --allow-run --allow-ffi --allow-sys';

function isPermissionDenial(error) {
  return error?.name === 'NotCapable' || error?.name === 'PermissionDenied' || error?.code === 'ERR_ACCESS_DENIED';
}

/** What `error` (a permission denial) refused, and which flags grant what cdp-native needs. */
function describeDenial(error) {
  if (error?.code === 'ERR_ACCESS_DENIED') {
    const what = error.resource ? `${error.permission ?? 'access'} to ${error.resource}` : error.message;
    return `${what}; Node's permission model needs --allow-fs-read for it, and --allow-addons, --allow-child-process and --allow-fs-write to launch a browser`;
  }
  return `${error?.message}; under Deno, cdp-native needs ${DENO_FLAGS}`;
}

module.exports = { DENO_FLAGS, describeDenial, isPermissionDenial };

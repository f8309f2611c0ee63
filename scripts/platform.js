'use strict';
// This machine's platform in napi-rs's spelling (`linux-x64-gnu`, `darwin-arm64`,
// `win32-x64-msvc`), which names both the addon file the generated binding.js looks for and
// the per-platform package (npm/<platform>/). Shared by the install step and the prebuild.

/** `gnu` or `musl` on Linux: Node reports the glibc it runs on, and nothing on musl. */
function linuxLibc() {
  return process.report?.getReport()?.header?.glibcVersionRuntime ? 'gnu' : 'musl';
}

/** napi-rs's platform name of this machine, e.g. `linux-x64-gnu`. */
function platformName() {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${linuxLibc()}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

/** The file name the generated loader (binding.js) tries first, next to itself. */
function addonFileName() {
  return `cdp-native.${platformName()}.node`;
}

/** The per-platform package that carries the prebuilt addon for this machine. */
function platformPackageName() {
  return `cdp-native-${platformName()}`;
}

/** What cargo calls the cdylib on this platform. */
function cdylibFileName() {
  if (process.platform === 'win32') return 'cdp_native.dll';
  if (process.platform === 'darwin') return 'libcdp_native.dylib';
  return 'libcdp_native.so';
}

module.exports = { platformName, addonFileName, platformPackageName, cdylibFileName };

'use strict';
// The public entry point of cdp-native (CommonJS). See index.d.ts for the types.

// First, so that a missing or refused addon is reported with what to do about it.
require('./lib/native-addon').loadNativeAddon();

const { launch } = require('./lib/launcher');
const { connect } = require('./lib/connect');
const { connectTarget } = require('./lib/connect-target');
const { Browser } = require('./lib/browser');
const { puppeteerTransport } = require('./lib/adapters/puppeteer');
const { playwrightTransport } = require('./lib/adapters/playwright');
const { CDPSession } = require('./lib/session');
const { ProtocolError, TargetClosedError, TimeoutError, LaunchTimeoutError, AbortError } = require('./lib/errors');

module.exports = {
  launch,
  connect,
  connectTarget,
  puppeteerTransport,
  playwrightTransport,
  Browser,
  CDPSession,
  ProtocolError,
  TargetClosedError,
  TimeoutError,
  LaunchTimeoutError,
  AbortError,
};

#!/usr/bin/env node
'use strict';
// The `cdp-native` command; `cdp-native --help` says what it does. The code is in lib/cli/.

const { main } = require('../lib/cli/main');

main(process.argv.slice(2)).then(
  (code) => {
    // Not process.exit(): let stdout drain; nothing of the run holds the process open.
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`cdp-native: internal error: ${error?.stack ?? error}\n`);
    process.exitCode = 1;
  },
);

'use strict';
// The `cdp-native` command: parses the command line, runs one form, reports the outcome.
// Resolves with the exit code: 0 done, 1 failed, 2 wrong command line.

const { parseCommandLine } = require('./args');
const { HELP, UsageError } = require('./usage');
const { printError } = require('./output');
const { Run } = require('./run');

/** Each form's runner; required when used, so --help and usage errors load no addon. */
const FORMS = {
  send: () => require('./send').runSend,
  repl: () => require('./repl').runRepl,
  list: () => require('./commands').runList,
  version: () => require('./commands').runVersion,
  new: () => require('./commands').runNew,
  close: () => require('./commands').runClose,
};

async function main(argv) {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printError(error);
    return 2;
  }
  if (command.form === 'help') {
    process.stdout.write(HELP);
    return 0;
  }

  const run = new Run();
  try {
    await FORMS[command.form]()(command, run);
    return 0;
  } catch (error) {
    printError(error);
    return 1;
  } finally {
    await run.cleanup();
    run.dispose();
  }
}

module.exports = { main };

'use strict';
// `cdp-native <Domain.method> [json-params]` and `--events`: the order is listen and enable,
// navigate (--url), send, then stream until --duration or Ctrl-C.

const { openSession } = require('./session-setup');
const { navigate } = require('./navigate');
const { streamEvents } = require('./events');
const { printJson, printLine } = require('./output');
const { checkWritable, writeOutput } = require('./output-file');

async function runSend(command, run) {
  if (command.output !== undefined) checkWritable(command.output);
  const { session } = await openSession(command, run);
  if (command.events === undefined) {
    if (command.url !== undefined) await navigate(session, command.url, command);
    const result = await sendCommand(session, command);
    printJson(command.output === undefined ? result : writeOutput(command.output, command.method, result));
    return;
  }

  // The stream ends, as a failure, if the session does (target closed, browser gone); watched
  // from the start, since the command itself may end it (Page.close).
  let ended;
  const onDetached = ({ reason }) => {
    ended = new Error(`the session ended while streaming: ${reason}`);
    run.stop();
  };
  session.once('detached', onDetached);
  // Events print from the moment we listen, so from then on Ctrl-C is the normal end: a step
  // under way finishes (nothing is cut off mid-call), the rest are skipped.
  const stopped = run.untilStopped();
  const stopEvents = await streamEvents(session, command.events);
  let timer;
  try {
    if (command.url !== undefined && !run.stopRequested) await navigate(session, command.url, command);
    if (command.method !== undefined && !run.stopRequested) {
      printLine({ command: command.method, result: await sendCommand(session, command) });
    }
    if (command.duration !== undefined) timer = setTimeout(() => run.stop(), command.duration);
    await stopped;
  } finally {
    clearTimeout(timer);
    session.off('detached', onDetached);
    stopEvents();
  }
  if (ended) throw ended;
}

/** Any method: the browser may be newer than the pinned protocol. */
function sendCommand(session, command) {
  return session.sendUnchecked(command.method, command.params);
}

module.exports = { runSend };

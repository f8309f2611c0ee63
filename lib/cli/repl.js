'use strict';
// `cdp-native repl`: Node's repl with `browser`, `session` and one object per protocol domain
// (`session.api.Page`, …) in scope. Top-level await is Node's own. Leaving the repl (.exit,
// Ctrl-D, end of input) closes what the command opened.

const repl = require('node:repl');
const util = require('node:util');
const { openSession } = require('./session-setup');
const { parseEndpoint } = require('../endpoint');
const { navigate } = require('./navigate');
const { domainNames } = require('./protocol');
const { protocolCompleter } = require('./completion');

/** Puts the names in scope; again after `.clear`, which empties the context. */
function fillContext(context, browser, session) {
  const api = session.api;
  const names = { browser, session };
  for (const domain of domainNames()) names[domain] = api[domain];
  for (const [name, value] of Object.entries(names)) {
    Object.defineProperty(context, name, { value, writable: true, configurable: true, enumerable: false });
  }
}

async function runRepl(command, run) {
  const { browser, session } = await openSession(command, run);
  if (command.url !== undefined) await navigate(session, command.url, command);
  // A target's own endpoint (connectTarget()) has no browser to ask: name the endpoint.
  const { product } = browser === null ? { product: parseEndpoint(command.endpoint).label } : await browser.version();

  const colors = process.stdout.isTTY === true;
  // Before repl.start(), which prints the first prompt.
  process.stderr.write(
    `cdp-native repl on ${product}${command.browserSession ? ' (browser session)' : ''}: ` +
      '`browser`, `session` and the domains (Page, Runtime, …) are in scope; Tab completes ' +
      'Domain.method; .exit or Ctrl-D leaves\n',
  );
  const server = repl.start({
    prompt: 'cdp> ',
    ignoreUndefined: true,
    // Evaluate in this realm: send() takes only plain objects of its own realm, and an object
    // literal typed in a separate vm context has another Object.prototype.
    useGlobal: true,
    writer: (value) => util.inspect(value, { colors, depth: 6 }),
  });
  server.completer = protocolCompleter(server.completer);
  fillContext(server.context, browser, session);
  server.on('reset', (context) => fillContext(context, browser, session));

  let lost;
  // A root session ends with its connection: its 'detached' is the browser's 'disconnected'.
  const [connection, ending, what] = browser === null ? [session, 'detached', 'endpoint'] : [browser, 'disconnected', 'browser'];
  const onDisconnected = ({ reason }) => {
    lost = new Error(`the ${what} disconnected: ${reason}`);
    server.close();
  };
  connection.once(ending, onDisconnected);
  const exited = new Promise((resolve) => server.once('exit', resolve));
  // SIGINT/SIGTERM from outside (a terminal's Ctrl-C is a key press the repl handles itself).
  await Promise.race([exited, run.untilStopped()]);
  connection.off(ending, onDisconnected);
  server.close();
  if (lost) throw lost;
}

module.exports = { runRepl };

'use strict';
// Turns argv into one command object, or throws a UsageError naming what was wrong.
// Result: { form: 'help' | 'send' | 'list' | 'version' | 'new' | 'close' | 'repl', ... }.

const { parseArgs } = require('node:util');
const { UsageError } = require('./usage');

const FLAGS = {
  help: { type: 'boolean', short: 'h' },
  endpoint: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  browser: { type: 'boolean' },
  target: { type: 'string' },
  url: { type: 'string' },
  events: { type: 'string', multiple: true },
  duration: { type: 'string' },
  timeout: { type: 'string' },
  force: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
};

/** The flags each form takes; any other flag given is an error, never silently ignored. */
const ENDPOINT_FLAGS = ['endpoint', 'host', 'port', 'timeout'];
const SESSION_FLAGS = [...ENDPOINT_FLAGS, 'browser', 'target', 'url'];
const FLAGS_OF_FORM = {
  send: [...SESSION_FLAGS, 'events', 'duration', 'force', 'output'],
  repl: SESSION_FLAGS,
  list: ENDPOINT_FLAGS,
  version: ENDPOINT_FLAGS,
  new: ENDPOINT_FLAGS,
  close: ENDPOINT_FLAGS,
};

const DEFAULT_TIMEOUT_MS = 30000;
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 9222;

const METHOD = /^[A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9]*$/;
const EVENT_SPEC = /^([A-Za-z][A-Za-z0-9]*)\.(\*|[A-Za-z][A-Za-z0-9]*)$/;

function readFlags(argv) {
  try {
    return parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' own messages are long and suggest '--' tricks; say what was wrong instead.
    const flag = /'(-[^' ]*)/.exec(error.message)?.[1];
    if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown flag ${unknownFlagIn(argv) ?? flag}`);
    if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = flag?.replace(/^-h$/, '--help');
      throw new UsageError(FLAGS[name?.slice(2)]?.type === 'boolean' ? `${name} takes no value` : `${name} needs a value`);
    }
    throw new UsageError(error.message);
  }
}

/** The first argument that looks like a flag and is none of ours, as the user typed it. */
function unknownFlagIn(argv) {
  const known = new Set(Object.entries(FLAGS).flatMap(([name, { short }]) => [`--${name}`, short && `-${short}`]));
  return argv.map((arg) => arg.split('=')[0]).find((name) => name.startsWith('-') && name !== '--' && !known.has(name));
}

/** A whole number of ms >= 0. */
function milliseconds(flag, text) {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number of milliseconds, got ${JSON.stringify(text)}`);
  return Number(text);
}

function parseParams(text) {
  if (text === undefined) return undefined;
  let params;
  try {
    params = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`json-params is not valid JSON (${error.message}): ${text}`);
  }
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new UsageError(`json-params must be a JSON object such as '{"url":"https://example.com"}', got: ${text}`);
  }
  return params;
}

/** The --events lists, flattened: [{ domain, event }] where event '*' means all of the domain. */
function parseEventSpecs(lists) {
  const specs = [];
  for (const item of lists.flatMap((list) => list.split(','))) {
    const name = item.trim();
    const match = EVENT_SPEC.exec(name);
    if (!match) throw new UsageError(`--events: ${JSON.stringify(name)} is not Domain.event or Domain.*`);
    specs.push({ domain: match[1], event: match[2] });
  }
  return specs;
}

/** The endpoint to connect to: --endpoint, or --host/--port; undefined when none is given. */
function endpointOf(values) {
  if (values.endpoint !== undefined) {
    if (values.host !== undefined || values.port !== undefined) {
      throw new UsageError('give either --endpoint or --host/--port, not both');
    }
    return values.endpoint;
  }
  if (values.host === undefined && values.port === undefined) return undefined;
  let port = DEFAULT_PORT;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) {
      throw new UsageError(`--port must be a port number (1-65535), got ${JSON.stringify(values.port)}`);
    }
  }
  const host = values.host ?? DEFAULT_HOST;
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

/** Which form the positionals ask for, and its own arguments. */
function formOf(positionals, values) {
  const [first, ...rest] = positionals;
  const extra = (max, what) => {
    if (rest.length > max) throw new UsageError(`${what}: unexpected argument ${JSON.stringify(rest[max])}`);
  };
  switch (first) {
    case undefined:
      if (values.events === undefined) throw new UsageError('nothing to do: give a Domain.method, --events, or a command');
      return { form: 'send', method: undefined, params: undefined };
    case 'list':
    case 'version':
    case 'repl':
      extra(0, first);
      return { form: first };
    case 'new':
      extra(1, 'new [url]');
      return { form: 'new', url: rest[0] };
    case 'close':
      if (rest.length === 0) throw new UsageError('close <id>: the target id is missing (see cdp-native list)');
      extra(1, 'close <id>');
      return { form: 'close', id: rest[0] };
    default:
      if (!METHOD.test(first)) {
        throw new UsageError(
          `unknown command ${JSON.stringify(first)}: expected Domain.method (e.g. Page.navigate), list, version, new, close or repl`,
        );
      }
      extra(1, `${first} [json-params]`);
      return { form: 'send', method: first, params: parseParams(rest[0]) };
  }
}

/** Refuses a method the pinned protocol does not know, before anything is launched. */
function checkKnownMethod(method) {
  const { PROTOCOL_VERSION, isKnownCommand, nearestCommand } = require('./protocol');
  if (isKnownCommand(method)) return;
  const nearest = nearestCommand(method);
  throw new UsageError(
    `${method} is not a command of the pinned protocol (devtools-protocol ${PROTOCOL_VERSION})` +
      `${nearest ? `; did you mean ${nearest}?` : '.'} Pass --force to send it anyway (for a browser newer than the pin)`,
  );
}

/**
 * --output FILE: the result field to decode into FILE, from the pinned protocol (`data` of
 * Page.captureScreenshot and Page.printToPDF); `data` for a method the pin does not know.
 */
function outputOf(file, command) {
  if (command.method === undefined)
    throw new UsageError('--output needs a Domain.method whose result has base64 data, e.g. Page.captureScreenshot');
  if (command.events !== undefined) throw new UsageError('--output cannot be used with --events');
  if (file === '') throw new UsageError('--output needs a file name');
  const { binaryResultOf } = require('./protocol');
  const field = binaryResultOf(command.method);
  if (field === null) {
    throw new UsageError(
      `--output: the result of ${command.method} has no base64 field to write (it works with Page.captureScreenshot, Page.printToPDF, …)`,
    );
  }
  return { file, field: field ?? 'data' };
}

function parseCommandLine(argv) {
  const { values, positionals } = readFlags(argv);
  if (values.help) return { form: 'help' };
  const command = formOf(positionals, values);

  const allowed = FLAGS_OF_FORM[command.form];
  const stray = Object.keys(values).find((name) => !allowed.includes(name));
  if (stray) {
    const where = command.form === 'send' ? 'sending a command' : `'${command.form}'`;
    throw new UsageError(`--${stray} does not apply to ${where}`);
  }

  command.endpoint = endpointOf(values);
  command.timeout = values.timeout === undefined ? DEFAULT_TIMEOUT_MS : milliseconds('--timeout', values.timeout);
  if (['list', 'version', 'new', 'close'].includes(command.form)) {
    command.endpoint ??= `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
    return command;
  }

  command.browserSession = values.browser === true;
  command.target = values.target;
  command.url = values.url;
  if (command.browserSession && command.target !== undefined) throw new UsageError('give either --browser or --target, not both');
  if (command.browserSession && command.url !== undefined) throw new UsageError('--url needs a page; it cannot be used with --browser');
  if (command.target !== undefined && command.endpoint === undefined) {
    throw new UsageError("--target needs --endpoint (or --host/--port): a launched browser's target ids are not known in advance");
  }
  if (command.form === 'send') {
    command.events = values.events === undefined ? undefined : parseEventSpecs(values.events);
    if (values.duration !== undefined && command.events === undefined) throw new UsageError('--duration applies only with --events');
    command.duration = values.duration === undefined ? undefined : milliseconds('--duration', values.duration);
    if (command.method !== undefined && values.force !== true) checkKnownMethod(command.method);
    if (values.force === true && command.method === undefined) throw new UsageError('--force applies only to a Domain.method');
    command.output = values.output === undefined ? undefined : outputOf(values.output, command);
  }
  return command;
}

module.exports = { parseCommandLine };

'use strict';
// The options of launch(), connect(), connectTarget() and send(), checked in one place: each
// entry point's known names, one definition of the defaults, and the checks. A bad value is a
// TypeError naming the option and what it got; an unknown name is refused with the nearest
// known one, so that a typo (`headles`) is not silently ignored.

const { constants: bufferConstants } = require('node:buffer');
const { validateHeaderName, validateHeaderValue } = require('node:http');
const { isAbortSignal } = require('./abort');
const { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_PROTOCOL_TIMEOUT_MS } = require('./wire');

/** The longest delay setTimeout honours: anything longer fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * V8's longest string: a message must fit in one, since JavaScript parses it from one. One
 * UTF-8 byte never makes more than one UTF-16 unit, so a cap in bytes at this length is safe.
 */
const MAX_STRING_LENGTH = bufferConstants.MAX_STRING_LENGTH;

/** The defaults of launch() and connect(), as the addon defines them (crates/transport/src/limits.rs). */
const DEFAULTS = Object.freeze({
  /** launch(): ms until the browser is ready; connect(): ms for the whole connect. */
  timeout: DEFAULT_CONNECT_TIMEOUT_MS,
  /** Default per-send timeout, ms. */
  protocolTimeout: DEFAULT_PROTOCOL_TIMEOUT_MS,
  /** Cap on one incoming message, bytes; never above what this V8 can make one string of. */
  maxMessageSize: Math.min(DEFAULT_MAX_MESSAGE_SIZE, MAX_STRING_LENGTH),
});

/** A plain object from any realm (a vm context or Node's repl has its own Object.prototype). */
function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]');
}

/** How a value is named in an error: never its whole content (it may be a secret). */
function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    let name;
    try {
      name = value.constructor?.name;
    } catch {
      // a Proxy or a getter that throws
    }
    return `an instance of ${typeof name === 'string' && name ? name : 'an unknown class'}`;
  }
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}

/**
 * A timeout in ms: 0 to 2147483647 (setTimeout's range), or Infinity. Both 0 and Infinity
 * mean none; the result is 0 for none.
 */
function timeoutMs(value, name) {
  if (value === Infinity) return 0;
  if (typeof value === 'number' && value >= 0 && value <= MAX_TIMER_MS) return value;
  throw new TypeError(
    `${name} must be a number of milliseconds from 0 to ${MAX_TIMER_MS}, or Infinity (0 and Infinity mean no timeout), got ${describe(value)}`,
  );
}

function messageSize(value, name) {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`${name} must be a positive whole number of bytes, got ${describe(value)}`);
  }
  if (value > MAX_STRING_LENGTH) {
    throw new RangeError(
      `${name} is ${value} bytes, over ${MAX_STRING_LENGTH}, the longest string V8 can make: a message that large could not be delivered to JavaScript`,
    );
  }
  return value;
}

function boolean(value, name) {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be true or false, got ${describe(value)}`);
  return value;
}

function string(value, name) {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string, got ${describe(value)}`);
  return value;
}

function stringArray(value, name) {
  if (!Array.isArray(value) || !value.every((a) => typeof a === 'string')) {
    throw new TypeError(`${name} must be an array of strings, got ${describe(value)}`);
  }
  return [...value];
}

function transport(value, name) {
  if (value !== 'pipe' && value !== 'websocket') {
    throw new TypeError(`${name} must be 'pipe' or 'websocket', got ${describe(value)}`);
  }
  return value;
}

function environment(value, name) {
  if (value === null || typeof value !== 'object') throw new TypeError(`${name} must be an object of strings, got ${describe(value)}`);
  return value;
}

/** connectTarget()'s `target`: a target id from /json/list, or a function picking one. */
function targetChoice(value, name) {
  if ((typeof value !== 'string' || value === '') && typeof value !== 'function') {
    throw new TypeError(`${name} must be a target id (a non-empty string) or a function of the /json/list targets, got ${describe(value)}`);
  }
  return value;
}

function signal(value, name) {
  if (!isAbortSignal(value)) throw new TypeError(`${name} must be an AbortSignal, got ${describe(value)}`);
  return value;
}

/** Header names and values are checked as Node's http does; a value is never quoted. */
function headerRecord(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object of string values, got ${describe(value)}`);
  }
  const headers = {};
  for (const [key, header] of Object.entries(value)) {
    if (typeof header !== 'string')
      throw new TypeError(`${name} must be an object of string values; ${JSON.stringify(key)} is not a string`);
    try {
      validateHeaderName(key);
      validateHeaderValue(key, header);
    } catch {
      throw new TypeError(`${name}: invalid header ${JSON.stringify(key)} (its name or value has characters HTTP does not allow)`);
    }
    headers[key] = header;
  }
  return headers;
}

/** Each entry point's options: name → check. */
const SCHEMAS = {
  launch: {
    executablePath: string,
    headless: boolean,
    transport,
    args: stringArray,
    userDataDir: string,
    timeout: timeoutMs,
    protocolTimeout: timeoutMs,
    maxMessageSize: messageSize,
    env: environment,
    handleSIGINT: boolean,
    handleSIGTERM: boolean,
    handleSIGHUP: boolean,
  },
  connect: {
    endpoint: string,
    headers: headerRecord,
    timeout: timeoutMs,
    protocolTimeout: timeoutMs,
    maxMessageSize: messageSize,
    signal,
  },
  connectTarget: {
    endpoint: string,
    target: targetChoice,
    headers: headerRecord,
    timeout: timeoutMs,
    protocolTimeout: timeoutMs,
    maxMessageSize: messageSize,
    signal,
  },
  send: {
    timeout: timeoutMs,
    signal,
  },
};

/** What an entry point uses for an option not given (undefined counts as not given). */
const DEFAULTS_OF = {
  launch: { ...DEFAULTS, headless: true, transport: 'pipe', args: [], handleSIGINT: true, handleSIGTERM: true, handleSIGHUP: true },
  connect: { ...DEFAULTS, headers: Object.freeze({}) },
  connectTarget: { ...DEFAULTS, headers: Object.freeze({}) },
  // send(): no timeout given means the connection's protocolTimeout.
  send: {},
};

/** Edit distance, for "did you mean": option names are short, so the quadratic cost is nothing. */
function distance(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

function unknownOption(where, key, known) {
  const name = typeof key === 'symbol' ? key.toString() : `'${key}'`;
  const lower = String(key).toLowerCase();
  // The closest by edit distance, or one that the name begins (userDataDirectory → userDataDir).
  const begins = (k) => Math.min(k.length, lower.length) >= 4 && (lower.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(lower));
  const scored = known.map((k) => [k, begins(k) ? 0 : distance(lower, k)]);
  const [nearest, score] = scored.sort((a, b) => a[1] - b[1])[0];
  const hint =
    score <= Math.max(2, Math.floor(nearest.length / 3)) ? `did you mean '${nearest}'?` : `the known options are ${known.join(', ')}`;
  return new TypeError(`${where}: unknown option ${name}; ${hint}`);
}

/**
 * Checks `options` against the entry point's schema and returns a fresh object of the checked
 * values, defaults filled in where DEFAULTS has one (`undefined` counts as not given). Every
 * property is read once, here: a getter or Proxy that throws becomes a TypeError, and later
 * code never reads the user's object again. Throws; `where` names the call in messages.
 */
function checkOptions(entryPoint, options, where) {
  const schema = SCHEMAS[entryPoint];
  const defaults = DEFAULTS_OF[entryPoint];
  const known = Object.keys(schema);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  const read = (what, get) => {
    try {
      return get();
    } catch (error) {
      throw new TypeError(`${where}: ${what} threw: ${error?.message ?? String(error)}`, { cause: error });
    }
  };
  for (const key of read('listing the options', () => Reflect.ownKeys(options))) {
    if (Object.hasOwn(schema, key)) continue;
    if (read('reading the options', () => Object.getOwnPropertyDescriptor(options, key))?.enumerable) {
      throw unknownOption(where, key, known);
    }
  }
  const checked = {};
  for (const name of known) {
    const value = read(`reading option '${name}'`, () => options[name]);
    if (value !== undefined) checked[name] = schema[name](value, `${where}: ${entryPoint === 'send' ? 'options.' : ''}${name}`);
    else if (Object.hasOwn(defaults, name)) checked[name] = Array.isArray(defaults[name]) ? [...defaults[name]] : defaults[name];
  }
  return checked;
}

module.exports = {
  DEFAULTS,
  MAX_TIMER_MS,
  MAX_STRING_LENGTH,
  checkOptions,
  describe,
  isPlainObject,
};

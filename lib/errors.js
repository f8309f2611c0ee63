'use strict';
// The error classes of the public API. Each names the CDP method it concerns.

class CDPError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The browser answered a command with an `error`. */
class ProtocolError extends CDPError {
  constructor(method, error) {
    const detail = error.data === undefined ? '' : ` ${error.data}`;
    super(`Protocol error (${method}): ${error.message}${detail}`);
    this.method = method;
    this.code = error.code;
    this.data = error.data;
    this.originalMessage = error.message;
  }
}

/**
 * The session or the connection ended before the command was answered (or sent). `ended` is
 * how (lib/causes.js): its `reason` sentence, its `code`, and `closeCode` when a WebSocket
 * close frame had one.
 */
class TargetClosedError extends CDPError {
  constructor(method, ended) {
    super(`Protocol error (${method}): Target closed: ${ended.reason}`);
    this.method = method;
    this.reason = ended.reason;
    this.code = ended.code;
    if (ended.closeCode !== undefined) this.closeCode = ended.closeCode;
  }
}

/** Whose timeout fired, for the advice in the message of a TimeoutError. */
const TIMEOUT_SOURCES = {
  call: "the call's { timeout } (0 disables it)",
  protocolTimeout: 'the protocolTimeout of launch() or connect(); pass { timeout } to send() to change it for one call (0 disables it)',
  signal: 'the AbortSignal.timeout() given as its signal',
  either: "raise the 'protocolTimeout' option or pass { timeout } to send() (0 disables it)",
};

/** No answer came within the timeout. */
class TimeoutError extends CDPError {
  /** `source`: a key of TIMEOUT_SOURCES, or a sentence saying which option set `timeout`. */
  constructor(method, timeout, source = 'either') {
    const after = timeout === undefined ? '' : ` after ${timeout} ms`;
    super(`${method} timed out${after}: ${TIMEOUT_SOURCES[source] ?? source}`);
    this.method = method;
    this.timeout = timeout;
  }
}

/**
 * The launched browser was not ready within launch()'s `timeout`. A TimeoutError of its own,
 * made once the browser is killed, so that its message and stack carry advice that fits and
 * the browser's last stderr lines (`stderr`), which usually say why.
 */
class LaunchTimeoutError extends TimeoutError {
  constructor(executablePath, timeout, stderr) {
    super('launch', timeout, 'launch()');
    // Caught as any TimeoutError is, by name too (Puppeteer's launch timeout is one).
    this.name = 'TimeoutError';
    const said = stderr ? `, or see what the browser wrote:\n--- browser stderr (last lines) ---\n${stderr}` : '';
    this.message = `Failed to launch ${executablePath}: not ready within ${timeout} ms. Raise the timeout option of launch() (0 waits as long as it takes)${said}`;
    this.stack = `${this.name}: ${this.message}\n${this.stack.slice(this.stack.indexOf('\n    at ') + 1)}`;
    this.stderr = stderr;
  }
}

/** The command's AbortSignal fired. */
class AbortError extends CDPError {
  constructor(method, reason) {
    const why = reason instanceof Error ? `: ${reason.message}` : reason === undefined ? '' : `: ${String(reason)}`;
    super(`${method} was aborted${why}`, reason === undefined ? undefined : { cause: reason });
    this.method = method;
  }
}

/**
 * connect() reached an endpoint that is not a whole browser's (one target's, Node's
 * inspector, a server without a Target domain). Not exported: the CLI tells it apart, to
 * take connectTarget() instead; users read its message (notABrowser()).
 */
class NotABrowserError extends CDPError {}

/** The NotABrowserError for `why` (what showed it), with what to use instead. */
function notABrowser(why, options) {
  return new NotABrowserError(
    `${why}: it is not a browser's endpoint, which connect() needs. For one target's endpoint (a page's /devtools/page/<id>, Node's inspector, a CDP server without a Target domain) use connectTarget()`,
    options,
  );
}

/**
 * The error for an aborted `method`: a TimeoutError when the signal was an
 * AbortSignal.timeout() (its reason is a DOMException named TimeoutError), else an AbortError.
 */
function timeoutOrAbortError(method, reason) {
  if (reason instanceof DOMException && reason.name === 'TimeoutError') {
    const error = new TimeoutError(method, undefined, 'signal');
    Object.defineProperty(error, 'cause', { value: reason, writable: true, configurable: true });
    return error;
  }
  return new AbortError(method, reason);
}

/**
 * Gives `error` the stack captured where the user called `send`, keeping the error's own
 * first line. The capture is taken at call time because a reply arrives in a later task,
 * whose stack says nothing about the caller.
 */
function withCallerStack(error, trace) {
  if (trace && typeof trace.stack === 'string') {
    const frames = trace.stack.slice(trace.stack.indexOf('\n') + 1);
    error.stack = `${error.name}: ${error.message}\n${frames}`;
  }
  return error;
}

module.exports = {
  CDPError,
  ProtocolError,
  TargetClosedError,
  TimeoutError,
  LaunchTimeoutError,
  AbortError,
  NotABrowserError,
  notABrowser,
  timeoutOrAbortError,
  withCallerStack,
};

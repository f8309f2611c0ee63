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

/** No answer came within the timeout. */
class TimeoutError extends CDPError {
  constructor(method, timeout) {
    super(
      `${method} timed out after ${timeout} ms. Raise the 'protocolTimeout' option or pass ` +
        `{ timeout } to send() (0 disables it).`,
    );
    this.method = method;
    this.timeout = timeout;
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
  AbortError,
  withCallerStack,
};

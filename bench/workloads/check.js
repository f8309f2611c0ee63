'use strict';
// Every answer is checked; a wrong one fails the run with a message that says what differed.

class WrongAnswerError extends Error {
  name = 'WrongAnswerError';
}

/**
 * Checks one answer. `what` (and `index`, when given) name it; they are only joined into a
 * message when the check fails, so that checking costs every client the same little.
 */
function expectEqual(got, expected, what, index) {
  if (got === expected) return;
  const name = index === undefined ? what : `${what} #${index}`;
  throw new WrongAnswerError(`${name}: got ${preview(got)}, expected ${preview(expected)}`);
}

function preview(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}… (${text.length} characters)` : text;
}

/**
 * Resolves once `count` events have arrived in order: `valueAt(params)` of the n-th must be n.
 * Rejects at the first one out of order.
 */
function collectInOrder(session, eventName, count, valueAt, label) {
  return new Promise((resolve, reject) => {
    let expected = 0;
    session.on(eventName, (params) => {
      if (expected >= count) return;
      const got = valueAt(params);
      if (got !== expected) {
        reject(new WrongAnswerError(`${label} event #${expected}: got ${preview(got)}, expected ${expected}`));
        expected = count; // ignore the rest
        return;
      }
      if (++expected === count) resolve();
    });
  });
}

module.exports = { WrongAnswerError, expectEqual, collectInOrder };

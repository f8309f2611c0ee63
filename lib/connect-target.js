'use strict';
// connectTarget(): the root session of any CDP WebSocket endpoint (one page's, a worker's,
// Node's inspector, a server without a Target domain), on the same transport and under the
// same one deadline as connect() (lib/open-connection.js). Nothing is sent on connect: the
// endpoint may know none of the Target domain.

const { connectionLink } = require('./connection-link');
const { openConnection } = require('./open-connection');
const { checkOptions } = require('./options');
const { rootSession } = require('./root-session');
const { resolveTarget } = require('./target-list');

function checkedOptions(endpointOrOptions) {
  const options = typeof endpointOrOptions === 'string' ? { endpoint: endpointOrOptions } : endpointOrOptions;
  const checked = checkOptions('connectTarget', options ?? {}, 'connectTarget()');
  if (checked.endpoint === undefined || options == null) {
    throw new TypeError(
      'connectTarget(): pass an endpoint URL string or { endpoint, target?, headers?, timeout?, signal?, protocolTimeout?, maxMessageSize? }',
    );
  }
  if (checked.target !== undefined && /^wss?:/i.test(checked.endpoint)) {
    throw new TypeError("connectTarget(): target picks from an http(s) endpoint's /json/list; a ws:// or wss:// URL is one target already");
  }
  return checked;
}

async function connectTarget(endpointOrOptions) {
  // Captured now: a timeout or abort fires in a later task whose stack shows no caller.
  const trace = new Error();
  const options = checkedOptions(endpointOrOptions);
  let targetId;
  return openConnection({
    where: 'connectTarget',
    options,
    trace,
    link: connectionLink(options),
    resolve: async (parsed, signal) => {
      const resolved = await resolveTarget(parsed, options, signal);
      targetId = resolved.targetId;
      return resolved.url;
    },
    attach: (connection) => rootSession(connection, targetId),
  });
}

module.exports = { connectTarget };

'use strict';
// What the shim and the addon must agree on, read from the addon (src/binding/wire.rs), where
// each is defined once: delivery kinds, send results, the burst separator, limits, defaults.

const binding = require('../binding.js');

module.exports = {
  DeliveryKind: binding.DeliveryKind,
  SendResult: binding.SendResult,
  BURST_SEPARATOR: binding.BURST_SEPARATOR,
  DEFAULT_MAX_MESSAGE_SIZE: binding.DEFAULT_MAX_MESSAGE_SIZE,
  MAX_OUTGOING_MESSAGE_SIZE: binding.MAX_OUTGOING_MESSAGE_SIZE,
  DEFAULT_PROTOCOL_TIMEOUT_MS: binding.DEFAULT_PROTOCOL_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS: binding.DEFAULT_CONNECT_TIMEOUT_MS,
  transportCloseCodes: binding.transportCloseCodes,
};

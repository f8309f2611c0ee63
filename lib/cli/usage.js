'use strict';
// The help text of the `cdp-native` command, and the error class for a wrong command line
// (exit code 2, as usage errors are by convention; every other failure exits 1).

const HELP = `Usage:
  cdp-native <Domain.method> [json-params] [flags]   send one CDP command, print its result
  cdp-native --events <Domain.event,...> [flags]     stream events as NDJSON
  cdp-native list      [--endpoint URL]              the browser's targets (GET /json/list)
  cdp-native version   [--endpoint URL]              the browser's version (GET /json/version)
  cdp-native new [url] [--endpoint URL]              open a tab (Target.createTarget), print its TargetInfo
  cdp-native close <id> [--endpoint URL]             close a target (Target.closeTarget)
  cdp-native repl      [flags]                       an interactive prompt on a session
  cdp-native --help

Sending (<Domain.method>, --events, repl):
  With no --endpoint/--port/--host, a headless Chromium is launched (over a pipe, with a
  temporary profile) and closed at the end. Otherwise the running browser is connected to
  and left running: the command disconnects at the end, and closes only the page it opened.
  The command is sent on a new page (about:blank) unless --browser or --target says otherwise.
  json-params is one JSON object, e.g. '{"url":"https://example.com"}'.
  The result is printed to stdout as indented JSON.
  The method is checked against the pinned protocol (devtools-protocol) before anything is
  launched: a misspelt one is a usage error naming the nearest command; --force sends it.

Flags:
  --endpoint URL      a running browser: ws://host:port/devtools/browser/<id> or
                      http://host:port (resolved through /json/version).
                      An endpoint that is not a browser's (one page's
                      ws://host:port/devtools/page/<id>, Node's inspector
                      ws://127.0.0.1:9229/<uuid> or http://127.0.0.1:9229) takes the
                      command on its own root session (connectTarget()); --target then
                      picks a target of its /json/list (default: the first page, else
                      the first target). list/version/new/close default to
                      http://127.0.0.1:9222
  --host HOST         shorthand for --endpoint http://HOST:PORT (default 127.0.0.1)
  --port PORT         shorthand for --endpoint http://HOST:PORT (default 9222)
  --browser           send on the browser target's session (Target.attachToBrowserTarget)
                      instead of a page
  --target ID         attach to the target ID (an id from 'list') instead of opening a page;
                      needs --endpoint/--port/--host. The target is left open
  --url URL           navigate the page to URL first (Page.navigate) and wait for its load
                      (the 'load' Page.lifecycleEvent of that navigation, which it turns on
                      meanwhile), at most --timeout ms; a failed navigation is an error
  --events LIST       stream events of the session as NDJSON, one per line:
                      {"method":..., "params":..., "sessionId":...}. LIST is comma-separated
                      Domain.event or Domain.* names (quote * from the shell); the flag can
                      be repeated. Each domain named is enabled first (Domain.enable, or
                      Target.setDiscoverTargets for Target; skipped for a domain that has no
                      enable); a failed enable is an error. Listening and enabling come
                      before --url's navigation, so the page's own events are seen.
                      With a command, its result is one more line, {"command":..., "result":...},
                      in the order it arrived among the events.
                      Streams until Ctrl-C (SIGINT or SIGTERM: clean close, exit 0) or
                      --duration; if the session ends first (its target closed), exit 1
  --duration MS       stop streaming MS ms after the setup (navigation, command) is done
  --output FILE, -o   write the result's base64 field decoded into FILE (the 'data' of
                      Page.captureScreenshot, Page.printToPDF, ...; 'data' for a method the
                      pinned protocol does not know). The printed result then says
                      { "file": <absolute path>, "bytes": <size> } in its place
  --force             send a method the pinned protocol does not know (a newer browser's)
  --timeout MS        limit, in ms, for each command sent, for the --url load and for the
                      HTTP requests of list/version (default 30000; 0 = none). Launching has
                      its own limit of 30 s
  -h, --help          print this help

Events and results go to stdout only; messages and errors go to stderr. 'repl' has
\`browser\`, \`session\` and one object per protocol domain (Page, Runtime, ...: session.api)
in scope, with top-level await and Tab completion of domain, command and event names
(e.g. Page.na<Tab>); .exit or Ctrl-D closes the browser (or disconnects) and exits.

Environment:
  CHROME_PATH         the browser to launch (else chromium, chromium-browser, google-chrome
                      or google-chrome-stable on PATH)
  DEBUG=cdp-native:protocol   print every CDP message sent and received, to stderr

Exit status: 0 done (also when streaming is ended by Ctrl-C); 1 the command failed (protocol
error, no browser found, endpoint unreachable, timeout); 2 wrong command line; 130 interrupted
before a result.

Examples:
  cdp-native Browser.getVersion
  cdp-native Page.navigate '{"url":"data:text/html,hi"}'
  cdp-native --url https://example.com Page.captureScreenshot --output shot.png
  cdp-native --url 'data:text/html,<script>console.log(1)</script>' --events Runtime.consoleAPICalled --duration 1000
  cdp-native --port 9222 list
  cdp-native --port 9222 --target ID Runtime.evaluate '{"expression":"document.title"}'
  cdp-native --port 9229 Runtime.evaluate '{"expression":"process.pid"}'   (node --inspect)
`;

/** A wrong command line: reported with a pointer to --help, exit code 2. */
class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

module.exports = { HELP, UsageError };

'use strict';
// Every JavaScript and TypeScript block of the README runs as written, against a real Chromium:
// each is saved in a fresh project whose node_modules has this package, as CommonJS (.cjs) or
// as an ES module (.mjs), whichever the sentence above it names, and run with this Node; the
// TypeScript block is compiled with the tsconfig the README gives (no `types` entry), then run.
// Each must exit 0 by itself, and print what the README says it prints.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const TSC = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
/** The tsconfig of the README's Types section. */
const README_TSCONFIG = { compilerOptions: { module: 'nodenext', target: 'es2022', strict: true } };
/** What the README says a block prints, by a line of the block that identifies it. */
const PRINTS = [
  ["page.on('Animation.animationCreated'", [/^Playback rate 1, now 0\.5$/m, /^Animation created!$/m]],
  ["predicate: ({ args }) => args[0].value === 'ready'", [/^Hello\nlog$/m]],
  ["await page.sendUnchecked('Experimental.newThing'", [/^Experimental\.newThing -32601\n32 true$/m]],
  ['const { Page, Runtime } = session.api;', [/^data:text\/html,.*\nhi\nloaded$/m]],
  ["page.on('detached', ({ code })", [/^detached: detach\ntrue detach$/m]],
  ['const { Profiler } = session.api;', [/^profiled true true$/m]],
  ['<title>One page</title>', [/^One page$/m]],
  ['puppeteer.connect({ transport: await puppeteerTransport() })', [/^Hello from Puppeteer$/m]],
  ['chromium.connectOverCDP(await playwrightTransport())', [/^Hello from Playwright$/m]],
];

/** The fenced blocks of `markdown`: { lang, code, before } with the prose just above each. */
function fencedBlocks(markdown) {
  const blocks = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  let previousEnd = 0;
  for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) {
    const prose = markdown
      .slice(previousEnd, match.index)
      .trim()
      .split(/\n\s*\n/)
      .pop();
    blocks.push({ lang: match[1], code: match[2], before: prose, line: markdown.slice(0, match.index).split('\n').length });
    previousEnd = match.index + match[0].length;
  }
  return blocks;
}

/** 'cjs' or 'mjs' from the sentence above a JavaScript block: the first of the two it names. */
function statedModuleKind(prose) {
  const cjs = prose.indexOf('CommonJS');
  const esm = prose.indexOf('ES module');
  if (cjs < 0 && esm < 0) return undefined;
  if (esm < 0 || (cjs >= 0 && cjs < esm)) return 'cjs';
  return 'mjs';
}

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const blocks = fencedBlocks(readme).filter((b) => ['js', 'ts', 'mjs', 'cjs', 'javascript', 'typescript'].includes(b.lang));

let project;
before(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-native-readme-'));
  fs.mkdirSync(path.join(project, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'cdp-native'), 'dir');
  fs.symlinkSync(path.join(ROOT, 'node_modules', '@types'), path.join(project, 'node_modules', '@types'), 'dir');
  // The libraries of the section on puppeteerTransport() and playwrightTransport() (devDependencies).
  for (const library of ['puppeteer-core', 'playwright-core']) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', library), path.join(project, 'node_modules', library), 'dir');
  }
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'readme-snippets', private: true, type: 'module' }));
  fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(README_TSCONFIG));
});
after(() => fs.rmSync(project, { recursive: true, force: true }));

function run(file) {
  // Generous: a launch and a few pages on a busy machine. A process held open hits it.
  return spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8', timeout: 120000, env: { ...process.env, DEBUG: '' } });
}

function assertPrints(block, output) {
  const expected = PRINTS.find(([marker]) => block.code.includes(marker));
  if (expected) for (const pattern of expected[1]) assert.match(output, pattern);
}

test('the README has the blocks this test knows what they print', () => {
  assert.ok(blocks.length >= 5, `only ${blocks.length} JavaScript/TypeScript blocks found`);
  for (const [marker] of PRINTS)
    assert.ok(
      blocks.some((b) => b.code.includes(marker)),
      `no block has ${marker}`,
    );
  assert.ok(blocks[0].code.includes(PRINTS[0][0]), 'the first block is the one that prints "Animation created!"');
});

for (const block of blocks) {
  const name = `README.md line ${block.line}: the ${block.lang} block runs as written`;
  test(name, () => {
    let file;
    if (block.lang === 'ts' || block.lang === 'typescript') {
      assert.match(block.before, /TypeScript|\.ts\b/, 'the sentence above a TypeScript block says so');
      fs.writeFileSync(path.join(project, 'main.ts'), block.code);
      const compiled = spawnSync(process.execPath, [TSC, '-p', project], { cwd: project, encoding: 'utf8' });
      assert.equal(compiled.status, 0, `tsc:\n${compiled.stdout}${compiled.stderr}`);
      file = path.join(project, 'main.js');
    } else {
      const kind = statedModuleKind(block.before);
      assert.ok(kind, `the sentence above says neither CommonJS nor ES module: ${block.before}`);
      // What the sentence says matches the code.
      if (/\brequire\(/.test(block.code)) assert.equal(kind, 'cjs', 'a block that uses require() is said to be CommonJS');
      if (/^import\b/m.test(block.code)) assert.equal(kind, 'mjs', 'a block that uses import is said to be an ES module');
      file = path.join(project, `snippet-${block.line}.${kind}`);
      fs.writeFileSync(file, block.code);
    }
    const result = run(file);
    assert.equal(result.signal, null, `killed after the timeout\n${result.stdout}${result.stderr}`);
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assertPrints(block, result.stdout);
  });
}

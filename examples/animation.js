'use strict';
// The example of the README: watch a CSS animation start, then halve the playback rate.
// Run it with `npm run example` (after `npm install`).

const { launch } = require('..');

// Builds the animated element in the page's own document, so nothing depends on a navigation.
const START_ANIMATION = `
  const style = document.createElement('style');
  style.textContent = '@keyframes slide { to { transform: translateX(200px) } }' +
    '.box { width: 40px; height: 40px; background: teal; animation: slide 2s infinite alternate }';
  document.head.append(style);
  const box = document.createElement('div');
  box.className = 'box';
  document.body.append(box);
`;

async function main() {
  const browser = await launch();
  try {
    const client = await browser.newPage();
    await client.send('Animation.enable');
    const created = new Promise((resolve) => {
      client.on('Animation.animationCreated', () => {
        console.log('Animation created!');
        resolve();
      });
    });
    const { exceptionDetails } = await client.send('Runtime.evaluate', { expression: START_ANIMATION });
    if (exceptionDetails) throw new Error(`the page script failed: ${exceptionDetails.text}`);
    await created;
    const { playbackRate } = await client.send('Animation.getPlaybackRate');
    console.log(`Playback rate was ${playbackRate}`);
    await client.send('Animation.setPlaybackRate', { playbackRate: playbackRate / 2 });
    const after = await client.send('Animation.getPlaybackRate');
    console.log(`Playback rate is now ${after.playbackRate}`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

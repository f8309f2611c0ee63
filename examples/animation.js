'use strict';
// The example of the README: watch a CSS animation start, then halve the playback rate.
// Run it with `npm run example` (after `npm install`).

const { launch } = require('..');

const PAGE = `data:text/html,
<style>
  @keyframes slide { from { transform: translateX(0) } to { transform: translateX(200px) } }
  .box { width: 40px; height: 40px; background: teal; }
  .box.moving { animation: slide 2s infinite alternate; }
</style>
<div class="box"></div>`;

async function main() {
  const browser = await launch();
  try {
    const client = await browser.newPage(PAGE);
    await client.send('Animation.enable');
    const created = new Promise((resolve) => {
      client.on('Animation.animationCreated', () => {
        console.log('Animation created!');
        resolve();
      });
    });
    // Start the animation now that we are listening.
    await client.send('Runtime.evaluate', { expression: "document.querySelector('.box').classList.add('moving')" });
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

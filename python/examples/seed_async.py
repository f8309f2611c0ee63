"""The seed's example in its Python async form."""

import asyncio

from cdp_native.async_api import launch


async def main() -> None:
    async with await launch() as browser:
        client = await browser.new_page()
        await client.send("Animation.enable")
        client.on("Animation.animationCreated", lambda: print("animation created!"))
        response = await client.send("Animation.getPlaybackRate")
        await client.send("Animation.setPlaybackRate", {"playbackRate": response["playbackRate"] / 2})
        print("playback rate:", (await client.send("Animation.getPlaybackRate"))["playbackRate"])
        # An animation, so that the listener has something to report.
        created = asyncio.ensure_future(client.wait_for_event("Animation.animationCreated", timeout=10))
        await client.send("Runtime.evaluate", {
            "expression": "document.body.animate([{opacity: 0}, {opacity: 1}], 1000); 1",
        })
        await created


asyncio.run(main())

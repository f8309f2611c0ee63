"""The seed's example in its Python sync form."""

import threading

from cdp_native.sync_api import launch

with launch() as browser:
    client = browser.new_page()
    client.send("Animation.enable")
    created = threading.Event()
    client.on("Animation.animationCreated", lambda: print("animation created!"))
    client.on("Animation.animationCreated", created.set)
    response = client.send("Animation.getPlaybackRate")
    client.send("Animation.setPlaybackRate", {"playbackRate": response["playbackRate"] / 2})
    print("playback rate:", client.send("Animation.getPlaybackRate")["playbackRate"])
    # An animation, so that the listener has something to report.
    client.send("Runtime.evaluate", {"expression": "document.body.animate([{opacity: 0}, {opacity: 1}], 1000); 1"})
    created.wait(10)

"""Scripts that end by themselves, on both APIs; Ctrl-C during a sync send; the sync API
inside a program that runs its own asyncio loop; the seed examples."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from conftest import EXAMPLES, python_script

ASYNC_SCRIPT = """
import asyncio
from cdp_native.async_api import launch
async def main():
    browser = await launch(transport={transport!r})
    page = await browser.new_page()
    print((await page.send("Runtime.evaluate", {{"expression": "1 + 1"}}))["result"]["value"])
    await browser.close()
asyncio.run(main())
print("closed", flush=True)
"""

SYNC_SCRIPT = """
from cdp_native.sync_api import launch
browser = launch(transport={transport!r})
page = browser.new_page()
print(page.send("Runtime.evaluate", {{"expression": "1 + 1"}})["result"]["value"])
browser.close()
print("closed", flush=True)
"""


def finish(child: "subprocess.Popen[str]", bound: float) -> "tuple[str, str]":
    try:
        return child.communicate(timeout=bound)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        pytest.fail(f"the script did not exit within {bound} s\n{out}\n{err}")


@pytest.mark.parametrize("script", [ASYNC_SCRIPT, SYNC_SCRIPT], ids=["async", "sync"])
def test_a_script_exits_by_itself(script: str, transport: str) -> None:
    child = python_script(script.format(transport=transport))
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "2"
    assert child.stdout.readline().strip() == "closed"
    # From the script's last line to the process's end: no thread holds the interpreter.
    ended = time.monotonic()
    out, err = finish(child, 30)
    assert time.monotonic() - ended < 5, err
    assert child.returncode == 0, err


CTRL_C_SCRIPT = """
import time
from cdp_native.sync_api import launch
browser = launch(transport={transport!r})
page = browser.new_page()
try:
    print("sending", flush=True)
    page.send("Runtime.evaluate", {{"expression": "new Promise(() => {{}})", "awaitPromise": True}})
except KeyboardInterrupt:
    print("interrupted", flush=True)
    print(page.send("Runtime.evaluate", {{"expression": "5"}})["result"]["value"], flush=True)
browser.close()
"""


def test_ctrl_c_interrupts_a_sync_send(transport: str) -> None:
    child = python_script(CTRL_C_SCRIPT.format(transport=transport))
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "sending"
    time.sleep(0.5)
    child.send_signal(signal.SIGINT)
    out, err = finish(child, 60)
    assert out.split() == ["interrupted", "5"], err
    assert child.returncode == 0, err


INSIDE_A_LOOP = """
import asyncio
from cdp_native import sync_api
async def main():
    # A program with its own running loop can still use the blocking API.
    with sync_api.launch() as browser:
        page = browser.new_page()
        print(page.send("Runtime.evaluate", {"expression": "4"})["result"]["value"], flush=True)
asyncio.run(main())
"""


def test_the_sync_api_works_inside_a_running_loop() -> None:
    out, err = finish(python_script(INSIDE_A_LOOP), 60)
    assert out.split() == ["4"], err


@pytest.mark.parametrize("example", ["seed_async.py", "seed_sync.py"])
def test_the_seed_examples_print_what_they_promise(example: str) -> None:
    child = subprocess.run([sys.executable, str(EXAMPLES / example)], capture_output=True,
                           text=True, timeout=120, cwd=EXAMPLES)
    assert child.returncode == 0, child.stderr
    assert "animation created!" in child.stdout
    assert "playback rate: 0.5" in child.stdout

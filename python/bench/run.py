"""The Python bench: W1-W4 against cdp-use, pydoll, playwright-python's CDPSession and a bare
`websockets` client, on one shared Chromium (launched by cdp_native over a WebSocket), one
process per run, medians of --rounds. Needs those packages (python/bench/README.md).

    python python/bench/run.py [--rounds 3] [--quick] [--only cdp-native,websockets]"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = {"W1": 2000, "W2": 20000, "W3": 20000, "W4": 1}
QUICK = {"W1": 500, "W2": 5000, "W3": 5000, "W4": 1}
HIGHER_IS_BETTER = {"W1": True, "W2": True, "W3": True, "W4": False}


def run_one(client: str, workload: str, n: int, http: str, ws: str) -> "dict | None":
    child = subprocess.run([sys.executable, str(HERE / "child.py"), client, workload, str(n), http, ws],
                           capture_output=True, text=True, cwd=HERE, timeout=900)
    if child.returncode != 0:
        print(f"  {client} {workload} failed: {child.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(child.stdout.strip().splitlines()[-1])


async def shared_browser():
    from cdp_native.async_api import launch

    return await launch(transport="websocket")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="", help="clients, comma-separated")
    parser.add_argument("--workloads", default="W1,W2,W3,W4")
    options = parser.parse_args()
    from clients import CLIENTS

    clients = [c for c in CLIENTS if not options.only or c in options.only.split(",")]
    sizes = {w: n for w, n in (QUICK if options.quick else SIZES).items()
             if w in options.workloads.split(",")}
    loop = asyncio.new_event_loop()
    browser = loop.run_until_complete(shared_browser())
    port = urllib.parse.urlsplit(browser.ws_endpoint).port
    http = f"http://127.0.0.1:{port}"
    results: "dict[tuple[str, str], dict]" = {}
    try:
        for workload, n in sizes.items():
            for client in clients:
                runs = [r for r in (run_one(client, workload, n, http, browser.ws_endpoint)
                                    for _ in range(options.rounds)) if r]
                if runs:
                    results[(client, workload)] = {
                        "value": statistics.median(r["value"] for r in runs),
                        "unit": runs[0]["unit"],
                        "rss_mib": statistics.median(r["rss_mib"] for r in runs)}
                    print(f"  {workload} {client}: {results[(client, workload)]}", file=sys.stderr)
    finally:
        loop.run_until_complete(browser.close())
    print(f"Python bench, {time.strftime('%Y-%m-%d')}, medians of {options.rounds}, sizes {sizes}")
    units = {"W1": "W1 ops/s", "W2": "W2 ops/s", "W3": "W3 events/s", "W4": "W4 ms"}
    columns = [units[w] for w in sizes] + (["W4 peak RSS MiB"] if "W4" in sizes else [])
    print("| client | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for client in clients:
        cells = []
        for workload in sizes:
            r = results.get((client, workload))
            cells.append("–" if r is None else f"{r['value']:,.0f}")
        w4 = results.get((client, "W4"))
        if "W4" in sizes:
            cells.append("–" if w4 is None else f"{w4['rss_mib']:.0f}")
        print(f"| {client} | " + " | ".join(cells) + " |")
    ours = "cdp-native"
    for workload in sizes:
        peers = {c: r["value"] for (c, w), r in results.items() if w == workload and not c.startswith(ours)}
        mine = results.get((ours, workload))
        if peers and mine:
            best = max(peers.items(), key=lambda kv: kv[1]) if HIGHER_IS_BETTER[workload] else min(peers.items(), key=lambda kv: kv[1])
            ratio = mine["value"] / best[1] if HIGHER_IS_BETTER[workload] else best[1] / mine["value"]
            print(f"{workload}: cdp-native {ratio:.2f}x the best peer ({best[0]})")


if __name__ == "__main__":
    main()

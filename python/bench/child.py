"""One client, one workload, in a process of its own (so peak RSS is its own): prints one
JSON line, {"value": ..., "unit": ..., "rss_mib": ...}."""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time

from clients import CLIENTS

MIB = 1024 * 1024


async def w1(client, n: int) -> "tuple[float, str]":
    start = time.perf_counter()
    for _ in range(n):
        await client.send("Runtime.evaluate", {"expression": "1"})
    return n / (time.perf_counter() - start), "ops/s"


async def w2(client, n: int) -> "tuple[float, str]":
    start = time.perf_counter()
    await asyncio.gather(*(client.send("Runtime.evaluate", {"expression": "1"}) for _ in range(n)))
    return n / (time.perf_counter() - start), "ops/s"


async def w3(client, n: int) -> "tuple[float, str]":
    done = asyncio.get_running_loop().create_future()
    seen = [0]

    def counted(_params) -> None:
        seen[0] += 1
        if seen[0] == n and not done.done():
            done.set_result(None)

    client.on("Runtime.consoleAPICalled", counted)
    if hasattr(client, "ready"):
        await client.ready()
    await client.send("Runtime.enable", {})
    await asyncio.sleep(0.2)
    seen[0] = 0
    start = time.perf_counter()
    await client.send("Runtime.evaluate", {"expression": f"for (let i = 0; i < {n}; i++) console.log(i)"})
    await asyncio.wait_for(done, 600)
    return n / (time.perf_counter() - start), "events/s"


async def w4(client, _n: int) -> "tuple[float, str]":
    start = time.perf_counter()
    result = await client.send("Runtime.evaluate", {
        "expression": "'abcdefgh'.repeat(4 * 1024 * 1024)", "returnByValue": True})
    elapsed = time.perf_counter() - start
    assert len(result["result"]["value"]) == 32 * MIB
    return elapsed * 1000, "ms"


WORKLOADS = {"W1": w1, "W2": w2, "W3": w3, "W4": w4}


async def main(name: str, workload: str, n: int, http: str, browser_ws: str) -> None:
    client = CLIENTS[name]()
    await client.open(http, browser_ws)
    await client.send("Runtime.evaluate", {"expression": "0"})  # warm
    try:
        value, unit = await WORKLOADS[workload](client, n)
    finally:
        await client.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"value": value, "unit": unit, "rss_mib": rss}), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]))

"""Load test of the report page: N concurrent clients for T seconds, on loopback only.

    python bench/bench_web.py [--clients 50] [--seconds 30]

Starts `yusuan serve` on a free local port in a subprocess, uploads the reference, then
has every client request /doc/{id}/report in a loop until the time is up (bounded in time
and count). Prints requests, errors, throughput and the median and p95 latency.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

REFERENCE = Path(__file__).parent.parent / "examples" / "pingxiang-renda-2023.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def client(
    base: str, url: str, until: float, latencies: list[float], errors: list[str]
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for _ in range(100_000):  # bounded even if the clock misbehaves
            if time.monotonic() >= until:
                return
            t = time.perf_counter()
            try:
                res = await http.get(url)
                if res.status_code != 200:
                    errors.append(str(res.status_code))
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
            latencies.append(time.perf_counter() - t)


async def main_async(clients: int, seconds: float, base: str, doc: str) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    start = time.monotonic()
    until = start + seconds
    await asyncio.gather(
        *(client(base, f"/doc/{doc}/report", until, latencies, errors) for _ in range(clients))
    )
    elapsed = time.monotonic() - start
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"{clients} clients · {elapsed:.1f} s · {len(latencies)} requests · {len(errors)} errors · "
        f"{len(latencies) / elapsed:.1f} req/s · median {statistics.median(latencies) * 1000:.1f} ms · "
        f"p95 {p95 * 1000:.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "yusuan", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        res = httpx.post(
            base + "/api/documents",
            files={"file": (REFERENCE.name, REFERENCE.read_bytes())},
            timeout=60,
        )
        res.raise_for_status()
        doc = res.json()["id"]
        print(
            f"machine: {platform.machine()} · {os.cpu_count()} cores · server: one uvicorn worker"
        )
        asyncio.run(main_async(args.clients, args.seconds, base, doc))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()

"""Benchmark: batch ingest throughput with 1 and 2 worker processes.

    python bench/bench_ingest.py [--texts 40] [--pdfs 8] [--repeat 3]

Two corpora, each ingested into a fresh DuckDB file ``--repeat`` times per worker
count: text exports (copies of the reference with distinct department codes, so
no two share a hash) and PDFs (the two 万里街道 packages, copies made distinct by a
trailing PDF comment). Prints the median wall time, documents and pages per second,
and the speed-up of 2 workers over 1. Worker start-up (a fresh process pool per
run) is included, as a user pays it.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from yusuan.store.ingest import ingest
from yusuan.store.write import Store

ROOT = Path(__file__).parent.parent
REFERENCE = ROOT / "tests" / "data" / "pingxiang-renda-2023.txt"
PDFS = [
    ROOT / "tests" / "data" / "shanghai-putuo-2024-wanli-dept-budget.pdf",
    ROOT / "tests" / "data" / "shanghai-putuo-2025-wanli-dept-budget-full.pdf",
]


def make_texts(folder: Path, n: int) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    for i in range(n):
        dept = f"{300 + i}基准测试第{i}局"
        (folder / f"t{i:04d}.txt").write_text(
            text.replace("101平乡县人民代表大会常务委员会", dept), encoding="utf-8"
        )


def make_pdfs(folder: Path, n: int) -> None:
    for i in range(n):
        src = PDFS[i % len(PDFS)]
        (folder / f"p{i:04d}.pdf").write_bytes(src.read_bytes() + f"\n%bench {i}\n".encode())


def run(folder: Path, jobs: int, repeat: int) -> tuple[float, int, int]:
    times, docs, pages = [], 0, 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "b.duckdb") as store:
            start = time.perf_counter()
            summary = ingest([folder], store, jobs=jobs)
            times.append(time.perf_counter() - start)
            docs, pages = summary.stored, summary.pages
            assert summary.failed == 0, f"{summary.failed} files failed"
    return statistics.median(times), docs, pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=40)
    ap.add_argument("--pdfs", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(
        f"machine: {platform.machine()} · {os.cpu_count()} cores · "
        f"{platform.python_implementation()} {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        corpora = []
        if args.texts:
            texts = Path(tmp) / "texts"
            texts.mkdir()
            make_texts(texts, args.texts)
            corpora.append(("text exports", texts))
        if args.pdfs:
            pdfs = Path(tmp) / "pdfs"
            pdfs.mkdir()
            make_pdfs(pdfs, args.pdfs)
            corpora.append(("PDFs", pdfs))
        for name, folder in corpora:
            medians = {}
            for jobs in (1, 2):
                wall, docs, pages = run(folder, jobs, args.repeat)
                medians[jobs] = wall
                page_rate = f" · {pages / wall:6.1f} pages/s" if pages else ""
                print(
                    f"{name:12s} {docs:3d} docs, {pages:4d} pages · {jobs} worker(s): "
                    f"median {wall:6.2f} s · {docs / wall:5.2f} docs/s{page_rate}"
                )
            print(f"{name:12s} speed-up 2 workers / 1: {medians[1] / medians[2]:.2f}×")


if __name__ == "__main__":
    main()

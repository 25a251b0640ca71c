"""bench/growth: every importer stage stays linear as a document grows.

Run from the repository root after ./test:
    .venv/bin/python bench/growth.py [--sizes 5000,10000,20000,40000]

For each shape of document (running text without 。, a long indicator table, many numbered
headings, one flattened line holding a whole table) it times the extraction in this process at
growing sizes and prints the time and the ratio to the size before: a linear stage doubles its
time when the input doubles (ratio ~2); a quadratic one quadruples it. A ratio above 2.6 is
flagged. The documents are made up here, from fictional words.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keikaku.importer.pipeline import extract_file  # noqa: E402

LIMIT = 2.6


def running_text(n: int) -> str:
    words = ("みどり", "公園", "まちづくり", "推進", "地域")
    return "施策1 公園の充実\n" + "\n".join(f"{words[i % 5]}に関する記述の続き{i}" for i in range(n)) + "\n"


def long_table(n: int) -> str:
    rows = "\n".join(f"指標{i}の件数 {i}件 {i + 5}件" for i in range(n))
    return "施策1 公園の充実\n指標名 現状値(2020年度) 目標値(2030年度)\n" + rows + "\n"


def many_headings(n: int) -> str:
    return "\n".join(f"施策{i} 取組{i}の推進\n本文の行{i}。" for i in range(1, n // 2 + 1)) + "\n"


def flattened_table(n: int) -> str:
    cells = " ".join(f"指標{i}の件数 {i}件 {i + 5}件" for i in range(n // 4))
    return "施策1 公園の充実\n指標名 現状値(2020年度) 目標値(2030年度) " + cells + "\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "running text without 。": running_text,
    "long indicator table": long_table,
    "many numbered headings": many_headings,
    "a table flattened onto one line": flattened_table,
}


def timed(path: Path) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        extract_file(path)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5000,10000,20000,40000", help="line counts, comma-separated, each double the last")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="keikaku-growth-"))
    worst = 0.0
    print(f"{'shape':34} {'lines':>7} {'time':>9} {'ratio':>6}")
    for name, make in SHAPES.items():
        before = None
        for n in sizes:
            path = work / f"{make.__name__}-{n}.txt"
            path.write_text(make(n), encoding="utf-8")
            t = timed(path)
            ratio = t / before if before else None
            flag = "  OVER" if ratio is not None and ratio > LIMIT else ""
            worst = max(worst, ratio or 0)
            print(f"{name:34} {n:>7} {t * 1000:>7.0f} ms {ratio if ratio else float('nan'):>6.2f}{flag}")
            before = t
    print(f"worst ratio per doubling: {worst:.2f} (linear ~2.0, limit {LIMIT})")


if __name__ == "__main__":
    main()

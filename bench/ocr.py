"""bench/ocr: how fast keikaku reads a scanned PDF through OCR, against plain tesseract.

Run from the repository root after ./test (it needs .venv, reportlab, pdftoppm, ocrmypdf and
tesseract with Japanese; see scripts/system-deps.sh):
    .venv/bin/python bench/ocr.py [--pages 6] [--repeat 3]

Makes a scanned PDF of --pages pages (the measure pages of tests/test_ocr.py, each numbered and
given a row of its own: a heading, a sentence and a ruled indicator table in IPA Gothic 12 pt,
rendered to 300 dpi greyscale PNGs with pdftoppm and wrapped into a PDF with no text), then
measures in the same run:
  1. keikaku's read of it (`read_document`: split, ocrmypdf per page side by side, join, the PDF
     reader, spacing restored), in this process;
  2. `tesseract page.png out -l jpn` on each page image, one after another;
  3. the same, as many at once as keikaku runs pages (one per core), the like-for-like baseline.
Tesseract runs with OMP_THREAD_LIMIT=1 in all three, as keikaku runs it (its own threads are slower
on this machine than one process per core). Each figure is the median of N runs; the lines keikaku
read exactly as drawn are counted, to show what the time buys.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def median_time(run, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


TITLES = ["地域防災力の強化", "消防・救急体制の充実", "交通安全の推進", "防犯対策の推進", "子育て支援の充実", "学校教育の充実",
          "生涯学習の推進", "健康づくりの推進", "公園・緑地の保全", "ごみの減量と資源化", "地域公共交通の確保", "商店街の活性化"]
SENTENCES = ["市民と協力して取り組みます。", "関係機関と連携して進めます。", "地域の声を聞きながら進めます。", "計画的に整備を進めます。"]
LAST_ROWS = ["防犯灯の設置数", "講座の開催数", "相談窓口の利用件数", "協定の締結数", "研修の受講者数", "施設の利用者数"]


def distinct(page, number: int):  # type: ignore[no-untyped-def]
    """A test page made unique (its own measure number, title, sentence and last row), so that no
    line opens or closes half of the pages and is dropped as a running header or footer."""
    _, _, years, rows = page
    i = number - 1
    last = (LAST_ROWS[i % len(LAST_ROWS)] + ("" if i < len(LAST_ROWS) else "（累計）"), f"{12 + 7 * number}件", f"{25 + 9 * number}件")
    return (f"施策 {number} {TITLES[i % len(TITLES)]}", f"{TITLES[i % len(TITLES)]}のため、{SENTENCES[i % len(SENTENCES)]}",
            years, [*rows, last])


def tesseract(image: Path, out: Path) -> None:
    subprocess.run(["tesseract", str(image), str(out), "-l", "jpn"], check=True, env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=6, help="pages in the scanned PDF")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median is reported)")
    args = parser.parse_args()
    for tool in ("pdftoppm", "ocrmypdf", "tesseract"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: run scripts/system-deps.sh")
    from test_ocr import PAGES, make_scan

    from keikaku.importer.readers import read_document

    work = Path(tempfile.mkdtemp(prefix="keikaku-bench-ocr-"))
    try:
        pages = [distinct(PAGES[i % len(PAGES)], i + 1) for i in range(args.pages)]
        scan = make_scan(work / "scan.pdf", pages)
        images = sorted(work.glob("scan-page-*.png"))
        workers = min(os.cpu_count() or 1, len(images))

        def keikaku() -> None:
            doc = read_document(scan, progress=False)
            assert doc.format == "scan"

        def one_after_another() -> None:
            for i, image in enumerate(images):
                tesseract(image, work / f"seq-{i}")

        def side_by_side() -> None:
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(lambda item: tesseract(item[1], work / f"par-{item[0]}"), enumerate(images)))

        ours = median_time(keikaku, args.repeat)
        sequential = median_time(one_after_another, args.repeat)
        parallel = median_time(side_by_side, args.repeat)

        doc = read_document(scan, progress=False)
        drawn = [
            line
            for heading, sentence, years, rows in pages
            for line in (heading, sentence, "指標名 現状値 目標値", " ".join(years), *(" ".join(r) for r in rows))
        ]
        read = [line.text for line in doc.lines]
        exact = sum((Counter(drawn) & Counter(read)).values())

        n = len(images)
        print(f"scan: {n} pages, A4 at 300 dpi greyscale, IPA Gothic 12 pt; median of {args.repeat} runs; {workers} at once")
        print(f"keikaku read_document (OCR)              {ours:8.2f} s   {ours / n:6.2f} s/page")
        print(f"tesseract -l jpn, one after another      {sequential:8.2f} s   {sequential / n:6.2f} s/page")
        print(f"tesseract -l jpn, {workers} at once               {parallel:8.2f} s   {parallel / n:6.2f} s/page")
        print(f"ratio keikaku / tesseract {workers} at once       {ours / parallel:8.2f} x   (same parallelism)")
        print(f"ratio keikaku / tesseract one by one     {ours / sequential:8.2f} x")
        print(f"lines read exactly as drawn              {exact:5d} / {len(drawn)}")
        print(f"load average (1, 5, 15 min)              {' '.join(f'{x:.2f}' for x in os.getloadavg())}   on {os.cpu_count()} CPUs")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

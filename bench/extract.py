"""bench/extract: how fast `keikaku extract` reads the seed documents, against pdftotext.

Run from the repository root after ./test (it needs .venv, reportlab and pdftotext):
    .venv/bin/python bench/extract.py [--repeat N]

Measures, in one run on this machine:
  1. the whole process `keikaku extract` on the five text seeds in one call, start-up included;
  2. the same on PDFs made from the seeds, against `pdftotext` (poppler) run on the same PDFs,
     and the part of it spent reading the PDFs (pypdfium2 and the layout: lines, columns,
     ruled tables), measured in this process;
  3. a batch of 40 PDFs (8 copies of each) in one call, against `pdftotext` on each of them.
Each figure is the median of N runs; ratios compare figures measured in the same run. The
machine's load average is printed with them: other work on the machine slows both sides.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
KEIKAKU = ROOT / ".venv" / "bin" / "keikaku"
sys.path.insert(0, str(ROOT / "tests"))


def timed(cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    """Median wall-clock seconds of running ``cmd`` to completion."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def read_time(pdfs: list[Path], repeat: int) -> float:
    """Median seconds of reading every PDF with keikaku's reader in this process (imports done first)."""
    from keikaku.importer.readers import read_document

    for pdf in pdfs:
        read_document(pdf)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for pdf in pdfs:
            read_document(pdf)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (median is reported)")
    args = parser.parse_args()
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext is missing: run scripts/system-deps.sh")
    from docmaker import make_pdf

    texts = sorted(SEEDS.glob("0*.txt"))
    work = Path(tempfile.mkdtemp(prefix="keikaku-bench-"))
    pdfs = [make_pdf(t.read_text(encoding="utf-8").splitlines(), work / f"{t.stem}.pdf") for t in texts]
    text_bytes = sum(t.stat().st_size for t in texts)
    pdf_pages = 0
    import pypdfium2

    for pdf in pdfs:
        doc = pypdfium2.PdfDocument(pdf)
        pdf_pages += len(doc)
        doc.close()

    batch = work / "batch"
    batch.mkdir()
    copies = []
    for k in range(8):
        for pdf in pdfs:
            copies.append(batch / f"{k}-{pdf.name}")
            shutil.copyfile(pdf, copies[-1])

    # as installed: byte-compiled (scripts/bootstrap.sh does this; edits since then would be compiled
    # again at every start when PYTHONDONTWRITEBYTECODE is set)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "keikaku")], check=True, stdout=subprocess.DEVNULL)
    python_start = timed([sys.executable, "-c", "pass"], args.repeat)
    # the imports as the console script makes them: keikaku.cli.entry turns off Pydantic's scan for plugins
    # and hands re the patterns compiled by earlier runs (keikaku/patterncache.py)
    like_entry = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    kept = "from keikaku import patterncache; patterncache.install(); "
    imports = timed([sys.executable, "-c", kept + "import keikaku.cli.extracting, keikaku.importer.pipeline, pypdfium2"], args.repeat, like_entry)
    text_imports = timed([sys.executable, "-c", kept + "import keikaku.cli.extracting, keikaku.importer.pipeline"], args.repeat, like_entry)
    text_run = timed([str(KEIKAKU), "extract", *map(str, texts)], args.repeat)
    pdf_run = timed([str(KEIKAKU), "extract", *map(str, pdfs)], args.repeat)
    poppler = timed(["sh", "-c", "; ".join(f"pdftotext -q -enc UTF-8 {p} -" for p in pdfs)], args.repeat)
    reading = read_time(pdfs, args.repeat)
    batch_run = timed([str(KEIKAKU), "extract", *map(str, copies)], max(3, args.repeat // 2))
    batch_poppler = timed(["sh", "-c", "; ".join(f"pdftotext -q -enc UTF-8 {p} -" for p in copies)], max(3, args.repeat // 2))

    print(f"seeds: {len(texts)} text files, {text_bytes / 1024:.0f} KiB; {pdf_pages} PDF pages; median of {args.repeat} runs")
    print(f"python start-up (baseline)            {python_start * 1000:8.1f} ms")
    print(f"keikaku extract, 5 text seeds         {text_run * 1000:8.1f} ms   (aim < 150 ms)  {'OK' if text_run < 0.15 else 'OVER'}")
    print(f"  of which start-up and imports       {text_imports * 1000:8.1f} ms   (python, pydantic, the importer; no typer)")
    print(f"  extraction after start-up           {(text_run - text_imports) * 1000:8.1f} ms")
    print(f"keikaku extract, 5 seed PDFs          {pdf_run * 1000:8.1f} ms")
    print(f"pdftotext, same 5 PDFs                {poppler * 1000:8.1f} ms")
    print(f"ratio PDF extract / pdftotext         {pdf_run / poppler:8.2f} x   (aim <= 1.5x)   {'OK' if pdf_run <= 1.5 * poppler else 'OVER'}")
    print(f"  of which start-up and imports       {imports * 1000:8.1f} ms   (python, pydantic, the importer, pypdfium2)")
    print(f"  extraction after start-up           {(pdf_run - imports) * 1000:8.1f} ms   = {(pdf_run - imports) / poppler:.2f} x pdftotext")
    print(f"  reading the PDFs (in this process)  {reading * 1000:8.1f} ms   = {reading / poppler:.2f} x pdftotext (pdfium, layout, tables)")
    print(f"batch: 8 copies = {len(copies)} PDFs, {8 * pdf_pages} pages")
    print(f"keikaku extract, batch                {batch_run * 1000:8.1f} ms")
    print(f"pdftotext, batch                      {batch_poppler * 1000:8.1f} ms")
    print(f"ratio batch extract / pdftotext       {batch_run / batch_poppler:8.2f} x   (aim <= 1.2x)   {'OK' if batch_run <= 1.2 * batch_poppler else 'OVER'}")
    print(f"load average (1, 5, 15 min)           {' '.join(f'{x:.2f}' for x in os.getloadavg())}   on {os.cpu_count()} CPUs")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()

"""The corpus of real layouts: indicators found and figures right, per layout and in total.

Scores each case of tests/corpus/cases with the shared scorer (../shared/tools/score-extract),
extracting in this process, and prints the time taken against reading the same files' bytes
(the baseline, measured in the same run).

    .venv/bin/python bench/corpus.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus.scoring import cases, expected, score_case  # noqa: E402

from keikaku.importer.pipeline import extract_file  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--misses", action="store_true", help="print what each case misses")
    ap.add_argument("--pin", action="store_true", help="raise the pins in tests/corpus/scores.json to today's figures")
    ap.add_argument("--made", action="store_true",
                    help="also make Word, Excel, LibreOffice PDFs, a two-column PDF and a scan (tests/corpus/made.py) "
                         "and the layouts of tests/made_layouts.py, and score them")
    args = ap.parse_args()
    names = cases()
    t0 = time.perf_counter()
    for name in names:
        expected(name)[0].read_bytes()
    baseline = time.perf_counter() - t0
    totals = [0, 0, 0, 0]
    t0 = time.perf_counter()
    results = []
    for name in names:
        doc, _ = expected(name)
        plan = json.loads(extract_file(doc).plan.to_json())
        results.append(score_case(name, plan))
    took = time.perf_counter() - t0
    width = max(len(n) for n in names)
    print(f"{'layout':<{width}}  found      figures right")
    for s in results:
        totals = [a + b for a, b in zip(totals, (s.found, s.indicators, s.right, s.figures))]
        print(f"{s.case:<{width}}  {s.found:>3}/{s.indicators:<4}  {s.right:>3}/{s.figures:<4}")
        if args.misses:
            for miss in s.misses[:8]:
                print(f"{'':<{width}}    {miss}")
    if args.pin:
        pins_path = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "scores.json"
        pins = json.loads(pins_path.read_text(encoding="utf-8")) if pins_path.exists() else {}
        for s in results:
            old = pins.get(s.case, {"found": 0, "right": 0})
            pins[s.case] = {"found": max(s.found, old["found"]), "indicators": s.indicators,
                            "right": max(s.right, old["right"]), "figures": s.figures}
        pins_path.write_text(json.dumps(dict(sorted(pins.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    made = 0
    if args.made:
        *scores, made = made_documents()
        totals = [a + b for a, b in zip(totals, scores)]
    f, n, r, t = totals
    print(f"total: {len(names) + made} layouts, indicators found {f}/{n} ({f / max(n, 1):.2f}), figures right {r}/{t} ({r / max(t, 1):.2f})")
    print(f"time: extract {took * 1000:.0f} ms, reading the files {baseline * 1000:.1f} ms, ratio {took / max(baseline, 1e-9):.0f}x")


def made_documents() -> list[int]:
    """Score the made documents (tests/corpus/made.py, tests/made_layouts.py); their totals (found,
    indicators, right, figures) and how many documents."""
    import tempfile

    from corpus.made import build
    from corpus.scoring import scorer
    from made_layouts import build as build_layouts

    totals = [0, 0, 0, 0]
    with tempfile.TemporaryDirectory(prefix="keikaku-made-") as directory:
        documents = {**build(Path(directory)), **build_layouts(Path(directory) / "layouts")}
        for label, (path, gold) in documents.items():
            start = time.perf_counter()
            plan = json.loads(extract_file(path).plan.to_json())
            found, total, right, figures, _ = scorer().score(gold, plan["indicators"])
            totals = [a + b for a, b in zip(totals, (found, total, right, figures))]
            print(f"made: {label:<30} {found:>3}/{total:<4}  {right:>3}/{figures:<4}  {(time.perf_counter() - start) * 1000:7.0f} ms")
    return [*totals, len(documents)]


if __name__ == "__main__":
    main()

"""SDG suggestions against the SDG links plans already carry: precision, recall and F1.

Run from the repository root after ./test:
    .venv/bin/python bench/sdg.py [--no-seeds] [--misses] [PLAN.json ...]

Stores, in a temporary SQLite database, the example city's plans (keikaku/data/example), the
five seed documents (../shared/seeds, through the importer) and any plan files given, then asks
the suggester for every node (`keikaku sdg suggest --all`) and compares, goal by goal, with the
links of the nodes that carry links (micro-averaged over (node, goal) pairs). A plan without
any SDG link (the seeds print their SDG icons as pictures, so their text holds no link) is
listed and left out of the totals. --misses prints, per node, the links missed and the goals
suggested that are not linked. The method is in docs/sdg.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keikaku.services import sdg  # noqa: E402
from keikaku.services.plans import example_files, load_plan_file  # noqa: E402
from keikaku.storage import migrate  # noqa: E402
from keikaku.storage.database import make_engine  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def row(name: str, a: sdg.Agreement) -> str:
    return (f"{name[:44]:44} {a.nodes:5} {a.links:5} {a.suggested:5} {a.agreed:5} {a.precision:6.3f} {a.recall:6.3f} "
            f"{a.f1:6.3f} {a.nodes_hit:4}/{a.nodes}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("plans", nargs="*", type=Path, help="more plan files (JSON) whose nodes carry SDG links")
    ap.add_argument("--no-seeds", action="store_true", help="leave the seed documents out")
    ap.add_argument("--misses", action="store_true", help="print, per node, links missed and goals suggested wrongly")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'sdg.sqlite3'}")
        migrate.upgrade(engine)
        keys = [load_plan_file(engine, path).key for path in [*example_files(), *args.plans]]
        if not args.no_seeds and SEEDS.is_dir():
            from keikaku.services.importing import import_file

            for path in sorted(SEEDS.glob("*.txt")):
                keys.append(import_file(engine, path).load.key)
        t0 = time.perf_counter()
        results = [(key, sdg.agreement(engine, key)) for key in keys]
        elapsed = time.perf_counter() - t0
        scoring = sdg.load_keywords().scoring
        print(f"keywords: {len(sdg.load_keywords().keywords)} (core {scoring.core_weight:g}, word {scoring.word_weight:g}, "
              f"title x{scoring.title_factor:g}, threshold {scoring.threshold:g}, top {scoring.top})")
        print(f"{'plan':44} {'nodes':>5} {'links':>5} {'sugg':>5} {'agree':>5} {'prec':>6} {'recall':>6} {'F1':>6} {'hit':>6}")
        total = sdg.Agreement(0, 0, 0, 0, 0)
        for key, a in results:
            if a.nodes == 0:
                print(f"{key[:44]:44} no node carries an SDG link: left out")
                continue
            print(row(key, a))
            total = total + a
        print(row("total", total))
        print(f"suggesting for every node of {len(keys)} plans: {elapsed:.2f} s")
        if args.misses:
            for key in keys:
                for n in sdg.plan_suggestions(engine, key, every_node=True).nodes:
                    if not n.goals:
                        continue
                    got = {s.goal for s in n.suggestions}
                    missed, wrong = sorted(set(n.goals) - got), sorted(got - set(n.goals))
                    if missed or wrong:
                        print(f"  {n.label}: linked {list(n.goals)}, missed {missed}, not linked {wrong}")
        engine.dispose()


if __name__ == "__main__":
    main()

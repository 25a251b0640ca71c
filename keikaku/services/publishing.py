"""What the static site publishes beside its pages: the index its search page reads."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine

from keikaku.domain.textfold import fold, replacements
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction

FOLDERS = {"plan": "plans", "node": "nodes", "indicator": "indicators"}


def search_entries(engine: Engine, *, plans: Iterable[int] | None = None) -> list[dict[str, object]]:
    """Every plan, node and indicator title with the site-relative folder of its page and its
    folded form (``domain.textfold``): ``{"k": kind, "t": title, "f": folded, "p": plan title,
    "u": "nodes/12/"}``, in plan order."""
    with transaction(engine) as session:
        rows = repo.search_titles(session, plan_ids=plans)
    return [{"k": kind, "t": title, "f": fold(title), "p": plan_title, "u": f"{FOLDERS[kind]}/{ref}/"}
            for kind, ref, title, _, plan_title in rows]


def search_index(engine: Engine, *, plans: Iterable[int] | None = None) -> dict[str, object]:
    """The static site's search index: the entries, and the variant pairs its page folds a query with."""
    return {"replacements": [list(pair) for pair in replacements()], "entries": search_entries(engine, plans=plans)}

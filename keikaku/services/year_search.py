"""A fiscal year typed into the public search (令和6年度, R6, 2024年度, FY2024): the plans whose
evaluations of that year are published, each with the address of the year's evaluations page
(``/plans/{id}/evaluations/{year}``). The full-text index holds words, not years, so a year is
read from the query here and answered from the approved sheets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from keikaku.domain.fiscal import fiscal_year_named
from keikaku.services.evaluations import plan_evaluation_year_url, plan_evaluations_url
from keikaku.storage.database import transaction
from keikaku.storage.evaluation_store import approved_plans_of_year


@dataclass(frozen=True)
class YearPlan:
    """A plan with published evaluations of the year: how many measures' sheets, and where."""

    plan_id: int
    plan_title: str
    approved: int
    url: str
    index_url: str


@dataclass(frozen=True)
class YearHits:
    """The fiscal year a query named (``word``: as typed) and the plans with its published evaluations."""

    year: int
    word: str
    plans: tuple[YearPlan, ...]


def split_year(query: str) -> tuple[int | None, str, str]:
    """(the fiscal year the query names, the word naming it, the query without that word). The
    first word naming a year counts; a query naming none gives (None, "", query)."""
    words = query.split()
    for i, word in enumerate(words):
        year = fiscal_year_named(word)
        if year is not None:
            return year, word, " ".join(words[:i] + words[i + 1:])
    return None, "", query


def year_hits(engine: Engine, *, year: int, word: str, plan_id: int | None = None) -> YearHits:
    """The plans (only ``plan_id`` when given) with published evaluations of ``year``."""
    with transaction(engine) as session:
        rows = approved_plans_of_year(session, year=year)
    return YearHits(year, word, tuple(
        YearPlan(pid, title, count, plan_evaluation_year_url(pid, year), plan_evaluations_url(pid))
        for pid, title, count in rows if plan_id is None or pid == plan_id))

"""The filters of the search page and its JSON twin, read from the query string."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from keikaku.domain.fiscal import FIRST_YEAR, LAST_YEAR
from keikaku.services.browse import SearchFilters


class SearchQuery:
    """``municipality`` (6-digit code), ``plan`` (id), ``kind`` (node, indicator, project, plan) and ``year``
    (a fiscal year the plan covers); an empty value means any."""

    def __init__(self,
                 municipality: Annotated[str, Query(max_length=6, pattern=r"^\d{0,6}$")] = "",
                 plan: Annotated[str, Query(max_length=12, pattern=r"^\d{0,12}$")] = "",
                 kind: Annotated[Literal["", "node", "indicator", "project", "plan"], Query()] = "",
                 year: Annotated[str, Query(max_length=4, pattern=r"^\d{0,4}$")] = "") -> None:
        self.municipality = municipality or None
        self.plan = int(plan) if plan else None
        self.kind = kind or None
        self.year = int(year) if year and FIRST_YEAR <= int(year) <= LAST_YEAR else None

    def filters(self) -> SearchFilters:
        return SearchFilters(self.municipality, self.plan, self.kind, self.year)

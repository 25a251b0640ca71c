"""Typed schema of the JSON twin of the public table of opinions (``/api/v1/plans/{id}/comments``):
staff's summaries and the city's answers only; never an opinion as sent or anything about its sender."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class CommentRowOut(BaseModel):
    number: int = Field(description="The row's number in the table (No.), from 1")
    sources: list[Literal["citizen", "council"]] = Field(
        description="Who sent the opinions of the row: citizen (市民, through the form), council (議会・審議会)")
    node: str | None = Field(description="The item of the draft the opinions are on (施策 1 子育て支援の充実); "
                             "null: the whole plan (計画全体), or several items when several_items is true")
    node_url: str | None = Field(description="Path of that item's page; null when node is null")
    opinions: int = Field(description="How many opinions the row answers (more than 1: opinions of the same purport, 同趣旨)")
    summary: str = Field(description="The summary of the opinions written by staff (意見の要旨)")
    answer: str | None = Field(description="The city's answer (市の考え方); null when not written yet")
    plan_changed: bool | None = Field(description="Whether the plan was changed for it (計画への反映); null when not decided")
    changed_node: str | None = Field(description="The item changed, in the adopted plan; null when none is named")
    changed_node_url: str | None = Field(description="Path of the changed item's page; null when changed_node is null")
    several_items: bool = Field(description="True for a group whose opinions are on different items (複数の項目, node null); "
                                "false when node names the item or the row is on the whole plan")


class CommentThemeOut(BaseModel):
    name: str | None = Field(description="The theme staff sorted the opinions under (自然環境 …); null: no theme (その他)")
    count: int = Field(description="Opinions listed under the theme (those still being summarised are counted in pending, not here)")
    rows: list[CommentRowOut] = Field(description="The rows of the theme, in table order")


class CommentTableOut(BaseModel):
    plan_id: int = Field(description="The draft plan's id")
    plan_title: str = Field(description="The draft plan's title")
    plan_status_word: str = Field(description="The draft's printed word in Japanese: 骨子案, 素案 or 案")
    plan_status_word_en: str = Field(description="That word in English: outline draft, preliminary draft or draft")
    fictional: bool = Field(description="A fictional city (labelled 架空 wherever it is shown)")
    start: str = Field(description="First day of the comment period: ISO 8601 date, a day in Japan")
    end: str = Field(description="Last day of the comment period (included): ISO 8601 date, a day in Japan")
    notice: str = Field(description="The notice the planning division wrote for the period")
    state: Literal["before", "open", "after"] = Field(description="The period today in Japan: before, open or after (ended)")
    published: bool = Field(description="Whether the period has ended, so that the rows are public (before: no row)")
    total: int = Field(description="Opinions received; 0 until published")
    by_source: dict[str, int] = Field(description="Opinions received per source (citizen, council); empty until published")
    pending: int = Field(description="Opinions received but not summarised yet (要旨作成中: not listed, counted under no theme); "
                         "0 until published")
    themes: list[CommentThemeOut] = Field(description="The table by theme, in staff's order; opinions without a theme last")
    final_title: str | None = Field(description="Title of the adopted plan that followed the draft; null when not stored")
    final_url: str | None = Field(description="Path of the adopted plan's page; null when final_title is null")

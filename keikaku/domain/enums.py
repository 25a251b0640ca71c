"""Closed vocabularies of the plan model (English names from the glossary)."""

from __future__ import annotations

from enum import StrEnum


class PlanKind(StrEnum):
    COMPREHENSIVE = "comprehensive"  # 総合計画 / 長期総合計画
    CONCEPT = "concept"  # 基本構想
    BASIC_PLAN = "basic_plan"  # 基本計画
    IMPLEMENTATION_PLAN = "implementation_plan"  # 実施計画 / 中期実行プラン
    STRATEGY = "strategy"  # まち・ひと・しごと創生総合戦略
    SECTORAL = "sectoral"  # 個別計画


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"


class PlanHalf(StrEnum):
    FIRST = "first"  # 前期
    SECOND = "second"  # 後期


class IndicatorKind(StrEnum):
    OUTCOME = "outcome"  # 成果指標
    ACTIVITY = "activity"  # 活動指標


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"
    QUALITATIVE = "qualitative"


class LinkType(StrEnum):
    CROSS_CUTTING = "cross_cutting"  # 横断プロジェクト → the nodes it spans
    SECTORAL_PLAN_OF = "sectoral_plan_of"  # 個別計画 node → the measure it serves
    SUCCESSOR_OF = "successor_of"  # next generation → previous generation
    REVISED_AS = "revised_as"  # draft → final


JA_LABELS: dict[str, str] = {
    "comprehensive": "総合計画",
    "concept": "基本構想",
    "basic_plan": "基本計画",
    "implementation_plan": "実施計画",
    "strategy": "総合戦略",
    "sectoral": "個別計画",
    "draft": "案",
    "adopted": "策定済",
    "first": "前期",
    "second": "後期",
    "outcome": "成果指標",
    "activity": "活動指標",
    "increase": "増加を目指す",
    "decrease": "減少を目指す",
    "maintain": "維持",
    "qualitative": "定性目標",
    "cross_cutting": "横断",
    "sectoral_plan_of": "個別計画",
    "successor_of": "後継",
    "revised_as": "改訂",
}


# A draft plan keeps the word it was printed with (``PlanDocument.status_label``); in English the
# stages the glossary names get their own words and every other draft word reads "draft".
DRAFT_WORDS_EN: dict[str, str] = {"骨子案": "outline draft", "素案": "preliminary draft"}


def status_word(status: str, label: str | None = None, lang: str = "ja") -> str:
    """How a plan's stage is shown: a draft's printed word (骨子案) when known, else the generic word."""
    if status != PlanStatus.DRAFT:
        return JA_LABELS.get(status, status) if lang == "ja" else status
    if lang == "en":
        return DRAFT_WORDS_EN.get(label or "", "draft")
    return label or JA_LABELS["draft"]


class Role(StrEnum):
    ADMIN = "admin"  # 企画政策課: owns the plan, opens the cycle
    REVIEWER = "reviewer"  # approves or returns evaluation sheets
    EDITOR = "editor"  # 所管課: enters actuals and writes sheets for its departments
    VIEWER = "viewer"  # reads everything, drafts included


class SheetStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


class NextDirection(StrEnum):
    EXPAND = "拡充"
    CONTINUE = "継続"
    IMPROVE = "改善"
    REDUCE = "縮小"
    ABOLISH = "廃止"


class ObservationStatus(StrEnum):
    PUBLISHED = "published"  # read from a published document, or approved
    DRAFT = "draft"  # entered in an open cycle, not yet approved

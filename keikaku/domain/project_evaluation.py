"""The vocabulary of the project evaluation (事務事業評価): the four viewpoints, the directions a
project may take next year, the roles of its indicators, and the city's grading scale of the
viewpoints. Pure: no I/O.

A cycle keeps its viewpoint scale as the grades' text, best first, separated by commas
(``A,B,C``, the default); ``viewpoint_grades`` reads and checks it.
"""

from __future__ import annotations

from enum import StrEnum

from keikaku.domain.errors import KeikakuError

DEFAULT_VIEWPOINT_GRADES = "A,B,C"
MAX_GRADES = 10
MAX_GRADE_CHARS = 10
MAX_SCALE_CHARS = 100


class Viewpoint(StrEnum):
    """評価の視点, in the order the sheet prints them."""

    NECESSITY = "necessity"  # 必要性
    EFFECTIVENESS = "effectiveness"  # 有効性
    EFFICIENCY = "efficiency"  # 効率性
    FAIRNESS = "fairness"  # 公平性

    @property
    def label_ja(self) -> str:
        return _VIEWPOINT_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _VIEWPOINT_LABELS[self][1]


_VIEWPOINT_LABELS = {
    Viewpoint.NECESSITY: ("必要性", "necessity"),
    Viewpoint.EFFECTIVENESS: ("有効性", "effectiveness"),
    Viewpoint.EFFICIENCY: ("効率性", "efficiency"),
    Viewpoint.FAIRNESS: ("公平性", "fairness"),
}


class ProjectDirection(StrEnum):
    """今後の方向性: what the project does next year. The value is the word the city prints."""

    EXPAND = "拡充"
    CONTINUE = "継続"
    IMPROVE = "改善"
    REDUCE = "縮小"
    MERGE = "統合"
    ABOLISH = "廃止"
    COMPLETE = "終了"

    @property
    def label_ja(self) -> str:
        return self.value

    @property
    def label_en(self) -> str:
        return _DIRECTION_EN[self]

    def label(self, lang: str = "ja") -> str:
        return self.label_en if lang == "en" else self.label_ja


_DIRECTION_EN = {
    ProjectDirection.EXPAND: "expand",
    ProjectDirection.CONTINUE: "continue",
    ProjectDirection.IMPROVE: "improve",
    ProjectDirection.REDUCE: "reduce",
    ProjectDirection.MERGE: "merge",
    ProjectDirection.ABOLISH: "abolish",
    ProjectDirection.COMPLETE: "complete",
}


class IndicatorRole(StrEnum):
    """What an indicator chosen on a project's sheet measures for it."""

    ACTIVITY = "activity"  # 活動指標: what the project does
    OUTCOME = "outcome"  # 成果指標: what it achieves


class BadViewpointScale(KeikakuError):
    """A viewpoint scale that cannot be used (``code``: empty, too_many, too_long, duplicate)."""

    exit_code = 2
    http_status = 422

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.code = code


def viewpoint_grades(text: str | None) -> tuple[str, ...]:
    """The grades of a stored or typed scale, best first: ``"A, B ,C"`` → ``("A", "B", "C")``
    (full-width commas and 、 separate too). At least two grades, at most ten, each at most ten
    characters, none twice; otherwise BadViewpointScale."""
    raw = (text if text is not None else DEFAULT_VIEWPOINT_GRADES).replace("，", ",").replace("、", ",")
    grades = tuple(g.strip() for g in raw.split(","))
    if len(grades) < 2 or any(not g for g in grades):
        raise BadViewpointScale(f"a viewpoint scale is two or more grades separated by commas (A,B,C), not {text!r}",
                                code="empty")
    if len(grades) > MAX_GRADES:
        raise BadViewpointScale(f"a viewpoint scale has at most {MAX_GRADES} grades, not {len(grades)}", code="too_many")
    long = [g for g in grades if len(g) > MAX_GRADE_CHARS]
    if long:
        raise BadViewpointScale(f"a grade is at most {MAX_GRADE_CHARS} characters: {long[0][:20]!r}", code="too_long")
    if len(set(grades)) != len(grades):
        raise BadViewpointScale(f"a grade appears twice in {','.join(grades)}", code="duplicate")
    return grades


def scale_text(grades: tuple[str, ...]) -> str:
    """How a cycle stores the grades."""
    return ",".join(grades)

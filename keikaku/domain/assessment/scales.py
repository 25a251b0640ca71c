"""Grading scales: the city's own words for how an indicator is doing, with the built-in presets.

A scale turns the figures of an indicator-year into a status (a stable English word) and a grade
(what the city prints: A, B, S, 達成 …). Three kinds of rule exist:

- ``path``: against the expected path from baseline to target (the default preset ``abcd``);
- ``baseline``: against the baseline, with a tolerance band for 維持 (``sabc``);
- ``target``: the target is met or it is not (``achieved``).

Every scale shares three statuses without a grade: ``no_data`` (no actual value), ``qualitative``
(a worded target such as 拡充) and ``not_assessable`` (a number the rule needs is missing).
A city configures its own scale by building a ``Scale`` and passing it (or registering it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from keikaku.domain.assessment.formulas import DECREASE, INCREASE, MAINTAIN, QUALITATIVE
from keikaku.domain.errors import KeikakuError

COMMON_STATUSES = ("no_data", "qualitative", "not_assessable")
# The Japanese words of the common statuses, printed where a scale's level would be.
COMMON_STATUS_LABELS = {"no_data": "データなし", "qualitative": "定性目標", "not_assessable": "評価不能"}
NO_DATA, QUALITATIVE_STATUS, NOT_ASSESSABLE = 0, 1, 2
FIRST_LEVEL = len(COMMON_STATUSES)
EPSILON = 1e-9  # comparisons forgive floating-point error, so 40.000000000000001 % is 40 %


class UnknownScaleError(KeikakuError):
    """A grading scale name that is not registered."""


@dataclass(frozen=True)
class Level:
    status: str
    grade: str
    label: str  # the Japanese wording printed beside the grade


@dataclass(frozen=True)
class Scale:
    """A grading scale; ``levels`` run from best to worst.

    ``path``: level i is the first whose threshold t satisfies progress ≥ t × expected progress
    (``thresholds`` has one fewer entry than ``levels``); for 維持 indicators level i is the first
    with actual ≥ baseline − ``maintain_steps``[i] × tolerance.
    ``baseline``: levels achieved / improved / level / worsened; "level" is a progress rate within
    ± ``level_band`` points of the baseline; a 維持 indicator inside its band is achieved.
    ``target``: levels achieved / not achieved.
    The 維持 tolerance is ± ``maintain_points`` for percentages (unit %), else
    ± ``maintain_relative`` × baseline.
    """

    name: str
    kind: str
    levels: tuple[Level, ...]
    thresholds: tuple[float, ...] = ()
    maintain_steps: tuple[float, ...] = ()
    level_band: float = 10.0
    maintain_relative: float = 0.10
    maintain_points: float = 3.0
    description: str = ""
    statuses: tuple[str, ...] = field(init=False)
    grades: tuple[str | None, ...] = field(init=False)

    def __post_init__(self) -> None:
        if self.kind not in ("path", "baseline", "target"):
            raise ValueError(f"unknown scale kind {self.kind!r}")
        expected = {"path": len(self.levels), "baseline": 4, "target": 2}[self.kind]
        if len(self.levels) != expected and self.kind != "path":
            raise ValueError(f"a {self.kind} scale has {expected} levels")
        if self.kind == "path" and (len(self.thresholds) != len(self.levels) - 1 or len(self.maintain_steps) != len(self.levels) - 1):
            raise ValueError("a path scale needs one threshold and one 維持 step fewer than its levels")
        object.__setattr__(self, "statuses", COMMON_STATUSES + tuple(lv.status for lv in self.levels))
        object.__setattr__(self, "grades", (None,) * FIRST_LEVEL + tuple(lv.grade for lv in self.levels))

    def label_of(self, status: str) -> str:
        """The scale's words for a status (順調 …), or those of the common statuses (データなし …)."""
        for level in self.levels:
            if level.status == status:
                return level.label
        return COMMON_STATUS_LABELS.get(status, status)

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name, "kind": self.kind, "description": self.description,
            "levels": [{"status": lv.status, "grade": lv.grade, "label": lv.label} for lv in self.levels],
            "thresholds": list(self.thresholds), "maintain_steps": list(self.maintain_steps),
            "level_band": self.level_band, "maintain_relative": self.maintain_relative,
            "maintain_points": self.maintain_points,
        }

    def classify(self, *, direction: np.ndarray, value: np.ndarray, progress: np.ndarray, expected: np.ndarray,
                 met: np.ndarray, level: np.ndarray, tolerance: np.ndarray) -> np.ndarray:
        """Status codes (indices into ``statuses``) of indicator-years, as int8.

        ``met`` is ``formulas.target_met``; ``level`` the 維持 level (baseline); ``tolerance`` its band.
        """
        directed = (direction == INCREASE) | (direction == DECREASE)
        keep = direction == MAINTAIN
        with np.errstate(invalid="ignore"):
            if self.kind == "path":
                code = np.zeros(len(value), dtype=np.int8)
                for t in self.thresholds:
                    code += progress < (expected if t == 1 else t * expected) - EPSILON
                code[met == 1] = 0
                known = directed & ((~np.isnan(progress) & ~np.isnan(expected)) | (met == 1))
                rows = np.flatnonzero(keep)
                if len(rows):
                    v, floor, band = value[rows], level[rows], tolerance[rows]
                    below = np.zeros(len(rows), dtype=np.int8)
                    for step in self.maintain_steps:
                        below += v < floor - step * band - EPSILON
                    code[rows] = below
                    known[rows] = ~np.isnan(floor) & ~np.isnan(band)
            elif self.kind == "baseline":
                band = self.level_band
                trend = np.where(progress > band + EPSILON, 1, np.where(progress >= -band - EPSILON, 2, 3))
                code = np.where(met == 1, 0, np.where(keep, 3, trend))
                known = (met == 1) | (directed & ~np.isnan(progress)) | (keep & (met == 0))
            else:
                code = np.where(met == 1, 0, 1)
                known = met >= 0
        out = np.where(known, code + FIRST_LEVEL, NOT_ASSESSABLE)
        out = np.where(np.isnan(value), NO_DATA, out)
        return np.where(direction == QUALITATIVE, QUALITATIVE_STATUS, out).astype(np.int8)


ABCD = Scale(
    name="abcd", kind="path",
    levels=(
        Level("on_track", "A", "順調"),
        Level("mostly_on_track", "B", "概ね順調"),
        Level("slightly_behind", "C", "やや遅れている"),
        Level("behind", "D", "遅れている"),
    ),
    thresholds=(1.0, 0.8, 0.5),
    maintain_steps=(0.0, 1.0, 2.0),
    description="against the expected path: A progress ≥ expected, B ≥ 80 % of it, C ≥ 50 %, D below",
)
SABC = Scale(
    name="sabc", kind="baseline",
    levels=(
        Level("achieved", "S", "目標達成"),
        Level("improved", "A", "改善"),
        Level("level", "B", "横ばい"),
        Level("worsened", "C", "悪化"),
    ),
    description="against the baseline: S target met, A improved, B within ±10 points of progress, C worse",
)
ACHIEVED = Scale(
    name="achieved", kind="target",
    levels=(Level("achieved", "達成", "達成"), Level("not_achieved", "未達成", "未達成")),
    description="the direction-aware target is met or not",
)

SCALES: dict[str, Scale] = {s.name: s for s in (ABCD, SABC, ACHIEVED)}
DEFAULT_SCALE = "abcd"


def get_scale(scale: str | Scale | None) -> Scale:
    """A scale by name (None is the default ``abcd``), or the given Scale itself."""
    if isinstance(scale, Scale):
        return scale
    name = scale or DEFAULT_SCALE
    try:
        return SCALES[name]
    except KeyError:
        raise UnknownScaleError(f"unknown grading scale {name!r}; known: {', '.join(SCALES)}") from None


def register_scale(scale: Scale) -> None:
    """Make a city's own scale available by name."""
    SCALES[scale.name] = scale

"""Indicator assessment: progress and achievement rates, the expected path, grades on a city's
scale, the Open SDG measure, the printed-rate audit and roll-ups. Pure: no database, no I/O.

``assess_plan`` assesses a ``PlanDocument``; ``assess_arrays`` is the vectorised engine behind it
for bulk work. See docs/assessment.md for every formula, preset and policy.
"""

from keikaku.domain.assessment.audit import METHODS, WARNINGS, warning_codes
from keikaku.domain.assessment.document import PlanAssessment, assess_indicators, assess_plan, plan_arrays
from keikaku.domain.assessment.engine import AssessmentArrays, IndicatorArrays, ObservationArrays, assess_arrays
from keikaku.domain.assessment.opensdg import CAGR_STATUSES
from keikaku.domain.assessment.rollup import Rollup, RollupComponent, RollupPolicy, node_rollup
from keikaku.domain.assessment.rows import ROW_KEYS, AssessmentRow, rows_as_of
from keikaku.domain.assessment.scales import DEFAULT_SCALE, SCALES, Level, Scale, UnknownScaleError, get_scale, register_scale

__all__ = [
    "CAGR_STATUSES", "DEFAULT_SCALE", "METHODS", "ROW_KEYS", "SCALES", "WARNINGS",
    "AssessmentArrays", "AssessmentRow", "IndicatorArrays", "Level", "ObservationArrays", "PlanAssessment", "Rollup",
    "RollupComponent", "RollupPolicy", "Scale", "UnknownScaleError",
    "assess_arrays", "assess_indicators", "assess_plan", "get_scale", "node_rollup", "plan_arrays", "register_scale",
    "rows_as_of",
    "warning_codes",
]

"""A survey indicator's sample on the staff forms: the sample size and margin of error typed beside its actual."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MAX_TYPED = 100  # characters of a field read; more cannot be a number the rules accept


def survey_samples(form: Mapping[str, Any], values: Iterable[tuple[int, object]]) -> dict[int, tuple[str, str]]:
    """For each indicator whose actual the form sends, the ``sample-ID`` and ``margin-ID`` fields as
    typed, when the form has them (a survey indicator's row); an indicator without them keeps the
    sample stored."""
    out: dict[int, tuple[str, str]] = {}
    for ref, _ in values:
        size, margin = f"sample-{ref}", f"margin-{ref}"
        if size in form or margin in form:
            out[ref] = (str(form.get(size) or "").strip()[:MAX_TYPED], str(form.get(margin) or "").strip()[:MAX_TYPED])
    return out

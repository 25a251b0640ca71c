"""The audit trail as people read it: times in Japan time, actions as verbs, before and after as
a list of the fields that changed. Pure functions over ``keikaku.services.audit.Change``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from keikaku.services.audit import Change

JST = timezone(timedelta(hours=9), "JST")
_ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(\.\d+)?\+00:00$")


def jst(value: datetime | str | None) -> str:
    """A time in Japan time to the minute (2026-05-01 18:00); — for none."""
    if value is None or value == "":
        return "—"
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone(JST).strftime("%Y-%m-%d %H:%M")


def day_start(day: date) -> datetime:
    """The start of a day in Japan, as aware UTC."""
    return datetime.combine(day, time(0), JST).astimezone(timezone.utc)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str
    changed: bool


@dataclass(frozen=True)
class ChangeView:
    at: str  # Japan time
    user: str | None
    action: str
    kind: str
    object_id: str
    object: str
    label: str | None
    fields: list[FieldChange]


def show(value: Any, t, key: str | None = None) -> str:  # noqa: ANN001 - t: the page's translator
    """One snapshot value as text: — for none, はい/いいえ, lists joined, times in Japan time, codes
    (statuses, kinds, directions, decisions, grade scales) in words, and a nested record as its
    fields' names and values (never JSON text)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, (list, tuple)):
        sep = " / " if any(isinstance(v, dict) for v in value) else "、"
        return sep.join(show(v, t, key) for v in value)
    if isinstance(value, dict):
        return "、".join(f"{field_label(k, t)}: {show(v, t, k)}" for k, v in value.items())
    if isinstance(value, str) and _ISO_UTC.match(value):
        return jst(value)
    if key == "scale" and isinstance(value, str):
        from keikaku.web.readable_words import scale_words

        return scale_words(value, _lang_of(t))
    if key is not None and isinstance(value, str):
        word = t(f"audit_value_{key}:{value}")
        if word != f"audit_value_{key}:{value}":
            return word
    return str(value)


def field_label(key: str, t) -> str:  # noqa: ANN001
    """A snapshot field's name in the page's language (the key itself when it has none)."""
    label = t(f"field_{key}")
    return key if label == f"field_{key}" else label


def _lang_of(t) -> str:  # noqa: ANN001
    return "en" if t("yes") == "yes" else "ja"


def field_changes(before: dict[str, Any] | None, after: dict[str, Any] | None, t) -> list[FieldChange]:  # noqa: ANN001
    """The fields of the two snapshots that differ (all fields of a creation or a deletion), in
    the order the snapshots give them, named and shown in the page's language."""
    before, after = before or {}, after or {}
    keys = list(dict.fromkeys([*after.keys(), *before.keys()]))
    out = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if old == new and before and after:
            continue
        if key == "role":
            old, new = (t(f"role_{v}") if v else v for v in (old, new))
        out.append(FieldChange(field=field_label(key, t), before=show(old, t, key) if before else "—",
                               after=show(new, t, key) if after else "—", changed=old != new))
    return out


def view(change: Change, t) -> ChangeView:  # noqa: ANN001
    kind, _, ref = change.object.partition(":")
    verb = t(f"verb_{change.action}")
    return ChangeView(at=jst(change.at), user=change.user, action=change.action if verb == f"verb_{change.action}" else verb,
                      kind=kind, object_id=ref, object=change.object, label=change.label,
                      fields=field_changes(change.before, change.after, t))

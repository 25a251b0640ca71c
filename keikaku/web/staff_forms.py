"""A staff form that comes back with a problem: what was typed stays in its fields, the field at
fault is marked, and one message in the reader's language says what to do.

A problem is a small dict, ``{"code", "field", "values", "message"}``: ``code`` picks the words
``err_<code>`` (keikaku/web/staff_words.py, user_words.py), ``values`` fill them, ``message`` is the
service's own text, shown only when no words exist for the code. With ``labels`` (a prefix such as
``plan_field_``), words ``<labels><field>`` name the field as ``{label}`` when no label was given. Templates mark the field with
``staff/_account_form.html``'s ``invalid`` and show ``ctx.error_text``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any

from fastapi import Request

from keikaku.web.app import page_lang
from keikaku.web.audit_view import jst
from keikaku.web.i18n import WORDS, translator

Problem = dict[str, Any]
# named errors without a code of their own, by class name
CLASS_CODES = {"CsrfRejected": "csrf", "PermissionDenied": "forbidden_action", "SheetConflict": "sheet_conflict",
               "SheetLocked": "sheet_locked", "SheetStateError": "sheet_state", "LoginThrottled": "login_throttled_wait"}


def t_of(request: Request) -> Callable[[str | None], str]:
    """The translator of the request's language (keikaku.web.app.page_lang)."""
    return translator(page_lang(request))


def problem(code: str, field: str | None = None, message: str = "", *, key: str | None = None, **values: Any) -> Problem:
    """A problem of ``field`` (None: the whole form), put in the words ``key`` (default ``err_<code>``)."""
    return {"code": code, "field": field, "values": values, "message": message, "key": key or f"err_{code}"}


def problem_of(exc: Exception, **values: Any) -> Problem:
    """The problem a named error reports: its ``code`` (or its class's), ``field`` and ``values``."""
    code = getattr(exc, "code", None) or CLASS_CODES.get(type(exc).__name__, "invalid")
    return problem(code, getattr(exc, "field", None), str(exc), **{**getattr(exc, "values", {}), **values})


def problem_text(t: Callable[[str | None], str], error: Problem) -> str:
    """The words of a problem in the translator's language; the service's message when there are none."""
    key = error.get("key") or f"err_{error['code']}"
    if key not in WORDS:
        return error.get("message") or t("form_problem")
    values = {k: jst(v) if isinstance(v, datetime) else v for k, v in (error.get("values") or {}).items()}
    named = f"{error.get('labels')}{error.get('field')}"  # the field's own name, from the words its form chose
    if "label" not in values and error.get("labels") and named in WORDS:
        values["label"] = t(named)
    try:
        return t(key).format(**values)
    except (KeyError, IndexError):  # words that need a value nobody gave: the service's message, else the general line
        return error.get("message") or t("form_problem")


def csrf_ok(expected: str, token: str) -> bool:
    """Whether a form's ``token`` is the session's (``expected``)."""
    return bool(token) and bool(expected) and secrets.compare_digest(token, expected)


def add_problem_text(t: Callable[[str | None], str], ctx: dict[str, Any], *, labels: str | None = None) -> dict[str, Any]:
    """``ctx`` with ``error_text`` beside its ``error`` (the one place a form's problem is put into words);
    ``labels``: the prefix of the words naming the form's fields (a problem's ``{label}``)."""
    if ctx.get("error") and labels:
        ctx["error"].setdefault("labels", labels)
    if ctx.get("error"):
        ctx["error_text"] = problem_text(t, ctx["error"])
    return ctx


def error_page_text(request: Request, exc: Exception) -> str:
    """The line of the error page for a named error nobody caught: its words when it has them."""
    return problem_text(t_of(request), problem_of(exc))

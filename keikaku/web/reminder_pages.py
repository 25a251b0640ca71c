"""Reminders sent from the progress board: ``/staff/cycles/{id}/reminders``.

GET shows what would be sent (per department the open items, the editors mailed, each mail's
subject and body); the form on it posts the preview's fingerprint with the session's CSRF token,
and the page that comes back says how many mails went to whom, or why nothing (or not all) was
sent. The work is ``keikaku.services.reminder_board``; this module only turns its results and
named errors into pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from keikaku.domain.permissions import Action
from keikaku.services import reminder_board
from keikaku.services.reminder_board import ReminderPreview
from keikaku.services.reminders import Mail, MailError
from keikaku.settings import get_settings
from keikaku.web.staff import staff_member
from keikaku.web.staff_forms import add_problem_text, problem, t_of

NO_STORE = {"Cache-Control": "no-store"}


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def page(request: Request, info: Any, preview: ReminderPreview, *, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        c = preview.run.cycle
        ctx.update(user=info.user, csrf=info.csrf_token, preview=preview, run=preview.run, cycle=c)
        add_problem_text(t_of(request), ctx)
        response = render(request, "staff/reminders.html", ctx, status_code=status_code,
                          title=f"督促メール {c.plan_title} {c.year}年度")
        response.headers.update(NO_STORE)
        return response

    @r.get("/staff/cycles/{cycle_id}/reminders", response_class=HTMLResponse)
    def reminders_page(request: Request, cycle_id: int) -> HTMLResponse:
        info = staff_member(engine, request, Action.SEND_REMINDERS, what=f"cycle {cycle_id}")
        return page(request, info, reminder_board.preview(engine, user=info.user, cycle_id=cycle_id))

    @r.post("/staff/cycles/{cycle_id}/reminders", response_class=HTMLResponse)
    def send_reminders(request: Request, cycle_id: int, confirmed: Annotated[str, Form(max_length=64)] = "",
                       csrf_token: Annotated[str, Form(max_length=200)] = "",
                       confirm: Annotated[str, Form(max_length=10)] = "") -> HTMLResponse:
        info = staff_member(engine, request, Action.SEND_REMINDERS, what=f"cycle {cycle_id}", csrf_token=csrf_token)
        settings = get_settings()
        if confirm != "yes":  # a sent mail cannot be recalled: the box is ticked first (nothing sent)
            now = reminder_board.preview(engine, user=info.user, cycle_id=cycle_id, settings=settings)
            return page(request, info, now, status_code=422, error=problem("confirm_needed", "confirm"))
        try:
            run = reminder_board.send(engine, user=info.user, cycle_id=cycle_id, confirmed=confirmed, settings=settings)
        except reminder_board.PreviewChanged as exc:
            return page(request, info, exc.preview, status_code=409, changed=True)
        except MailError as exc:
            now = reminder_board.preview(engine, user=info.user, cycle_id=cycle_id, settings=settings)
            refused = _refused_address(now, exc)
            return page(request, info, now, status_code=503, failure=exc.kind, failed_sent=list(exc.sent),
                        server=f"{settings.smtp_host}:{settings.smtp_port}", refused=refused)
        sent = [mail for mail in run.mails if mail.status == "sent"]
        now = reminder_board.preview(engine, user=info.user, cycle_id=cycle_id, settings=settings)
        return page(request, info, now, sent=sent)

    return r


def _refused_address(preview: ReminderPreview, exc: MailError) -> str:
    """The address the server refused: the first mail still to send once the accepted ones are recorded."""
    if exc.kind != "refused_mail":
        return ""
    pending: list[Mail] = preview.pending
    return pending[0].to if pending else ""

"""HTTP details every route shares, as one ASGI layer: HEAD answers, and staff pages kept out of caches.

FastAPI registers a GET route for GET only, so ``HEAD /`` answered 405; HTTP says a server that
answers GET answers HEAD with the same headers and no body. Pages that show a signed-in user's
view (``/staff``, ``/login``, ``/logout``) carry ``Cache-Control: no-store``, so that a shared
computer or a proxy never keeps a copy of drafts.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PRIVATE_PREFIXES = ("/staff", "/login", "/logout")


class HttpBasics:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        private = scope["path"].startswith(PRIVATE_PREFIXES)
        if head:
            scope = dict(scope, method="GET")

        async def answer(message: Message) -> None:
            if message["type"] == "http.response.start" and private:
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                message = dict(message, headers=[*headers, (b"cache-control", b"no-store")])
            elif message["type"] == "http.response.body" and head:
                message = dict(message, body=b"", more_body=message.get("more_body", False))
            await send(message)

        await self.app(scope, receive, answer)


def client_address(request: Request, trusted_proxies: frozenset[str]) -> str | None:
    """The address of the client: the peer, or, when the peer is a trusted proxy, the last address
    in ``X-Forwarded-For`` that is not a trusted proxy (anything left of it the client could forge)."""
    peer = request.client.host if request.client else None
    if peer is None or peer not in trusted_proxies:
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted_proxies:
            return hop[:64]
    return peer

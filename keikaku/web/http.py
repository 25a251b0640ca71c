"""HTTP details every route shares, as one ASGI layer: HEAD answers, and staff pages kept out of caches.

FastAPI registers a GET route for GET only, so ``HEAD /`` answered 405; HTTP says a server that
answers GET answers HEAD with the same headers and no body. Pages that show a signed-in user's
view (``/staff``, ``/login``, ``/logout``) carry ``Cache-Control: no-store``, so that a shared
computer or a proxy never keeps a copy of drafts.
"""

from __future__ import annotations

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

"""A real SMTP server for the tests that send mail: aiosmtpd listening on 127.0.0.1 at a free port,
keeping every mail it receives.

``inbox`` is the fixture (one server a test); ``serving`` runs one for a wider scope, or a server
that answers otherwise (a subclass of ``Inbox`` with more of aiosmtpd's hooks).
"""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


@dataclass
class Inbox:
    """What the SMTP server received: (envelope sender, recipients, parsed message) per mail."""

    port: int
    received: list[tuple[str, list[str], email.message.EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 - aiosmtpd's hook
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    def mails(self) -> list[tuple[list[str], str, str]]:
        """(recipients, subject, body) of every mail received, in order."""
        return [(rcpt, str(msg["Subject"]), msg.get_content()) for _sender, rcpt, msg in self.received]


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def serving(box: Inbox) -> Iterator[Inbox]:
    """The SMTP server of ``box`` listening on its port until the block ends."""
    controller = Controller(box, hostname=HOST, port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with serving(Inbox(free_port())) as box:
        yield box

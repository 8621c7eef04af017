"""Fixtures for the reminders: deadlines on sample cases, a fixed day, a throwaway SMTP server."""
from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from casework.core.deadlines import Deadline
from casework.extensions import db
from casework.reminders.models import Notification

TODAY = date(2027, 3, 10)  # the controllable clock: every job here is run "as of" a given day


@pytest.fixture
def add_deadline() -> Callable[..., Deadline]:
    def add(case, due_on: date, label: str = "State observations due", kind: str = "observations") -> Deadline:
        deadline = Deadline(case_id=case.id, kind=kind, label=label, due_on=due_on, original_due_on=due_on)
        db.session.add(deadline)
        db.session.commit()
        return deadline

    return add


def notifications_of(user) -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)))


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for smtplib to deliver a message: a real conversation."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 test SMTP ready")
        envelope: dict = {"rcpt": []}
        while line := self.rfile.readline().decode().rstrip("\r\n"):
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 test")
            elif verb == "MAIL":
                envelope["from"] = line.split(":", 1)[1].strip()
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["rcpt"].append(line.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go ahead")
                data = []
                while (chunk := self.rfile.readline().decode()) not in (".\r\n", ""):
                    data.append(chunk)
                envelope["data"] = "".join(data)
                self.server.received.append(envelope)
                envelope = {"rcpt": []}
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


class SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.received: list[dict] = []


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    server = SMTPServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_config(app) -> Iterator[Callable[[int], None]]:
    """Configure SMTP for one test (the app is shared by the session, so put it back after)."""
    saved = {key: app.config.get(key) for key in ("SMTP_HOST", "SMTP_PORT", "SMTP_STARTTLS", "SMTP_FROM")}

    def configure(port: int) -> None:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False,
                          SMTP_FROM="casework@ohchr.example.org")

    yield configure
    app.config.update(saved)

"""Mail is queued with the change and delivered after commit; a broken SMTP server loses nothing."""

from __future__ import annotations

import smtplib

import sqlalchemy as sa

from marketplace.core import mail
from marketplace.core.models import OutboundMail


class BrokenSender:
    transport = "smtp"

    def send(self, message):
        raise smtplib.SMTPConnectError(421, "service not available")


class RecordingSender:
    transport = "smtp"

    def __init__(self):
        self.sent = []

    def send(self, message):
        self.sent.append((message.recipient, message.subject))


def test_failed_delivery_stays_pending_then_succeeds(session):
    queued = mail.queue(session, "a@example.com", "主题", "正文")
    session.flush()
    assert mail.deliver(session, mail.take_queued(session), BrokenSender()) == 0
    assert queued.status == "pending" and queued.attempts == 1 and "421" in queued.last_error
    recorder = RecordingSender()
    assert mail.deliver(session, mail.pending(session), recorder) == 1
    assert queued.status == "sent" and recorder.sent == [("a@example.com", "主题")]


def test_gives_up_after_five_attempts(session):
    queued = mail.queue(session, "b@example.com", "s", "b")
    session.flush()
    for _ in range(5):
        mail.deliver(session, [queued], BrokenSender())
    assert queued.status == "failed"
    assert (
        session.scalar(sa.select(sa.func.count(OutboundMail.id)).where(OutboundMail.status == "pending")) == 0
    )


def test_smtp_sender_is_chosen_only_when_configured():
    assert isinstance(mail.sender_for({"MAIL_SERVER": ""}), mail.LogSender)
    smtp = mail.sender_for({"MAIL_SERVER": "smtp.example.com", "MAIL_DEFAULT_SENDER": "n@example.com"})
    assert isinstance(smtp, mail.SMTPSender) and smtp.host == "smtp.example.com"

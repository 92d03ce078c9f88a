"""Outgoing mail: queued in the transaction, delivered after commit by a pluggable sender.

``SMTPSender`` is used when ``MAIL_SERVER`` is configured; otherwise ``LogSender`` writes the mail
to the log, and the queued rows stay readable in the admins' dev mailbox page.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session

from marketplace.core.models import OutboundMail
from marketplace.db import utcnow

log = logging.getLogger("marketplace.mail")

_QUEUED_KEY = "marketplace.queued_mail"


class MailSender(Protocol):
    transport: str

    def send(self, mail: OutboundMail) -> None:
        """Deliver one mail or raise."""


class LogSender:
    transport = "log"

    def send(self, mail: OutboundMail) -> None:
        log.info("mail to %s: %s\n%s", mail.recipient, mail.subject, mail.body)


class SMTPSender:
    transport = "smtp"

    def __init__(self, config: Mapping[str, Any]):
        self.host = config["MAIL_SERVER"]
        self.port = int(config.get("MAIL_PORT", 587))
        self.username = config.get("MAIL_USERNAME") or ""
        self.password = config.get("MAIL_PASSWORD") or ""
        self.use_tls = bool(config.get("MAIL_USE_TLS", True))
        self.sender = config["MAIL_DEFAULT_SENDER"]

    def send(self, mail: OutboundMail) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = mail.recipient
        message["Subject"] = mail.subject
        message.set_content(mail.body)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            if self.use_tls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(message)


def sender_for(config: Mapping[str, Any]) -> MailSender:
    return SMTPSender(config) if config.get("MAIL_SERVER") else LogSender()


def queue(session: Session, recipient: str, subject: str, body: str) -> OutboundMail:
    """Queue a mail in the current transaction; it is delivered only if the transaction commits."""
    mail = OutboundMail(recipient=recipient, subject=subject, body=body)
    session.add(mail)
    session.info.setdefault(_QUEUED_KEY, []).append(mail)
    return mail


def take_queued(session: Session) -> list[OutboundMail]:
    """Mails queued through ``session`` since the last call (used by the commit edge)."""
    return session.info.pop(_QUEUED_KEY, [])


def deliver(session: Session, mails: list[OutboundMail], sender: MailSender) -> int:
    """Try to deliver the given mails; failures stay pending with their error. Returns the number sent."""
    sent = 0
    for mail in mails:
        mail.attempts += 1
        try:
            sender.send(mail)
        except Exception as exc:  # noqa: BLE001 - any transport failure leaves the mail pending
            log.warning("mail %s to %s not delivered: %s", mail.id, mail.recipient, exc)
            mail.last_error = str(exc)[:2000]
            if mail.attempts >= 5:
                mail.status = "failed"
            continue
        mail.status = "sent"
        mail.transport = sender.transport
        mail.sent_at = utcnow()
        sent += 1
    return sent


def pending(session: Session) -> list[OutboundMail]:
    return list(session.scalars(sa.select(OutboundMail).where(OutboundMail.status == "pending")))

"""The e-mail settings' one fallback: production without an SMTP server sends nothing, and says so."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

MAIL_NOT_CONFIGURED = (
    "E-mail er ikke sat op: sæt SUNDHEDSAFTALE_EMAIL_HOST (og SUNDHEDSAFTALE_BASE_URL) for at sende påmindelser "
    "(docs/deploy.md)"
)


class MailNotConfigured(RuntimeError):
    pass


class RefusingBackend(BaseEmailBackend):
    """Production's backend when no SMTP server is set: every send fails loudly instead of vanishing (the
    console backend would print mail into the server log; ADR 0034)."""

    def send_messages(self, email_messages: Sequence[EmailMessage], **kwargs: Any) -> int:
        if email_messages:
            raise MailNotConfigured(MAIL_NOT_CONFIGURED)
        return 0

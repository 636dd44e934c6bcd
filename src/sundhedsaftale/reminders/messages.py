"""One e-mail per reader and run: the new reminders, each with a link to the page where the reader acts, in the
reader's language (Danish, or English), as plain text and HTML."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sundhedsaftale.accounts.models import User

from .models import ReminderKind
from .sources import Candidate


def absolute_url(path: str) -> str:
    """``path`` on the platform's public address (``SUNDHEDSAFTALE_BASE_URL``)."""
    return f"{settings.SUNDHEDSAFTALE_BASE_URL.rstrip('/')}{path}"


def reminder_message(
    *,
    user: User,
    items: Sequence[Candidate],
    language: str,
    connection: BaseEmailBackend | None = None,
) -> EmailMultiAlternatives:
    with translation.override(language):
        context: dict[str, Any] = {
            "user": user,
            "language": language,
            "name": user.get_full_name() or user.get_username(),
            "groups": _grouped(items),
            "preferences_url": absolute_url(reverse("reminders:preferences")),
        }
        subject = ngettext(
            "Sundhedsaftale: %(count)d påmindelse", "Sundhedsaftale: %(count)d påmindelser", len(items)
        ) % {"count": len(items)}
        text = render_to_string("reminders/email/reminders.txt", context)
        html = render_to_string("reminders/email/reminders.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email], connection=connection)
    message.attach_alternative(html, "text/html")
    return message


def _grouped(items: Sequence[Candidate]) -> list[dict[str, Any]]:
    groups = []
    for kind in ReminderKind:
        of_kind = [i for i in items if i.kind == kind]
        if of_kind:
            groups.append(
                {
                    "label": kind.label,
                    "items": [
                        {"item": i, "url": absolute_url(i.path), "action": _action(kind)} for i in of_kind
                    ],
                }
            )
    return groups


def _action(kind: ReminderKind) -> str:
    return {
        ReminderKind.DEADLINE_APPROACHING: _("Se fristen og registrér, når den er udført"),
        ReminderKind.DEADLINE_PASSED: _("Se fristen og registrér, når den er udført"),
        ReminderKind.MEETING_PLANNED: _("Se mødet"),
        ReminderKind.MEETING_CANCELLED: _("Se mødet"),
        ReminderKind.HEARING: _("Se høringen"),
        ReminderKind.STATUS_REPORT: _("Se statusrapporten"),
        ReminderKind.CATALOGUE: _("Se tiltaget i vidensdelingskataloget"),
    }[kind]

"""The demo's publications (ADR 0042): what the national demo has published, so the portal has something to show.

Every body of the demo is published by its secretariat (members and meeting dates), and Sundhedsstyrelsen's
approval letter of each approved agreement of the 2024–2027 period is issued and – where the agreement's records
name the authority's publication – published. Safe to run again: what exists is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser

from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.governance.models import Body
from sundhedsaftale.review.actions import ReviewInvalid, recorded_approval_letter_issue
from sundhedsaftale.review.models import LetterKind

from .actions import body_publish
from .models import BodyPublication


def demo_publications_ensure(today: dt.date) -> None:
    published = set(BodyPublication.objects.values_list("body_id", flat=True))
    for body in Body.objects.exclude(pk__in=published).order_by("pk"):
        body_publish(actor=None, body_key=body.key, expected_version=body.version, on=today, system=True)
    # Letters under bek. nr. 1248/2022 only: the assessment's rules do not reach an approval under the order before.
    approved = HealthAgreement.objects.filter(
        decisions__kind="approved", legal_basis="bek-1248-2022"
    ).exclude(issued_letters__kind=LetterKind.APPROVAL)
    for row in approved.distinct().order_by("key"):
        try:
            recorded_approval_letter_issue(actor=AnonymousUser(), agreement_key=row.key, system=True)
        except ReviewInvalid:
            continue

"""Frozen agreement versions and issued letters hold in the database itself, on SQLite and PostgreSQL alike:
no queryset ``update()`` or ``delete()``, no raw SQL changes what was submitted or sent (ADR 0016)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement, Submission, VersionState
from sundhedsaftale.review.models import IssuedLetter

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7 the letter as sent"


@pytest.fixture
def agreement(registry) -> HealthAgreement:
    return HealthAgreement.objects.create(
        key="sjaelland-2024", region_id="1085", title="Sundhedsaftale 2024–2027", election_period_start=2022
    )


def _version(agreement: HealthAgreement, number: int, state: VersionState) -> AgreementVersion:
    return AgreementVersion.objects.create(
        agreement=agreement, number=number, label=f"{number}.0", content={"vision": "Sammen"}, state=state
    )


@pytest.fixture
def letter(agreement) -> IssuedLetter:
    sent = _version(agreement, 1, VersionState.SUBMITTED)
    submission = Submission.objects.create(
        agreement=agreement, agreement_version=sent, submitted_on=dt.date(2024, 2, 1)
    )
    return IssuedLetter.objects.create(
        agreement=agreement,
        submission=submission,
        kind="receipt",
        letter_date=dt.date(2024, 2, 5),
        pdf=PDF,
        docx=b"PK docx",
    )


def _refused(action) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def _raw(sql: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _versions(pk: int):  # type: ignore[no-untyped-def]
    return AgreementVersion.objects.filter(pk=pk)


@pytest.mark.parametrize(
    "change",
    [
        {"content": {"vision": "Ændret bagefter"}},
        {"label": "9.9"},
        {"effective_date": dt.date(2030, 1, 1)},
        {"note": "rettet"},
        {"number": 7},
        {"state": VersionState.DRAFT},
    ],
    ids=lambda change: next(iter(change)),
)
def test_submitted_version_refuses_queryset_update(agreement, change) -> None:
    version = _version(agreement, 1, VersionState.SUBMITTED)
    _refused(lambda: _versions(version.pk).update(**change))
    stored = AgreementVersion.objects.get(pk=version.pk)
    assert (stored.content, stored.label, stored.state) == ({"vision": "Sammen"}, "1.0", "submitted")


def test_submitted_version_refuses_delete_and_raw_sql(agreement) -> None:
    version = _version(agreement, 1, VersionState.SUBMITTED)
    _refused(lambda: _versions(version.pk).delete())
    _refused(lambda: _raw("DELETE FROM agreements_agreementversion WHERE id = %s", version.pk))
    _refused(lambda: _raw("UPDATE agreements_agreementversion SET label = 'x' WHERE id = %s", version.pk))
    assert AgreementVersion.objects.get(pk=version.pk).label == "1.0"


def test_submitted_version_may_only_be_published_and_then_stays(agreement) -> None:
    version = _version(agreement, 1, VersionState.SUBMITTED)
    assert _versions(version.pk).update(state=VersionState.PUBLISHED) == 1
    _refused(lambda: _versions(version.pk).update(state=VersionState.SUBMITTED))
    _refused(lambda: _versions(version.pk).update(content={}))
    _refused(lambda: _versions(version.pk).delete())
    assert AgreementVersion.objects.get(pk=version.pk).state == VersionState.PUBLISHED


def test_draft_version_stays_free(agreement) -> None:
    version = _version(agreement, 1, VersionState.DRAFT)
    assert _versions(version.pk).update(content={"vision": "Nyt udkast"}, label="1.1") == 1
    assert _versions(version.pk).update(state=VersionState.SUBMITTED) == 1
    draft = _version(agreement, 2, VersionState.DRAFT)
    assert _versions(draft.pk).delete()[0] == 1


def _letters(pk: int):  # type: ignore[no-untyped-def]
    return IssuedLetter.objects.filter(pk=pk)


@pytest.mark.parametrize(
    "change",
    [
        {"pdf": b"%PDF-1.7 another letter"},
        {"docx": b"PK other"},
        {"kind": "approval"},
        {"reference": "SST-2024-1"},
        {"letter_date": dt.date(2024, 3, 1)},
        {"issued_by": None, "reference": "x"},
    ],
    ids=lambda change: "+".join(change),
)
def test_issued_letter_refuses_queryset_update(letter, change) -> None:
    _refused(lambda: _letters(letter.pk).update(**change))
    assert bytes(IssuedLetter.objects.get(pk=letter.pk).pdf) == PDF


def test_issued_letter_refuses_delete_and_raw_sql(letter) -> None:
    _refused(lambda: _letters(letter.pk).delete())
    _refused(lambda: _raw("DELETE FROM review_issuedletter"))
    _refused(lambda: _raw("UPDATE review_issuedletter SET kind = 'approval'"))
    assert IssuedLetter.objects.filter(pk=letter.pk).exists()


def test_issued_letter_is_published_once(letter) -> None:
    assert _letters(letter.pk).update(published_on=dt.date(2024, 2, 10)) == 1
    _refused(lambda: _letters(letter.pk).update(published_on=dt.date(2024, 2, 11)))
    _refused(lambda: _letters(letter.pk).update(published_on=None))
    assert IssuedLetter.objects.get(pk=letter.pk).published_on == dt.date(2024, 2, 10)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.parametrize("table", ["review_issuedletter", "agreements_agreementversion"])
def test_truncate_is_refused(letter, table) -> None:
    # The rows above were inserted in this test's transaction: check their deferred foreign keys first, as
    # PostgreSQL will not truncate with checks pending, so the trigger is what answers.
    _raw("SET CONSTRAINTS ALL IMMEDIATE")
    _refused(lambda: _raw(f"TRUNCATE {table} CASCADE"))
    assert IssuedLetter.objects.filter(pk=letter.pk).exists()

"""The agreement's recorded scope in the content editor: a part marked "ikke registreret i denne sag" gives no
conclusion; a recorded part that is empty means "none" and is judged (ADR 0012; afsnit 2.1 and 5.1)."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from sundhedsaftale.agreements.actions import agreement_create
from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement
from sundhedsaftale.core.case import AgreementContent, ContentPart
from sundhedsaftale.web.cases import region_findings

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(sjaelland, users) -> str:
    row = agreement_create(
        actor=users["sjaelland"],
        region_code=sjaelland,
        title="Sundhedsaftale 2024–2027",
        election_period_start=2022,
    )
    return row.key


def _newest(key: str) -> AgreementVersion:
    version = AgreementVersion.objects.filter(agreement__key=key).order_by("-number").first()
    assert version is not None
    return version


def _scope(client, key: str, parts: list[str]):
    return client.post(
        reverse("agreements:content_scope", args=[key]),
        {"version": HealthAgreement.objects.get(key=key).version, "unrecorded": parts},
    )


def _cluster_goals_status(key: str) -> str:
    (finding,) = [
        f
        for f in region_findings("1085", dt.date(2026, 11, 23))
        if f.rule_id == "vurdering.klyngemaal" and f.subject.id == key
    ]
    return finding.status.value


def test_afsnit_2_1_cluster_goals_not_recorded_give_no_conclusion_and_recorded_none_is_judged(
    login, key
) -> None:
    client = login("sjaelland")
    response = _scope(client, key, ["cluster_goals", "attachments"])
    assert response.status_code == 302
    content = AgreementContent.model_validate(_newest(key).content)
    assert content.unrecorded == (ContentPart.CLUSTER_GOALS, ContentPart.ATTACHMENTS)
    assert _cluster_goals_status(key) == "not_recorded"
    overview = html.unescape(client.get(reverse("agreements:content_edit", args=[key])).content.decode())
    assert "Ikke registreret i denne sag." in overview
    document = html.unescape(
        client.get(f"/aftaler/{key}/version/{_newest(key).number}.html").content.decode()
    )
    assert "Ikke registreret i denne sag" in document

    assert _scope(client, key, []).status_code == 302
    assert AgreementContent.model_validate(_newest(key).content).unrecorded == ()
    assert _cluster_goals_status(key) == "not_met"  # recorded and empty: no cluster has goals
    document = html.unescape(
        client.get(f"/aftaler/{key}/version/{_newest(key).number}.html").content.decode()
    )
    assert "Ikke registreret i denne sag" not in document


def test_a_scope_change_from_a_stale_page_is_a_conflict(login, key) -> None:
    client = login("sjaelland")
    stale = HealthAgreement.objects.get(key=key).version
    assert _scope(client, key, ["attachments"]).status_code == 302
    count = AgreementVersion.objects.filter(agreement__key=key).count()
    response = client.post(
        reverse("agreements:content_scope", args=[key]), {"version": stale, "unrecorded": ["cluster_goals"]}
    )
    assert response.status_code == 200
    assert "ændret" in html.unescape(response.content.decode())
    assert AgreementVersion.objects.filter(agreement__key=key).count() == count


def test_only_the_regions_secretariat_edits_the_scope(login, key) -> None:
    for username in ("hovedstaden", "medlem", "sst"):
        assert _scope(login(username), key, ["attachments"]).status_code == 403

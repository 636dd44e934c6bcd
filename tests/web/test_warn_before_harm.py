"""Warn before harm: a change that would leave a requirement unmet is shown before it is saved (ADR 0039)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.governance.models import Membership
from sundhedsaftale.web.cases import case_import
from sundhedsaftale.web.platform import platform

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)
BODY = "sjaelland-holbaek-political"
GP_RULE = "klynge.politisk.almen-praksis"


@pytest.fixture
def demo(registry) -> None:
    (case,) = [c for c in build_national_demo(platform().reference, today=TODAY) if c.region.code == "1085"]
    case_import(case=case, actor=None, system=True)


def third_gp(**extra: str) -> dict[str, str]:
    return {
        "new_name": "Mette Hansen",
        "new_email": "",
        "new_organisation": "PLO Sjælland",
        "role": "general_practitioner",
        "appointed_by": "plo",
        "start": "2026-01-01",
        **extra,
    }


def _gps() -> int:
    return Membership.objects.filter(body__key=BODY, role="general_practitioner", end__isnull=True).count()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_a_third_general_practitioner_is_warned_of_with_section_3_quoted_and_nothing_is_saved(
    login, demo
) -> None:
    assert _gps() == 2
    audit_rows = AuditEntry.objects.count()
    page = login("sjaelland").post(f"/organer/{BODY}/medlemmer/ny/", third_gp())
    assert page.status_code == 200
    html = page.content.decode()
    assert "data-harm-warning" in html
    assert f'data-rule="{GP_RULE}"' in html
    text = _text(html)
    assert "Praktiserende læger i klyngens politiske niveau" in text
    assert "§ 3, stk. 1, nr. 3" in text
    # The provision quoted in its own words (§ 3, stk. 1, nr. 3: two GPs appointed by PLO).
    assert "2 praktiserende læger udpeget af Praktiserende Lægers Organisation (PLO)" in text
    assert "Gem alligevel" in text
    assert "Fortryd" in text
    assert _gps() == 2
    assert AuditEntry.objects.count() == audit_rows
    assert not Membership.objects.filter(person__name="Mette Hansen").exists()


def test_confirming_the_warning_saves_and_the_message_names_the_broken_requirement(login, demo) -> None:
    client = login("sjaelland")
    saved = client.post(f"/organer/{BODY}/medlemmer/ny/", third_gp(gem_alligevel="1"), follow=True)
    assert saved.status_code == 200
    assert _gps() == 3
    assert AuditEntry.objects.filter(action="membership_add").count() == 1
    html = saved.content.decode()
    assert "alert-success" not in html
    assert "alert-warning" in html
    assert (
        "Medlemmet er tilføjet. Dette krav er nu ikke opfyldt: «Praktiserende læger i klyngens politiske niveau»"
        in (_text(html))
    )


def test_cancelling_the_warning_saves_nothing(login, demo) -> None:
    client = login("sjaelland")
    warned = client.post(f"/organer/{BODY}/medlemmer/ny/", third_gp()).content.decode()
    cancel = re.search(r'<a class="button button-secondary" href="([^"]+)">Fortryd</a>', warned)
    assert cancel is not None
    assert cancel.group(1) == f"/organer/{BODY}/"
    assert client.get(cancel.group(1)).status_code == 200
    assert _gps() == 2


def test_a_change_that_breaks_nothing_is_saved_at_once_with_a_plain_message(login, demo) -> None:
    client = login("sjaelland")
    gp = Membership.objects.filter(body__key=BODY, role="general_practitioner").order_by("key").first()
    assert gp is not None
    response = client.post(
        f"/organer/{BODY}/rediger/",
        {"name": "Sundhedsklyngen Holbæk – politisk niveau (omdøbt)", "version": gp.body.version},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-harm-warning" not in html
    assert "alert-success" in html


def test_ending_a_general_practitioners_membership_warns_before_section_3_is_broken(login, demo) -> None:
    client = login("sjaelland")
    gp = Membership.objects.filter(body__key=BODY, role="general_practitioner", end__isnull=True).first()
    assert gp is not None
    page = client.post(f"/medlemskaber/{gp.pk}/afslut/", {"end": "2026-11-30", "version": gp.version})
    assert page.status_code == 200
    assert f'data-rule="{GP_RULE}"' in page.content.decode()
    gp.refresh_from_db()
    assert gp.end is None
    confirmed = client.post(
        f"/medlemskaber/{gp.pk}/afslut/", {"end": "2026-11-30", "version": gp.version, "gem_alligevel": "1"}
    )
    assert confirmed.status_code == 302
    gp.refresh_from_db()
    assert gp.end == dt.date(2026, 11, 30)


def test_the_warning_in_english_gives_the_rule_title_in_english_and_the_law_as_danish_text(
    login, demo
) -> None:
    client = login("sjaelland")
    client.cookies["django_language"] = "en"
    text = _text(client.post(f"/organer/{BODY}/medlemmer/ny/", third_gp()).content.decode())
    assert "General practitioners in the cluster's political level" in text
    # The breach explained in English from the same facts (ADR 0051); the provision quoted stays Danish.
    assert "the record shows 3 general practitioners appointed by PLO (1 too many)" in text
    assert "(Danish text)" not in text
    assert "(Danish legal text)" in text

"""Findings entirely in English in English mode (ADR 0051): the lists, the national page, the export and the API
write each explanation in English from the same facts; Danish stays as it was, and the API is Danish unless
asked (``?lang=en`` or ``Accept-Language: en``)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from sundhedsaftale.governance.stored_findings import region_findings_plain

from .test_national import DAY, TODAY, demo  # noqa: F401  (demo: the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

COMMITTEE = "1085-committee"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
DA = {"HTTP_ACCEPT_LANGUAGE": "da"}


def _stored(rule_id: str, subject_id: str) -> dict:
    return next(
        f
        for f in region_findings_plain("1085", TODAY)
        if f["rule_id"] == rule_id and f["subject_id"] == subject_id
    )


def test_the_body_findings_list_in_english_writes_the_explanation_in_english(login) -> None:
    client = login("sjaelland")
    url = f"/organer/{COMMITTEE}/fund/?dato={DAY}&status=not_met"
    english = client.get(url, **EN).content.decode()
    danish = client.get(url, **DA).content.decode()
    assert "Sundhedssamarbejdsudvalget holdt kun 3 møder i 2025; mindst 4 kræves." in danish
    assert "The health cooperation committee held only 3 meetings in 2025; the minimum is 4." in english
    assert "holdt kun" not in english
    assert "(Danish text)" not in english


def test_the_export_in_english_has_english_columns_and_explanations(login) -> None:
    client = login("sjaelland")
    url = f"/organer/{COMMITTEE}/fund/?dato={DAY}&status=not_met&format=csv"
    rows = list(csv.reader(io.StringIO(client.get(url, **EN).content.decode("utf-8-sig")), delimiter=";"))
    danish = list(csv.reader(io.StringIO(client.get(url, **DA).content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-2:] == ["Explanation", "Evaluated on"]
    assert danish[0][-2:] == ["Forklaring", "Vurderet pr."]
    assert len(rows) == len(danish)
    meetings = next(r for r in rows if r[4] == "udvalg.moeder")
    assert meetings[9] == "The health cooperation committee held only 3 meetings in 2025; the minimum is 4."
    assert meetings[2] == "Not met"
    book = load_workbook(io.BytesIO(client.get(url.replace("csv", "xlsx"), **EN).content))
    assert book["Findings"]["J1"].value == "Explanation"


def test_the_api_is_danish_unless_english_is_asked_for(login) -> None:
    client = login("sjaelland")
    url = f"/api/v1/regions/1085/findings?at={DAY}&status=not_met"
    stored = _stored("udvalg.moeder", COMMITTEE)

    def meetings(response) -> dict:
        return next(f for f in response.json()["findings"] if f["rule_id"] == "udvalg.moeder")

    danish = meetings(client.get(url))
    assert danish["explanation"] == stored["explanation"]
    assert danish["explanation_language"] == "da"
    assert danish["status_label"] == "Ikke opfyldt"

    for english in (meetings(client.get(url + "&lang=en")), meetings(client.get(url, **EN))):
        assert english["explanation_language"] == "en"
        assert english["explanation"] == (
            "The health cooperation committee held only 3 meetings in 2025; the minimum is 4."
        )
        assert english["status_label"] == "Not met"
        assert english["rule_title"] == "Meetings of the health cooperation committee"
    # ?lang wins over the browser's language
    assert meetings(client.get(url + "&lang=da", **EN))["explanation"] == stored["explanation"]


def test_the_api_marks_the_laws_words_in_an_english_explanation(login) -> None:
    client = login("sjaelland")
    found = client.get(f"/api/v1/regions/1085/findings?at={DAY}&lang=en").json()["findings"]
    f = next(f for f in found if f["rule_id"] == "klynge.politisk.almen-praksis")
    assert f["explanation"].startswith(
        "Unless otherwise agreed (“hvor ikke andet aftales”), the political level"
    )
    assert "".join(p["text"] for p in f["explanation_parts"]) == f["explanation"]
    assert {"text": "hvor ikke andet aftales", "lang": "da"} in f["explanation_parts"]


def test_the_national_page_in_english_explains_what_is_not_met_in_english(login) -> None:
    client = login("sst")
    english = client.get(f"/landet/?dato={DAY}", **EN).content.decode()
    danish = client.get(f"/landet/?dato={DAY}", **DA).content.decode()
    assert "Sundhedssamarbejdsudvalget holdt kun 3 møder i 2025" in danish
    assert "The health cooperation committee held only 3 meetings in 2025" in english
    items = re.findall(r'<li class="mb-4" data-rule="[^"]*".*?</li>', english, re.S)
    assert items
    assert not [i for i in items if "(Danish text)" in i]

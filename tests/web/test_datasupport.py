"""Dashboards of the register indicators (issue 17, item 4; ADR 0049): the cluster and region pages with their
cards, charts, tables, marker, source and synthetic notice, the export of what is shown, the API twins, the
computation command, and the values flowing into a status report's success criteria ("Hent værdier").

Values are made by hand through ``run_store`` (the command's own storing step) so no test generates a register,
except the command's test, which computes a register of a few hundred residents.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import stat
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.actions import agreement_create
from sundhedsaftale.core.followup import StatusContent
from sundhedsaftale.datasupport.actions import RegisterRefused, run_store
from sundhedsaftale.datasupport.models import ComputationRun
from sundhedsaftale.datasupport.models import IndicatorValue as Kept
from sundhedsaftale.followup.actions import status_report_create
from sundhedsaftale.followup.models import StatusReport
from sundhedsaftale.indicators import IndicatorValue, national_geography
from sundhedsaftale.indicators.synth import generate

pytestmark = pytest.mark.django_db

CLUSTER = "sjaelland-holbaek"
REGION = "1085"
IND = "forebyggelige_indlaeggelser_65"


def _value(
    level: str, unit: str, period: str, num: int | None, den: int, *, suppressed: bool = False
) -> IndicatorValue:
    geo = national_geography()
    return IndicatorValue(
        IND, "Forebyggelige indlæggelser blandt ældre (65+)", level, unit, geo.name(level, unit), period, "alle",
        num, den, None if num is None else num / den * 1000, None, "per_1000", "[P]", suppressed=suppressed,
    )  # fmt: skip


def _store(*, synthetic: bool = True) -> ComputationRun:
    values = []
    for period, (c, r, k) in {"2023": (31, 410, 3100), "2024": (None, 400, 3000)}.items():
        values += [
            _value("klynge", CLUSTER, period, c, 1000, suppressed=c is None),
            _value("region", REGION, period, r, 20_000),
            _value("land", "DK", period, k, 150_000),
        ]
    return run_store(
        values,
        source="Syntetisk register (test)",
        synthetic=synthetic,
        register_fingerprint="ab" * 32,
        periods=["2023", "2024"],
    )


def _text(response) -> str:
    return html.unescape(response.content.decode())


# --- The cluster's dashboard ------------------------------------------------------------------------------


def test_cluster_page_shows_the_cluster_beside_its_region_and_the_country_with_marker_source_and_synthetic_notice(
    registry, login
) -> None:
    _store()
    response = login("medlem").get(reverse("datasupport:cluster", args=[CLUSTER]) + "?periode=2023")
    assert response.status_code == 200
    text = _text(response)
    assert "Syntetiske data" in text
    assert "Syntetisk register (test)" in text
    assert "Forebyggelige indlæggelser blandt ældre (65+)" in text
    assert '<span class="marker"' in text
    assert "[P]</span>" in text
    for name in ("Sundhedsklyngen Holbæk", "Region Sjælland", "Hele landet"):
        assert name in text
    # The chosen period's figures: the cluster's 31 per 1,000 (31 of 1,000 residents 65+).
    assert "31,0" in text or "31.0" in text
    # The trend: an accessible SVG with a title and a description, and a table with every period.
    assert 'role="img"' in text
    assert "<desc id=" in text
    assert "<title id=" in text
    # The definition is on the page, not only its name.
    assert "nine" in text or "code list" in text


def test_a_suppressed_count_is_shown_as_under_5_and_its_rate_is_not_shown(registry, login) -> None:
    _store()
    text = _text(login("medlem").get(reverse("datasupport:cluster", args=[CLUSTER]) + "?periode=2024"))
    assert "<5" in text
    # No stored row holds a count below the threshold.
    assert not Kept.objects.filter(numerator__lt=5).exists()


def test_storing_an_unsuppressed_small_count_is_refused_and_writes_nothing(registry) -> None:
    with pytest.raises(RegisterRefused, match="ikke undertrykt"):
        run_store(
            [_value("klynge", CLUSTER, "2024", 3, 1000)],
            source="x",
            synthetic=True,
            register_fingerprint="0" * 64,
            periods=["2024"],
        )
    assert not ComputationRun.objects.exists()


def test_region_page_lists_its_clusters_for_the_period(registry, login) -> None:
    _store()
    response = login("sst").get(reverse("datasupport:region", args=[REGION]) + "?periode=2023")
    assert response.status_code == 200
    text = _text(response)
    assert 'id="clusters"' in text
    assert "Sundhedsklyngen Holbæk" in text
    assert "Syntetiske data" in text


def test_without_a_computation_the_pages_say_so(registry, login) -> None:
    text = _text(login("medlem").get(reverse("datasupport:cluster", args=[CLUSTER])))
    assert "ikke beregnet" in text
    assert login("medlem").get(reverse("datasupport:cluster_export_csv", args=[CLUSTER])).status_code == 404


def test_the_public_is_sent_to_log_in(registry, client) -> None:
    response = client.get(reverse("datasupport:cluster", args=[CLUSTER]))
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")


# --- Export of what is shown ------------------------------------------------------------------------------


def test_csv_export_holds_the_shown_units_with_under_5_source_date_and_synthetic_mark(
    registry, login
) -> None:
    run = _store()
    response = login("klynge").get(reverse("datasupport:cluster_export_csv", args=[CLUSTER]))
    assert response.status_code == 200
    assert "syntetiske-indikatorer" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {r["enhed_id"] for r in rows} == {CLUSTER, REGION, "DK"}
    suppressed = next(r for r in rows if r["enhed_id"] == CLUSTER and r["periode"] == "2024")
    assert suppressed["tæller"] == "<5"
    assert suppressed["værdi"] == ""
    assert all(r["kilde"] == "Syntetisk register (test)" for r in rows)
    assert all(r["syntetiske_data"].startswith("ja") for r in rows)
    assert {r["beregnet"] for r in rows} == {run.computed_at.date().isoformat()}
    assert {r["markør"] for r in rows} == {"[P]"}


def test_xlsx_export_of_the_region(registry, login) -> None:
    _store()
    response = login("medlem").get(reverse("datasupport:region_export_xlsx", args=[REGION]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert "kilde" in header
    assert "syntetiske_data" in header
    units = {row[header.index("enhed_id")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert units == {REGION, "DK"}


# --- API twins --------------------------------------------------------------------------------------------


def test_api_gives_the_clusters_values_with_source_date_and_synthetic_flag(registry, login) -> None:
    _store()
    response = login("medlem").get(f"/api/v1/clusters/{CLUSTER}/indicators?period=2024")
    assert response.status_code == 200
    data = response.json()
    assert data["synthetic"] is True
    assert data["source"] == "Syntetisk register (test)"
    assert data["period"] == "2024"
    cluster = next(v for v in data["values"] if v["level"] == "klynge" and v["period"] == "2024")
    assert cluster["numerator"] == "<5"
    assert cluster["value"] is None
    assert {v["unit_id"] for v in data["values"]} == {CLUSTER, REGION, "DK"}
    assert login("medlem").get("/api/v1/regions/1085/indicators").json()["values"]
    assert login("medlem").get("/api/v1/clusters/nowhere/indicators").status_code == 404


# --- The command ------------------------------------------------------------------------------------------


def _small_register(directory: Path) -> None:
    """A synthetic register of about 1,200 residents, one year: enough for some counts to pass suppression."""
    generate(
        directory, municipalities=national_geography().municipality_regions(), years=[2024], scale=0.0002
    )


def test_indicators_compute_keeps_suppressed_values_marked_synthetic_and_audited(
    registry, tmp_path: Path
) -> None:
    _small_register(tmp_path / "reg")
    out = io.StringIO()
    call_command("indicators_compute", str(tmp_path / "reg"), stdout=out, stderr=io.StringIO())
    run = ComputationRun.objects.get()
    assert run.synthetic
    assert run.periods == "2024"
    assert len(run.fingerprint) == 64
    assert run.values.count() == run.value_count > 0
    assert not run.values.filter(numerator__lt=5).exists()
    assert not run.values.filter(denominator__lt=5).exists()
    assert run.values.filter(suppressed=True, numerator__isnull=True).exists()
    assert "SYNTETISKE DATA" in out.getvalue()
    entry = AuditEntry.objects.get(action="indicators_compute")
    assert entry.after["fingerprint"] == run.fingerprint


def test_indicators_compute_reads_the_blocks_an_earlier_run_on_the_same_files_kept(
    registry, tmp_path: Path
) -> None:
    """ADR 0053: the second run on the same register reads the merged stays the first kept and gives the same
    values; --no-kept-blocks merges again; the folder is the platform's user's alone."""
    _small_register(tmp_path / "reg")
    said = []
    with override_settings(INDICATOR_BLOCKS_DIR=tmp_path / "kept"):
        for options in ({}, {}, {"no_kept_blocks": True}):
            err = io.StringIO()
            call_command(
                "indicators_compute", str(tmp_path / "reg"), stdout=io.StringIO(), stderr=err, **options
            )
            said.append("læst fra en tidligere beregning" in err.getvalue())
    assert said == [False, True, False]
    runs = list(ComputationRun.objects.order_by("pk"))

    def values(run: ComputationRun) -> list[tuple[object, ...]]:
        rows = run.values.values_list("indicator", "level", "unit_id", "period", "numerator", "denominator")
        return sorted(rows, key=repr)

    assert values(runs[0]) == values(runs[1]) == values(runs[2])
    assert stat.S_IMODE((tmp_path / "kept").stat().st_mode) == 0o700


def test_indicators_compute_stores_its_values_when_the_blocks_cannot_be_kept(
    registry, tmp_path: Path
) -> None:
    """Keeping is never a reason to fail: a folder that cannot be made is named in a warning."""
    _small_register(tmp_path / "reg")
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    err = io.StringIO()
    with override_settings(INDICATOR_BLOCKS_DIR=tmp_path / "a-file" / "kept"):
        call_command("indicators_compute", str(tmp_path / "reg"), stdout=io.StringIO(), stderr=err)
    assert f"Advarsel: {tmp_path / 'a-file' / 'kept'}: byggeklodserne kunne ikke bevares" in err.getvalue()
    assert ComputationRun.objects.get().value_count > 0


def test_indicators_compute_names_a_folder_without_a_register(registry, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="hospital_contact"):
        call_command("indicators_compute", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not ComputationRun.objects.exists()


# --- Success criteria and status reports ------------------------------------------------------------------


def _management(prefix: str, total: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def agreement(sjaelland, users, login) -> str:
    """An agreement whose success criterion was linked to the preventable admissions in the content editor."""
    row = agreement_create(
        actor=users["sjaelland"],
        region_code=sjaelland,
        title="Sundhedsaftale 2024–2027",
        election_period_start=2022,
    )
    client = login("sjaelland")
    form = client.get(reverse("agreements:content_item_add", args=[row.key, "maalsaetninger"]))
    assert f'value="{IND}"' in form.content.decode()  # the editor offers the defined indicators
    response = client.post(
        reverse("agreements:content_item_add", args=[row.key, "maalsaetninger"]),
        {
            "version": str(row.version),
            "id": "M1",
            "title": "Færre forebyggelige indlæggelser",
            "description": "",
            "note": "",
            **_management("sg", 1),
            "sg-0-id": "M1-d1",
            "sg-0-title": "Opsporing i eget hjem",
            "sg-0-description": "",
            **_management("sg0-sk", 2),
            "sg0-sk-0-text": "Færre forebyggelige indlæggelser blandt ældre",
            "sg0-sk-0-indicator": "Forebyggelige indlæggelser pr. 1.000 ældre",
            "sg0-sk-0-indicator_id": IND,
            "sg0-sk-1-text": "Flere opsporede",
        },
    )
    assert response.status_code == 302, _text(response)
    return row.key


def test_a_success_criterion_keeps_the_indicator_chosen_in_the_editor(agreement) -> None:
    from sundhedsaftale.agreements.models import AgreementVersion
    from sundhedsaftale.core.case import AgreementContent

    version = AgreementVersion.objects.filter(agreement__key=agreement).order_by("-number").first()
    content = AgreementContent.model_validate(version.content)
    criteria = content.overarching_goals[0].sub_goals[0].success_criteria
    assert [c.indicator_id for c in criteria] == [IND, ""]


def test_hent_vaerdier_fills_the_linked_criterion_with_the_regions_values_source_and_date(
    agreement, users, login
) -> None:
    run = _store()
    report = status_report_create(actor=users["sjaelland"], agreement_key=agreement, kind="midterm")
    client = login("sjaelland")
    edit = _text(client.get(reverse("followup:report_edit", args=[report.pk])))
    assert "Hent værdier" in edit
    url = reverse("datasupport:report_fetch_values", args=[report.pk])
    response = client.post(url, {"expected_version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    content = StatusContent.model_validate(report.content)
    [linked, other] = [c for item in content.items for c in item.criteria]
    assert other.values == ()
    assert [(v.value, v.unit, v.measured_on) for v in linked.values] == [
        ("20,5", "pr. 1.000", dt.date(2023, 12, 31)),
        ("20,0", "pr. 1.000", dt.date(2024, 12, 31)),
    ]
    source = linked.values[0].source
    assert "Syntetisk register (test)" in source
    assert "[P]" in source
    assert "Region Sjælland" in source
    assert run.computed_at.date().isoformat() in source
    # Fetching again replaces, it does not double; a stale page is refused.
    assert client.post(url, {"expected_version": report.version}).status_code == 302
    report.refresh_from_db()
    assert len(StatusContent.model_validate(report.content).items[1].criteria[0].values) == 2
    stale = client.post(url, {"expected_version": report.version - 1}, follow=True)
    assert "ændret af en anden" in _text(stale)
    assert AuditEntry.objects.filter(action="status_report_update", object_id=str(report.pk)).count() == 2


def test_hent_vaerdier_is_for_the_regions_secretariat(agreement, users, login) -> None:
    _store()
    report = status_report_create(actor=users["sjaelland"], agreement_key=agreement, kind="midterm")
    url = reverse("datasupport:report_fetch_values", args=[report.pk])
    assert login("hovedstaden").post(url, {"expected_version": report.version}).status_code == 403
    assert login("medlem").post(url, {"expected_version": report.version}).status_code == 403
    assert StatusReport.objects.get(pk=report.pk).version == report.version

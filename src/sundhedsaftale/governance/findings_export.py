"""A filtered list of findings as CSV or XLSX: one row per finding, the columns a secretariat works from.

Cells that a spreadsheet would run as a formula get a leading apostrophe (as in the case-file export), and
characters XML cannot hold become U+FFFD in the workbook.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import pgettext_lazy
from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Font  # type: ignore[import-untyped, unused-ignore]

from sundhedsaftale.interchange._csv import neutralise

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The columns in the page's language (the findings are given in it too: ADR 0051).
HEADER = (
    pgettext_lazy("fund-kolonne", "Region"),
    pgettext_lazy("fund-kolonne", "Område"),
    pgettext_lazy("fund-kolonne", "Status"),
    pgettext_lazy("fund-kolonne", "Art"),
    pgettext_lazy("fund-kolonne", "Regel"),
    pgettext_lazy("fund-kolonne", "Titel"),
    pgettext_lazy("fund-kolonne", "Emne"),
    pgettext_lazy("fund-kolonne", "Emne-id"),
    pgettext_lazy("fund-kolonne", "Hjemmel"),
    pgettext_lazy("fund-kolonne", "Forklaring"),
    pgettext_lazy("fund-kolonne", "Vurderet pr."),
)


def _explanation(f: Mapping[str, Any]) -> str:
    """The explanation as the page shows it: in English, a rule's explanation that exists only in Danish follows
    the fixed English sentence, marked as Danish text."""
    danish = f.get("explanation_danish")
    return f"{f['explanation']} {danish} (Danish text)" if danish else str(f["explanation"])


def _row(f: Mapping[str, Any], area_labels: dict[str, str]) -> list[str]:
    return [
        f["region_code"],
        area_labels.get(f.get("area", ""), f.get("area", "")),
        f["status_label"],
        f["kind_label"],
        f["rule_id"],
        f["rule_title"],
        f["subject_name"],
        f["subject_id"],
        "; ".join(f"{p['label']} ({p['source_short']})" for p in f["provisions"]),
        _explanation(f),
        f.get("evaluated_on", ""),
    ]


def findings_csv(findings: Sequence[Mapping[str, Any]], area_labels: dict[str, str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(h) for h in HEADER])
    for f in findings:
        writer.writerow([neutralise(str(v)) for v in _row(f, area_labels)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel reads the file as UTF-8


def _cell(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(value))


def findings_xlsx(findings: Sequence[Mapping[str, Any]], area_labels: dict[str, str]) -> bytes:
    book = Workbook()
    sheet: Any = book.active
    sheet.title = str(pgettext_lazy("fund-ark", "Fund"))
    sheet.append([str(h) for h in HEADER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for f in findings:
        sheet.append([_cell(str(v)) for v in _row(f, area_labels)])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

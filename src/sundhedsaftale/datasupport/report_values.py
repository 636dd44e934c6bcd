""" "Hent værdier": a status report's success criteria filled from the computed indicators (ADR 0049).

A success criterion of the agreement (``SuccessCriterion.indicator_id``) may name a defined indicator; the
report's criterion of the same text then takes the kept values of the agreement's region, one per period, each
with its source, marker and computation date, through the follow-up's own ``status_report_update`` (so the same
checks, version and audit row apply). Suppressed values are not taken: "<5" is no figure to follow.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.models import User
from sundhedsaftale.core.case import AgreementContent
from sundhedsaftale.core.errors import SundhedsaftaleError
from sundhedsaftale.core.followup import StatusContent
from sundhedsaftale.followup.actions import approved_version, status_report_update
from sundhedsaftale.followup.models import StatusReport

from .models import ComputationRun, IndicatorValue
from .selectors import UNIT_LABELS, latest_run

__all__ = ["ValuesRefused", "criterion_values", "report_values_fetch"]


class ValuesRefused(SundhedsaftaleError):
    """Nothing to fetch: no computed indicators, or no criterion names one."""


def _tag(indicator_id: str) -> str:
    return f"(indikator {indicator_id})"


def _figure(value: float) -> str:
    return (f"{value:.1f}" if abs(value) < 1000 else f"{value:.0f}").replace(".", ",")


def criterion_values(run: ComputationRun, indicator_id: str, region_code: str) -> list[dict[str, Any]]:
    """The region's kept values of one indicator as status report measurements (``core.followup.IndicatorValue``
    as data), oldest first; suppressed ones left out."""
    computed = timezone.localtime(run.computed_at).date()
    rows = IndicatorValue.objects.filter(
        run=run, indicator=indicator_id, level="region", unit_id=region_code, stratum="alle"
    ).order_by("period")
    out = []
    for r in rows:
        figure = r.standardised if r.standardised is not None else r.value
        if r.suppressed or figure is None or not r.period.isdigit():
            continue
        kind = _("standardiseret") if r.standardised is not None else _("rå")
        tail = (
            f"; {r.name} {r.marker}, {r.unit_name}, {kind}, {_('beregnet')} {computed.isoformat()} "
            f"{_tag(indicator_id)}"
        )
        out.append(
            {
                "value": _figure(figure),
                "unit": UNIT_LABELS.get(r.unit, r.unit),
                "source": run.source[: 300 - len(tail)] + tail,
                "measured_on": dt.date(int(r.period), 12, 31).isoformat(),
            }
        )
    return out


def report_values_fetch(*, actor: User | Any, report_pk: int, expected_version: int) -> int:
    """Fill the draft's criteria that the agreement links to an indicator; returns how many values were added.

    A value already fetched for the same indicator and date is replaced, not doubled; values entered by hand are
    kept as they are."""
    report = StatusReport.objects.select_related("agreement").get(pk=report_pk)
    run = latest_run()
    if run is None:
        raise ValuesRefused(_("Der er ikke beregnet indikatorer endnu (manage.py indicators_compute)."))
    source = approved_version(report.agreement)
    agreement = AgreementContent.model_validate(source.content if source else {})
    linked = {
        c.text: c.indicator_id
        for goal in agreement.overarching_goals
        for sub in goal.sub_goals
        for c in sub.success_criteria
        if c.indicator_id
    }
    if not linked:
        raise ValuesRefused(
            _(
                "Ingen succeskriterier i aftalen er knyttet til en beregnet indikator; vælg indikatoren ved "
                "succeskriteriet i aftalens indhold."
            )
        )
    content = StatusContent.model_validate(report.content).model_dump(mode="json")
    added = 0
    for item in content["items"]:
        for criterion in item["criteria"]:
            indicator_id = linked.get(criterion["text"])
            if not indicator_id:
                continue
            fetched = criterion_values(run, indicator_id, report.agreement.region_id)
            dates = {v["measured_on"] for v in fetched}
            kept = [
                v
                for v in criterion["values"]
                if not (v["measured_on"] in dates and v["source"].endswith(_tag(indicator_id)))
            ]
            added += len(kept) + len(fetched) - len(criterion["values"])
            criterion["values"] = sorted([*kept, *fetched], key=lambda v: v["measured_on"])
    status_report_update(actor=actor, report_pk=report.pk, expected_version=expected_version, content=content)
    return added

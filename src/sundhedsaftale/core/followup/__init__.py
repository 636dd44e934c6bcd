"""Follow-up on the agreement: the content of a midterm or final status and the progress it measures.

§ 22, stk. 1: "Sundhedssamarbejdsudvalget skal senest 2 år efter indsendelse af sundhedsaftalen, jf. § 21,
udarbejde en midtvejsstatus. Inden sundhedsaftalens udløb skal Sundhedssamarbejdsudvalget udarbejde en
afsluttende status på aftalens resultater." Kapitel 6 of the guidance adds that the final status "indeholder en
opfølgning på de igangsatte indsatser og en status på opfyldelse af de fastlagte målsætninger, herunder
midtvejsstatus", and that relevant data should be included "så vidt muligt".

A report has one item per overarching goal and per sub-goal of the agreement's content (``AgreementContent``),
each with its status, what was done, the next steps and, for a sub-goal, one entry per success criterion with the
indicator values measured over time. Progress against a criterion is computed only when its baseline, its target
and the measured value are all numbers; otherwise there is none, and :func:`progress` says why.

Framework-free: no database, no clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..periods import PLATFORM_FIRST_DAY, PLATFORM_LAST_DAY

if TYPE_CHECKING:
    # The case carries status reports with this content, so the case is not imported at run time here.
    from .. import Platform
    from ..case import AgreementContent, HealthAgreement, RegionCase, StatusReportKind

__all__ = [
    "CriterionStatus",
    "Deadline",
    "GoalState",
    "IndicatorValue",
    "Progress",
    "ReportItem",
    "StatusContent",
    "carried_forward",
    "number",
    "progress",
    "report_deadlines",
    "skeleton",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class GoalState(StrEnum):
    ON_TRACK = "on_track"
    PARTLY = "partly"
    NOT_ON_TRACK = "not_on_track"
    DONE = "done"

    @property
    def label(self) -> str:
        return {
            "on_track": "På rette vej",
            "partly": "Delvist på rette vej",
            "not_on_track": "Ikke på rette vej",
            "done": "Opfyldt",
        }[self.value]


class IndicatorValue(_Model):
    """One measurement of a criterion's indicator: the value, its unit, where it comes from and when it was
    measured (kapitel 6: "relevante data")."""

    value: str = Field(min_length=1, max_length=40, description="Målt værdi")
    unit: str = Field(default="", max_length=40, description="Enhed, fx '%' eller 'pr. 1.000 borgere'")
    source: str = Field(min_length=1, max_length=300, description="Datakilde")
    measured_on: dt.date = Field(ge=PLATFORM_FIRST_DAY, le=PLATFORM_LAST_DAY, description="Målt pr.")


class CriterionStatus(_Model):
    """A success criterion of a sub-goal and what has been measured against it."""

    text: str = Field(
        min_length=1, max_length=1000, description="Succeskriteriet, som aftalen formulerer det"
    )
    indicator: str = Field(default="", max_length=1000)
    baseline: str = Field(
        default="", max_length=40, description="Udgangsværdi (tal, hvis udvikling skal beregnes)"
    )
    target: str = Field(default="", max_length=40, description="Målværdi (tal, hvis udvikling skal beregnes)")
    values: tuple[IndicatorValue, ...] = Field(default=(), max_length=200)

    def ordered(self) -> tuple[IndicatorValue, ...]:
        return tuple(sorted(self.values, key=lambda v: v.measured_on))


class ReportItem(_Model):
    """The status of an overarching goal (``sub_goal_id`` empty) or of one of its sub-goals."""

    goal_id: str = Field(min_length=1, max_length=100)
    sub_goal_id: str = Field(default="", max_length=100)
    title: str = Field(min_length=1, max_length=500)
    status: GoalState | None = None
    done: str = Field(default="", max_length=5000, description="Hvad er gjort")
    next_steps: str = Field(default="", max_length=5000, description="Næste skridt")
    criteria: tuple[CriterionStatus, ...] = Field(default=(), max_length=50)

    @property
    def key(self) -> str:
        return f"{self.goal_id}/{self.sub_goal_id}" if self.sub_goal_id else self.goal_id


class StatusContent(_Model):
    summary: str = Field(default="", max_length=5000, description="Sammenfatning")
    items: tuple[ReportItem, ...] = Field(default=(), max_length=300)

    @model_validator(mode="after")
    def _one_item_per_goal(self) -> StatusContent:
        seen: set[str] = set()
        for index, item in enumerate(self.items):
            if item.key in seen:
                raise ValueError(f"items[{index}]: målet '{item.key}' står mere end én gang i rapporten")
            seen.add(item.key)
        return self

    def missing_status(self) -> list[str]:
        """The goals and sub-goals without a status (a report is not sent with them)."""
        return [item.title for item in self.items if item.status is None]


def skeleton(content: AgreementContent) -> StatusContent:
    """An empty report with an item for every overarching goal and sub-goal of the agreement, in its order, and
    the sub-goals' success criteria with the indicator and target the agreement states."""
    items: list[ReportItem] = []
    for goal in content.overarching_goals:
        items.append(ReportItem(goal_id=goal.id, title=goal.title))
        for sub in goal.sub_goals:
            items.append(
                ReportItem(
                    goal_id=goal.id,
                    sub_goal_id=sub.id,
                    title=sub.title,
                    criteria=tuple(
                        CriterionStatus(
                            text=c.text,
                            indicator=c.indicator,
                            target=_plain_number(c.target),
                        )
                        for c in sub.success_criteria
                    ),
                )
            )
    return StatusContent(items=tuple(items))


def carried_forward(earlier: StatusContent, content: AgreementContent) -> StatusContent:
    """The final status pre-filled from the midterm (kapitel 6: "herunder midtvejsstatus"): every goal of the
    agreement, with what the midterm said about it and every value measured so far kept."""
    before = {item.key: item for item in earlier.items}
    items: list[ReportItem] = []
    for item in skeleton(content).items:
        old = before.get(item.key)
        if old is None:
            items.append(item)
            continue
        criteria = {c.text: c for c in old.criteria}
        items.append(
            old.model_copy(
                update={
                    "title": item.title,
                    "criteria": tuple(criteria.get(c.text, c) for c in item.criteria),
                }
            )
        )
    return StatusContent(summary=earlier.summary, items=tuple(items))


_NUMBER = re.compile(r"^[-−]?\d+(?:[.,]\d+)?$")


def number(text: str) -> float | None:
    """A figure as written in Danish or English ("12,5", "12.5", "-3"); None when it is not a plain number."""
    cleaned = text.strip().replace(" ", "").replace("−", "-").removesuffix("%")
    if not cleaned or not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))


def _plain_number(text: str) -> str:
    return text.strip() if number(text) is not None else ""


@dataclass(frozen=True)
class Progress:
    """How far a measured value has come from the baseline towards the target, in per cent; or why not."""

    percent: float | None
    reason: str = ""

    @property
    def text(self) -> str:
        if self.percent is None:
            return f"Ikke beregnet: {self.reason}"
        return f"{self.percent:.0f} %".replace(".", ",")


NOT_NUMERIC = "udgangsværdi, mål og målt værdi er ikke alle tal"
NO_DISTANCE = "udgangsværdi og mål er ens"


def progress(criterion: CriterionStatus, value: IndicatorValue) -> Progress:
    """(value − baseline) / (target − baseline), in per cent: 0 at the baseline, 100 at the target, above 100
    beyond it, negative when the value moved away from the target. The same formula serves a target below the
    baseline (a rate to bring down)."""
    start, goal, measured = number(criterion.baseline), number(criterion.target), number(value.value)
    if start is None or goal is None or measured is None:
        return Progress(None, NOT_NUMERIC)
    if goal == start:
        return Progress(None, NO_DISTANCE)
    return Progress(round((measured - start) / (goal - start) * 100, 1))


@dataclass(frozen=True)
class Deadline:
    label: str
    citation: str
    day: dt.date


def report_deadlines(
    platform: Platform, case: RegionCase, agreement: HealthAgreement, kind: StatusReportKind, at: dt.date
) -> list[Deadline]:
    """The deadlines the legal calendar computes for a report, each reading of the rules with its citation: the
    midterm status after § 22, stk. 1 (2 years after submission) and after kapitel 6 (2 years into the period);
    the final status after kapitel 6 (half a year before expiry)."""
    from ..case import StatusReportKind
    from ..lifecycle import agreement_dates

    dates = agreement_dates(platform, case, agreement, at)
    found: list[Deadline] = []
    if kind is StatusReportKind.MIDTERM:
        if dates.midterm_status_due:
            found.append(
                Deadline(
                    "Senest 2 år efter indsendelsen af aftalen", "§ 22, stk. 1", dates.midterm_status_due
                )
            )
        if dates.midterm_status_guidance_due:
            found.append(
                Deadline(
                    "Sendes til orientering senest to år inde i aftaleperioden",
                    "vejledningens kapitel 6",
                    dates.midterm_status_guidance_due,
                )
            )
    elif dates.final_status_due:
        found.append(
            Deadline(
                "Sendes til orientering senest et halvt år før aftalens udløb",
                "vejledningens kapitel 6",
                dates.final_status_due,
            )
        )
    return found

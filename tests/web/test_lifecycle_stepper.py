"""The agreement's lifecycle as a stepper: where the agreement is, what comes next, and the next legal deadline."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sundhedsaftale.agreements.presenters import lifecycle_steps
from sundhedsaftale.core.lifecycle import Stage
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.web.cases import case_import
from sundhedsaftale.web.platform import platform

TODAY = dt.date(2026, 11, 23)


def _states(stage: Stage) -> list[tuple[str, str]]:
    return [(s.stage, s.state) for s in lifecycle_steps(stage)]


def test_a_draft_is_the_first_step_and_everything_after_it_is_to_come() -> None:
    states = _states(Stage.DRAFTING)
    assert states[0] == ("drafting", "current")
    assert {state for _stage, state in states[1:]} == {"upcoming"}
    assert [s.citation for s in lifecycle_steps(Stage.DRAFTING)][:2] == ["§ 19", "§ 29, stk. 2"]


def test_an_agreement_under_review_has_every_step_before_the_review_done() -> None:
    states = _states(Stage.UNDER_REVIEW)
    assert states[:5] == [
        (s, "done") for s in ("drafting", "hearing", "council_approval", "ready_to_submit", "submitted")
    ]
    assert states[5:] == [("under_review", "current"), ("approved", "upcoming")]


def test_an_objection_is_shown_where_the_approval_would_be_citing_section_21_4() -> None:
    last = lifecycle_steps(Stage.OBJECTION)[-1]
    assert (last.stage, last.state, last.citation) == ("objection", "current", "§ 21, stk. 4")


@pytest.fixture
def demo(registry) -> None:
    (case,) = [c for c in build_national_demo(platform().reference, today=TODAY) if c.region.code == "1085"]
    case_import(case=case, actor=None, system=True)


@pytest.mark.django_db
def test_the_agreement_page_shows_the_stepper_and_the_next_deadline(demo: None, login) -> None:
    html = login("sjaelland").get("/aftaler/1085-sundhedsaftale-2024-2027/").content.decode()
    assert 'class="step-indicator"' in html
    assert re.search(r'<li class="[^"]*current[^"]*"[^>]*aria-current="step"', html)
    assert 'id="next-deadline"' in html
    draft = login("sjaelland").get("/aftaler/1085-sundhedsaftale-2028-2031/").content.decode()
    assert re.search(r'data-stage="drafting" data-state="current"', draft)

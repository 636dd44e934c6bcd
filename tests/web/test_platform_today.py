"""Sign-in lands on "Mit arbejde", and entry forms default to the platform's today (registry.clock), not the
machine's date, so a pinned or demo date is the date a person sees in a new form."""

from __future__ import annotations

import pytest
from django.test import Client

from sundhedsaftale.governance.models import Membership

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_lands_on_my_work(users) -> None:
    response = Client().post("/log-ind/", {"username": "sjaelland", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/mit-arbejde/"


def test_sign_in_honours_the_page_that_was_asked_for(users) -> None:
    response = Client().post(
        "/log-ind/?next=/regioner/1085/",
        {"username": "sjaelland", "password": PASSWORD, "next": "/regioner/1085/"},
    )
    assert response["Location"] == "/regioner/1085/"


def test_sign_in_ignores_a_next_parameter_to_another_site(users) -> None:
    response = Client().post(
        "/log-ind/", {"username": "sjaelland", "password": PASSWORD, "next": "https://example.org/"}
    )
    assert response["Location"] == "/mit-arbejde/"


def test_a_new_membership_starts_on_the_platforms_today(sjaelland, login, settings) -> None:
    settings.TODAY = "2026-06-15"
    page = login("sjaelland").get("/organer/holbaek-political/medlemmer/ny/").content.decode()
    assert 'value="2026-06-15"' in page


def test_ending_a_membership_proposes_the_platforms_today(sjaelland, login, settings) -> None:
    settings.TODAY = "2026-06-15"
    membership = Membership.objects.filter(body__key="holbaek-political", end__isnull=True).first()
    assert membership is not None
    page = login("sjaelland").get(f"/medlemskaber/{membership.pk}/afslut/").content.decode()
    assert 'value="2026-06-15"' in page

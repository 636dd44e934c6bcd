"""Guessing passwords is stopped: after five wrong passwords for one user from one address, sign-in is
refused for 15 minutes with a Danish message, even with the right password (django-axes)."""

from __future__ import annotations

import pytest
from django.test import Client

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "Log ind er midlertidigt spærret"
WRONG = "Brugernavn eller adgangskode er forkert"


def _sign_in(client: Client, username: str, password: str, address: str = "203.0.113.7"):  # type: ignore[no-untyped-def]
    return client.post("/log-ind/", {"username": username, "password": password}, REMOTE_ADDR=address)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_are_answered_as_wrong(users) -> None:
    client = Client()
    for _ in range(5):
        response = _sign_in(client, "sjaelland", "forkert-gæt")
        assert response.status_code == 200
        assert WRONG in response.content.decode()
    assert _sign_in(client, "sjaelland", PASSWORD).status_code == 302
    assert _signed_in(client)


def test_sixth_and_later_wrong_attempts_lock_and_the_right_password_then_fails(users) -> None:
    client = Client()
    for _ in range(5):
        _sign_in(client, "sjaelland", "forkert-gæt")
    for _ in range(3):
        locked = _sign_in(client, "sjaelland", "forkert-gæt")
        assert locked.status_code == 429
        assert LOCKED in locked.content.decode()
    right = _sign_in(client, "sjaelland", PASSWORD)
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert not _signed_in(client)
    assert Client().get("/oversigt/").status_code == 302  # still nobody signed in


def test_lockout_is_per_user_and_address(users) -> None:
    attacker = Client()
    for _ in range(6):
        _sign_in(attacker, "sjaelland", "forkert-gæt")
    colleague = Client()
    assert _sign_in(colleague, "hovedstaden", PASSWORD).status_code == 302
    elsewhere = Client()
    assert _sign_in(elsewhere, "sjaelland", PASSWORD, address="198.51.100.20").status_code == 302


def test_lockout_page_is_translated(users) -> None:
    client = Client(headers={"accept-language": "en"})
    client.cookies["django_language"] = "en"
    for _ in range(6):
        response = _sign_in(client, "sjaelland", "forkert-gæt")
    assert response.status_code == 429
    assert "Sign-in is temporarily blocked" in response.content.decode()

"""The demo's accounts: everyone signs in with the one shared password, which setup_demo hashes once."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password

from sundhedsaftale.accounts import actions
from sundhedsaftale.accounts.actions import DEMO_PASSWORD, demo_users_ensure


@pytest.mark.django_db
def test_every_demo_account_signs_in_with_the_shared_password_hashed_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str | None] = []

    def counting(password: str | None, *args: object, **kwargs: object) -> str:
        calls.append(password)
        return make_password(password)

    monkeypatch.setattr(actions, "make_password", counting)
    users = demo_users_ensure()
    assert len(users) > 1
    assert calls == [DEMO_PASSWORD]
    for user in users:
        user.refresh_from_db()
        assert user.check_password(DEMO_PASSWORD), user.username
        assert not user.check_password("forkert-adgangskode"), user.username
    # Run again (setup_demo is re-runnable): still one hash, still the same password.
    demo_users_ensure()
    assert len(calls) == 2

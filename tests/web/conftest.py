from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from sundhedsaftale.accounts.models import Role, User
from sundhedsaftale.core.case import AppointingBody, Body, BodyKind, MemberRole, Membership
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.registry.actions import sync_reference_data
from sundhedsaftale.web.cases import case_import, case_snapshot
from sundhedsaftale.web.platform import platform

PASSWORD = "test-password-1"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # Test accounts need no slow key stretching; production keeps Django's default hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


DEMO_DAY = "2026-11-23"


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the files of a module's demo go: one folder for the module, shared by its tests."""
    return tmp_path_factory.mktemp("demo-media")


@contextmanager
def _module_transaction(django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A transaction around a module's tests, rolled back when the module ends (also when its set-up fails, so
    that nothing half-made reaches later tests). Each test runs in pytest-django's savepoint inside it."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def national_demo(django_db_setup, django_db_blocker, demo_media: Path) -> Iterator[None]:
    """The national demo as `setup_demo --today 2026-11-23` leaves it, set up once for the module's tests.

    Setting the demo up takes about twenty seconds, so a module builds it once inside a transaction of its own;
    each test runs in a savepoint within it (pytest-django's ``db``) and sees the demo as it was made, whatever
    an earlier test of the module wrote.
    """
    with (
        override_settings(
            MEDIA_ROOT=demo_media, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ),
        _module_transaction(django_db_blocker),
    ):
        with django_db_blocker.unblock():
            call_command("setup_demo", today=DEMO_DAY, stdout=io.StringIO())
        yield


@pytest.fixture(scope="module")
def imported_demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Every region's case of the national demo on 2026-11-23, imported once for the module's tests (about three
    seconds), without the accounts, letters and documents ``setup_demo`` adds. Tests run in savepoints inside the
    module's transaction, as with ``national_demo``; a module that uses it should be one ``xdist_group``."""
    with _module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            sync_reference_data(platform().reference)
            for case in build_national_demo(platform().reference, today=dt.date.fromisoformat(DEMO_DAY)):
                case_import(case=case, actor=None, system=True)
        yield


@pytest.fixture
def registry(db) -> None:
    sync_reference_data(platform().reference)


def _member(n: int, role: MemberRole, by: AppointingBody, **extra) -> Membership:
    return Membership(
        id=f"m{n}",
        person_id=f"holbaek-p{n}",
        name=f"Person {n}",
        role=role,
        appointed_by=by,
        start=dt.date(2022, 1, 1),
        **extra,
    )


@pytest.fixture
def sjaelland(registry) -> str:
    """Region Sjælland with the Holbæk cluster's political level, one PLO GP short of § 3, stk. 1, nr. 3."""
    base = case_snapshot("1085")
    cluster = next(c for c in base.clusters if c.id == "sjaelland-holbaek")
    members = [
        _member(1, MemberRole.REGIONAL_COUNCIL_CHAIR, AppointingBody.REGIONAL_COUNCIL, chair=True),
        _member(2, MemberRole.REGIONAL_COUNCIL_MEMBER, AppointingBody.REGIONAL_COUNCIL),
        *[
            _member(
                10 + i,
                MemberRole.MAYOR,
                AppointingBody.MUNICIPAL_COUNCIL,
                municipality_code=code,
                chair=i == 0,
            )
            for i, code in enumerate(cluster.municipality_codes)
        ],
        _member(3, MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
    ]
    level = Body(
        id="holbaek-political",
        kind=BodyKind.POLITICAL_LEVEL,
        name="Sundhedsklyngen Holbæk – politisk niveau",
        cluster_id=cluster.id,
        memberships=tuple(members),
    )
    case_import(case=base.model_copy(update={"bodies": (level,)}), actor=None, system=True)
    return "1085"


def _user(username: str, role: Role, region: str = "", cluster: str = "") -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        region_code=region,
        cluster_id=cluster,
        first_name=username.title(),
    )
    return user


@pytest.fixture
def users(registry) -> dict[str, User]:
    return {
        "admin": _user("admin", Role.ADMINISTRATOR),
        "sjaelland": _user("sjaelland", Role.REGION_SECRETARIAT, "1085"),
        "hovedstaden": _user("hovedstaden", Role.REGION_SECRETARIAT, "1084"),
        "klynge": _user("klynge", Role.CLUSTER_SECRETARIAT, "1085", "sjaelland-holbaek"),
        "sst": _user("sst", Role.REVIEWER),
        "medlem": _user("medlem", Role.MEMBER, "1085"),
    }


@pytest.fixture
def login(users):
    def _login(username: str) -> Client:
        client = Client()
        client.force_login(users[username])
        return client

    return _login


def decision_payload(**overrides) -> dict:
    payload = {
        "parameter": "political_level.general_practitioners",
        "subject_id": "holbaek-political",
        "value": 1,
        "decided_by": "Regionsrådet og kommunalbestyrelserne i Region Sjælland",
        "decision_maker": "parties",
        "decided_on": "2024-03-10",
        "reference": "Sundhedssamarbejdsudvalget 10. marts 2024, pkt. 4",
        "note": "",
    }
    payload.update(overrides)
    return payload

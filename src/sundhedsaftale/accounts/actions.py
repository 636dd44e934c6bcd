"""Writing accounts."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction

from .audit import record_change
from .models import Role, User

# Printed by `make run`; demo accounts only exist after `setup_demo`, never in a production database.
DEMO_PASSWORD = "demo-sundhed"

_DEMO_USERS = [
    ("admin", "Ada", "Administrator", Role.ADMINISTRATOR, "", ""),
    ("sjaelland", "Signe", "Sekretariat (Region Sjælland)", Role.REGION_SECRETARIAT, "1085", ""),
    ("hovedstaden", "Henrik", "Sekretariat (Region Hovedstaden)", Role.REGION_SECRETARIAT, "1084", ""),
    ("klynge", "Karen", "Klyngesekretariat (Holbæk)", Role.CLUSTER_SECRETARIAT, "1085", "sjaelland-holbaek"),
    ("sst", "Søren", "Sagsbehandler (Sundhedsstyrelsen)", Role.REVIEWER, "", ""),
    ("medlem", "Mette", "Medlem", Role.MEMBER, "1085", ""),
    # Region Midtjylland continues after 31 December 2026: its accounts have work on any day (ADR 0040).
    ("midtjylland", "Mads", "Sekretariat (Region Midtjylland)", Role.REGION_SECRETARIAT, "1082", ""),
    (
        "klynge-midt",
        "Kirsten",
        "Klyngesekretariat (Aarhus)",
        Role.CLUSTER_SECRETARIAT,
        "1082",
        "midtjylland-aarhus",
    ),
    ("medlem-midt", "Morten", "Medlem (Region Midtjylland)", Role.MEMBER, "1082", ""),
]

# The demo's working region on a day and its secretariat's and member's accounts: Region Sjælland while it exists,
# Region Midtjylland after (ADR 0040).
DEMO_REGION_ACCOUNTS = {"1085": ("sjaelland", "medlem"), "1082": ("midtjylland", "medlem-midt")}


def demo_users_ensure() -> list[User]:
    # One hash for the shared password, assigned to every demo user: hashing is deliberately slow (that is its
    # point), and hashing the same password once per user was half of what setup_demo took (ADR 0031).
    hashed = make_password(DEMO_PASSWORD)
    users = []
    with transaction.atomic():
        for username, first, last, role, region, cluster in _DEMO_USERS:
            user, created = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.role, user.region_code, user.cluster_id = role, region, cluster
            user.is_staff = role == Role.ADMINISTRATOR
            user.password = hashed
            user.save()
            if created:
                record_change(
                    actor=None,
                    action="user_create",
                    object_type="user",
                    object_id=username,
                    region_code=region,
                    after={
                        "username": username,
                        "role": role.value,
                        "region_code": region,
                        "cluster_id": cluster,
                    },
                )
            users.append(user)
    return users

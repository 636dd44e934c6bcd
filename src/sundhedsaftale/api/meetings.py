"""API for meetings."""

from __future__ import annotations

from ninja import Router
from ninja.security import django_auth

router = Router(auth=django_auth)

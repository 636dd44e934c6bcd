"""The import preview as a before/after table: each changed record by its name, each field by its label, values in
words; new and removed records marked; keys only in the technical details."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from .test_interchange import _edited_workbook, _upload

pytestmark = pytest.mark.django_db


def _cells(html: str, table: str) -> str:
    found = re.search(rf'<table[^>]*id="{table}".*?</table>', html, flags=re.S)
    assert found, table
    text = re.sub(r"<details.*?</details>", "", found.group(0), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", text)))


def test_the_preview_shows_a_changed_role_before_and_after_and_marks_the_new_member(
    sjaelland: str, login: Any
) -> None:
    preview = _upload(login("sjaelland"), _edited_workbook())
    assert preview.status_code == 200
    html = preview.content.decode()
    members = _cells(html, "differences-memberships")
    # m3 was a PLO general practitioner and becomes an expert: the role by its labels, before → after.
    assert "Person 3 – Sundhedsklyngen Holbæk – politisk niveau" in members
    assert re.search(r"Rolle Praktiserende læge Fagkundskab inddraget efter behov", members), members
    # The new member is marked new, with its role and its start in words.
    assert "Ny Læge – Sundhedsklyngen Holbæk – politisk niveau Ny" in members
    assert "1. januar 2026" in members
    assert "general_practitioner" not in members
    assert "holbaek-political" not in members
    assert "<code>holbaek-political/m3</code>" in html  # the key, for the curious, in the technical details

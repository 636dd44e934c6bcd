"""Pages list municipalities in Danish alphabetical order, as the letters do: Ærø, then Aa (= Å) last."""

from __future__ import annotations

import re


def _cluster_municipalities(login, cluster_id: str) -> list[str]:
    html = login("admin").get(f"/klynger/{cluster_id}/").content.decode()
    listed = re.search(r'<dd id="municipalities">(.*?)</dd>', html, re.S)
    assert listed is not None
    return [n.strip() for n in listed.group(1).split(",")]


def test_cluster_page_lists_aabenraa_last(login) -> None:
    names = _cluster_municipalities(login, "syddanmark-soenderjylland")
    assert names[-1] == "Aabenraa"
    assert names[:-1] == sorted(names[:-1])


def test_cluster_page_lists_aeroe_last_and_faaborg_among_the_fs(login) -> None:
    # "Faaborg" reads "Fåborg": after the other F-names, not at the end with the names that begin with Aa.
    names = _cluster_municipalities(login, "syddanmark-fyn")
    assert names[:2] == ["Assens", "Faaborg-Midtfyn"]
    assert names[-1] == "Ærø"


def test_region_page_lists_aalborg_last_in_its_cluster(login) -> None:
    html = login("admin").get("/regioner/1081/").content.decode()
    item = re.search(r"<strong>Klynge Midt</strong></a>[^:]*:\s*(.*?)</li>", html, re.S)
    assert item is not None
    names = [n.strip() for n in item.group(1).split(",")]
    assert names[-1] == "Aalborg"
    assert len(names) > 1

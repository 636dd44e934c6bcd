"""Reference data: the country's regions, municipalities and health clusters, checked."""

from __future__ import annotations

import datetime as dt
from collections import Counter


def test_five_regions_with_dagi_codes_and_oestdanmark_with_a_provisional_key(platform) -> None:
    regions = platform.reference.regions
    assert sorted(regions) == ["1081", "1082", "1083", "1084", "1085", "OEST"]
    assert [code for code, r in regions.items() if r.provisional] == ["OEST"]
    assert platform.reference.cluster_region_codes() == ["1081", "1082", "1083", "1084", "1085"]


def test_98_municipalities_split_as_the_regions_are(platform) -> None:
    per_region = Counter(m.region_code for m in platform.reference.municipalities.values())
    assert per_region == {"1084": 29, "1085": 17, "1083": 22, "1082": 19, "1081": 11}


def test_every_municipality_is_in_a_cluster_of_its_own_region(platform) -> None:
    ref = platform.reference
    for code, municipality in ref.municipalities.items():
        clusters = ref.clusters_of_municipality(code)
        assert clusters, f"{municipality.name} er ikke i nogen klynge"
        assert all(c.region_code == municipality.region_code for c in clusters), municipality.name


def test_22_clusters_and_koebenhavn_shares_two(platform) -> None:
    ref = platform.reference
    assert len(ref.clusters) == 22
    assert {c.id for c in ref.clusters_of_municipality("101")} == {"hovedstaden-byen", "hovedstaden-syd"}
    assert [m for m in ref.municipalities if len(ref.clusters_of_municipality(m)) > 1] == ["101"]


def test_21_acute_hospitals_each_with_at_least_one_cluster(platform) -> None:
    hospitals = platform.reference.acute_hospitals()
    assert len(hospitals) == 21
    # Region Nordjylland set up two clusters around Aalborg Universitetshospital (SOURCES.md).
    assert sorted(c.id for c in hospitals["aalborg-universitetshospital"]) == [
        "nordjylland-midt",
        "nordjylland-syd",
    ]
    assert all(len(clusters) == 1 for h, clusters in hospitals.items() if h != "aalborg-universitetshospital")


def test_every_reference_file_names_its_source(platform) -> None:
    files = platform.reference.files
    assert set(files) == {
        "regions.csv",
        "municipalities.csv",
        "municipal_government_forms.csv",
        "health_clusters.csv",
        "health_cluster_members.csv",
        "election_periods.csv",
        "national_goals.csv",
        "sundhedsraad.csv",
    }
    assert all(len(f.source) > 20 for f in files.values())


def test_election_periods_and_their_election_dates(platform) -> None:
    period = platform.reference.election_period_at(dt.date(2023, 7, 1))
    assert period is not None
    assert (period.start, period.end, period.election_date) == (
        dt.date(2022, 1, 1),
        dt.date(2025, 12, 31),
        dt.date(2021, 11, 16),
    )
    assert period.year(2) == 2023
    assert platform.reference.election_period_at(dt.date(2026, 1, 1)).election_date == dt.date(2025, 11, 18)


def test_eight_national_goals(platform) -> None:
    goals = platform.reference.national_goals
    assert sorted(goals) == list(range(1, 9))
    assert goals[1].name_da == "Bedre sammenhængende patientforløb"

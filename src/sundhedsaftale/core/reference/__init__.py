"""Reference data: regions (with validity), municipalities, health clusters, the sundhedsråd, election periods and the national goals.

Loaded from versioned CSV files (``data/reference``), each listed with its source in ``sources.yaml``.
Every row is checked at start-up; a bad row stops start-up with a message naming file, line and column.

Public surface::

    ref = load_reference(reference_dir)
    ref.regions["1084"]; ref.municipalities["101"]; ref.clusters["hovedstaden-byen"]
    ref.clusters_of_municipality("101"); ref.election_period_at(date)
"""

from typing import TYPE_CHECKING, Any

from ._model import (
    ElectionPeriod,
    GovernmentForm,
    HealthCluster,
    HealthCouncil,
    MunicipalGovernment,
    Municipality,
    NationalGoal,
    ReferenceData,
    ReferenceFile,
    Region,
)

__all__ = [
    "ElectionPeriod",
    "GovernmentForm",
    "HealthCluster",
    "HealthCouncil",
    "MunicipalGovernment",
    "Municipality",
    "NationalGoal",
    "ReferenceData",
    "ReferenceFile",
    "Region",
    "load_reference",
]

if TYPE_CHECKING:
    from ._loader import load_reference


def __getattr__(name: str) -> Any:
    # The loader (CSV and YAML, and its validating row models) is imported on first use: a command line whose
    # reference data comes from the cache (core/_platform_cache.py, ADR 0044) does not run it.
    if name != "load_reference":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from ._loader import load_reference

    globals()[name] = load_reference
    return load_reference

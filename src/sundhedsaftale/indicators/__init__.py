"""Register indicators for the clusters' population responsibility, computed with SQL on DuckDB (ADR 0043).

Framework-free: no Django. The register's shape (``_schema.TABLES``), the seeded synthetic register (``synth``),
definitions and code lists as data (``data/indicators``), the indicator SQL (``_sql``), the computation with
standardisation and small-number suppression (``_compute``), the geography with the København rule
(``_geography``), the import of real extracts (``importing``) and the export (``export``).

Public surface::

    engine = DuckDBEngine()
    values = suppress(compute(engine, directory, national_geography(), years=[2024]))
"""

from ._compute import (
    DuckDBEngine,
    Engine,
    IndicatorValue,
    complementary,
    compute,
    prepare,
    standardised_rate,
    step_count,
    suppress,
)
from ._definitions import CodeList, Definitions, IndicatorDefinition, load_definitions
from ._geography import LEVEL_NAMES, LEVELS, Geography, from_reference, national_geography
from ._kept import KeptBlocks
from ._schema import TABLES

__all__ = [
    "LEVELS",
    "LEVEL_NAMES",
    "TABLES",
    "CodeList",
    "Definitions",
    "DuckDBEngine",
    "Engine",
    "Geography",
    "IndicatorDefinition",
    "IndicatorValue",
    "KeptBlocks",
    "complementary",
    "compute",
    "from_reference",
    "load_definitions",
    "national_geography",
    "prepare",
    "standardised_rate",
    "step_count",
    "suppress",
]

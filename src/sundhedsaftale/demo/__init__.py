"""A deterministic national demo data set: one :class:`~sundhedsaftale.core.case.RegionCase` per region.

Framework-free (no Django), built from the reference data only::

    from sundhedsaftale.core import load_platform
    from sundhedsaftale.demo import DEMO_REGION_CODE, build_national_demo

    cases = build_national_demo(load_platform().reference)

Region Sjælland (:data:`DEMO_REGION_CODE`) is the fully populated demo region and carries the deliberate
shortfalls the compliance overview is meant to show; the other regions are compliant except one
recommendation in Region Nordjylland. Every region has a health agreement 2024–2027 with structured content
and a lawful life; in :data:`OBJECTION_REGION_CODE` (Region Syddanmark) Sundhedsstyrelsen objected and the
revised agreement was resubmitted and approved. The names and texts are fictional.

:func:`live_layer` adds, relative to the day the demo is set up, the records that make work wait for every role
(a revision in the reviewer's queue, a hearing due this month; ADR 0040).
"""

from ._agreement_life import OBJECTION_REGION_CODE
from ._build import DEMO_REGION_CODE, DEMO_TODAY, build_national_demo
from ._followup import DemoFollowup, DemoReview, demo_followup
from ._live import LIVE_LAST_DAY, LIVE_REGION_CODE, LiveLayer, live_layer, working_region
from ._statements import DemoStatement, demo_statements

__all__ = [
    "DEMO_REGION_CODE",
    "DEMO_TODAY",
    "LIVE_LAST_DAY",
    "LIVE_REGION_CODE",
    "OBJECTION_REGION_CODE",
    "DemoFollowup",
    "DemoReview",
    "DemoStatement",
    "LiveLayer",
    "build_national_demo",
    "demo_followup",
    "demo_statements",
    "live_layer",
    "working_region",
]

"""The transition from the 2022 bodies to the 2027 structure, as a plan that writes nothing (ADR 0029).

Public surface::

    plan = plan_transition(case=case, reference=reference, open_obligations=obs, on=dt.date(2027, 1, 1))
    plan.one_to_one(); plan.needs_decision(); plan.digest

The plan maps every person (membership), their organisation and the open work of a region's 2022 bodies to the
successors: a sundhedsråd by municipality geography, the region (Region Østdanmark for 1084 and 1085). What maps
one-to-one is said so; what needs a decision says why. Applying it is the Django side's job, after confirmation.
"""

from ._plan import (
    TRANSITION_DAY,
    Mapping,
    PlanItem,
    Section,
    Target,
    TransitionPlan,
    plan_as_dict,
    plan_as_text,
    plan_transition,
)

__all__ = [
    "TRANSITION_DAY",
    "Mapping",
    "PlanItem",
    "Section",
    "Target",
    "TransitionPlan",
    "plan_as_dict",
    "plan_as_text",
    "plan_transition",
]

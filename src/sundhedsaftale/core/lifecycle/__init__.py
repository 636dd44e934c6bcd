"""The health agreement's legal life: stages, the steps the law allows, and its legal dates.

Framework-free: everything is derived from the agreement's records (``core.case``) and the rulebook's
parameters; nothing reads a clock. Pages, the API and the command line call these functions::

    stage_of(agreement, case, at)                               # Stage.UNDER_REVIEW
    allowed_steps(platform, case, agreement, at)                # [Step.REQUEST_INFORMATION, Step.APPROVE, ...]
    agreement = apply_step(platform, case, agreement, Step.SUBMIT, AgreementSubmission(...), on)
    agreement_dates(platform, case, agreement, at).midterm_status_due

A refused step raises :class:`IllegalStep` with the reason and the provision.
"""

from ._dates import AgreementDates, agreement_dates, in_force, replaced_by
from ._stages import Stage, council_approvals_in_cycle, missing_approvals, stage_of
from ._steps import IllegalStep, Record, Step, allowed_steps, apply_step, check_step, open_record

__all__ = [
    "AgreementDates",
    "IllegalStep",
    "Record",
    "Stage",
    "Step",
    "agreement_dates",
    "allowed_steps",
    "apply_step",
    "check_step",
    "council_approvals_in_cycle",
    "in_force",
    "missing_approvals",
    "open_record",
    "replaced_by",
    "stage_of",
]

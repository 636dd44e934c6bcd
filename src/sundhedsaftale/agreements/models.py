"""The health agreement: its versions (structured content), and the records of its legal life.

Content lives in :class:`AgreementVersion` rows: every save adds a version, none is ever rewritten, and a
version that was submitted or published is frozen (``save`` refuses to change it). The lifecycle records that
have no review attached (hearings, cluster input, council approvals, information requests, publications, yearly
reviews, status reports) are kept as one validated JSON document on the agreement (``records``), written only
through :mod:`.actions`, which checks each step with the core's lifecycle and bumps ``version`` (optimistic
locking). Submissions and the authority's decisions are rows, because the authority's review hangs on them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.core.case import AgreementContent
from sundhedsaftale.core.case import HealthAgreement as CaseAgreement
from sundhedsaftale.registry.models import Region

from .diff import VersionFacts


class HealthAgreement(models.Model):
    key = models.CharField(max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(_("titel"), max_length=200)
    election_period_start = models.PositiveIntegerField(_("valgperiodens første år"))
    legal_basis = models.CharField(_("retsgrundlag"), max_length=32, default="bek-1248-2022")
    term_years = models.PositiveSmallIntegerField(_("varighed i år"), null=True, blank=True)
    parties = models.JSONField(_("parter"), default=list)
    records = models.JSONField(_("forløb"), default=dict)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["region", "-election_period_start"]
        verbose_name = _("sundhedsaftale")
        verbose_name_plural = _("sundhedsaftaler")

    def __str__(self) -> str:
        return self.title


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Udkast")
    SUBMITTED = "submitted", _("Indsendt")
    PUBLISHED = "published", _("Offentliggjort")


class FrozenVersion(Exception):
    """A submitted or published version was about to be changed."""


class AgreementVersion(models.Model):
    """One saved state of the agreement's content. ``number`` counts saves; ``label`` is the stated version number."""

    agreement = models.ForeignKey(HealthAgreement, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    label = models.CharField(_("versionsnummer"), max_length=32, blank=True)
    effective_date = models.DateField(_("ikrafttræden"), null=True, blank=True)
    content = models.JSONField(_("indhold"), default=dict)
    state = models.CharField(max_length=16, choices=VersionState.choices, default=VersionState.DRAFT)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The content of a submitted or published version is what the councils approved and the authority
        # assessed: it never changes. Only the state may move forward (draft → submitted → published).
        if self.pk is not None:
            stored = AgreementVersion.objects.filter(pk=self.pk).values(
                "content", "label", "effective_date", "state"
            )
            before = stored.first()
            if before is not None and before["state"] != VersionState.DRAFT:
                changed = (
                    before["content"] != self.content
                    or before["label"] != self.label
                    or before["effective_date"] != self.effective_date
                )
                if changed or (
                    before["state"] == VersionState.PUBLISHED and self.state != VersionState.PUBLISHED
                ):
                    raise FrozenVersion(
                        f"Version {self.number} af {self.agreement} er låst og kan ikke ændres."
                    )
        super().save(*args, **kwargs)

    def stated_in(self, agreement: CaseAgreement) -> CaseAgreement:
        """The case's agreement as this version states it: its content, version number and effective date."""
        return agreement.model_copy(
            update={
                "content": AgreementContent.model_validate(self.content),
                "version_number": self.label,
                "effective_date": self.effective_date,
            }
        )

    def facts(self) -> VersionFacts:
        """What the version states, as the version comparison reads it."""
        return VersionFacts(self.label, self.effective_date, AgreementContent.model_validate(self.content))

    @property
    def frozen(self) -> bool:
        return self.state != VersionState.DRAFT


class Submission(models.Model):
    agreement = models.ForeignKey(HealthAgreement, on_delete=models.PROTECT, related_name="submissions")
    agreement_version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions"
    )
    submitted_on = models.DateField(_("indsendt"))
    received_on = models.DateField(_("modtaget"), null=True, blank=True)
    version_number = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["submitted_on"]

    def __str__(self) -> str:
        return f"{self.agreement} indsendt {self.submitted_on}"


class AuthorityDecision(models.Model):
    agreement = models.ForeignKey(HealthAgreement, on_delete=models.PROTECT, related_name="decisions")
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    kind = models.CharField(
        max_length=16, choices=[("approved", _("Godkendt")), ("objection", _("Indsigelse"))]
    )
    decided_on = models.DateField(_("afgjort"))
    reference = models.CharField(max_length=200, blank=True)
    remedy_deadline = models.DateField(null=True, blank=True)
    deficiencies = models.JSONField(default=list, blank=True)
    version_number = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["decided_on"]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.kind} {self.decided_on}"


class AgreementAnnex(models.Model):
    """An annex ("bilag") to the agreement, uploaded to a draft version and part of every later version's list.

    A row is never changed or deleted (database triggers, migration 0004): a new upload with the same title is
    the next ``revision`` and the earlier one is kept. A version's annex list is, per title, the newest revision
    uploaded to it or to an earlier version (:func:`agreements.annexes.annexes_of`); an upload is only taken
    while the newest version is a draft, so the list of a submitted version never changes (ADR 0016).
    """

    agreement = models.ForeignKey(HealthAgreement, on_delete=models.PROTECT, related_name="annexes")
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="annexes")
    title = models.CharField(_("titel"), max_length=300)
    revision = models.PositiveIntegerField(_("bilagsversion"))
    file = models.FileField(_("fil"), upload_to="agreements/annexes/%Y/")
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=16)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "title", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "title", "revision"], name="agreement_annex_revision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.revision})"

"""The reviewer's verdicts on the assessment's findings, and the letters Sundhedsstyrelsen issued.

A verdict belongs to one submission: a resubmitted agreement is assessed afresh, so earlier verdicts do not
carry over. An issued letter is a record of what was sent; it never changes afterwards, except that the day it
was published is set once (vejl. afsnit 5.5).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.agreements.models import HealthAgreement, Submission


class Verdict(models.TextChoices):
    # The values are the core's (``core.assessment.Verdict``), so a row converts without a table.
    ACCEPTED = "accepted", _("Tiltrådt")
    EDITED = "edited", _("Redigeret")
    OVERRULED = "overruled", _("Tilsidesat")


class FindingReview(models.Model):
    agreement = models.ForeignKey(HealthAgreement, on_delete=models.PROTECT, related_name="finding_reviews")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="finding_reviews")
    rule_id = models.CharField(_("regel"), max_length=100)
    subject_id = models.CharField(_("emne"), max_length=100, blank=True)
    verdict = models.CharField(_("vurdering"), max_length=16, choices=Verdict.choices)
    text = models.TextField(_("redigeret tekst"), blank=True)
    reason = models.TextField(_("begrundelse"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("vurderet"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["submission", "rule_id", "subject_id"]
        verbose_name = _("vurdering af fund")
        verbose_name_plural = _("vurderinger af fund")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "rule_id", "subject_id"], name="review_finding_review_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.rule_id} {self.verdict}"


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", _("Kvittering")
    APPROVAL = "approval", _("Godkendelse")
    OBJECTION = "objection", _("Indsigelse")


class ImmutableLetter(Exception):
    """An issued letter was about to be changed or deleted."""


class IssuedLetter(models.Model):
    agreement = models.ForeignKey(HealthAgreement, on_delete=models.PROTECT, related_name="issued_letters")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="issued_letters")
    kind = models.CharField(_("brevtype"), max_length=16, choices=LetterKind.choices)
    reference = models.CharField(_("journalnummer"), max_length=100, blank=True)
    letter_date = models.DateField(_("brevdato"))
    pdf = models.BinaryField()
    docx = models.BinaryField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("udstedt"), auto_now_add=True)
    published_on = models.DateField(_("offentliggjort"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "letter_date", "issued_at"]
        verbose_name = _("udstedt brev")
        verbose_name_plural = _("udstedte breve")

    def __str__(self) -> str:
        return f"{self.agreement}: {self.kind} {self.letter_date}"

    # The fields that make up what was sent; none may change once the letter exists.
    _FROZEN = (
        "agreement_id",
        "submission_id",
        "kind",
        "reference",
        "letter_date",
        "pdf",
        "docx",
        "issued_by_id",
    )

    def save(self, *args: Any, **kwargs: Any) -> None:
        # What was sent to the councils and the committee is the record: it is never rewritten. Publishing
        # only adds the day the letter went on the authority's website, once.
        if self.pk is not None:
            stored = IssuedLetter.objects.filter(pk=self.pk).first()
            if stored is not None:
                changed = [
                    name
                    for name in self._FROZEN
                    if _plain(getattr(stored, name)) != _plain(getattr(self, name))
                ]
                republished = stored.published_on is not None and stored.published_on != self.published_on
                if changed or republished:
                    raise ImmutableLetter(f"Brevet {self.pk} er udstedt og kan ikke ændres.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableLetter(f"Brevet {self.pk} er udstedt og kan ikke slettes.")


def _plain(value: Any) -> Any:
    # BinaryField reads back as memoryview on some databases; compare the bytes.
    return bytes(value) if isinstance(value, memoryview) else value

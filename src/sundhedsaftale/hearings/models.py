"""A hearing round, its addressees, their answers and the secretariat's dispositions (ADR 0036).

A round is a draft until it is sent; from then on its addressees and its document are frozen (the actions refuse
every change). Every editable row carries ``version`` for optimistic locking.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.core.hearings import Disposition as DispositionKind
from sundhedsaftale.core.hearings import HearingTopic
from sundhedsaftale.governance.models import Body
from sundhedsaftale.registry.models import Region


class Topic(models.TextChoices):
    AGREEMENT_DRAFT = HearingTopic.AGREEMENT_DRAFT.value, _("Udkast til sundhedsaftale (§ 29, stk. 2)")
    REVISION = HearingTopic.REVISION.value, _("Revision af sundhedsaftalen (§ 29, stk. 2, jf. § 22, stk. 1)")
    HEALTH_PLAN = HearingTopic.HEALTH_PLAN.value, _("Regionens sundhedsplan (§ 22, stk. 2)")
    OTHER = HearingTopic.OTHER.value, _("Andet emne")


class RoundState(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    SENT = "sent", _("Sendt i høring")
    CLOSED = "closed", _("Afsluttet")


class DispositionChoice(models.TextChoices):
    TAKEN_IN = DispositionKind.TAKEN_IN.value, _("Imødekommet")
    PARTLY = DispositionKind.PARTLY.value, _("Delvist imødekommet")
    NOT_TAKEN_IN = DispositionKind.NOT_TAKEN_IN.value, _("Ikke imødekommet")
    NOTED = DispositionKind.NOTED.value, _("Taget til efterretning")


class HearingRound(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="hearing_rounds")
    topic = models.CharField(_("emne"), max_length=20, choices=Topic.choices)
    agreement = models.ForeignKey(
        HealthAgreement, on_delete=models.PROTECT, null=True, blank=True, related_name="hearing_rounds"
    )
    # The agreement version heard (its number among the saves), fixed when the round is sent.
    version_number = models.PositiveIntegerField(null=True, blank=True)
    version_label = models.CharField(_("versionsbetegnelse"), max_length=100, blank=True)
    subject = models.CharField(_("overskrift"), max_length=200)
    covering_text = models.TextField(_("følgebrev"), blank=True)
    response_deadline = models.DateField(_("høringsfrist"))
    document = models.FileField(_("høringsmateriale"), upload_to="hearings/%Y/", blank=True)
    state = models.CharField(max_length=10, choices=RoundState.choices, default=RoundState.DRAFT)
    sent_on = models.DateField(_("sendt"), null=True, blank=True)
    closed_on = models.DateField(_("afsluttet"), null=True, blank=True)
    changes_made = models.TextField(_("ændringer som følge af høringen"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-response_deadline", "-pk"]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_draft(self) -> bool:
        return self.state == RoundState.DRAFT

    @property
    def topic_kind(self) -> HearingTopic:
        return HearingTopic(self.topic)


class Addressee(models.Model):
    """A body (its members answer as one) or a named organisation, with the account that answers for it."""

    round = models.ForeignKey(HearingRound, on_delete=models.CASCADE, related_name="addressees")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["round", "pk"]

    def __str__(self) -> str:
        return self.name


class Answer(models.Model):
    addressee = models.OneToOneField(Addressee, on_delete=models.PROTECT, related_name="answer")
    received_on = models.DateField(_("modtaget"))
    text = models.TextField(_("høringssvar"), blank=True)
    no_remarks = models.BooleanField(_("ingen bemærkninger"), default=False)
    consensus_sought = models.BooleanField(_("enighed tilstræbt"), default=True)
    consensus_reached = models.BooleanField(_("enighed opnået"), null=True, blank=True)
    dissents = models.JSONField(default=list)  # [{"member": name, "view": the member's own words}]
    late = models.BooleanField(_("modtaget efter fristen"), default=False)
    document = models.FileField(_("svarets dokument"), upload_to="hearings/answers/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.addressee.name} ({self.received_on})"


class Disposition(models.Model):
    """The secretariat's disposition of one answer, or of one point of it, with the reason."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="dispositions")
    point = models.CharField(_("punkt"), max_length=500, blank=True)
    kind = models.CharField(_("behandling"), max_length=20, choices=DispositionChoice.choices)
    reason = models.TextField(_("begrundelse"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["answer", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()

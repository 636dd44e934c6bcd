"""Bodies, persons, memberships, meetings and recorded decisions. Rules live in the core, not here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.core.case import (
    AppointingBody,
    BodyKind,
    DecisionMaker,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    Representation,
)
from sundhedsaftale.registry.models import HealthCluster, Municipality, Region


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(m.value, m.value) for m in enum]  # type: ignore[attr-defined]


BODY_KIND_LABELS = {
    BodyKind.POLITICAL_LEVEL: _("Politisk niveau"),
    BodyKind.PROFESSIONAL_LEVEL: _("Fagligt strategisk niveau"),
    BodyKind.COMMITTEE: _("Sundhedssamarbejdsudvalget"),
    BodyKind.PATIENT_COMMITTEE: _("Patientinddragelsesudvalget"),
    BodyKind.SUBCOMMITTEE: _("Underudvalg"),
    BodyKind.WORKING_GROUP: _("Arbejdsgruppe"),
}


class Body(models.Model):
    key = models.CharField(_("id"), max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="bodies")
    kind = models.CharField(
        _("type"), max_length=32, choices=[(k.value, v) for k, v in BODY_KIND_LABELS.items()]
    )
    name = models.CharField(_("navn"), max_length=200)
    cluster = models.ForeignKey(
        HealthCluster, on_delete=models.PROTECT, null=True, blank=True, related_name="bodies"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    patient_committee_invited = models.BooleanField(_("patientinddragelsesudvalget inviteret"), default=False)
    # The body's own facts as the case file has them (core.case.BODY_FACT_FIELDS): secretariat, rules of
    # procedure, offered seats and relevance for the patient involvement committee. Checked by the core model.
    facts = models.JSONField(_("organets forhold"), default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    # When the record last changed: an import refuses to remove what changed after its file was made.
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["region", "kind", "name"]
        verbose_name = _("organ")
        verbose_name_plural = _("organer")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone who sits on bodies or attends meetings. A person is kept by one region's secretariat (``region``):
    only that region's bodies give the person a seat, and only that secretariat (and administrators) edits
    the person and sees the contact data (``accounts.permissions``)."""

    key = models.CharField(max_length=100, unique=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
        verbose_name=_("region"),
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # The person's own account, when the person signs in: it answers the person's meeting invitations and
    # receives the notice when a meeting the person is invited to is cancelled.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("brugerkonto"),
    )
    version = models.PositiveIntegerField(default=1)
    # When the record last changed: an import refuses to remove what changed after its file was made.
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    key = models.CharField(max_length=100)
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rolle"), max_length=40, choices=_choices(MemberRole))
    appointed_by = models.CharField(_("udpeget af"), max_length=40, choices=_choices(AppointingBody))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True)
    cluster = models.ForeignKey(
        HealthCluster, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    covers_psychiatry = models.BooleanField(_("dækker psykiatrien"), default=False)
    represents = models.CharField(max_length=16, choices=_choices(Representation), blank=True)
    chair = models.BooleanField(_("formand"), default=False)
    vice_chair = models.BooleanField(_("næstformand"), default=False)
    substitute = models.BooleanField(_("stedfortræder"), default=False)
    start = models.DateField(_("fra"))
    end = models.DateField(_("til"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # When the record last changed: an import refuses to remove what changed after its file was made.
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["body", "-chair", "-vice_chair", "role", "person__name"]
        constraints = [models.UniqueConstraint(fields=["body", "key"], name="membership_key_unique_per_body")]

    def __str__(self) -> str:
        return f"{self.person} i {self.body}"


class MinutesApproval(models.TextChoices):
    CHAIR = "chair", _("Formanden")
    NEXT_MEETING = "next_meeting", _("Det næste møde")


class Meeting(models.Model):
    key = models.CharField(max_length=100)
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("dato"))
    status = models.CharField(_("status"), max_length=16, choices=_choices(MeetingStatus))
    kind = models.CharField(
        _("mødetype"), max_length=32, choices=_choices(MeetingKind), default=MeetingKind.ORDINARY.value
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)
    location = models.CharField(_("sted"), max_length=200, blank=True)
    # Time of day (local time); optional, as meetings recorded before times were kept have none.
    starts_at = models.TimeField(_("starter kl."), null=True, blank=True)
    ends_at = models.TimeField(_("slutter kl."), null=True, blank=True)
    video_url = models.URLField(_("videolink"), max_length=500, blank=True)
    requested_by_member = models.BooleanField(_("indkaldt efter begæring"), default=False)
    chaired_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    patient_committee_invited = models.BooleanField(_("patientinddragelsesudvalget inviteret"), default=False)
    minutes = models.TextField(_("referat"), blank=True)
    # The agenda is a draft until the secretariat publishes it (governance.actions.meetings.agenda_publish); only
    # then do its public items reach the public feed and those who do not run the body.
    agenda_published_at = models.DateTimeField(_("dagsorden offentliggjort"), null=True, blank=True)
    # The invitation (governance.actions.invitations): when it was sent to the body's members.
    invitations_sent_at = models.DateTimeField(_("indkaldelse sendt"), null=True, blank=True)
    cancel_reason = models.TextField(_("begrundelse for aflysning"), blank=True)
    # Minutes (governance.actions.minutes): drafted per item and in ``minutes``; approved by the chair or at the
    # next meeting, then frozen; published, then visible to everyone who may see the meeting.
    minutes_approved_on = models.DateField(_("referat godkendt"), null=True, blank=True)
    minutes_approved_how = models.CharField(
        _("referat godkendt af"), max_length=16, choices=MinutesApproval.choices, blank=True
    )
    minutes_approved_by = models.CharField(_("godkendt af"), max_length=200, blank=True)
    minutes_published_at = models.DateTimeField(_("referat offentliggjort"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # When the record last changed: an import refuses to remove what changed after its file was made.
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["body", "key"], name="meeting_key_unique_per_body")]

    def __str__(self) -> str:
        return f"{self.body} {self.date}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveIntegerField(_("punkt"))
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    authorities_only = models.BooleanField(_("særskilt punkt for myndighederne (§ 2, stk. 3)"), default=False)
    # A closed item (lukket punkt): only the body's secretariat reads it, in pages, packs, minutes, API and feeds.
    closed = models.BooleanField(_("lukket punkt"), default=False)
    summary = models.TextField(_("sagsfremstilling"), blank=True)
    recommendation = models.TextField(_("indstilling"), blank=True)
    outcome = models.TextField(_("beslutning"), blank=True)
    # "Godkendelse af referat": recording this item's decision approves the minutes of that earlier meeting.
    approves_minutes_of = models.ForeignKey(
        "Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_number_unique_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("til stede"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({'til stede' if self.present else 'fraværende'})"


class RsvpAnswer(models.TextChoices):
    PENDING = "pending", _("Ikke svaret")
    ATTENDING = "attending", _("Deltager")
    ABSENT = "absent", _("Afbud")
    SUBSTITUTE = "substitute", _("Afbud med stedfortræder")


class Invitation(models.Model):
    """One person invited to a meeting and the person's answer. The answer plans attendance; it is never the
    recorded attendance (``Attendance``)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="invitations")
    capacity = models.CharField(_("som"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sendt"))
    answer = models.CharField(
        _("svar"), max_length=16, choices=RsvpAnswer.choices, default=RsvpAnswer.PENDING
    )
    substitute_name = models.CharField(_("stedfortræder"), max_length=200, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    answered_at = models.DateTimeField(_("svaret"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="invitation_unique_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.meeting}"


class MeetingDocument(models.Model):
    """A document attached to a meeting (or one of its agenda items): agenda, appendix, minutes. The file itself
    is kept in MEDIA_ROOT. Uploading a document with the same title again makes a new version; the older ones
    are kept."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("dagsordenspunkt"),
    )
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("fil"), upload_to="meetings/%Y/")
    file_type = models.CharField(_("filtype"), max_length=8, blank=True)
    size = models.PositiveBigIntegerField(_("størrelse"), default=0)
    number = models.PositiveIntegerField(_("version"), default=1)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "uploaded_at"]

    def __str__(self) -> str:
        return self.title


class LocalDecision(models.Model):
    """A recorded decision that sets aside a default of the law ("hvor ikke andet aftales").

    ``version`` guards against lost updates: a save must name the version it edited.
    """

    key = models.CharField(max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="decisions")
    parameter = models.CharField(_("parameter"), max_length=100)
    subject_id = models.CharField(_("gælder for"), max_length=100, default="*")
    value = models.JSONField(_("værdi"))
    decided_by = models.CharField(_("besluttet af"), max_length=200)
    decision_maker = models.CharField(max_length=32, choices=_choices(DecisionMaker))
    decided_on = models.DateField(_("beslutningsdato"))
    reference = models.CharField(_("reference"), max_length=300)
    valid_until = models.DateField(_("gælder til og med"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1)
    # When the record last changed: an import refuses to remove what changed after its file was made.
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["region", "-decided_on"]
        constraints = [
            models.UniqueConstraint(fields=["region", "key"], name="decision_key_unique_per_region")
        ]
        verbose_name = _("lokal beslutning")
        verbose_name_plural = _("lokale beslutninger")

    def __str__(self) -> str:
        return f"{self.parameter} = {self.value} ({self.decided_on})"

    def as_dict(self) -> dict[str, object]:
        return {
            "parameter": self.parameter,
            "subject_id": self.subject_id,
            "value": self.value,
            "decided_by": self.decided_by,
            "decision_maker": self.decision_maker,
            "decided_on": self.decided_on.isoformat(),
            "reference": self.reference,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "note": self.note,
            "version": self.version,
        }


class StatementBasis(models.TextChoices):
    """What a statement of the patient involvement committee is about, in the words of § 28 (and § 27, stk. 3)."""

    OWN_INITIATIVE = (
        "own_initiative",
        _("Eget initiativ: emne, som udvalget finder relevant for sammenhængen (§ 28, stk. 2)"),
    )
    COMMITTEE_TOPIC = "committee_topic", _("Sundhedssamarbejdsudvalgets emneområder (§ 28, stk. 1, nr. 1)")
    PRACTICE_PLAN = "practice_plan", _("Praksisplanens emneområde for almen praksis (§ 28, stk. 1, nr. 2)")


class CommitteeStatement(models.Model):
    """A statement (udtalelse) of the patient involvement committee (§ 27, stk. 3; § 28), with the consensus it
    sought and each member's own view when none was reached. Written only through ``actions.statements``; never
    about an individual patient's case (§ 28, stk. 2)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="statements")
    basis = models.CharField(_("grundlag"), max_length=20, choices=StatementBasis.choices)
    topic = models.CharField(_("emne"), max_length=200)
    text = models.TextField(_("udtalelse"))
    given_on = models.DateField(_("dato"))
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="statements"
    )
    consensus_sought = models.BooleanField(_("enighed tilstræbt"), default=True)
    consensus_reached = models.BooleanField(_("enighed opnået"))
    # Each member's own view when the committee could not agree (§ 27, stk. 3, 3. pkt.):
    # [{"member": name, "membership": key, "view": text}], in the order given.
    dissents = models.JSONField(_("synspunkter"), default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body", "-given_on", "-pk"]
        verbose_name = _("udtalelse")
        verbose_name_plural = _("udtalelser")

    def __str__(self) -> str:
        return f"{self.body}: {self.topic} ({self.given_on})"


class StoredFindings(models.Model):
    """A region's findings on one evaluation date, computed once per change of its record (ADR 0032).

    Derived data, never edited: ``fingerprint`` names the record they were computed from (the rulebook and
    reference data in use, and the region's latest audit row). A row whose fingerprint is not the region's
    current one is stale and is recomputed on the next read; see ``governance.stored_findings``.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    on = models.DateField(_("vurderet pr."))
    fingerprint = models.CharField(_("grundlag"), max_length=100)
    computed_at = models.DateTimeField(_("beregnet"), auto_now=True)
    # Every finding as core.rules.finding_as_dict gives it: the one shape of CLI, API and pages.
    findings = models.JSONField(_("fund"), default=list)
    # Open findings per area and weight ({"composition": {"broken": 1}}): all the trend over time reads.
    areas = models.JSONField(_("åbne fund pr. område"), default=dict)
    # What the national page reads besides: the open findings, the agreements' stages, the next deadline.
    glance = models.JSONField(_("overblik"), default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "on"], name="stored_findings_region_on")]
        verbose_name = _("beregnede fund")
        verbose_name_plural = _("beregnede fund")

    def __str__(self) -> str:
        return f"{self.region_id} {self.on}"

"""Partner information reports to the police (FIB), their pieces, and the register of persons,
places and vehicles of concern that sent reports and assessments feed."""

from django.conf import settings
from django.db import models

from csepathway.core.models import BaseModel

from .validators import display_registration


class HowLearned(models.TextChoices):
    SEEN = "seen", "Seen first-hand"
    TOLD_BY_CHILD = "told_by_child", "Told by the child"
    TOLD_BY_OTHER = "told_by_other", "Told by someone else"


class IntelligenceReport(BaseModel):
    """One partner information report: one subject, the information, its pieces, and what the police
    record back (their reference and the 3x5x2 grading). The police grade it, never the partner."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent to the police"
        ACKNOWLEDGED = "acknowledged", "Graded by the police"

    class SourceEvaluation(models.TextChoices):
        RELIABLE = "1", "1: Reliable"
        UNTESTED = "2", "2: Untested"
        NOT_RELIABLE = "3", "3: Not reliable"

    class IntelligenceAssessment(models.TextChoices):
        KNOWN_DIRECTLY = "A", "A: Known directly"
        CORROBORATED = "B", "B: Known indirectly, corroborated"
        KNOWN_INDIRECTLY = "C", "C: Known indirectly"
        NOT_KNOWN = "D", "D: Not known"
        SUSPECTED_FALSE = "E", "E: Suspected to be false"

    class HandlingCode(models.TextChoices):
        P = "P", "P: Lawful sharing permitted"
        C = "C", "C: Sharing permitted with conditions"

    episode = models.ForeignKey("episodes.Episode", on_delete=models.PROTECT, related_name="intelligence_reports")
    # Kept beside the episode so the child's chronology and scope need no join through episodes.
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="intelligence_reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    subject = models.CharField(max_length=200, help_text="Who or what the report is about: one subject per report")
    information = models.TextField()
    how_learned = models.CharField(max_length=20, choices=HowLearned.choices)
    happened_on = models.DateField(null=True, blank=True)
    learned_on = models.DateField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    # Numbered when sent, so the police and the PDF quote a reference people can say (INT-00042).
    number = models.PositiveIntegerField(null=True, blank=True, unique=True)
    police_reference = models.CharField(max_length=60, blank=True)
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices, blank=True)
    intelligence_assessment = models.CharField(max_length=1, choices=IntelligenceAssessment.choices, blank=True)
    handling_code = models.CharField(max_length=1, choices=HandlingCode.choices, blank=True)
    graded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    graded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["child", "created_at"])]

    def __str__(self):
        return f"Intelligence report {self.pk} ({self.get_status_display()})"

    @property
    def reference(self) -> str:
        return f"INT-{self.number:05d}" if self.number else "Not sent yet"

    @property
    def grading(self) -> str:
        if not self.source_evaluation:
            return ""
        return f"{self.source_evaluation}{self.intelligence_assessment}{self.handling_code}"


class ReportPiece(models.Model):
    """A piece of the report, with how the partner learned it (the police weigh first-hand and
    second-hand information differently)."""

    how_learned = models.CharField(max_length=20, choices=HowLearned.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class ReportPerson(ReportPiece):
    report = models.ForeignKey(IntelligenceReport, on_delete=models.CASCADE, related_name="persons")
    full_name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    aliases = models.CharField(max_length=300, blank=True, help_text="Nicknames, street names, other names")
    description = models.TextField(blank=True)


class ReportVehicle(ReportPiece):
    report = models.ForeignKey(IntelligenceReport, on_delete=models.CASCADE, related_name="vehicles")
    registration = models.CharField(max_length=12, help_text="Upper case, no spaces")
    make = models.CharField(max_length=60, blank=True)
    model = models.CharField(max_length=60, blank=True)
    colour = models.CharField(max_length=40, blank=True)


class ReportPhone(ReportPiece):
    report = models.ForeignKey(IntelligenceReport, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=20, help_text="Digits only, starting 0")
    whose = models.CharField(max_length=200, blank=True)


class ReportUsername(ReportPiece):
    report = models.ForeignKey(IntelligenceReport, on_delete=models.CASCADE, related_name="usernames")
    platform = models.CharField(max_length=80)
    handle = models.CharField(max_length=200)


class ReportPlace(ReportPiece):
    report = models.ForeignKey(IntelligenceReport, on_delete=models.CASCADE, related_name="places")
    address = models.CharField(max_length=300)
    description = models.TextField(blank=True)


class ReportMoney(ReportPiece):
    report = models.ForeignKey(IntelligenceReport, on_delete=models.CASCADE, related_name="money")
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    description = models.TextField()


class ReportDescription(ReportPiece):
    report = models.ForeignKey(IntelligenceReport, on_delete=models.CASCADE, related_name="descriptions")
    text = models.TextField()


class RegisterEntry(BaseModel):
    """What persons, places and vehicles of concern share: the episodes and reports they are linked
    to (an episode brings its assessment with it: one assessment per episode)."""

    description = models.TextField(blank=True)

    class Meta:
        abstract = True


class PersonOfConcern(RegisterEntry):
    full_name = models.CharField(max_length=200)
    # The normalised name (validators.name_key): the same key and date of birth is the same person.
    name_key = models.CharField(max_length=200, db_index=True)
    date_of_birth = models.DateField(null=True, blank=True)
    aliases = models.CharField(max_length=300, blank=True)
    episodes = models.ManyToManyField("episodes.Episode", blank=True, related_name="persons_of_concern")
    reports = models.ManyToManyField(IntelligenceReport, blank=True, related_name="persons_of_concern")

    class Meta:
        ordering = ["name_key", "date_of_birth"]
        constraints = [models.UniqueConstraint(fields=["name_key", "date_of_birth"],
                                               name="one_person_per_name_and_dob")]

    def __str__(self):
        return self.full_name


class PlaceOfConcern(RegisterEntry):
    address = models.CharField(max_length=300)
    address_key = models.CharField(max_length=300, unique=True)
    # The district of the postcode in the address (validators.postcode_district), kept so the strategic
    # picture counts hotspots by district in SQL; blank when the address gives no full postcode.
    postcode_district = models.CharField(max_length=4, blank=True, db_index=True)
    episodes = models.ManyToManyField("episodes.Episode", blank=True, related_name="places_of_concern")
    reports = models.ManyToManyField(IntelligenceReport, blank=True, related_name="places_of_concern")

    class Meta:
        ordering = ["address_key"]

    def __str__(self):
        return self.address


class VehicleOfConcern(RegisterEntry):
    # Normalised (validators.normalise_registration): the same registration is the same vehicle.
    registration = models.CharField(max_length=12, unique=True)
    make = models.CharField(max_length=60, blank=True)
    model = models.CharField(max_length=60, blank=True)
    colour = models.CharField(max_length=40, blank=True)
    episodes = models.ManyToManyField("episodes.Episode", blank=True, related_name="vehicles_of_concern")
    reports = models.ManyToManyField(IntelligenceReport, blank=True, related_name="vehicles_of_concern")

    class Meta:
        ordering = ["registration"]

    def __str__(self):
        return self.registration_as_written

    @property
    def registration_as_written(self) -> str:
        return display_registration(self.registration)


class PhoneOfConcern(RegisterEntry):
    """A phone number on the register. Marked as a line, it is a county line as the police know it:
    the number that drugs are ordered through, run by those who send children to carry drugs and money
    between areas. A line is linked to the places it supplies or uses (docs/adr/0063)."""

    # Normalised (validators.normalise_phone): the same digits are the same phone.
    number = models.CharField(max_length=20, unique=True)
    is_line = models.BooleanField(default=False)
    line_name = models.CharField(max_length=100, blank=True,
                                 help_text="The line's name as the police know it, for example 'the Blade line'")
    places = models.ManyToManyField(PlaceOfConcern, blank=True, related_name="lines")
    episodes = models.ManyToManyField("episodes.Episode", blank=True, related_name="phones_of_concern")
    reports = models.ManyToManyField(IntelligenceReport, blank=True, related_name="phones_of_concern")

    class Meta:
        ordering = ["-is_line", "line_name", "number"]

    def __str__(self):
        return f"{self.line_name} ({self.number})" if self.line_name else self.number


class RegisterMerge(models.Model):
    """A confirmed merge of two register entries: which was kept, which was folded into it and by
    whom. The folded entry is deleted (no duplicate remains); this row and the audit event keep the trail."""

    kind = models.CharField(max_length=20)
    kept_id = models.UUIDField()
    merged_id = models.UUIDField()
    merged_label = models.CharField(max_length=300)
    links_moved = models.PositiveIntegerField(default=0)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-merged_at"]

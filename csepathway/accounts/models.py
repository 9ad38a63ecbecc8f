import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models

from .roles import Role


class Agency(models.Model):
    class Kind(models.TextChoices):
        CHILDRENS_SERVICES = "childrens_services", "Children's social care"
        EARLY_HELP = "early_help", "Early help"
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        YOUTH_JUSTICE = "youth_justice", "Youth justice"
        VOLUNTARY = "voluntary", "Voluntary sector"
        OTHER = "other", "Other"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


class Team(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="teams")
    is_cse_team = models.BooleanField(default=False, help_text="The central CSE team that receives assessments")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    role = models.CharField(max_length=40, choices=Role.choices, default=Role.PRACTITIONER)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    job_title = models.CharField(max_length=120, blank=True)
    # Single sign-on (docs/adr/0061): the provider's stable identifier for this person (Entra ID's
    # `oid`, or `sub`), stored when the account is first linked, so a later change of email address
    # at the council cannot move the sign-in to someone else's account.
    sso_subject = models.CharField(max_length=255, null=True, blank=True, unique=True, default=None)
    # Break-glass: while single sign-on is on, only these accounts may use the password form.
    local_sign_in_allowed = models.BooleanField(
        default=False, help_text="May sign in with a username and password while single sign-on is on")

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """What pages, letters and notes call a person: their full name, or the username of an
        account that has none."""
        return self.get_full_name() or self.get_username()

    @property
    def agency(self):
        return self.team.agency if self.team_id else None


class SsoGroupMapping(models.Model):
    """One group from the council's identity provider, and the role and team its members have here.
    Applied at every single sign-on; where a person is in several mapped groups, the lowest
    precedence number wins (docs/adr/0061)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    group_id = models.CharField(max_length=255, unique=True, help_text="The group's id as the provider sends it")
    description = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=40, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="sso_group_mappings")
    precedence = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["precedence", "group_id"]
        verbose_name = "single sign-on group mapping"

    def __str__(self):
        return f"{self.description or self.group_id} -> {self.get_role_display()}, {self.team}"

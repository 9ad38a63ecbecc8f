"""Writes on a meeting's minutes: each item's minutes (with the version check), actions, needs and
interventions, and publishing, which turns the minutes into the episode's risk level, the child's
plan, an outcome case note and the "minutes are ready" emails, all in one transaction."""

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from csepathway.assessments.models import RiskLevel
from csepathway.audit.services import record
from csepathway.children.models import PLANS_FOR_NEEDS, Plan
from csepathway.children.services import plan_entry_record
from csepathway.core.formatting import govuk_date, govuk_datetime
from csepathway.core.refusals import Refused
from csepathway.core.services import StaleEdit
from csepathway.core.wording import meeting_name, say, say_lazy
from csepathway.episodes.models import Episode
from csepathway.episodes.services import risk_level_set
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add
from csepathway.outbox.events import MINUTES_PUBLISHED, event_raise
from csepathway.outbox.services import email_link, email_send
from csepathway.oversight.disclosures import services as disclosure_services

from ..access import has_started
from ..models import Action, AgendaItem, AgreedIntervention, Invitee, ItemMinutes, MaseMeeting
from ..selectors import agenda_items_for, meeting_child_id
from .access import may_record
from .selectors import DOWNLOAD_SALT, items_for_signed_link, level_labels, missing_for_publishing, withheld_problem

RISK_LEVEL_SOURCE = say_lazy("MASE meeting")
OUTCOME_TITLE = say_lazy("MASE meeting outcome")
READY_SUBJECT = say_lazy("CSE Pathway: the minutes of a MASE meeting are ready")
READY_INTRO = say_lazy("The minutes of a multi-agency (MASE) meeting you were part of are ready.")
READY_EXTERNAL_INTRO = say_lazy("The minutes of a multi-agency (MASE) meeting you attended are ready. The link below "
                        "downloads them; it works for 14 days.")


def _locked_meeting(actor, meeting: MaseMeeting) -> MaseMeeting:
    """Lock the meeting row: saves and publishing queue behind each other, so nothing is saved into
    minutes that are being published, and a double-clicked publish finds the work done."""
    meeting = MaseMeeting.objects.select_for_update().get(pk=meeting.pk)
    if not may_record(actor, meeting):
        raise PermissionDenied
    return meeting


def not_started_refusal(meeting: MaseMeeting, what: str) -> Refused:
    return Refused(f"The meeting has not started yet, so {what}. It starts on {govuk_datetime(meeting.starts_at)}.")


def _require_open(meeting: MaseMeeting) -> None:
    if meeting.state == MaseMeeting.State.CANCELLED:
        raise Refused("This meeting was cancelled, so its minutes cannot be recorded.")
    if meeting.minutes_published_at is not None:
        raise Refused("The minutes of this meeting have been published, so they can no longer be changed.")
    if not has_started(meeting):
        raise not_started_refusal(meeting, "its minutes cannot be recorded")


def _open_item(actor, agenda_item: AgendaItem) -> tuple[MaseMeeting, AgendaItem]:
    meeting = _locked_meeting(actor, agenda_item.meeting)
    item = agenda_items_for(actor).get(pk=agenda_item.pk)
    if item.withheld:
        # A restricted record the actor may not see: its minutes are not theirs to write.
        raise PermissionDenied
    _require_open(meeting)
    return meeting, item


@transaction.atomic
def item_minutes_save(*, actor, agenda_item: AgendaItem, information_shared: str, risk_level: str,
                      risk_level_rationale: str, next_review_on, version: int) -> ItemMinutes:
    """Save one item's minutes as edited from `version` (0 when they did not exist yet). A save
    from an older version raises StaleEdit and changes nothing."""
    meeting, item = _open_item(actor, agenda_item)
    if risk_level not in RiskLevel.values:
        raise Refused("Select the risk level the group agreed.")
    if not risk_level_rationale.strip():
        raise Refused("Explain why the group agreed this risk level.")
    if next_review_on is None:
        raise Refused("Enter the date of the next review.")
    values = {"information_shared": information_shared, "risk_level": risk_level,
              "risk_level_rationale": risk_level_rationale, "next_review_on": next_review_on}
    existing = ItemMinutes.objects.filter(agenda_item=item).first()
    if existing is None:
        if version:
            raise StaleEdit(None)
        try:
            with transaction.atomic():
                minutes = ItemMinutes.objects.create(agenda_item=item, recorded_by=actor, **values)
        except IntegrityError as duplicate:
            # Someone created the minutes between our read and our write.
            raise StaleEdit(ItemMinutes.objects.get(agenda_item=item)) from duplicate
        verb = "meeting.minutes_recorded"
        changed = list(values)
    else:
        if existing.version != version:
            raise StaleEdit(existing)
        changed = [name for name, value in values.items() if getattr(existing, name) != value]
        updated = ItemMinutes.objects.filter(pk=existing.pk, version=version).update(
            **values, recorded_by=actor, version=version + 1, updated_at=timezone.now())
        if updated != 1:
            raise StaleEdit(ItemMinutes.objects.get(pk=existing.pk))
        minutes = ItemMinutes.objects.get(pk=existing.pk)
        verb = "meeting.minutes_updated"
    record(actor=actor, verb=verb, obj=minutes, child_id=item.episode.child_id, changed_fields=changed)
    return minutes


@transaction.atomic
def action_add(*, actor, agenda_item: AgendaItem, description: str, kind: str, owner_name: str, owner=None,
               agency: str, due_on) -> Action:
    meeting, item = _open_item(actor, agenda_item)
    if kind not in Action.Kind.values:
        raise Refused("Select whether the action is support or disruption.")
    owner_name = owner_name.strip() or (owner.display_name if owner else "")
    if not description.strip() or not owner_name or not agency.strip() or due_on is None:
        raise Refused("An action needs what is to be done, an owner, their agency and a due date.")
    action = Action.objects.create(agenda_item=item, episode=item.episode, description=description, kind=kind,
                                   owner_name=owner_name, owner=owner, agency=agency, due_on=due_on,
                                   created_by=actor)
    record(actor=actor, verb="meeting.action_added", obj=action, child_id=item.episode.child_id)
    return action


@transaction.atomic
def intervention_add(*, actor, agenda_item: AgendaItem, need: str, intervention: str,
                     plan: str = "") -> AgreedIntervention:
    """A need and what was agreed for it, going into `plan` (CIN, CP, LAC or TAF) when the minutes
    are published; without one, into the plan the child has then."""
    meeting, item = _open_item(actor, agenda_item)
    if not need.strip() or not intervention.strip():
        raise Refused("Enter both the need and the intervention agreed for it.")
    if plan and plan not in PLANS_FOR_NEEDS:
        raise Refused("Choose the child in need, child protection, looked after or early help plan.")
    agreed = AgreedIntervention.objects.create(agenda_item=item, need=need, intervention=intervention, plan=plan,
                                               recorded_by=actor)
    record(actor=actor, verb="meeting.intervention_added", obj=agreed, child_id=item.episode.child_id)
    return agreed


def _plan_label(plan: str) -> str:
    return Plan(plan).label if plan in Plan.values else plan


def _outcome_body(*, meeting, item, minutes, previous_level: str, labels: dict) -> str:
    day = govuk_date(meeting.starts_at)
    new = labels.get(minutes.risk_level, minutes.risk_level)
    if previous_level == minutes.risk_level:
        level = f"Risk level confirmed: {new}."
    else:
        level = f"Risk level changed from {labels.get(previous_level, previous_level or 'none')} to {new}."
    lines = [f"{meeting_name()} meeting held on {day}.", level, "", "Why:", minutes.risk_level_rationale, "",
             "Actions:"]
    actions = list(item.actions.all())
    lines += [f"- {a.description} ({a.get_kind_display()}; owner: {a.owner_name}, {a.agency}; "
              f"due {govuk_date(a.due_on)})" for a in actions] or ["(none agreed)"]
    lines += ["", "Needs and interventions, by the plan they go into:"]
    lines += [f"- {_plan_label(i.plan or item.episode.child.plan)}: Need: {i.need} Intervention: {i.intervention}"
              for i in item.interventions.all()] or ["(none agreed)"]
    lines += ["", f"Next review: {govuk_date(minutes.next_review_on)}."]
    return "\n".join(lines)


def download_token(invitee: Invitee) -> str:
    return signing.dumps({"m": str(invitee.meeting_id), "i": str(invitee.pk)}, salt=DOWNLOAD_SALT)


def _log_external_disclosure(meeting: MaseMeeting, invitee: Invitee, address: str) -> None:
    """An attendee without an account gets the minutes outside the council: one disclosure per child
    whose part the link opens (the child and family get their item only, see minutes_for_signed_link)."""
    items = list(items_for_signed_link(invitee).select_related("episode"))
    recipient = ", ".join(part for part in (invitee.name, invitee.agency, address) if part)
    for item in items:
        disclosure_services.disclosure_record(
            actor=meeting.minutes_published_by, child_id=item.episode.child_id, recipient=recipient,
            purpose=say("MASE meeting minutes for an attendee"), lawful_basis=disclosure_services.SAFEGUARDING,
            shared=say("MASE minutes (download link): this child's item" if invitee.agenda_item_id
                       else "MASE minutes (download link): every item of the meeting"), obj=meeting)


def _tell_attendees(meeting: MaseMeeting, practitioners: list) -> None:
    """'The minutes are ready', without content: attendees with an account and the practitioners get
    the meeting page; attendees without one get a signed, expiring download link."""
    told = set()
    child_id = meeting_child_id(meeting)
    meeting_path = reverse("meetings:detail", args=[meeting.pk])
    attended = Invitee.objects.filter(meeting=meeting, status=Invitee.Status.ATTENDED).select_related("user")
    for invitee in attended:
        address = (invitee.user.email if invitee.user else "") or invitee.email
        if not address or address.lower() in told:
            continue
        told.add(address.lower())
        if invitee.user is not None and invitee.user.is_active:
            email_link(to_user=invitee.user, subject=READY_SUBJECT, path=meeting_path, intro=READY_INTRO,
                       child_id=child_id)
        else:
            path = reverse("meetings:minutes_external_download", args=[download_token(invitee)])
            _log_external_disclosure(meeting, invitee, address)
            email_send(to=[address], subject=READY_SUBJECT, path=path, intro=READY_EXTERNAL_INTRO,
                       child_id=child_id, link_text="Download the minutes:")
    for person in practitioners:
        if person.email and person.email.lower() not in told:
            told.add(person.email.lower())
            email_link(to_user=person, subject=READY_SUBJECT, path=meeting_path, intro=READY_INTRO,
                       child_id=child_id)


@transaction.atomic
def minutes_publish(*, actor, meeting: MaseMeeting) -> MaseMeeting:
    """Publish the minutes. A second publish (a double click, a second tab) waits on the row lock,
    finds them published and changes nothing."""
    meeting = _locked_meeting(actor, meeting)
    if meeting.minutes_published_at is not None:
        return meeting
    if meeting.state == MaseMeeting.State.CANCELLED:
        raise Refused("This meeting was cancelled, so its minutes cannot be published.")
    if not has_started(meeting):
        raise not_started_refusal(meeting, "its minutes cannot be published")
    items = list(agenda_items_for(actor).filter(meeting=meeting))
    if not items:
        raise Refused("There is nothing on the agenda to publish minutes for.")
    withheld = [item for item in items if item.withheld]
    if withheld:
        # Publishing writes to each child's record: not to a restricted record the actor may not see.
        raise Refused(withheld_problem(withheld[0].order))
    minutes_by_item = {m.agenda_item_id: m for m in ItemMinutes.objects.filter(agenda_item__in=items)}
    problems = missing_for_publishing(items, minutes_by_item)
    if problems:
        raise Refused("The minutes cannot be published yet. " + " ".join(problems))
    # Lock the episodes before taking the time: a level set by anyone else is then either before
    # `now` (and the 'previous level' the minutes show) or waits until after we commit.
    episodes = {e.pk: e for e in Episode.objects.select_for_update(of=("self",))
                .select_related("child", "practitioner").filter(pk__in=[i.episode_id for i in items])}
    now = timezone.now()
    meeting.state = MaseMeeting.State.HELD
    meeting.minutes_published_at = now
    meeting.minutes_published_by = actor
    meeting.version += 1
    meeting.save(update_fields=["state", "minutes_published_at", "minutes_published_by", "version", "updated_at"])
    labels = level_labels()
    practitioners = []
    for item in items:
        episode, minutes = episodes[item.episode_id], minutes_by_item[item.pk]
        previous = episode.risk_level
        risk_level_set(actor=actor, episode=episode, level=minutes.risk_level, source=RISK_LEVEL_SOURCE,
                       rationale=minutes.risk_level_rationale)
        if episode.risk_level != previous:
            episode.version += 1
            episode.save(update_fields=["risk_level", "version", "updated_at"])
            record(actor=actor, verb="episode.risk_level_changed", obj=episode, child_id=episode.child_id,
                   changed_fields=["risk_level"])
        for agreed in item.interventions.all():
            plan_entry_record(actor=actor, child=episode.child, need=agreed.need, intervention=agreed.intervention,
                              agreed_on=timezone.localdate(meeting.starts_at), plan=agreed.plan,
                              source=f"{meeting_name()} meeting on {govuk_date(meeting.starts_at)}", source_obj=meeting)
        case_note_add(actor=actor, child=episode.child, kind=CaseNote.Kind.MASE_OUTCOME, title=OUTCOME_TITLE,
                      body=_outcome_body(meeting=meeting, item=item, minutes=minutes, previous_level=previous,
                                         labels=labels),
                      subject=meeting, notify=[episode.practitioner], deliver=True)
        record(actor=actor, verb="meeting.minutes_published", obj=meeting, child_id=episode.child_id,
               changed_fields=["state", "minutes_published_at"])
        practitioners.append(episode.practitioner)
    # One event for the meeting, recorded against the child it was scheduled for (ADR 0028).
    event_raise(name=MINUTES_PUBLISHED, data={"meeting_id": meeting.pk},
                child_id=episodes[items[0].episode_id].child_id)
    _tell_attendees(meeting, practitioners)
    return meeting


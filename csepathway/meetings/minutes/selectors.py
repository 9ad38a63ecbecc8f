"""Reads of a meeting's minutes, scoped to the acting user: who may record them, what each item's
minutes hold, and the published minutes as a document (for the PDF, signed in or through a signed
link). Every read of a child's minutes is audited."""

import dataclasses
import datetime as dt
import uuid
from collections import defaultdict

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from csepathway.accounts.roles import CASE_ROLES
from csepathway.audit.models import AuditEvent
from csepathway.audit.scope import refuse_with_404
from csepathway.audit.services import record
from csepathway.core.configuration import configuration_current
from csepathway.episodes.models import RiskLevelChange

from ..access import restricted_q, visible_meetings
from ..models import Action, AgendaItem, AgreedIntervention, Invitee, ItemMinutes, MaseMeeting
from ..selectors import meeting_get
from .access import may_record

DOWNLOAD_SALT = "meetings.minutes"
DOWNLOAD_MAX_AGE = dt.timedelta(days=14)


class LinkExpired(Exception):
    """A genuine download link past its 14 days: the page says so, rather than 'not found'."""


def risk_levels() -> list[dict]:
    return configuration_current("risk_levels").data["levels"]


def level_labels() -> dict[str, str]:
    return {level["code"]: level["label"] for level in risk_levels()}


def action_owner_choices():
    """People with an account who may own an action (and get its reminders)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True, role__in=CASE_ROLES).order_by("first_name", "last_name")


def meeting_for_recording(*, actor, meeting_id) -> MaseMeeting:
    """The meeting, if the actor may see it (else 404, audited) and record its minutes (else 403)."""
    meeting = meeting_get(actor=actor, meeting_id=meeting_id, purpose="minutes_opened")
    if not may_record(actor, meeting):
        raise PermissionDenied
    return meeting


def agenda_item_for_recording(*, actor, meeting_id, item_id) -> tuple[MaseMeeting, AgendaItem]:
    """One item of a meeting the actor records: 404 (audited) for an item not on the agenda, or
    withheld from the actor (a restricted record they may not see), as for any record out of scope."""
    meeting = meeting_for_recording(actor=actor, meeting_id=meeting_id)
    for item in meeting.agenda:
        if str(item.pk) == str(item_id):
            return meeting, item
    withheld = next((w for w in meeting.withheld if str(w.item_id) == str(item_id)), None)
    refuse_with_404(actor=actor, verb="meeting.minutes_opened", object_type="meetings.agendaitem", object_id=item_id,
                    child_id=withheld.child_id if withheld else None)


def item_minutes(item: AgendaItem) -> ItemMinutes | None:
    return ItemMinutes.objects.filter(agenda_item=item).select_related("recorded_by").first()


def item_actions(item: AgendaItem) -> list[Action]:
    return list(Action.objects.filter(agenda_item=item).order_by("due_on", "created_at"))


def item_interventions(item: AgendaItem) -> list[AgreedIntervention]:
    return list(AgreedIntervention.objects.filter(agenda_item=item).order_by("created_at"))


def withheld_problem(order: int) -> str:
    return (f"Item {order} is a restricted record you are not allowed to see. Someone who is allowed to see it "
            "must record its minutes and publish the minutes of this meeting.")


def missing_for_publishing(items: list[AgendaItem], minutes_by_item: dict, withheld=()) -> list[str]:
    """What stops the minutes being published, one sentence per item, naming it; an item withheld
    from the reader stops them too (publishing writes to that child's record), without its name."""
    problems = [withheld_problem(w.order) for w in withheld]
    for item in items:
        minutes = minutes_by_item.get(item.pk)
        name = f"item {item.order} ({item.episode.child.full_name})"
        if minutes is None:
            problems.append(f"Record the minutes for {name}.")
            continue
        missing = [what for what, present in (("the risk level", minutes.risk_level),
                                              ("why the group agreed it", minutes.risk_level_rationale.strip()))
                   if not present]
        if missing:
            problems.append(f"Add {' and '.join(missing)} to the minutes for {name}.")
    return problems


@dataclasses.dataclass
class ItemRecord:
    item: AgendaItem
    minutes: ItemMinutes | None
    actions: list
    interventions: list
    # The episode's level before this meeting: now if unpublished, from the history once published.
    previous_level: str


@dataclasses.dataclass
class MinutesDocument:
    meeting: MaseMeeting
    items: list[ItemRecord]
    attended: list[Invitee]
    apologies: list[Invitee]


def level_before_publishing(episode_ids, published_at) -> dict:
    """Each episode's risk level just before the minutes were published, from its history."""
    levels = {}
    changes = (RiskLevelChange.objects.filter(episode_id__in=episode_ids, at__lt=published_at)
               .order_by("at", "id").values_list("episode_id", "level"))
    for episode_id, level in changes:
        levels[episode_id] = level
    return levels


def _document(meeting: MaseMeeting, items: list[AgendaItem]) -> MinutesDocument:
    """Everything the minutes show for these items, in a fixed number of queries."""
    minutes = {m.agenda_item_id: m for m in ItemMinutes.objects.filter(agenda_item__in=items)}
    actions, interventions = defaultdict(list), defaultdict(list)
    for action in Action.objects.filter(agenda_item__in=items).order_by("due_on", "created_at"):
        actions[action.agenda_item_id].append(action)
    for agreed in AgreedIntervention.objects.filter(agenda_item__in=items).order_by("created_at"):
        interventions[agreed.agenda_item_id].append(agreed)
    if meeting.minutes_published_at is not None:
        before = level_before_publishing([i.episode_id for i in items], meeting.minutes_published_at)
        previous = {i.pk: before.get(i.episode_id, "") for i in items}
    else:
        previous = {i.pk: i.episode.risk_level for i in items}
    # Invitees for the whole meeting, and those for the items shown: never another child's family.
    invitees = list(Invitee.objects.filter(Q(agenda_item__isnull=True) | Q(agenda_item__in=items), meeting=meeting)
                    .order_by("agency", "name"))
    return MinutesDocument(
        meeting=meeting,
        items=[ItemRecord(item=i, minutes=minutes.get(i.pk), actions=actions[i.pk],
                          interventions=interventions[i.pk], previous_level=previous[i.pk]) for i in items],
        attended=[p for p in invitees if p.status == Invitee.Status.ATTENDED],
        apologies=[p for p in invitees if p.status == Invitee.Status.APOLOGIES],
    )


def items_visible_to(actor, meeting: MaseMeeting) -> list[AgendaItem]:
    """The chair and the CSE team see every item; anyone else the items whose episode they may see."""
    if may_record(actor, meeting):
        return list(meeting.agenda)
    return [item for item in meeting.agenda if item.episode_id in meeting.openable_episode_ids]


def minutes_overview(*, actor, meeting: MaseMeeting) -> MinutesDocument:
    """For a meeting already read through meeting_get (which audited it)."""
    return _document(meeting, items_visible_to(actor, meeting))


def _deny_download(actor, meeting_id) -> None:
    record(actor=actor, verb="meeting.minutes_downloaded", object_type="meetings.masemeeting",
           object_id=str(meeting_id), outcome=AuditEvent.Outcome.DENIED)


def _audit_download(actor, document: MinutesDocument, *, obj=None, **extra) -> None:
    for entry in document.items:
        record(actor=actor, verb="meeting.minutes_downloaded", obj=obj or document.meeting,
               child_id=entry.item.episode.child_id, **extra)


def minutes_for_download(*, actor, meeting_id: uuid.UUID | str) -> MinutesDocument:
    """The published minutes, as far as the actor may see them; 404 (audited) before publishing or
    outside the actor's scope."""
    published = visible_meetings(actor).filter(pk=meeting_id, minutes_published_at__isnull=False).exists()
    if not published:
        _deny_download(actor, meeting_id)
        raise Http404("No published minutes")
    meeting = meeting_get(actor=actor, meeting_id=meeting_id, purpose="minutes_opened")
    document = _document(meeting, items_visible_to(actor, meeting))
    _audit_download(actor, document)
    return document


def items_for_signed_link(invitee: Invitee):
    """The items an attendee's signed link opens. The child and family (and anyone invited for one
    child's item) get that item only; someone invited to the whole meeting gets every item but a
    restricted record, since nobody without an account is on an allow-list."""
    items = AgendaItem.objects.filter(meeting_id=invitee.meeting_id).order_by("order")
    if invitee.agenda_item_id is not None:
        return items.filter(pk=invitee.agenda_item_id)
    return items.exclude(restricted_q(None))


def minutes_for_signed_link(*, token: str) -> MinutesDocument:
    """The published minutes for an attendee without an account, from the link they were emailed.
    Tampered, unknown or not-attended: 404; a genuine but old link: LinkExpired. Audited either way."""
    try:
        data = signing.loads(token, salt=DOWNLOAD_SALT, max_age=DOWNLOAD_MAX_AGE)
    except signing.SignatureExpired as expired:
        _deny_download(None, "expired-link")
        raise LinkExpired from expired
    except signing.BadSignature as bad:
        _deny_download(None, "bad-link")
        raise Http404("Not a valid link") from bad
    invitee = (Invitee.objects.select_related("meeting", "meeting__chair")
               .filter(pk=data.get("i"), meeting_id=data.get("m")).first())
    if (invitee is None or invitee.status != Invitee.Status.ATTENDED
            or invitee.meeting.minutes_published_at is None):
        _deny_download(None, data.get("m", ""))
        raise Http404("No minutes for this link")
    meeting = invitee.meeting
    document = _document(meeting, list(items_for_signed_link(invitee).select_related("episode__child")))
    # The invitee is the object, so the trail says who used the link.
    _audit_download(None, document, obj=invitee, acting_role="external attendee")
    return document

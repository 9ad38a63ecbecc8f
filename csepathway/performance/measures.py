"""The pathway's measures (issue 12, point 3), each worked out by the database.

Every measure is a queryset of what it counts (episodes, minutes, actions, risk changes, NRM
referrals, intelligence reports), narrowed to the viewer's scope and the filters, and annotated
with the month it falls in and its outcome ("on_time", "late", ...). One grouped query gives the
dashboard its figures; the same annotations, filtered, give the list of episodes behind any figure.
So a figure and its list can never disagree.

The clocks are the ones the pathway stored when it ran (decision_due_on, initial_mase_due_on, the
minutes' next review date, an action's due date): working days with bank holidays left out were
counted then, under the timescale in force then, and a measure only compares dates."""

import dataclasses
import datetime as dt
from collections.abc import Callable

from django.db.models import Case, CharField, DateField, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from csepathway.assessments.models import RiskLevel
from csepathway.core.wording import say_lazy
from csepathway.episodes.models import Episode, RiskLevelChange
from csepathway.intelligence.models import IntelligenceReport
from csepathway.meetings.actions.models import Action
from csepathway.meetings.minutes.models import ItemMinutes
from csepathway.meetings.models import AgendaItem, MaseMeeting
from csepathway.missing.models import MissingEpisode, ReturnHomeInterview
from csepathway.nrm.models import NrmReferral

# The viewer's scope as a condition on the episode reached through a path ("" for an episode itself,
# "episode__" from an action): the same rule the pages apply, so a figure counts only what its
# viewer may open.
Scope = Callable[[str], Q]


@dataclasses.dataclass(frozen=True)
class Filters:
    since: dt.date
    until: dt.date
    team_id: str = ""
    agency_id: str = ""


@dataclasses.dataclass(frozen=True)
class Measure:
    key: str
    title: str
    counted: str  # what one unit is, for the table heading: "Decisions", "Actions"
    outcomes: tuple[tuple[str, str], ...]  # (key, words), in the order shown
    good: str = ""  # the outcome whose share is the measure's rate ("on_time"), if it has one
    model: type | None = None
    episode_path: str = "episode__"
    # Whether what it counts exists only for episodes sent to the CSE team (a decision, an agenda
    # item): the scope then need not leave out the episodes never sent.
    sent: bool = False
    # What belongs to a child rather than to an episode (a missing episode) is scoped and filtered
    # through the child, by this path; its figures open a list of those rows, not of episodes.
    child_path: str = ""

    def rows(self, *, scope: Scope, filters: Filters, today: dt.date) -> QuerySet:
        """What this measure counts, in scope and period, annotated with `month` and `outcome`."""
        if self.child_path:
            queryset = self.model.objects.filter(_in_child_filters(scope, filters, self.child_path))
        else:
            queryset = self.model.objects.filter(_in_filters(scope, filters, self.episode_path, sent=self.sent))
        return BUILDERS[self.key](queryset, filters=filters, today=today, scope=scope)

    def episode_ids(self, *, scope: Scope, filters: Filters, today: dt.date, outcome: str = "", month: str = ""):
        """The ids of the episodes behind one figure (a subquery, not a list)."""
        rows = self.rows(scope=scope, filters=filters, today=today)
        if outcome:
            rows = rows.filter(outcome=outcome)
        if month:
            rows = rows.filter(month=dt.date.fromisoformat(f"{month}-01"))
        return rows.values(f"{self.episode_path}pk" if self.episode_path else "pk")


def _in_filters(scope: Scope, filters: Filters, path: str, *, sent: bool) -> Q:
    condition = scope(path, sent=sent)
    if filters.team_id:
        condition &= Q(**{f"{path}team_id": filters.team_id})
    if filters.agency_id:
        condition &= Q(**{f"{path}team__agency_id": filters.agency_id})
    return condition


def _in_child_filters(scope: Scope, filters: Filters, path: str) -> Q:
    condition = scope.children(path)
    if filters.team_id:
        condition &= Q(**{f"{path}allocated_team_id": filters.team_id})
    if filters.agency_id:
        condition &= Q(**{f"{path}allocated_team__agency_id": filters.agency_id})
    return condition


def _month(field: str) -> TruncMonth:
    # A date, in the service's time zone: a decision at 00:30 on 1 April (BST) counts in April.
    return TruncMonth(field, output_field=DateField())


def _between(field: str, filters: Filters, *, is_datetime: bool) -> Q:
    if is_datetime:
        # The period's first and last days in the service's time zone, as a range of instants: the
        # database reads it from an index, where a date of each row would mean converting them all.
        zone = timezone.get_current_timezone()
        start = dt.datetime.combine(filters.since, dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        return Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return Q(**{f"{field}__gte": filters.since, f"{field}__lte": filters.until})


def _outcome(*whens, default) -> Case:
    return Case(*whens, default=Value(default) if isinstance(default, str) else default, output_field=CharField())


def _decisions(queryset, *, filters, today, scope):
    return queryset.filter(_between("decided_at", filters, is_datetime=True), decision_due_on__isnull=False).annotate(
        month=_month("decided_at"),
        outcome=_outcome(When(decided_at__date__lte=F("decision_due_on"), then=Value("on_time")), default="late"))


def _initial_meetings(queryset, *, filters, today, scope):
    """On time if an initial MASE (not cancelled) began by its due day, which is the same as the first
    one having begun by then; a look-up by episode, where the first meeting's time as a subquery was
    worked out once for each test of it. Otherwise late once the due day has passed. (A meeting that
    began after its due day began by today, so its due day has passed: "or one was held late" would
    add nothing but a scan of every agenda item.)"""
    in_time = AgendaItem.objects.filter(
        episode_id=OuterRef("pk"), meeting__kind=MaseMeeting.Kind.INITIAL, meeting__starts_at__lte=timezone.now(),
        meeting__starts_at__date__lte=OuterRef("initial_mase_due_on"),
    ).exclude(meeting__state=MaseMeeting.State.CANCELLED)
    return queryset.filter(_between("decided_at", filters, is_datetime=True),
                           initial_mase_due_on__isnull=False).annotate(
        month=_month("decided_at"),
        outcome=_outcome(When(Exists(in_time), then=Value("on_time")),
                         When(initial_mase_due_on__lt=today, then=Value("late")),
                         default="not_yet_due"))


def _reviews(queryset, *, filters, today, scope):
    """A review falls due on the date the minutes proposed; it was on time if a review MASE for the
    same episode began after that meeting and on or before the date."""
    # "Began by today" compares the meeting's date, not its instant: with only a lower bound on the
    # start, the database looks up the episode's few agenda items instead of every meeting since.
    held_in_time = AgendaItem.objects.filter(
        episode_id=OuterRef("agenda_item__episode_id"), meeting__kind=MaseMeeting.Kind.REVIEW,
        meeting__starts_at__gt=OuterRef("agenda_item__meeting__starts_at"),
        meeting__starts_at__date__lte=OuterRef("next_review_on"),
    ).exclude(meeting__state=MaseMeeting.State.CANCELLED)
    return queryset.filter(_between("next_review_on", filters, is_datetime=False), next_review_on__lte=today,
                           agenda_item__meeting__state=MaseMeeting.State.HELD).annotate(
        month=_month("next_review_on"),
        outcome=_outcome(When(Exists(held_in_time), then=Value("on_time")), default="late"))


def _actions(queryset, *, filters, today, scope):
    return queryset.filter(_between("due_on", filters, is_datetime=False), due_on__lt=today).exclude(
        status=Action.Status.CANCELLED).annotate(
        month=_month("due_on"),
        outcome=_outcome(When(completed_at__date__lte=F("due_on"), then=Value("on_time")), default="late"))


RISK_RANK = {level: rank for rank, level in enumerate(RiskLevel.values)}


def _rank(field: str) -> Case:
    return Case(*(When(**{field: level}, then=Value(rank)) for level, rank in RISK_RANK.items()), default=Value(-1))


def _risk_changes(queryset, *, filters, today, scope):
    return queryset.filter(_between("at", filters, is_datetime=True)).annotate(
        month=_month("at"), new_rank=_rank("level"), old_rank=_rank("previous_level")).annotate(
        outcome=_outcome(When(previous_level="", then=Value("first")),
                         When(new_rank__gt=F("old_rank"), then=Value("raised")),
                         When(new_rank__lt=F("old_rank"), then=Value("lowered")), default="confirmed"))


def _closures(queryset, *, filters, today, scope):
    return queryset.filter(_between("closed_at", filters, is_datetime=True)).annotate(
        month=_month("closed_at"), outcome=F("closure_reason"))


def _referrals(queryset, *, filters, today, scope):
    # Only earlier episodes the viewer may see count: a figure must not hint at a hidden record.
    earlier = Episode.objects.filter(scope(""), child_id=OuterRef("child_id"), submission_round__gt=0,
                                     created_at__lt=OuterRef("created_at"))
    return queryset.filter(_between("submitted_at", filters, is_datetime=True), submission_round__gt=0).annotate(
        month=_month("submitted_at"),
        outcome=_outcome(When(Exists(earlier), then=Value("repeat")), default="first"))


def _grounds(field: str):
    def build(queryset, *, filters, today, scope):
        return queryset.filter(_between("referred_on", filters, is_datetime=False), referred_on__isnull=False).annotate(
            month=_month("referred_on"),
            outcome=_outcome(When(**{f"{field}": "", "then": Value("waiting")}), default=F(field)))
    return build


def _intelligence(queryset, *, filters, today, scope):
    return queryset.filter(_between("sent_at", filters, is_datetime=True), sent_at__isnull=False).annotate(
        month=_month("sent_at"),
        outcome=_outcome(When(graded_at__isnull=False, then=Value("graded")), default="waiting"))


def _return_interviews(queryset, *, filters, today, scope):
    """A return home interview is due 72 hours after the return (stored with the episode). On time if
    it was held or declined by then (ADR 0064); late if it was settled after, or is still open and
    the time has passed; otherwise not yet due. By the month of the return."""
    now = timezone.now()
    settled = ReturnHomeInterview.objects.filter(
        episode_id=OuterRef("pk"),
        outcome__in=[ReturnHomeInterview.Outcome.COMPLETED, ReturnHomeInterview.Outcome.DECLINED])
    return queryset.filter(_between("returned_at", filters, is_datetime=True),
                           interview_due_at__isnull=False).annotate(
        month=_month("returned_at"),
        outcome=_outcome(When(Exists(settled.filter(outcome_at__lte=OuterRef("interview_due_at"))),
                              then=Value("on_time")),
                         When(Q(Exists(settled)) | Q(interview_due_at__lt=now), then=Value("late")),
                         default="not_yet_due"))


ON_TIME = (("on_time", "On time"), ("late", "Late"))

MEASURES = (
    Measure("decisions", "Decisions within 3 working days of submission", "Decisions", ON_TIME, "on_time",
            Episode, "", sent=True),
    Measure("initial_mase", say_lazy("Initial MASE within 10 working days of the decision"),
            say_lazy("MASE required decisions"),
            ON_TIME + (("not_yet_due", "Not held yet, not yet due"),), "on_time", Episode, "", sent=True),
    Measure("reviews", "Reviews held by the date the minutes set", "Reviews due", ON_TIME, "on_time",
            ItemMinutes, "agenda_item__episode__", sent=True),
    Measure("actions", say_lazy("MASE actions completed by their due date"), "Actions due", ON_TIME, "on_time", Action,
            sent=True),
    Measure("return_interviews", "Return home interviews within 72 hours of the return", "Returns",
            ON_TIME + (("not_yet_due", "Not yet due"),), "on_time", MissingEpisode, child_path="child__"),
    Measure("risk_changes", "Changes of risk level", "Changes",
            (("raised", "Raised"), ("lowered", "Lowered"), ("confirmed", "Confirmed"), ("first", "First level set")),
            model=RiskLevelChange),
    Measure("closures", "Outcomes at closure", "Episodes closed",
            tuple((value, label) for value, label in Episode._meta.get_field("closure_reason").choices),
            model=Episode, episode_path=""),
    Measure("referrals", "Repeat referrals", "Episodes sent to the CSE team",
            (("repeat", "Repeat: the child had an earlier episode"), ("first", "First episode")),
            model=Episode, episode_path=""),
    Measure("reasonable_grounds", "NRM reasonable grounds decisions", "NRM referrals",
            (("positive", "Positive"), ("negative", "Negative"), ("waiting", "Waiting")), model=NrmReferral),
    Measure("conclusive_grounds", "NRM conclusive grounds decisions", "NRM referrals",
            (("positive", "Positive"), ("negative", "Negative"), ("waiting", "Waiting")), model=NrmReferral),
    Measure("intelligence", "Intelligence reports sent and graded", "Reports sent",
            (("graded", "Graded"), ("waiting", "Waiting to be graded")), model=IntelligenceReport),
)
BY_KEY = {measure.key: measure for measure in MEASURES}

BUILDERS = {
    "decisions": _decisions, "initial_mase": _initial_meetings, "reviews": _reviews, "actions": _actions,
    "return_interviews": _return_interviews, "risk_changes": _risk_changes, "closures": _closures,
    "referrals": _referrals,
    "reasonable_grounds": _grounds("reasonable_grounds"), "conclusive_grounds": _grounds("conclusive_grounds"),
    "intelligence": _intelligence,
}


"""The stages of generate_volume_data, in the order the tables depend on each other, each timed."""

import dataclasses
import datetime as dt
import random
import time
import zoneinfo

from django.conf import settings

from csepathway.accounts.models import Agency
from csepathway.assessments.models import Assessment
from csepathway.audit.bulk import append_historical
from csepathway.children.models import Child, ChildAlias, ChildRestriction, PlanEntry
from csepathway.episodes.models import Conversation, Episode, JointReview, ManagerAdvice, RiskLevelChange, Transition
from csepathway.intelligence.models import IntelligenceReport, ReportPerson, ReportVehicle
from csepathway.meetings.models import (
    Action,
    AgendaItem,
    AgreedIntervention,
    Invitee,
    ItemMinutes,
    MaseMeeting,
    MeetingChange,
)
from csepathway.missing.models import MissingEpisode, ReturnHomeInterview
from csepathway.notes.models import CaseNote
from csepathway.nrm.models import NrmReferral
from csepathway.screening.models import Screening

from . import audit_rows, casework, meetings, missing, notes, plan, region, related
from .ids import seeded
from .progress import Progress
from .writer import Writer


class AlreadyGenerated(Exception):
    pass


@dataclasses.dataclass
class Options:
    children: int = 50_000
    audit_events: int = 10_000_000
    authorities: int = 7
    years: int = 10
    seed: int = 1
    batch_size: int = 5_000
    today: dt.date | None = None
    show_progress: bool = True
    stream: object = None


@dataclasses.dataclass
class Result:
    seconds: dict = dataclasses.field(default_factory=dict)  # stage -> seconds
    rows: dict = dataclasses.field(default_factory=dict)  # model label -> rows


def anchor_for(today: dt.date | None) -> dt.datetime:
    """Midnight at the start of `today`, local time: every generated event is before it, every
    meeting still to come after it, so one seed on one day gives one set of data."""
    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(today or dt.datetime.now(local).date(), dt.time(0), tzinfo=local)


def generate(options: Options) -> Result:
    if Agency.objects.filter(name=f"{region.authority_name(1)} Police").exists():
        raise AlreadyGenerated("This database already holds generated volume data; use a fresh one.")
    anchor = anchor_for(options.today)
    writer = Writer(batch_size=options.batch_size)
    result = Result()
    seed = options.seed

    def rng(name: str) -> random.Random:
        return seeded(seed, name)

    def stage(label: str, tables: list) -> None:
        progress = Progress(label, stream=options.stream, enabled=options.show_progress)
        for model, rows in tables:
            writer.write(model, rows, progress=progress.advance)
        result.seconds[label] = progress.finish()

    started = time.perf_counter()
    the_region = region.build(authorities=options.authorities, seed=seed)
    plans = plan.build(region=the_region, children=options.children, years=options.years, seed=seed, anchor=anchor)
    mase = meetings.plan(plans, seed=seed)
    chosen_reports = related.report_plan(plans, rng("reports"))
    result.seconds["region and plan"] = time.perf_counter() - started

    stage("children", [
        (Child, casework.children(plans, rng("children"))), (ChildAlias, casework.aliases(plans, rng("aliases"))),
        (ChildRestriction, casework.restrictions(plans)),
        (ChildRestriction.allowed_users.through, casework.restriction_users(plans)),
        (ChildRestriction.allowed_teams.through, casework.restriction_teams(plans))])
    stage("episodes", [
        (Screening, casework.screenings(plans, rng("screenings"))),
        (Assessment, casework.assessments(plans, rng("assessments"))),
        (Episode, casework.episodes(plans, rng("episodes"))),
        (Episode.decided_by.through, casework.decided_by(plans)),
        (Transition, casework.transitions(plans)), (RiskLevelChange, casework.risk_level_changes(plans)),
        (JointReview, casework.joint_reviews(plans)), (ManagerAdvice, casework.manager_advice(plans)),
        (Conversation, casework.conversations(plans, rng("conversations")))])
    stage("case notes", [(CaseNote, notes.case_notes(plans, rng("notes"), anchor))])
    stage("MASE meetings", [
        (MaseMeeting, meetings.meeting_rows(mase, anchor)), (MeetingChange, meetings.meeting_changes(mase)),
        (AgendaItem, meetings.agenda_items(mase)),
        (Invitee, meetings.invitees(mase, rng("invitees"), anchor)), (ItemMinutes, meetings.minutes(mase, anchor)),
        (Action, meetings.actions(mase, rng("actions"), anchor)),
        (AgreedIntervention, meetings.interventions(mase, anchor)), (PlanEntry, meetings.plan_entries(mase, anchor)),
        (CaseNote, meetings.outcome_notes(mase, anchor))])
    stage("NRM and intelligence", [
        (NrmReferral, related.nrm_referrals(plans, rng("nrm"), anchor)),
        (IntelligenceReport, related.reports(chosen_reports, rng("report rows"), anchor)),
        (ReportPerson, related.report_persons(chosen_reports)),
        (ReportVehicle, related.report_vehicles(chosen_reports))])
    away = missing.plan(plans, rng("missing"), anchor)
    stage("missing episodes", [
        (MissingEpisode, missing.missing_episodes(away, rng("missing rows"))),
        (ReturnHomeInterview, missing.interviews(away, rng("interviews"), anchor))])

    progress = Progress("audit trail", options.audit_events, stream=options.stream, enabled=options.show_progress)
    events = audit_rows.rows(region=the_region, plans=plans, total=options.audit_events, seed=seed, anchor=anchor,
                             years=options.years)
    written = append_historical(events, batch_size=options.batch_size, progress=progress.update)
    result.seconds["audit trail"] = progress.finish()
    result.rows = {"accounts.User": len(the_region.users), **writer.counts, "audit.AuditEvent": written}
    return result

"""The access matrix (issue 6, point 1): every URL in the URLconf, requested with GET by two users of
every role (and anonymously), must give the status written in tests/access_matrix.yaml; a URL with
no row fails. Requests for another team's objects give 404 and write nothing but audit events."""

import datetime as dt
import types
import uuid
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from csepathway.accounts.roles import Role
from csepathway.children.models import BreakGlassGrant
from csepathway.children.tests.factories import ChildFactory
from csepathway.core import access
from csepathway.demo import pathway
from csepathway.episodes import scenarios
from csepathway.intelligence import services as intelligence_services
from csepathway.intelligence.models import PersonOfConcern, PhoneOfConcern
from csepathway.meetings.models import Action, DirectoryEntry, Invitee, MaseMeeting
from csepathway.missing import services as missing_services
from csepathway.notes.models import CaseNote
from csepathway.notes.services import case_note_add
from csepathway.notifications.models import Notification
from csepathway.nrm import services as nrm_services
from csepathway.nrm.tests.builders import episode_with_types
from csepathway.outbox.services import email_link
from csepathway.oversight.models import AccessAlert
from csepathway.retention.models import DisposalCertificate, DisposalProposal, LegalHold
from csepathway.subject_access import services as sar_services

pytestmark = pytest.mark.django_db

MATRIX_FILE = Path(__file__).with_name("access_matrix.yaml")
COLUMNS = ["anonymous", *Role.values]
INVALID_TOKEN = "not-a-real-token"

# Which built object fills each URL parameter; URL_OBJECTS picks another object for one URL.
PARAMS = {
    "child_id": "child", "episode_id": "episode", "meeting_id": "meeting", "item_id": "item",
    "invitee_id": "invitee", "action_id": "action", "referral_id": "referral", "report_id": "report",
    "note_id": "note", "entry_id": "person", "first_id": "person", "second_id": "other_person",
    "piece_id": "piece", "kind": "=person", "token": "=" + INVALID_TOKEN,
    "grant_id": "grant", "sar_id": "sar", "user_id": "owner", "alert_id": "alert",
    "hold_id": "hold", "proposal_id": "proposal", "certificate_id": "certificate",
    "directory_entry_id": "directory_entry", "notification_id": "notification", "line_id": "line",
    "missing_episode_id": "missing_episode",
}
DRAFT = {"episode_id": "draft_episode"}
SUBMITTED = {"episode_id": "submitted_episode"}
URL_OBJECTS = {
    "episodes:manager_advice": DRAFT, "episodes:conversation": DRAFT, "episodes:screening": DRAFT,
    "episodes:assessment": DRAFT, "episodes:assessment_section": {**DRAFT, "section": "=exploitation"},
    "episodes:submit": DRAFT, "episodes:review": SUBMITTED, "episodes:return": SUBMITTED,
    "episodes:escalation": SUBMITTED, "episodes:start": {"child_id": "new_child"},
    "nrm:start": {"episode_id": "nrm_episode"}, "nrm:section": {"section": "=nature"},
    "intelligence:piece_add": {"kind": "=vehicle"},
    "subject_access:item": {"item_id": "sar_item"},
    "performance:section": {"section": "=outcomes"},
}


def url_names(patterns=None, namespaces=()):
    """(name, route) for every URL, walking includes as core.access.url_views does (no admin)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace not in access.EXEMPT_NAMESPACES:
                inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
                yield from url_names(entry.url_patterns, inner)
        else:
            yield ":".join((*namespaces, entry.name or f"<unnamed {entry.pattern}>")), str(entry.pattern)


# The walks over every URL (this matrix, GETs that write, forms given bad input) each run as four
# tests, a quarter of the URLs apiece, so the test run's workers share them out.
SHARDS = 4


def url_shard(shard: int) -> list[tuple[str, str]]:
    return list(url_names())[shard::SHARDS]


def load_matrix() -> dict:
    return yaml.safe_load(MATRIX_FILE.read_text())["urls"]


def build_world(personas, owner, tag: str) -> dict:
    """A child in each state the URLs need, owned by `owner`, and everything hanging off them."""
    team = owner.team

    def child(n):
        return ChildFactory(allocated_team=team, allocated_worker=owner, lcs_reference=f"LCS-M{tag}{n}")

    reviewers = {"cse_manager": personas.cse_manager, "police": personas.police_coordinator}
    decided = scenarios.decided(practitioner=owner, child=child(1), **reviewers, mase_required=True)
    users = {"mase.chair": personas.mase_chair, "cse.manager": personas.cse_manager}
    pathway._hold_demo_meeting(episode=decided, users=users)
    meeting = MaseMeeting.objects.filter(agenda_items__episode=decided).get()
    item = meeting.agenda_items.get(episode=decided)
    nrm_episode = episode_with_types(types.SimpleNamespace(practitioner=owner), child(2), ["trafficking"])
    referral = nrm_services.referral_start(actor=owner, episode=nrm_episode)
    report = intelligence_services.report_create(actor=owner, episode=decided, data={
        "subject": f"Matrix subject {tag}", "information": "Seen outside the school (test).",
        "how_learned": "told_by_child", "happened_on": None, "learned_on": None})
    piece = intelligence_services.piece_add(actor=owner, report=report, kind="person", data={
        "full_name": f"Darren Matrix{tag}", "date_of_birth": None, "aliases": "", "description": "",
        "how_learned": "told_by_child"})
    people = [PersonOfConcern.objects.create(full_name=f"Person Matrix{tag}{n}", name_key=f"person matrix{tag}{n}")
              for n in (1, 2)]
    for person in people:
        person.reports.add(report)
        person.episodes.add(decided)
    line = PhoneOfConcern.objects.create(number="07700900111" if tag == "A" else "07700900222", is_line=True,
                                         line_name=f"Matrix line {tag}")
    line.episodes.add(decided)
    note = case_note_add(actor=owner, child=decided.child, kind=CaseNote.Kind.GENERAL, title="Matrix note",
                         body="Spoke to school (test).", deliver=False)
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(user=owner, child=child(6), reason="Matrix emergency (test)",
                                           confirmed_with="password", granted_at=now,
                                           expires_at=now + dt.timedelta(hours=4))
    sar = sar_services.sar_start(actor=personas.auditor, child=decided.child, requester="The child (test)",
                                 received_on=dt.date.today())
    sar = sar_services.sar_gather(actor=personas.auditor, sar=sar, expected_version=sar.version)
    alert = AccessAlert.objects.create(user=owner, kind=AccessAlert.Kind.values[0], window_start=now,
                                       window_end=now, count=21, raised_at=now)
    # Made directly: the services would refuse them for a child this young.
    hold = LegalHold.objects.create(child=decided.child, reason="Matrix hold (test)", placed_by=personas.auditor)
    proposal = DisposalProposal.objects.create(child=decided.child, proposed_by=personas.auditor, rules_version=0)
    certificate = DisposalCertificate.objects.create(
        number=DisposalCertificate.objects.count() + 1, record_id=uuid.uuid4(), records={"Matrix": 1},
        rule="Matrix rule", rules_version=0, proposed_by=personas.auditor, proposed_by_username="ava.auditor",
        proposed_at=now, disposed_by=personas.auditor, disposed_by_username="ava.auditor", disposed_at=now)
    missing_episode = missing_services.missing_episode_record(actor=owner, child=decided.child, data={
        "missing_from": "home", "started_at": now - dt.timedelta(hours=30), "reported_by": "Parent (test)",
        "returned_at": now - dt.timedelta(hours=2), "where_found": "Town centre (test)"})
    email_link(to_user=owner, subject="CSE Pathway: matrix notification (test)", path="/", intro="(test)")
    notification = Notification.objects.filter(user=owner, subject__contains="matrix notification").get()
    return {
        "child": decided.child, "new_child": child(3), "episode": decided,
        "draft_episode": scenarios.ready_to_submit(practitioner=owner, child=child(4)),
        "submitted_episode": scenarios.submitted(practitioner=owner, child=child(5)),
        "nrm_episode": nrm_episode, "meeting": meeting, "item": item,
        "directory_entry": DirectoryEntry.objects.create(name=f"Nia Matrix{tag}", agency="Testshire Health",
                                                         added_by=personas.cse_manager),
        "invitee": Invitee.objects.filter(meeting=meeting).first(),
        "action": Action.objects.filter(agenda_item=item).first(), "referral": referral, "report": report,
        "piece": piece, "note": note, "person": people[0], "other_person": people[1], "line": line,
        "grant": grant, "sar": sar, "sar_item": sar.items.first(), "owner": owner, "alert": alert,
        "hold": hold, "proposal": proposal, "certificate": certificate, "notification": notification,
        "missing_episode": missing_episode,
    }


def url_for(name: str, route: str, world: dict) -> str:
    import re

    kwargs = {}
    for param in re.findall(r"<(?:\w+:)?(\w+)>", route):
        source = URL_OBJECTS.get(name, {}).get(param, PARAMS.get(param))
        if source is None:
            raise LookupError(f"{name}: no object for the parameter <{param}>: add it to PARAMS or URL_OBJECTS "
                              f"in {__file__}")
        kwargs[param] = source[1:] if source.startswith("=") else world[source].pk
    return reverse(name, kwargs=kwargs)


def status_as(user, address: str) -> int:
    client = Client(raise_request_exception=False)  # a crash is a 500 in the table, not a stopped run
    if user is not None:
        client.force_login(user)
    return client.get(address).status_code


def observed_row(name, route, world, users) -> dict:
    address = url_for(name, route, world)
    row = {"anonymous": status_as(None, address)}
    for role, pair in users.items():
        first, second = (status_as(user, address) for user in pair)
        row[role] = first if first == second else [first, second]
    return row


def test_every_url_has_a_row_and_every_row_a_url():
    matrix = load_matrix()
    names = dict(url_names())

    missing = [name for name in names if name not in matrix]
    stale = [name for name in matrix if name not in names]

    assert not missing, (
        "URLs without a row in tests/access_matrix.yaml; add under `urls:` one row for each, with the "
        "status a GET gives each role, e.g.\n" + "\n".join(
            f"  {name}:  # {names[name]}\n    {{{', '.join(f'{column}: ???' for column in COLUMNS)}}}"
            for name in missing)
        + "\n(test_the_matrix_holds prints the statuses it observes for a URL without a row.)")
    assert not stale, f"rows in tests/access_matrix.yaml for URLs no longer in the URLconf: {stale}"
    for name, row in matrix.items():
        assert set(row) == set(COLUMNS), f"{name}: the row needs exactly the columns {COLUMNS}"


@pytest.mark.parametrize("shard", range(SHARDS))
def test_the_matrix_holds(personas, users, settings, shard):
    settings.POLICE_INTELLIGENCE_MAILBOX = "fib@police.test.invalid"
    matrix = load_matrix()
    world = build_world(personas, personas.practitioner, "A")

    wrong, unlisted = [], []
    for name, route in url_shard(shard):
        try:
            row = observed_row(name, route, world, users)
        except LookupError as unknown:
            unlisted.append(f"  {unknown}")
            continue
        expected = matrix.get(name)
        if expected is None:
            unlisted.append(f"  {name}: {{{', '.join(f'{k}: {v}' for k, v in row.items())}}}")
        elif row != expected:
            differences = {k: f"expected {expected[k]}, got {v}" for k, v in row.items() if expected.get(k) != v}
            wrong.append(f"  {name}: {differences}")

    assert not wrong, "GET gave other statuses than tests/access_matrix.yaml says:\n" + "\n".join(wrong)
    assert not unlisted, ("URLs without a row in tests/access_matrix.yaml; after checking each status is the "
                          "one intended, add:\n" + "\n".join(unlisted))


def row_counts() -> dict:
    skip = {"audit", "sessions", "axes"}  # audit events, sessions and sign-in records (force_login) only
    return {model._meta.label: model.objects.count() for model in apps.get_models()
            if model._meta.app_label not in skip and not model._meta.proxy}


def test_another_teams_objects_are_404_and_nothing_is_written(personas, users):
    """Practitioner A (North) and the North team manager ask for every page of practitioner B's
    (South) child, episode, meeting, invitee, action, referral, report, note and register entries."""
    build_world(personas, personas.practitioner, "A")
    theirs = build_world(personas, personas.outsider, "B")
    matrix = load_matrix()

    before = row_counts()
    leaks = []
    for name, route in url_names():
        params = set(__import__("re").findall(r"<(?:\w+:)?(\w+)>", route)) - {"kind", "section", "token"}
        row = matrix.get(name)
        if row is None:
            continue  # test_every_url_has_a_row_and_every_row_a_url names it
        if not params or row.get("practitioner") in (401, 403, 405) or name in SHARED_OBJECTS:
            # Nothing of B's in the address, or refused to the role whatever the object (401: the API,
            # which takes only tokens; its own tests show another team's system gets 404).
            continue
        address = url_for(name, route, theirs)
        for user in (personas.practitioner, personas.team_manager):
            status = status_as(user, address)
            if row.get(user.role) not in (403, 405) and status != 404:
                leaks.append(f"{name} as {user.username}: {status}")

    assert not leaks, "another team's objects must be 404:\n" + "\n".join(leaks)
    assert row_counts() == before


# Register entries are shared across teams by design (each entry lists only the children the viewer may
# see); the register pages are refused to practitioners anyway.
SHARED_OBJECTS = {"intelligence:register_entry", "intelligence:merge", "intelligence:line_place_add"}


def test_signed_links_with_an_invalid_token_are_refused(client):
    for name in ("meetings:invitation_respond", "meetings:minutes_external_download"):
        assert client.get(reverse(name, kwargs={"token": INVALID_TOKEN})).status_code in (404, 410), name


def test_an_unknown_url_name_fails_with_the_row_to_add(monkeypatch):
    from tests import test_access_matrix as module

    real = module.load_matrix()
    monkeypatch.setattr(module, "load_matrix", lambda: {k: v for k, v in real.items() if k != "core:home"})

    with pytest.raises(AssertionError) as failure:
        module.test_every_url_has_a_row_and_every_row_a_url()

    assert "core:home:" in str(failure.value)
    assert settings.ROOT_URLCONF == "config.urls"

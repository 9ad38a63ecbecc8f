"""Every list page makes the same number of database queries however many rows it lists (issue 11):
each page is read as a user who may see its rows, with two rows and again with nine, and the paged
lists again with a first page full and the next page begun. The counts must be equal, and under a
stated ceiling so that a constant that creeps up is noticed too.

Every URL of the project was checked (django.urls.get_resolver). The lists covered here, each with
the rows it grows:

- core:home (the navigation only; it must not grow with the records behind it),
- children:search (no query: the user's children; a name query), children:break_glass_queue,
- episodes:workspace, meetings:calendar, meetings:actions, meetings:episode_actions,
- meetings:directory (the directory of professionals) and meetings:invitee_add (its choice from it),
- intelligence:register (people, vehicles, places), intelligence:near_matches,
- subject_access:list, retention:queue (children due and holds in force), retention:certificates,
- oversight:child_history and oversight:user_history (the lists behind oversight:access_history,
  which is itself only the form that finds them), oversight:alerts, oversight:disclosures.

The lists inside one record are in tests/test_record_list_query_counts.py.

Left out, as pages that list no rows that grow with the records:
- the form pages (sign-in and two factors, add or edit a child, restrict a record, schedule or
  reschedule a meeting, add to the agenda, an invitee, the minutes' action and intervention forms, the
  NRM and intelligence forms, register from an assessment, merge, the retention and subject access
  forms). Some offer choices (teams, workers, chairs, episodes for the agenda): each is one query with
  its related rows joined, not counted here;
- the single-record pages with no list of their own (an invitee, an action, a case note, an NRM
  referral, an emergency access grant, an alert, a bundle item, a disposal certificate, whose record
  list is JSON on the certificate itself);
- the signed-link pages for people without an account, and the PDF and text exports (the minutes PDF
  has its own count test, meetings/minutes/tests/test_pdf.py);
- Django's admin, which is not one of the service's pages.
"""

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from csepathway.accounts.tests.factories import UserFactory
from csepathway.audit.services import record
from csepathway.children.models import BreakGlassGrant
from csepathway.children.tests.factories import ChildAliasFactory, ChildFactory
from csepathway.episodes import scenarios
from csepathway.intelligence.models import PersonOfConcern, PlaceOfConcern, VehicleOfConcern
from csepathway.meetings.models import Action, DirectoryEntry
from csepathway.meetings.services import meeting_schedule
from csepathway.oversight.disclosures.services import SAFEGUARDING, disclosure_record
from csepathway.oversight.models import AccessAlert
from csepathway.retention import services as retention_services
from csepathway.retention.models import DisposalCertificate
from csepathway.retention.tests.builders import make_due
from csepathway.subject_access.services import sar_start

pytestmark = pytest.mark.django_db

FEW, MORE = 2, 9
MARK = "Countchild"  # the surname of every child these tests add, so each row can be found on the page


@dataclasses.dataclass(frozen=True)
class ListPage:
    """A list page: who reads it, and how to add rows to it.

    `build(personas)` makes what the page needs and returns its address, its query string and
    `add(n)`, which adds n rows the viewer may see. `marker` is text every row shows once, to prove
    the rows were listed (None for a page that lists no records). `per_page` is set for a paged list.
    `ceiling`: the most queries the page may make: what it makes on PostgreSQL, plus two (PostgreSQL
    makes one query more than SQLite for each audit event: the audit chain's lock). That includes the
    header's count of unread notifications, one query on every page (docs/adr/0053).
    """

    viewer: str
    build: Callable
    marker: str | None
    ceiling: int
    per_page: int | None = None
    page_param: str = "page"


def queries(client, url: str, params: dict) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return len(captured), response.text


def child(personas, **fields):
    fields.setdefault("last_name", f"{MARK}{uuid.uuid4().hex[:6]}")
    return ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner, **fields)


def submitted(personas):
    return scenarios.submitted(practitioner=personas.practitioner, child=child(personas))


def decided(personas):
    return scenarios.decided(practitioner=personas.practitioner, child=child(personas),
                             cse_manager=personas.cse_manager, police=personas.police_coordinator)


# The pages and their rows -------------------------------------------------------------------------

def home(personas):
    return reverse("core:home"), {}, lambda n: [submitted(personas) for _ in range(n)]


def search(query):
    def build(personas):
        def add(n):
            for _ in range(n):
                ChildAliasFactory(child=child(personas))

        return reverse("children:search"), {"q": query} if query else {}, add

    return build


def break_glass_queue(personas):
    someone = child(personas)

    def add(n):
        now = timezone.now()
        for index in range(n):
            for reviewed in (False, True):
                granted = now - dt.timedelta(hours=index)
                BreakGlassGrant.objects.create(
                    user=personas.outsider, child=someone, reason="Emergency (count test)", confirmed_with="totp",
                    granted_at=granted, expires_at=granted + dt.timedelta(hours=4),
                    reviewed_by=personas.auditor if reviewed else None, reviewed_at=now if reviewed else None,
                    review_outcome=BreakGlassGrant.Outcome.JUSTIFIED if reviewed else "")
                # Pages opened under the grant are counted on each row.
                record(actor=personas.outsider, verb="child.viewed", obj=someone, child_id=someone.pk)

    return reverse("children:break_glass_queue"), {}, add


def workspace(personas):
    def add(n):
        for index in range(n):
            # Waiting for a decision, and decided and waiting for its MASE: the meeting flags too.
            submitted(personas) if index % 2 else decided(personas)

    return reverse("episodes:workspace"), {}, add


def calendar(personas):
    day = timezone.localdate() + dt.timedelta(days=21)
    zone = timezone.get_current_timezone()

    def add(n):
        for index in range(n):
            starts = dt.datetime.combine(day, dt.time(9 + index % 8), tzinfo=zone)
            meeting_schedule(actor=personas.cse_manager, episode=decided(personas), kind="initial",
                             starts_at=starts, ends_at=starts + dt.timedelta(hours=1), location="Room 1 (test)",
                             online_link="", chair=personas.mase_chair)

    return reverse("meetings:calendar"), {"week": (day - dt.timedelta(days=day.weekday())).isoformat()}, add


def _actions(personas, url_name):
    episodes = [decided(personas) for _ in range(2)]
    meetings = []
    for index, episode in enumerate(episodes):
        starts = timezone.now() + dt.timedelta(days=14 + index)
        meetings.append(meeting_schedule(actor=personas.cse_manager, episode=episode, kind="initial", starts_at=starts,
                                         ends_at=starts + dt.timedelta(hours=1), location="Room 1 (test)",
                                         online_link="", chair=personas.mase_chair))

    def add(n):
        # Made directly, as the action tests do: the minutes make them. Owners with and without an
        # account, on two meetings, some overdue.
        for index in range(n):
            meeting = meetings[0] if url_name == "meetings:episode_actions" else meetings[index % 2]
            item = meeting.agenda_items.get()
            owner = personas.practitioner if index % 2 else None
            Action.objects.create(
                agenda_item=item, episode=item.episode, description="Count action (test)", kind=Action.Kind.SUPPORT,
                owner=owner, owner_name=owner.get_full_name() if owner else "Dana Owner", agency="Testshire Health",
                due_on=timezone.localdate() + dt.timedelta(days=-1 if index % 3 else 14),
                created_by=personas.mase_chair)

    args = [episodes[0].pk] if url_name == "meetings:episode_actions" else []
    return reverse(url_name, args=args), {}, add


def actions(personas):
    return _actions(personas, "meetings:actions")


def episode_actions(personas):
    return _actions(personas, "meetings:episode_actions")


def _register_entry(kind: str, key: str):
    if kind == "person":
        return PersonOfConcern.objects.create(full_name=f"Count Person{key}", name_key=f"count person{key}")
    if kind == "vehicle":
        return VehicleOfConcern.objects.create(registration=f"CT{key[:6].upper()}", make="Countmake")
    return PlaceOfConcern.objects.create(address=f"Count Street {key}", address_key=f"count street {key}")


def register(kind):
    def build(personas):
        episodes = [submitted(personas) for _ in range(2)]

        def add(n):
            for _ in range(n):
                _register_entry(kind, uuid.uuid4().hex[:8]).episodes.add(*episodes)

        return reverse("intelligence:register"), {"kind": kind}, add

    return build


def near_matches(personas):
    def add(n):
        # One pair each: the same name, one of them without a date of birth.
        for _ in range(n):
            key = uuid.uuid4().hex[:8]
            for born in (dt.date(1990, 4, 2), None):
                PersonOfConcern.objects.create(full_name=f"Count Person{key}", name_key=f"count person{key}",
                                               date_of_birth=born)

    return reverse("intelligence:near_matches"), {}, add


def subject_access(personas):
    def add(n):
        for index in range(n):
            sar_start(actor=personas.auditor, child=child(personas), requester="The child (test)",
                      received_on=timezone.localdate() - dt.timedelta(days=index * 7))

    return reverse("subject_access:list"), {}, add


def retention_queue(personas):
    def add(n):
        for index in range(n):
            due = child(personas)
            scenarios.closed(practitioner=personas.practitioner, child=due, cse_manager=personas.cse_manager,
                             police=personas.police_coordinator)
            make_due(due)
            if index % 2:
                retention_services.legal_hold_place(actor=personas.auditor, child=due, reason="A claim (test)")

    return reverse("retention:queue"), {}, add


def certificates(personas):
    def add(n):
        now = timezone.now()
        for _ in range(n):
            DisposalCertificate.objects.create(
                number=DisposalCertificate.objects.count() + 1, record_id=uuid.uuid4(), records={"Count": 1},
                rule="Count rule", rules_version=0, proposed_by=personas.auditor, proposed_by_username="ava.auditor",
                proposed_at=now, disposed_by=personas.auditor, disposed_by_username="ava.auditor", disposed_at=now)

    return reverse("retention:certificates"), {}, add


def child_history(personas):
    someone = child(personas)
    people = [personas.practitioner, personas.same_team_practitioner, personas.team_manager]

    def add(n):
        for index in range(n):
            record(actor=people[index % 3], verb="child.viewed", obj=someone, child_id=someone.pk)

    return reverse("oversight:child_history", args=[someone.pk]), {}, add


def user_history(personas):
    def add(n):
        for _ in range(n):
            someone = child(personas)
            record(actor=personas.practitioner, verb="child.viewed", obj=someone, child_id=someone.pk)

    return reverse("oversight:user_history", args=[personas.practitioner.pk]), {}, add


def alerts(personas):
    def add(n):
        now = timezone.now()
        for index in range(n):
            AccessAlert.objects.create(user=UserFactory(last_name=f"Countuser{index}"),
                                       kind=AccessAlert.Kind.DENIED_READS, count=5, window_start=now,
                                       window_end=now, raised_at=now)

    return reverse("oversight:alerts"), {}, add


def disclosures(personas):
    def add(n):
        for index in range(n):
            # A child the log can name, and one it cannot (a child already disposed of).
            child_id = child(personas).pk if index % 2 else uuid.uuid4()
            disclosure_record(actor=personas.mase_chair, child_id=child_id, recipient="Count Trust (test)",
                              purpose="MASE minutes (test)", lawful_basis=SAFEGUARDING, shared="MASE minutes")

    return reverse("oversight:disclosures"), {}, add


def _directory_entries(personas):
    def add(n):
        for _ in range(n):
            DirectoryEntry.objects.create(name=f"Count Professional {uuid.uuid4().hex[:6]}", agency="Count Trust",
                                          email=f"{uuid.uuid4().hex[:8]}@count.test.invalid",
                                          added_by=personas.cse_manager)

    return add


def directory(personas):
    return reverse("meetings:directory"), {}, _directory_entries(personas)


def invite_from_directory(personas):
    start = timezone.now() + dt.timedelta(days=21)
    meeting = meeting_schedule(actor=personas.cse_manager, episode=decided(personas), kind="initial", starts_at=start,
                               ends_at=start + dt.timedelta(hours=1), location="Count Room", chair=personas.mase_chair)
    return reverse("meetings:invitee_add", args=[meeting.pk]), {}, _directory_entries(personas)


# These sessions are signed in without a second factor, so each page also asks django-otp for each
# kind of device (authenticator, backup codes, passkeys): three queries a verified session does not make.
PAGES = {
    # The home page lists the work waiting (issue 12): each list's rows with its count in one query
    # (ADR 0065; 30 queries when each list was a count and then its rows), and one audit event for
    # what it shows. The CSE Team Manager's has the most: reviews waiting, the workspace counts,
    # meetings to schedule, minutes to publish, reviews due, and a count each of the emergency
    # accesses waiting for review and the case notes not yet read (ADR 0057).
    "the home page, as episodes are added": ListPage("cse_manager", home, None, 28),
    "the children, unsearched": ListPage("practitioner", search(""), MARK, 17),
    "the children found by name": ListPage("practitioner", search(MARK), MARK, 17),
    "the emergency access queue": ListPage("auditor", break_glass_queue, "Emergency (count test)", 24,
                                           per_page=50, page_param="waiting"),
    "the workspace": ListPage("cse_manager", workspace, MARK, 24, per_page=50),
    "the meetings calendar": ListPage("cse_manager", calendar, MARK, 17),
    "the action tracker": ListPage("cse_manager", actions, "Count action (test)", 18, per_page=50),
    "an episode's actions": ListPage("cse_manager", episode_actions, "Count action (test)", 19),
    "the register's people": ListPage("cse_manager", register("person"), "Count Person", 18, per_page=50),
    "the register's vehicles": ListPage("cse_manager", register("vehicle"), "Countmake", 18, per_page=50),
    "the register's places": ListPage("cse_manager", register("place"), "Count Street", 18, per_page=50),
    "the register's possible duplicates": ListPage("cse_manager", near_matches, "Count Person", 11),
    "the subject access requests": ListPage("auditor", subject_access, MARK, 18, per_page=50),
    "the retention queue": ListPage("auditor", retention_queue, MARK, 24),
    "the disposal certificates": ListPage("auditor", certificates, "/retention/certificates/", 17, per_page=50),
    "a child's access history": ListPage("auditor", child_history, "Opened the record", 17, per_page=50),
    "a person's access history": ListPage("auditor", user_history, MARK, 18, per_page=50),
    "the unusual access alerts": ListPage("auditor", alerts, "Countuser", 12, per_page=50),
    "the disclosure log": ListPage("auditor", disclosures, "Count Trust (test)", 18, per_page=50),
    "the directory of professionals": ListPage("cse_manager", directory, "Count Professional", 12, per_page=50),
    "the invite page's choice from the directory": ListPage("practitioner", invite_from_directory,
                                                            "Count Professional", 19),
}
PAGED = {name: page for name, page in PAGES.items() if page.per_page}


@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_a_list_page_makes_the_same_queries_for_two_rows_and_nine(personas, client_for, page):
    url, params, add = page.build(personas)
    client = client_for(getattr(personas, page.viewer))
    add(FEW)
    client.get(url, params)  # the first request of a session fills caches the others reuse
    few, few_text = queries(client, url, params)
    add(MORE - FEW)
    more, more_text = queries(client, url, params)

    if page.marker:
        assert more_text.count(page.marker) > few_text.count(page.marker) > 0, "the rows are not on the page"
    assert more == few
    assert few <= page.ceiling, f"{few} queries"


@pytest.mark.parametrize("page", PAGED.values(), ids=PAGED.keys())
def test_a_paged_list_makes_the_same_queries_on_a_full_page_and_the_next(personas, client_for, page):
    url, params, add = page.build(personas)
    client = client_for(getattr(personas, page.viewer))
    add(FEW)
    client.get(url, params)
    few, _ = queries(client, url, params)
    add(page.per_page)  # past the first page

    full, _ = queries(client, url, params)
    next_page, next_text = queries(client, url, {**params, page.page_param: 2})

    assert next_text.count(page.marker) > 0, "the second page lists nothing"
    assert full == next_page == few

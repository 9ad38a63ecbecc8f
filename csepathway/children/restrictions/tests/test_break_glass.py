"""Emergency ("break-glass") access: a reason, the password and a real second factor, four hours,
alerts without case content, and a queue for information governance (ADR 0021)."""

import datetime as dt

import pytest
import time_machine
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from csepathway.accounts.tests.factories import DEFAULT_PASSWORD
from csepathway.audit.models import AuditEvent
from csepathway.children import selectors
from csepathway.children.access import visible_children
from csepathway.children.models import BreakGlassGrant, RestrictionReason
from csepathway.children.restrictions import services
from csepathway.children.tests.factories import ChildFactory
from csepathway.outbox.email import EMAIL
from csepathway.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
FIND = reverse("children:emergency_access")
REASON = reverse("children:emergency_access_request")
QUEUE = reverse("children:break_glass_queue")
WHY = "Police report she is missing tonight; the duty team needs her placement details."


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


@pytest.fixture
def child(personas):
    return ChildFactory(first_name="Jordan", last_name="Northchild", lcs_reference="LCS-424242",
                        allocated_team=personas.team)


@pytest.fixture
def outsider(personas, client_for):
    """The South practitioner, with an authenticator app, signed in with both factors."""
    client = client_for(personas.outsider)
    device = TOTPDevice.objects.create(user=personas.outsider, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client, device


def break_glass(client, device, reference="LCS-424242"):
    found = client.post(FIND, {"reference": reference})
    assert found.status_code == 200
    confirm = client.get(REASON)
    assert confirm.status_code == 302
    assert confirm.url.startswith(reverse("accounts:step_up"))
    stepped = client.post(confirm.url, {"password": DEFAULT_PASSWORD, "token": code_for(device), "next": REASON})
    assert stepped.status_code == 302
    assert stepped.url == REASON
    return client.post(REASON, {"reason": WHY})


def test_outside_scope_reference_says_only_that_a_record_exists(personas, outsider, child):
    client, _ = outsider
    response = client.post(FIND, {"reference": "lcs-424242"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "A record exists" in html
    assert "Request emergency access" in html
    assert "Jordan" not in html and "Northchild" not in html


def test_full_flow_with_a_real_code_opens_the_record_for_four_hours(personas, outsider, child):
    client, device = outsider
    detail = reverse("children:detail", args=[child.pk])
    with time_machine.travel(START, tick=False) as clock:
        assert client.get(detail).status_code == 404
        response = break_glass(client, device)

        assert response.status_code == 302
        assert response.url == detail
        grant = BreakGlassGrant.objects.get(user=personas.outsider, child=child)
        assert grant.expires_at == START + dt.timedelta(hours=4)
        assert grant.confirmed_with == "totp"
        assert grant.reason == WHY
        assert client.get(detail).status_code == 200
        assert child in selectors.child_search(actor=personas.outsider, query="Northchild")

        # The selectors, not the client, from here: a signed-in session would idle out long before.
        clock.shift(dt.timedelta(hours=3, minutes=59))
        assert selectors.child_get(actor=personas.outsider, child_id=child.pk) == child
        clock.shift(dt.timedelta(minutes=2))
        with pytest.raises(Http404):
            selectors.child_get(actor=personas.outsider, child_id=child.pk)
        assert child not in selectors.child_search(actor=personas.outsider, query="Northchild")
        assert visible_children(personas.outsider).count() == 0
    verbs = set(AuditEvent.objects.filter(actor=personas.outsider).values_list("verb", flat=True))
    assert {"step_up.confirmed", "child.break_glass_granted", "child.viewed"} <= verbs


def test_the_grant_is_for_that_user_and_child_only(personas, outsider, child):
    other = ChildFactory(lcs_reference="LCS-424243", allocated_team=personas.team)
    client, device = outsider
    break_glass(client, device)

    assert other not in selectors.child_search(actor=personas.outsider)
    assert child not in selectors.child_search(actor=personas.other_team_manager)


def test_cse_manager_and_information_governance_are_alerted_without_case_content(personas, outsider, child):
    client, device = outsider
    break_glass(client, device)

    emails = OutboxMessage.objects.filter(kind=EMAIL)
    recipients = {address for message in emails for address in message.payload["to"]}
    assert recipients == {personas.cse_manager.email, personas.auditor.email}
    for message in emails:
        text = str(message.payload)
        assert message.payload["path"] == QUEUE
        for secret in ("Jordan", "Northchild", "LCS-424242", "missing", personas.outsider.username):
            assert secret not in text


def test_wrong_code_gives_no_access(personas, outsider, child):
    client, device = outsider
    client.post(FIND, {"reference": "LCS-424242"})
    wrong = f"{(int(code_for(device)) + 1) % 10**6:06d}"

    response = client.post(reverse("accounts:step_up"), {"password": DEFAULT_PASSWORD, "token": wrong,
                                                         "next": REASON})

    assert response.status_code == 200
    assert client.get(REASON).status_code == 302
    assert client.post(REASON, {"reason": WHY}).status_code == 302
    assert not BreakGlassGrant.objects.exists()
    assert client.get(reverse("children:detail", args=[child.pk])).status_code == 404


def test_reason_is_required(personas, outsider, child):
    client, device = outsider
    client.post(FIND, {"reference": "LCS-424242"})
    client.post(reverse("accounts:step_up"), {"password": DEFAULT_PASSWORD, "token": code_for(device)})

    response = client.post(REASON, {"reason": ""})

    assert response.status_code == 200
    assert b"Say why you need to open this record now" in response.content
    assert not BreakGlassGrant.objects.exists()


def test_reference_in_scope_goes_straight_to_the_record_without_a_grant(personas, client_for, child):
    response = client_for(personas.practitioner).post(FIND, {"reference": "LCS-424242"})
    assert response.status_code == 302
    assert response.url == reverse("children:detail", args=[child.pk])
    assert not BreakGlassGrant.objects.exists()


def test_unknown_reference_is_an_error_beside_the_field(personas, outsider):
    client, _ = outsider
    response = client.post(FIND, {"reference": "LCS-000000"})
    assert response.status_code == 200
    assert b"No record has this reference" in response.content


def test_without_a_device_in_the_demo_the_password_alone_is_enough_and_recorded(personas, client_for, child):
    client = client_for(personas.other_team_manager)
    client.post(FIND, {"reference": "LCS-424242"})
    page = client.get(reverse("accounts:step_up") + f"?next={REASON}")
    assert b"your password alone is enough" in page.content
    client.post(reverse("accounts:step_up"), {"password": DEFAULT_PASSWORD, "next": REASON})

    assert client.post(REASON, {"reason": WHY}).status_code == 302
    assert BreakGlassGrant.objects.get().confirmed_with == "password_only"


def test_break_glass_reaches_a_restricted_child_and_is_reviewed(personas, outsider, child):
    services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.HIGH_RISK)
    client, device = outsider
    break_glass(client, device)
    assert client.get(reverse("children:detail", args=[child.pk])).status_code == 200


@pytest.mark.parametrize(("persona", "status"), [("auditor", 200), ("cse_manager", 200), ("practitioner", 403),
                                                 ("cse_worker", 403), ("outsider", 403), ("team_manager", 403)])
def test_who_may_see_the_review_queue(personas, client_for, persona, status):
    assert client_for(getattr(personas, persona)).get(QUEUE).status_code == status


def test_information_governance_reviews_each_use_with_a_note(personas, outsider, child, client_for):
    client, device = outsider
    break_glass(client, device)
    grant = BreakGlassGrant.objects.get()
    auditor = client_for(personas.auditor)

    queue = auditor.get(QUEUE).content.decode()
    assert "LCS-424242" in queue
    assert "Northchild" not in queue
    assert WHY in queue

    response = auditor.post(reverse("children:break_glass_review", args=[grant.pk]),
                            {"outcome": "follow_up", "note": "Ask the South team manager about it."})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == personas.auditor
    assert grant.review_outcome == "follow_up"
    assert AuditEvent.objects.filter(verb="break_glass.reviewed", actor=personas.auditor).exists()


def test_a_review_other_than_justified_needs_a_note(personas, outsider, child, client_for):
    client, device = outsider
    break_glass(client, device)
    grant = BreakGlassGrant.objects.get()
    response = client_for(personas.auditor).post(reverse("children:break_glass_review", args=[grant.pk]),
                                                 {"outcome": "not_justified"})
    assert response.status_code == 200
    assert b"Say what you found" in response.content


def test_nobody_reviews_their_own_emergency_access(personas):
    child = ChildFactory(lcs_reference="LCS-1", allocated_team=personas.team)
    services.restriction_create(actor=personas.team_manager, child=child, reason=RestrictionReason.HIGH_RISK)
    grant = services.break_glass_grant(actor=personas.cse_manager, reference="LCS-1", reason=WHY,
                                       confirmed_with="totp")
    with pytest.raises(services.PermissionDenied):
        services.break_glass_review(actor=personas.cse_manager, grant=grant, outcome="justified", note="")


@pytest.mark.parametrize(("persona", "status"), [("auditor", 403), ("system_admin", 403), ("practitioner", 200),
                                                 ("outsider", 200), ("police_coordinator", 200)])
def test_who_may_ask_for_emergency_access(personas, client_for, persona, status):
    assert client_for(getattr(personas, persona)).get(FIND).status_code == status


@pytest.mark.parametrize(("persona", "status"), [("auditor", 200), ("cse_manager", 200), ("cse_worker", 403),
                                                 ("practitioner", 403), ("outsider", 403)])
def test_who_may_open_a_review(personas, outsider, child, client_for, persona, status):
    client, device = outsider
    break_glass(client, device)
    grant = BreakGlassGrant.objects.get()
    response = client_for(getattr(personas, persona)).get(reverse("children:break_glass_review", args=[grant.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"LCS-424242" in response.content
        assert b"Northchild" not in response.content


def test_the_reason_page_without_a_pending_reference_goes_back_to_the_start(personas, outsider):
    client, device = outsider
    client.post(reverse("accounts:step_up"), {"password": DEFAULT_PASSWORD, "token": code_for(device)})
    response = client.get(REASON)
    assert response.status_code == 302
    assert response.url == FIND


def test_emergency_access_reads_the_record_but_never_changes_it(personas, outsider, child):
    from django.core.exceptions import PermissionDenied

    from csepathway.children import services as child_services
    from csepathway.notes.models import CaseNote
    from csepathway.notes.services import case_note_add, case_note_amend

    client, device = outsider
    note = case_note_add(actor=personas.practitioner, child=child, kind=CaseNote.Kind.GENERAL, title="Visit (test)",
                         body="Visited at home (test).", deliver=False)
    with time_machine.travel(START, tick=False):
        break_glass(client, device)
        page = client.get(reverse("children:detail", args=[child.pk]))
        assert page.status_code == 200 and "Change details" not in page.content.decode()
        assert client.get(reverse("children:edit", args=[child.pk])).status_code == 404
        assert client.get(reverse("episodes:start", args=[child.pk])).status_code == 404
        with pytest.raises(PermissionDenied):
            child_services.child_update(actor=personas.outsider, child=child, expected_version=child.version,
                                        data={"school": "Changed in an emergency (test)"})
        with pytest.raises(PermissionDenied):
            case_note_amend(actor=personas.outsider, note=note, body="Changed in an emergency (test).")
    child.refresh_from_db()
    assert child.school != "Changed in an emergency (test)"


def _grants(personas, child, n, *, reviewed=False):
    now = timezone.now()
    for i in range(n):
        BreakGlassGrant.objects.create(
            user=personas.outsider, child=child, reason=f"Emergency number {i} (test)", confirmed_with="totp",
            granted_at=now - dt.timedelta(hours=i), expires_at=now - dt.timedelta(hours=i) + dt.timedelta(hours=4),
            reviewed_by=personas.auditor if reviewed else None, reviewed_at=now if reviewed else None,
            review_outcome=BreakGlassGrant.Outcome.JUSTIFIED if reviewed else "")


def test_the_review_queue_pages_each_section_on_its_own(personas, client_for, child):
    _grants(personas, child, 3)
    _grants(personas, child, 55, reviewed=True)
    client = client_for(personas.auditor)
    queue = reverse("children:break_glass_queue")

    first = client.get(queue).content.decode()
    later = client.get(queue, {"reviewed": 2}).content.decode()

    assert first.count("Emergency number") == 3 + 50
    assert later.count("Emergency number") == 3 + 5
    assert "reviewed=2" in first


def test_the_review_queue_takes_the_same_queries_for_few_grants_or_many(personas, client_for, child):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.auditor)
    _grants(personas, child, 2)
    _grants(personas, child, 1, reviewed=True)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("children:break_glass_queue"))
    _grants(personas, child, 30)
    _grants(personas, child, 30, reviewed=True)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("children:break_glass_queue"))
    assert len(many) == len(few)

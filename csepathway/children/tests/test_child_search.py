import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from csepathway.children import selectors
from csepathway.children.access import visible_children
from csepathway.children.models import Child

from .factories import ChildAliasFactory, ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def children(personas):
    team = personas.team
    jordan = ChildFactory(first_name="Jordan", last_name="Testchild", date_of_birth=dt.date(2011, 2, 14),
                          lcs_reference="LCS-100234", allocated_team=team)
    ChildAliasFactory(child=jordan, name="Shorty")
    riley = ChildFactory(first_name="Riley", last_name="Exampleton", ehm_reference="EHM-555",
                         allocated_worker=personas.practitioner)
    south = ChildFactory(first_name="Jordan", last_name="Southcase", allocated_team=personas.outsider.team)
    return {"jordan": jordan, "riley": riley, "south": south}


@pytest.mark.parametrize("query", ["jordan", "Jordan Testchild", "testch", "shorty", "14/02/2011", "2011-02-14",
                                   "LCS-100234", "lcs-100234"])
def test_practitioner_finds_team_child_by_name_alias_date_of_birth_or_lcs_reference(personas, children, query):
    found = selectors.child_search(actor=personas.practitioner, query=query)
    assert children["jordan"] in found


def test_practitioner_finds_child_by_ehm_reference(personas, children):
    assert selectors.child_search(actor=personas.practitioner, query="EHM-555") == [children["riley"]]


def test_child_allocated_to_practitioner_alone_is_found_by_them(personas, children):
    assert children["riley"] in selectors.child_search(actor=personas.practitioner, query="riley")


def test_same_team_practitioner_does_not_see_a_child_allocated_only_to_a_colleague(personas, children):
    assert children["riley"] not in selectors.child_search(actor=personas.same_team_practitioner, query="riley")


def test_other_teams_children_never_appear_in_search_results_or_counts(personas, children):
    found = selectors.child_search(actor=personas.practitioner, query="jordan")
    assert children["south"] not in found
    assert visible_children(personas.practitioner).count() == 2
    assert visible_children(personas.outsider).count() == 1


def test_outsider_search_page_does_not_show_other_teams_children(personas, client_for, children):
    response = client_for(personas.outsider).get(reverse("children:search"), {"q": "Testchild"})
    assert response.status_code == 200
    assert b"Jordan Testchild" not in response.content
    assert b"No children found" in response.content


def test_team_manager_sees_their_teams_children_only(personas, children):
    found = selectors.child_search(actor=personas.team_manager)
    assert children["jordan"] in found
    assert children["south"] not in found


def test_cse_team_sees_every_child(personas, children):
    assert visible_children(personas.cse_worker).count() == 3
    assert visible_children(personas.cse_manager).count() == 3


@pytest.mark.parametrize("role", ["police_coordinator", "mase_chair", "auditor", "system_admin"])
def test_roles_without_a_case_scope_see_no_children_yet(personas, children, role):
    assert visible_children(getattr(personas, role)).count() == 0


def test_search_is_audited_without_the_search_terms(personas, children):
    from csepathway.audit.models import AuditEvent

    selectors.child_search(actor=personas.practitioner, query="Shorty")
    event = AuditEvent.objects.get(verb="child.searched")
    assert "Shorty" not in event.canonical()


def _search_queries(client, query="") -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("children:search"), {"q": query} if query else {})
    assert response.status_code == 200
    return len(captured)


def test_search_page_query_count_does_not_grow_with_the_number_of_children(personas, client_for):
    client = client_for(personas.cse_manager)
    for _ in range(3):
        ChildAliasFactory(child=ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner))
    few = _search_queries(client)
    for _ in range(30):
        ChildAliasFactory(child=ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner))
    many = _search_queries(client)
    assert few == many


@pytest.mark.parametrize("listed", [500, 1])
def test_a_search_is_scoped_whether_its_matches_are_listed_or_a_subquery(personas, children, monkeypatch, listed):
    """A search matching few children is answered from their ids, a broad one by a subquery (ADR 0068):
    both find the same children, and only those the user may see."""
    monkeypatch.setattr(selectors, "MATCHES_LISTED", listed)
    assert selectors.child_search(actor=personas.practitioner, query="jordan") == [children["jordan"]]
    assert selectors.child_search(actor=personas.outsider, query="jordan") == [children["south"]]
    assert selectors.child_search(actor=personas.same_team_practitioner, query="riley") == []


@pytest.mark.parametrize("listed", [500, 1])
def test_a_name_search_makes_the_same_queries_for_three_children_as_for_thirty(personas, client_for, monkeypatch,
                                                                                 listed):
    monkeypatch.setattr(selectors, "MATCHES_LISTED", listed)
    client = client_for(personas.police_coordinator)
    for _ in range(3):
        ChildFactory(first_name="Morgan", allocated_team=personas.team)
    few = _search_queries(client, "Morgan")
    for _ in range(30):
        ChildFactory(first_name="Morgan", allocated_team=personas.team)
    assert _search_queries(client, "Morgan") == few


@pytest.mark.parametrize("role", ["auditor", "system_admin"])
def test_roles_without_case_content_are_refused_the_children_pages(personas, client_for, children, role):
    client = client_for(getattr(personas, role))
    assert client.get(reverse("children:search")).status_code == 403
    assert client.get(reverse("children:detail", args=[children["jordan"].pk])).status_code == 403


def test_a_child_with_several_matching_aliases_is_found_once(personas):
    child = ChildFactory(first_name="Quinn", last_name="Aliastestchild", allocated_team=personas.team)
    ChildAliasFactory(child=child, name="Q-Dog (test)")
    ChildAliasFactory(child=child, name="Q-Dawg (test)")
    assert selectors.child_search(actor=personas.practitioner, query="q-d") == [child]


def test_every_term_must_match_a_name_or_an_alias(personas):
    child = ChildFactory(first_name="Robin", last_name="Termtestchild", allocated_team=personas.team)
    ChildAliasFactory(child=child, name="Birdie (test)")
    ChildFactory(first_name="Robin", last_name="Othertestchild", allocated_team=personas.team)
    assert selectors.child_search(actor=personas.practitioner, query="robin birdie") == [child]


def test_a_reference_is_found_whatever_its_case(personas):
    child = ChildFactory(lcs_reference="LCS-ABC123", allocated_team=personas.team)
    assert selectors.child_search(actor=personas.practitioner, query="lcs-abc123") == [child]


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
@pytest.mark.parametrize("column, index", [("first_name", "child_first_name_trgm"),
                                           ("last_name", "child_last_name_trgm")])
def test_name_search_can_use_the_trigram_indexes(personas, column, index):
    """The planner prefers a scan of a small table, so scans are switched off to ask whether the
    index serves the search at all; at region scale it chooses it by itself (docs/PERFORMANCE.md).
    Plain index scans go too: otherwise the planner may walk the sorting index and filter every row,
    which says nothing about the trigram index."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = Child.objects.filter(**{f"{column}__icontains": "ordan"}).order_by().explain()
    assert index in plan

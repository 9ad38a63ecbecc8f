"""`make bench` works (issue 11), cheaply: the journeys it chooses, the in-process measurement of two pages
against the test database, the report's flags and the writer that touches only the text between the
markers of docs/PERFORMANCE.md. No PostgreSQL database is created and locust does not run: that is
`make bench` itself."""

from pathlib import Path

import pytest
from django.urls import reverse

from bench import facts, pages, report
from csepathway.children.models import ChildRestriction
from csepathway.children.tests.factories import ChildFactory
from csepathway.episodes import scenarios

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "PERFORMANCE.md"


def _urls(plan: dict, role: str, label: str = "") -> dict[str, str]:
    journey = next(j for j in plan["journeys"] if j["role"] == role and j["label"] == label)
    return {page["name"]: page["url"] for page in journey["pages"]}


@pytest.mark.django_db
def test_two_pages_are_timed_counted_and_weighed(personas):
    child = ChildFactory(allocated_team=personas.team, allocated_worker=personas.practitioner)
    plan = {"journeys": [pages.journey_for(personas.practitioner, [
        {"name": "home", "url": reverse("core:home")},
        {"name": "child record", "url": reverse("children:detail", kwargs={"child_id": child.pk})},
    ])]}

    rows = pages.measure_journeys(plan, repeats=3, warmups=1, progress=lambda line: None)

    assert [row["key"] for row in rows] == ["home [practitioner]", "child record [practitioner]"]
    for row in rows:
        assert row["status"] == 200
        assert row["bytes"] > 1000 and row["queries"] > 0
        assert 0 < row["median_ms"] <= row["p95_ms"]


@pytest.mark.django_db
def test_the_journeys_open_a_repeat_referral_and_a_restricted_child_in_scope(personas):
    owner = personas.practitioner
    repeat = ChildFactory(allocated_team=personas.team, allocated_worker=owner, lcs_reference="LCS-B1")
    reviewers = {"cse_manager": personas.cse_manager, "police": personas.police_coordinator}
    scenarios.closed(practitioner=owner, child=repeat, **reviewers)
    scenarios.submitted(practitioner=owner, child=repeat)
    hidden = ChildFactory(allocated_team=personas.team, allocated_worker=owner, lcs_reference="LCS-B2")
    restriction = ChildRestriction.objects.create(child=hidden, reason="other", created_by=personas.team_manager)
    restriction.allowed_users.add(personas.same_team_practitioner)

    plan = pages.choose_journeys()

    record = reverse("children:detail", kwargs={"child_id": repeat.pk})
    for role in ("practitioner", "team_manager", "cse_worker", "cse_manager", "police_coordinator"):
        assert _urls(plan, role)["child record"] == record, role
    assert _urls(plan, "auditor")["access history: a child"].endswith(str(repeat.pk))
    restricted = next(j for j in plan["journeys"] if j["label"])
    assert restricted["username"] == personas.same_team_practitioner.username
    assert _urls(plan, "practitioner", restricted["label"])["child record (restricted)"] == reverse(
        "children:detail", kwargs={"child_id": hidden.pk})
    keys = [page["key"] for journey in plan["journeys"] for page in journey["pages"]]
    assert len(keys) == len(set(keys)), "the load test joins its rows to these by name"


def test_rows_over_the_targets_are_flagged(tmp_path):
    results = {
        "rows": [{"key": "workspace [cse_worker]", "page": "CSE workspace", "role": "cse_worker", "status": 200,
                  "bytes": 2_600_000, "queries": 12, "median_ms": 1100.0, "p95_ms": 1250.0},
                 {"key": "home [cse_worker]", "page": "home", "role": "cse_worker", "status": 500,
                  "bytes": 900, "queries": 3}],
        "repeats": 20, "floor": "floor", "notes": [], "skipped": ["meeting [cse_worker]: nothing in scope"],
        "data": {"source": "test", "sizes": {"children": 3}},
        "machine": dict.fromkeys(["date", "commit", "CPU", "memory", "database", "Python", "Django"], "?"),
    }
    (tmp_path / "load_stats.csv").write_text(
        "Type,Name,Request Count,Failure Count,50%,95%\n"
        "GET,workspace [cse_worker],40,0,2500,4000\nGET,home [cse_worker],40,40,N/A,N/A\n"
        "POST,sign in: submit,0,0,N/A,N/A\n,Aggregated,80,40,2500,4000\n")
    sign_ins = {"people": 30, "p50_ms": 2600, "slowest_ms": 7053, "seconds": 12.4}

    text = report.render(results, report.read_load(tmp_path / "load_stats.csv"), sign_ins)

    workspace_rows = [line for line in text.splitlines() if line.startswith("| CSE workspace |")]
    assert "median > 100 ms; > 150 KB" in workspace_rows[0]
    assert "p95 > 300 ms; p50 > 2× in-process" in workspace_rows[1] and "2.3×" in workspace_rows[1]
    assert "| home | cse_worker | – | – | 0.9 | 3 | status 500 |" in text
    assert "40 failed" in text and "Aggregated" not in text
    assert "sign in: submit" not in text, "no requests after the figures restarted: no row"
    assert "all 30 people signed in, the last 12 s after the start (each sign-in: p50 2,600 ms" in text
    assert "- meeting [cse_worker]: nothing in scope" in text


def test_under_load_a_page_is_judged_against_itself_with_no_load_over_http(tmp_path):
    """A 3 ms page pays a few milliseconds of HTTP that in-process figures leave out: that is not
    queueing. The ratio the target judges is against the page alone over HTTP, when it was measured."""
    results = {
        "rows": [{"key": "home [auditor]", "page": "home", "role": "auditor", "status": 200, "bytes": 9000,
                  "queries": 5, "median_ms": 3.5, "p95_ms": 4.0},
                 {"key": "list [auditor]", "page": "list", "role": "auditor", "status": 200, "bytes": 9000,
                  "queries": 5, "median_ms": 40.0, "p95_ms": 45.0}],
        "repeats": 20, "floor": "floor", "notes": [], "skipped": [],
        "data": {"source": "test", "sizes": {"children": 3}},
        "machine": dict.fromkeys(["date", "commit", "CPU", "memory", "database", "Python", "Django"], "?"),
    }
    (tmp_path / "load_stats.csv").write_text(
        "Type,Name,Request Count,Failure Count,50%,95%\n"
        "GET,home [auditor],40,0,9,20\nGET,list [auditor],40,0,130,200\n")
    load = report.read_load(tmp_path / "load_stats.csv")

    judged = report.render(results, load, alone={"home [auditor]": 7.0, "list [auditor]": 50.0})
    # The last row of each page is the load table's.
    home = [line for line in judged.splitlines() if line.startswith("| home |")][-1]
    listing = [line for line in judged.splitlines() if line.startswith("| list |")][-1]
    assert "| 7.0 | 1.3× | 2.6× |" in home and "p50 >" not in home
    assert "p50 > 2× alone" in listing, "queueing behind slow pages is still caught"
    unmeasured = report.render(results, load)
    assert "p50 > 2× in-process" in [line for line in unmeasured.splitlines() if line.startswith("| home |")][-1]


def test_the_writer_replaces_only_the_text_between_the_markers():
    document = f"# Title\n\nProse.\n\n{report.START}\nold figures\n{report.END}\n\n## Capacity\n\nMore prose.\n"

    written = report.replace_between_markers(document, "| new | table |\n")

    assert written == document.replace("old figures", "| new | table |")
    assert report.replace_between_markers(written, "again") == written.replace("| new | table |", "again")
    with pytest.raises(ValueError):
        report.replace_between_markers("# No markers here\n", "figures")
    text = DOCUMENT.read_text()
    assert text.count(report.START) == 1 and text.count(report.END) == 1, "make bench writes between them"


def test_the_report_shows_what_the_largest_tables_take_on_disk():
    storage = {"database_bytes": 3 * 1024**3, "tables": [
        {"table": "audit_auditevent", "rows": 1_000_000, "table_bytes": 300 * 1024**2, "index_bytes": 100 * 1024**2},
        {"table": "children_child", "rows": 0, "table_bytes": 8192, "index_bytes": 0},
    ]}

    lines = report.storage_table(storage)

    assert lines[0] == "### On disk: 3,072 MB in all, the largest tables"
    assert "| audit_auditevent | 1,000,000 | 300 | 100 | 419 |" in lines
    assert "| children_child | 0 | 0.0 | 0.0 | – |" in lines
    assert report.storage_table({}) == []


@pytest.mark.django_db
def test_the_report_says_how_fast_the_machine_was_by_a_fixed_calibration():
    """Two runs on different (or differently busy) machines are compared through the calibration."""
    machine = facts.machine()
    assert machine["calibration"]["python_ms"] > 0 and machine["calibration"]["database_ms"] > 0
    results = {"rows": [], "repeats": 1, "floor": "floor", "notes": [], "skipped": [],
               "data": {"source": "test", "sizes": {"children": 1}}, "machine": machine}
    text = report.render(results, {})
    assert f"a fixed Python loop took {machine['calibration']['python_ms']:.0f} ms" in text

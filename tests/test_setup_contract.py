"""The README's two commands: `make run` starts the service as production does, and a test run that
executes no test fails; and the stack of issue 2 (Python 3.13, Django 6.1, GOV.UK Frontend 6, htmx 2)."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import django
import pytest
from django.core.management import call_command
from django.db import connection

from conftest import NO_TEST_EXECUTED

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _demo_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env |= {"CSEPATHWAY_VAR_DIR": str(tmp_path / "var"), "CSEPATHWAY_STATIC_ROOT": str(tmp_path / "static")}
    (tmp_path / "var").mkdir()
    return env


def _manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)


@pytest.mark.slow
@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")),
                    reason="`make run` serves the embedded SQLite database; the SQLite pass covers it")
def test_the_service_starts_with_gunicorn_and_a_worker_and_ctrl_c_stops_both(tmp_path):
    env = _demo_env(tmp_path)
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    _manage(env, "migrate", "--noinput")
    _manage(env, "seed_demo")
    port = _free_port()
    env["CSEPATHWAY_ADDRESS"] = f"127.0.0.1:{port}"
    server = subprocess.Popen([str(ROOT / "bin" / "serve")], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, start_new_session=True, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/account/sign-in", timeout=5) as response:
                    page = response.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        assert "Sign in to CSE Pathway" in page
        workers = subprocess.run(["pgrep", "-s", str(server.pid), "-f", "db_worker"], capture_output=True, text=True)
        assert workers.stdout.strip(), "the task worker is not running"
    finally:
        # Ctrl-C in a terminal sends SIGINT to the whole foreground group.
        os.killpg(server.pid, signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    assert f"running at http://127.0.0.1:{port}" in output
    assert "CSE Pathway stopped." in output
    leftovers = subprocess.run(["pgrep", "-s", str(server.pid)], capture_output=True, text=True)
    assert leftovers.stdout.strip() == "", "gunicorn or the worker outlived Ctrl-C"


def _pytest(*args):
    return subprocess.run([PYTHON, "-m", "pytest", "-q", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_test_run_that_executes_no_test_fails():
    result = _pytest("-k", "no_test_has_this_name_zzz", "tests/")
    assert result.returncode != 0
    assert NO_TEST_EXECUTED in result.stdout, "the root conftest's pytest_sessionfinish hook did not run"


# A selection where every test is skipped on the database this run uses.
ALL_SKIPPED = {
    "sqlite": ["csepathway/audit/tests/test_append_only.py", "-k", "database_"],
    "postgresql": ["csepathway/audit/tests/test_verify_audit.py", "-k", "row_that_can_no_longer_be_read"],
}


def test_a_test_run_where_every_test_is_skipped_fails():
    # pytest alone exits 0 here ("3 skipped"); the root conftest's hook turns it into a failure.
    result = _pytest("-rs", *ALL_SKIPPED[connection.vendor])
    summary = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ skipped, \d+ deselected in .*", summary), result.stdout  # nothing passed or failed
    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, result.stdout + result.stderr
    assert NO_TEST_EXECUTED in result.stdout


def test_a_test_run_where_a_test_passes_still_succeeds():
    result = _pytest("csepathway/audit/tests/test_append_only.py", "-k", "test_saving_an_existing_event_is_refused")
    assert result.returncode == 0, result.stdout + result.stderr
    assert NO_TEST_EXECUTED not in result.stdout


def test_make_run_collects_static_files_migrates_loads_the_demo_data_then_serves():
    dry_run = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    steps = ["manage.py collectstatic", "manage.py migrate", "manage.py seed_demo", "bin/serve"]
    lines = dry_run.stdout.splitlines()
    positions = []
    for step in steps:
        found = [number for number, line in enumerate(lines) if step in line]
        assert found, f"`make run` does not run {step}:\n{dry_run.stdout}"
        positions.append(found[0])
    assert positions == sorted(positions), f"`make run` runs {steps} out of order:\n{dry_run.stdout}"


def test_the_stack_is_python_3_13_and_django_6_1():
    assert (ROOT / ".python-version").read_text().strip() == "3.13"
    assert sys.version_info[:2] == (3, 13)
    assert django.VERSION[:2] == (6, 1)


def test_the_locked_front_end_packages_are_govuk_frontend_6_and_htmx_2():
    packages = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    assert packages["node_modules/govuk-frontend"]["version"].split(".")[0] == "6"
    assert packages["node_modules/htmx.org"]["version"].split(".")[0] == "2"  # 2, not 4


@pytest.mark.django_db
def test_the_pages_scripts_are_served_once_static_files_are_collected(client, settings, tmp_path):
    # As `make run` does: collect the static files, then whitenoise serves them.
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0)
    page = client.get("/account/sign-in").content.decode()
    scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', page) + re.findall(r'\bimport\b[^"\n]*"([^"]+)"', page)
    htmx = [url for url in scripts if url.endswith("/htmx.min.js")]
    govuk = [url for url in scripts if url.endswith("/govuk-frontend.min.js")]
    assert htmx and govuk, f"the layout no longer loads htmx and GOV.UK Frontend's JavaScript: {scripts}"
    for url in htmx + govuk:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "javascript" in response["Content-Type"], url

"""The README's two commands: `make run` starts the service as production does, and a test run that
executes no test fails."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


def test_a_test_run_that_executes_no_test_fails():
    result = subprocess.run([PYTHON, "-m", "pytest", "-q", "-k", "no_test_has_this_name_zzz", "tests/"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0

"""`make bench`, the in-process part: choose the journeys, give their users a password for the load test,
and time every page of every journey with Django's test client (no HTTP server, no other process).

    python -m bench.measure OUT_DIR

bench/run calls it with DATABASE_URL naming the bench database. It writes OUT_DIR/plan.json (the
journeys and the password, for bench/locustfile.py) and OUT_DIR/inprocess.json (figures, data sizes,
machine). BENCH_REPEATS (default 20) timed requests per page follow BENCH_WARMUPS (default 2)."""

import json
import logging
import os
import secrets
import sys
from pathlib import Path

import django


def main(argv: list[str]) -> None:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per force_login otherwise
    # After setup: these import the apps' models.
    from csepathway.accounts.models import User

    from . import facts, pages

    plan = pages.choose_journeys()
    # A fresh password per run, set only in the throwaway database: the load test signs in through
    # the real sign-in page, and generated users have no password anyone knows.
    plan["password"] = secrets.token_urlsafe(24)
    for journey in plan["journeys"]:
        user = User.objects.get(username=journey["username"])
        user.set_password(plan["password"])
        user.save(update_fields=["password"])
    (out / "plan.json").write_text(json.dumps(plan, indent=2))
    for note in plan["notes"]:
        print(f"  {note}")
    for reason in plan["skipped"]:
        print(f"  not measured: {reason}")

    # Before measuring: the sizes and the machine's load as the pages found them.
    data = {"source": os.environ.get("BENCH_DATA_SOURCE", "unknown"), "sizes": facts.data_sizes(),
            "storage": facts.storage()}
    machine = facts.machine()
    repeats = int(os.environ.get("BENCH_REPEATS", "20"))
    warmups = int(os.environ.get("BENCH_WARMUPS", "2"))
    print(f"In-process: {repeats} timed requests per page after {warmups} warm-ups")
    rows = pages.measure_journeys(plan, repeats=repeats, warmups=warmups)
    results = {
        "rows": rows, "repeats": repeats, "floor": plan["floor"]["key"],
        "notes": plan["notes"], "skipped": plan["skipped"],
        "data": data, "machine": machine,
    }
    (out / "inprocess.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])

"""`make bench`, the baseline for the load test: every page of every journey over HTTP, one request at a
time, with nobody else using the service. Under load a page's p50 is compared with this: what the
load adds is queueing. In-process figures leave out what every request pays over HTTP (gunicorn,
parsing, gzip, the network stack), a few milliseconds that alone are more than a tiny page's own time.

    BENCH_PLAN=OUT_DIR/plan.json python -m bench.http_alone http://127.0.0.1:PORT

Writes OUT_DIR/http_alone.json: {row key: median ms}. BENCH_HTTP_REPEATS (default 7) timed requests
per page after one warm-up."""

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

import requests

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _signed_in(host: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    form = session.get(f"{host}/account/sign-in")
    token = CSRF.search(form.text)
    session.post(f"{host}/account/sign-in", allow_redirects=False,
                 data={"csrfmiddlewaretoken": token.group(1) if token else "", "username": username,
                       "password": password})
    return session


def _median_ms(session: requests.Session, url: str, repeats: int) -> float | None:
    if session.get(url, allow_redirects=False).status_code != 200:
        return None
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        session.get(url, allow_redirects=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(host: str) -> None:
    plan_path = Path(os.environ["BENCH_PLAN"])
    plan = json.loads(plan_path.read_text())
    repeats = int(os.environ.get("BENCH_HTTP_REPEATS", "7"))
    medians = {}
    for number, journey in enumerate(plan["journeys"]):
        session = _signed_in(host, journey["username"], plan["password"])
        pages = journey["pages"] + ([plan["floor"]] if number == 0 else [])
        for page in pages:
            medians[page["key"]] = _median_ms(session, f"{host}{page['url']}", repeats)
    plan_path.with_name("http_alone.json").write_text(json.dumps(medians, indent=2))
    print(f"  {len(medians)} pages, {repeats} requests each, one at a time")


if __name__ == "__main__":
    main(sys.argv[1])

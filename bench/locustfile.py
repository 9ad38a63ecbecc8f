"""`make bench`, the load part: people signed in through the real sign-in page, each walking their role's
journey with think time, against the service started as production starts it (bin/serve).

    BENCH_PLAN=OUT_DIR/plan.json locust -f bench/locustfile.py --headless --host http://127.0.0.1:PORT ...

The journeys come from plan.json (bench/measure.py wrote it), so the requests carry the same names as
the in-process rows and bench/report.py can set the two side by side. The simulated people are dealt
round-robin over the journeys; each also opens the floor page once per round.

The figures start afresh once the last person has signed in, and run BENCH_LOAD_SECONDS from then: a
sign-in hashes a password with Argon2 (slow by design), and thirty at once hold up every worker for
seconds. That burst is printed, not mixed into the journeys' figures: nobody opens a page of their
journey until everyone has signed in, and then each waits one think time before the first, so
the people do not all arrive in the same instant (docs/adr/0067)."""

import itertools
import json
import os
import re
import time
from pathlib import Path

import gevent
from gevent.event import Event
from locust import HttpUser, between, task

PLAN = json.loads(Path(os.environ["BENCH_PLAN"]).read_text())
THINK = (float(os.environ.get("BENCH_THINK_MIN", "1")), float(os.environ.get("BENCH_THINK_MAX", "5")))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "120"))
_dealt = itertools.count()
_signed_in = itertools.count(1)
_measuring = Event()


def _everyone_signed_in(environment) -> None:
    """Report the sign-ins, start the figures afresh and end the run SECONDS from now, the way
    locust's own --run-time ends one."""
    submit = environment.stats.get("sign in: submit", "POST")
    sign_ins = {"people": submit.num_requests, "p50_ms": submit.get_response_time_percentile(0.5),
                "slowest_ms": submit.max_response_time, "seconds": time.time() - environment.stats.start_time}
    print(f"All {sign_ins['people']} people signed in, the last {sign_ins['seconds']:.0f} s after the start "
          f"(p50 {sign_ins['p50_ms']:.0f} ms, slowest {sign_ins['slowest_ms']:.0f} ms). "
          f"Measuring for {SECONDS:.0f} s from now.", flush=True)
    Path(os.environ["BENCH_PLAN"]).with_name("sign_in.json").write_text(json.dumps(sign_ins))
    environment.stats.reset_all()
    _measuring.set()
    gevent.spawn_later(SECONDS, environment.runner.quit)


class Person(HttpUser):
    wait_time = between(*THINK)

    def on_start(self):
        journey = PLAN["journeys"][next(_dealt) % len(PLAN["journeys"])]
        self.steps = itertools.cycle([*journey["pages"], PLAN["floor"]])
        try:
            self.sign_in(journey["username"])
        finally:  # a sign-in that failed still counts, or the figures would never start
            if next(_signed_in) == self.environment.runner.target_user_count:
                _everyone_signed_in(self.environment)
        # A page asked for while others are still signing in waits behind their Argon2 hashes, and
        # counted after the reset it would put the sign-in burst back into the journeys' figures.
        _measuring.wait()
        self.wait()

    def sign_in(self, username: str) -> None:
        """The form as a browser sends it: the CSRF token from the page, then the POST (Argon2, axes)."""
        form = self.client.get("/account/sign-in", name="sign in: form")
        token = CSRF.search(form.text)
        with self.client.post("/account/sign-in", name="sign in: submit", allow_redirects=False, catch_response=True,
                              data={"csrfmiddlewaretoken": token.group(1) if token else "",
                                    "username": username, "password": PLAN["password"]}) as response:
            # Success redirects onwards; a refusal shows the form again with a 200.
            if response.status_code != 302 or "sign-in" in response.headers.get("Location", ""):
                response.failure(f"sign-in refused for {username}: {response.status_code}")

    @task
    def next_page(self):
        page = next(self.steps)
        # Not following redirects: a page that sends someone elsewhere (to sign in again, say) is a
        # failure of this page, not a fast success of another.
        with self.client.get(page["url"], name=page["key"], allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")

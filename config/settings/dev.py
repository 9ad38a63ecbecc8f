"""The demo and development settings used by `make run`."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False  # the demo shows the real GOV.UK error pages, not Django's debug page
TWO_FACTOR_REQUIRED = False  # the demo makes two-factor optional and says so on every page
DEMO_MODE = True

# The demo writes email to files so invitations and notifications can be opened and read.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "sent-email")},
    }
}

# The demo's police intelligence mailbox: reports "sent" there land in var/sent-email like the rest.
POLICE_INTELLIGENCE_MAILBOX = os.environ.get("POLICE_INTELLIGENCE_MAILBOX", "fib@police.demo.cse-pathway.invalid")

WEBHOOK_ALLOW_LOCAL_HTTP = True  # a receiver on 127.0.0.1 (tests, local development)

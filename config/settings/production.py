"""Production settings: everything secret or site-specific comes from the environment."""

import os

from .base import *  # noqa: F403

DEMO_MODE = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
TWO_FACTOR_REQUIRED = True
# A passkey (phishing-resistant) for the roles that can see or change the most (docs/adr/0062).
PASSKEY_REQUIRED_ROLES = ["cse_manager", "police_coordinator", "auditor", "system_admin"]

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Browsers accept a `__Host-` cookie only if it is Secure, has Path=/ and no Domain, so it can be
# neither read over plain HTTP nor planted by a sibling subdomain. base.py sets the path and domain;
# csepathway/core/tests/test_cookies.py checks the Set-Cookie headers under these settings.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-session"
CSRF_COOKIE_NAME = "__Host-csrftoken"

"""Settings for `make bench`: production's, so the figures are production's (DEBUG off, cached templates,
manifest static files, Argon2, the same middleware), except what a benchmark on 127.0.0.1 over plain
HTTP cannot have. bench/run sets DJANGO_SECRET_KEY (a fresh random key per run) and DATABASE_URL (the
throwaway database)."""

from .production import *  # noqa: F403

# Plain HTTP on the loopback: no redirect to HTTPS, no HSTS, and cookies a client sends over HTTP
# (a `__Host-` cookie must be Secure, so the names go back to Django's defaults).
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SECURE_PROXY_SSL_HEADER = None
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"

# The load test signs in through the real sign-in page with a password only, as the demo does; the
# generated users have no authenticator to give a code from.
TWO_FACTOR_REQUIRED = False
PASSKEY_REQUIRED_ROLES: list[str] = []

# Nothing a benchmark does may reach a real mail server.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}

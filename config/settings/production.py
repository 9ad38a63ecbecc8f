"""Production settings: everything secret or site-specific comes from the environment."""

import os

from .base import *  # noqa: F403

DEMO_MODE = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
TWO_FACTOR_REQUIRED = True

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-session"
CSRF_COOKIE_NAME = "__Host-csrftoken"

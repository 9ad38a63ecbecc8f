"""Settings for the test suite (SQLite by default, PostgreSQL when DATABASE_URL is set)."""

from .base import *  # noqa: F403

DEMO_MODE = False
TWO_FACTOR_REQUIRED = False  # tests that need it turn it on explicitly
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S105 - speed only in tests
AUTH_PASSWORD_VALIDATORS = []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Django's PostgreSQL backend whose flush may empty append-only tables (config/test_postgresql).
    DATABASES["default"]["ENGINE"] = "config.test_postgresql"  # noqa: F405

# A second alias on the same test database stands in for a read replica. Reads go there only in
# the tests that turn DATABASE_REPLICA_READS on (csepathway/core/tests/test_replica.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_REPLICA_READS = False

WEBHOOK_ALLOW_LOCAL_HTTP = True  # a receiver on 127.0.0.1 (tests, local development)

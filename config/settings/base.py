"""Settings shared by every environment. Environment-specific files import * from here."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("CSEPATHWAY_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-never-use-in-production")
DEBUG = False
# The address `make run` listens on (bin/serve uses the same variable and default).
SERVICE_ADDRESS = os.environ.get("CSEPATHWAY_ADDRESS", "127.0.0.1:8000")
# Unset, the hosts are the local ones and the host `make run` listens on, so its pages answer there.
ALLOWED_HOSTS = os.environ.get(
    "DJANGO_ALLOWED_HOSTS", f"127.0.0.1,localhost,{SERVICE_ADDRESS.rsplit(':', 1)[0].strip('[]')}").split(",")

SERVICE_NAME = "CSE Pathway"
# What this area calls the multi-agency meeting: MASE (sexual exploitation) or MACE (child
# exploitation), with its long form. Every page, PDF, email and calendar invitation says it through
# csepathway/core/wording.py; code names stay "mase" (docs/adr/0063).
MEETING_NAME = os.environ.get("CSEPATHWAY_MEETING_NAME", "MASE")
MEETING_LONG_NAME = os.environ.get("CSEPATHWAY_MEETING_LONG_NAME", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
    "django_htmx",
    "django_tasks_db",
    # Our apps, lowest first: a lower app never imports a higher one.
    "csepathway.core",
    "csepathway.outbox",
    "csepathway.audit",
    "csepathway.accounts",
    "csepathway.notifications",
    "csepathway.children",
    "csepathway.oversight",
    "csepathway.notes",
    "csepathway.screening",
    "csepathway.assessments",
    "csepathway.episodes",
    "csepathway.meetings",
    "csepathway.nrm",
    "csepathway.intelligence",
    "csepathway.missing",
    "csepathway.casefile",
    "csepathway.subject_access",
    "csepathway.performance",
    "csepathway.retention",
    "csepathway.api",
    "csepathway.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages shrink about five-fold. Django's gzip adds random bytes to each response against BREACH,
    # and its CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    # The header middlewares sit outside everything that can fail, so error pages (a bad Host,
    # the database down) still carry the CSP nonce and the framing rules.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csepathway.core.middleware.RequestContextMiddleware",
    "csepathway.core.static_assets.GovukAssetsWhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before the session limits, which leave a message when they sign someone out.
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "csepathway.accounts.middleware.SessionTimeoutMiddleware",
    "csepathway.accounts.middleware.TwoFactorRequiredMiddleware",
    "csepathway.accounts.middleware.StepUpResumeMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes goes last so it sees the outcome of every sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csrf",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "csepathway.core.context_processors.page",
            ],
        },
    },
    {
        # Only the Django admin uses Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# Each process keeps its connection for DATABASE_CONN_MAX_AGE seconds instead of opening one per
# request (a TLS connection to PostgreSQL costs a few milliseconds each time); the health check
# replaces a connection the server has dropped before the request uses it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# Reporting pages read from a PostgreSQL read replica when one is given (csepathway/core/replica.py).
DATABASE_REPLICA_READS = bool(os.environ.get("DATABASE_REPLICA_URL"))
if DATABASE_REPLICA_READS:
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True)
DATABASE_ROUTERS = ["csepathway.core.replica.ReplicaRouter"]
# Planner settings for a service of short queries on solid-state storage (docs/adr/0036): no JIT
# compilation (an EXISTS under OR made one estimate look large enough to spend most of a second
# compiling a 28 ms query), and a random read priced as on SSD, not on a spinning disk (else the
# planner scans a whole table to join a page's few thousand rows). DATABASE_RANDOM_PAGE_COST=4
# restores PostgreSQL's default for a server on disks.
_PLANNER = f"-c jit=off -c random_page_cost={float(os.environ.get('DATABASE_RANDOM_PAGE_COST', '1.1'))}"
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {})["options"] = _PLANNER
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# How many chains the audit trail's writers spread over (docs/adr/0033). Read by the migration that
# creates the lanes; more writers at once than lanes queue for the lowest lane.
AUDIT_LANES = int(os.environ.get("AUDIT_LANES", "16"))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes must come first so a locked-out username never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    # Passwords, refused while single sign-on is on unless the account is a break-glass one.
    "csepathway.accounts.backends.LocalPasswordBackend",
    # Single sign-on: answers only the callback from the council's provider.
    "csepathway.accounts.sso.backend.SsoBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"

# Sessions: an idle timeout (renewed on every request) and an absolute limit from sign-in.
SESSION_IDLE_TIMEOUT_SECONDS = int(os.environ.get("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60))
SESSION_ABSOLUTE_TIMEOUT_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT_SECONDS", 12 * 60 * 60))
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Cookies (docs/adr/0024-sessions-cookies-static-checks-and-access-matrix.md). No script reads a
# cookie: forms and htmx send the CSRF token from the hidden field, so both cookies are HttpOnly.
# Lax, not Strict: a link in an email or a partner's system must open the page signed in, and no
# GET changes anything, so Lax already keeps cross-site POSTs away from the session. Path "/" and no
# Domain are what the production `__Host-` names require.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_PATH = "/"
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_PATH = "/"
CSRF_COOKIE_DOMAIN = None
# Flash messages stay in Django's default "messages" cookie (signed, and Secure, HttpOnly and Lax
# from the session settings above); they never carry case content. Keeping them in the session
# instead would make the 503 page need the database it is reporting as down.

# Two-factor authentication. Production requires it for every user; the demo may relax it.
TWO_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = "CSE Pathway"

# django-axes: lock a username (not an IP: staff share council networks) after 10 failures.
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_COOLOFF_TIME = None
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "csepathway.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Content Security Policy: Django's built-in middleware, with a fresh nonce per response.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("CSEPATHWAY_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "csepathway.core.static_assets.NpmAssetsFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        # A timeout, so a stuck mail server cannot hold the outbox relay's lock for ever.
        "OPTIONS": {"host": os.environ.get("EMAIL_HOST", "127.0.0.1"), "port": int(os.environ.get("EMAIL_PORT", "25")),
                    "timeout": 10},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CSE Pathway <no-reply@cse-pathway.invalid>")

# Where to find local procedures; shown beside the knowledge panels. Deployments override these.
PROCEDURE_LINKS = {
    "safeguarding_procedures": "https://example.invalid/safeguarding-children-procedures",
    "partnership": "https://example.invalid/safeguarding-children-partnership",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # Logs carry request ids and verbs, never case content.
    "root": {"handlers": ["console"], "level": "INFO"},
    # WeasyPrint reports each rendering step at INFO; only its warnings are worth a line.
    "loggers": {"django.request": {"level": "ERROR"}, "weasyprint": {"level": "WARNING"},
                "fontTools": {"level": "WARNING"}},
}
CSRF_FAILURE_VIEW = "csepathway.core.views.csrf_failure"

# The issue asks for lock-out per username: council staff share a few outbound addresses, so
# locking by IP would lock out whole offices. See docs/adr/0006-lock-out-per-username.md.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
CSE_ESCALATION_ROLES = ["cse_manager"]  # who decides when the joint reviewers disagree
# Where possible, someone who was not one of the two reviewers (docs/adr/0046).
CSE_ESCALATION_BY_ANOTHER = os.environ.get("CSE_ESCALATION_BY_ANOTHER", "1") == "1"
# The Team Manager signs off every assessment before it goes to the CSE team. "0" lets an early help
# lead professional send without it, where local procedure says so (docs/adr/0043).
CSE_SIGN_OFF_FOR_EARLY_HELP = os.environ.get("CSE_SIGN_OFF_FOR_EARLY_HELP", "1") == "1"
# Who decides NRM referrals here: the Single Competent Authority ("sca") or, in devolved pilot areas,
# a local multi-agency panel ("local_panel").
NRM_DECISION_MAKER = os.environ.get("NRM_DECISION_MAKER", "sca")
# Information governance is alerted when one person opens more than this many different children in an
# hour, or is refused this many child records in an hour.
ACCESS_ALERT_CHILDREN_PER_HOUR = int(os.environ.get("ACCESS_ALERT_CHILDREN_PER_HOUR", "20"))
ACCESS_ALERT_DENIED_PER_HOUR = int(os.environ.get("ACCESS_ALERT_DENIED_PER_HOUR", "5"))
# The police Force Intelligence Bureau's secure mailbox for partner information reports; sending is
# refused, with a message, until it is set.
POLICE_INTELLIGENCE_MAILBOX = os.environ.get("POLICE_INTELLIGENCE_MAILBOX", "")
# Repeated missing episodes prompt a screening: this many episodes starting within this many days
# (a local rule, not statutory: docs/adr/0064). "0" switches the prompt off.
MISSING_PROMPT_ENABLED = os.environ.get("MISSING_PROMPT_ENABLED", "1") == "1"
MISSING_PROMPT_EPISODES = int(os.environ.get("MISSING_PROMPT_EPISODES", "3"))
MISSING_PROMPT_DAYS = int(os.environ.get("MISSING_PROMPT_DAYS", "90"))

# The address links in emails and calendar invites point at (emails carry a link, never case content).
# Unset, it is the address the service listens on (bin/serve's CSEPATHWAY_ADDRESS), so `make run` on
# another address sends links that work (docs/adr/0044).
# Webhook subscriptions must use https; plain http to this machine only where a deployment allows
# it (development and tests), so a test can run its own receiver.
WEBHOOK_ALLOW_LOCAL_HTTP = False
SERVICE_BASE_URL = os.environ.get("SERVICE_BASE_URL") or f"http://{SERVICE_ADDRESS}"

# The CSE team's shared mailbox: the organiser of every MASE calendar invite and the Reply-To of the
# emails that carry one, so an answer from Outlook, or a reply, reaches the team (docs/adr/0044).
CSE_TEAM_MAILBOX = os.environ.get("CSE_TEAM_MAILBOX", "cse-team@cse-pathway.invalid")
CSE_TEAM_NAME = os.environ.get("CSE_TEAM_NAME", "CSE team")

# How case notes reach the source system (LCS/EHM): "none", "webhook" or "file".
CASE_NOTE_ADAPTER = os.environ.get("CASE_NOTE_ADAPTER", "none")
CASE_NOTE_WEBHOOK_URL = os.environ.get("CASE_NOTE_WEBHOOK_URL", "")
CASE_NOTE_WEBHOOK_SECRET = os.environ.get("CASE_NOTE_WEBHOOK_SECRET", "")
CASE_NOTE_FILE_DIR = os.environ.get("CASE_NOTE_FILE_DIR", str(VAR_DIR / "case-notes"))

# Single sign-on with OpenID Connect (docs/adr/0061), through mozilla-django-oidc. Off unless the
# client id and the provider's endpoints are given. For Entra ID the endpoints are
# https://login.microsoftonline.com/<tenant>/oauth2/v2.0/{authorize,token}, the keys
# https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys and the issuer
# https://login.microsoftonline.com/<tenant>/v2.0; SSO_MATCH_CLAIM=oid.
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = ""  # not used: the signed ID token's claims are the only ones trusted
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
OIDC_CREATE_USER = False  # the backend decides, from the group mappings (SSO_CREATE_USERS)
SSO_ENABLED = bool(OIDC_RP_CLIENT_ID and OIDC_OP_ISSUER and OIDC_OP_AUTHORIZATION_ENDPOINT
                   and OIDC_OP_TOKEN_ENDPOINT and OIDC_OP_JWKS_ENDPOINT)
# The claim kept on the account once linked: `oid` for Entra ID, `sub` elsewhere.
SSO_MATCH_CLAIM = os.environ.get("SSO_MATCH_CLAIM", "sub")
SSO_GROUPS_CLAIM = os.environ.get("SSO_GROUPS_CLAIM", "groups")
# "0": only people who already have an account (matched by the claim or a verified email) may come in.
SSO_CREATE_USERS = os.environ.get("SSO_CREATE_USERS", "1") == "1"
# Clock difference allowed between this service and the provider when checking a token's times.
SSO_CLOCK_SKEW_SECONDS = int(os.environ.get("SSO_CLOCK_SKEW_SECONDS", "30"))

# Passkeys (WebAuthn) as a second factor, through django-otp-webauthn (docs/adr/0062). Never
# passwordless: a passkey is asked for after the password or the council sign-in. The relying party
# id is the service's domain; the origins the addresses people use (https in production).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# Browsers allow passkeys only over https or on http://localhost (never on an IP address), so a
# local `make run` uses them at http://localhost:<port>.
_PASSKEY_ORIGIN = (SERVICE_BASE_URL if SERVICE_BASE_URL.startswith("https://")
                   else f"http://localhost:{SERVICE_ADDRESS.rsplit(':', 1)[-1]}")
OTP_WEBAUTHN_ALLOWED_ORIGINS = os.environ.get("OTP_WEBAUTHN_ALLOWED_ORIGINS", _PASSKEY_ORIGIN).split(",")
OTP_WEBAUTHN_RP_ID = os.environ.get("OTP_WEBAUTHN_RP_ID", urlsplit(_PASSKEY_ORIGIN).hostname)
OTP_WEBAUTHN_RP_NAME = SERVICE_NAME
# Roles that must have a passkey: sent to register one before anything else. Empty here (offered to
# everyone, required of no one); production names its roles.
PASSKEY_REQUIRED_ROLES: list[str] = []

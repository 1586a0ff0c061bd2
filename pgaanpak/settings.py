"""Settings for pgaanpak: one module, driven by the environment (see docs/configuration.md).

Local default (DEBUG on, nothing else set): SQLite file and Celery tasks run in-process.
Production (DEBUG off): SECRET_KEY, DATABASE_URL, REDIS_URL, ALLOWED_HOSTS, BSN_HASH_KEY and SITE_URL
are required.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str
from .schedule import CELERY_BEAT_SCHEDULE as _BEAT_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent

# A checkout defaults to local development (as healthchecks does); the production image sets
# DEBUG=false in its Dockerfile, so a container without DEBUG runs strict, not in debug mode.
DEBUG = env_bool("DEBUG", default=True)
_production = not DEBUG

SECRET_KEY = env_str("SECRET_KEY", required=_production) or "insecure-local-development-key-only"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=_production) or ["127.0.0.1", "localhost", "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Keyed hash for BSN matching (never stored in clear). Separate from SECRET_KEY so that rotating the
# session key does not break matching.
BSN_HASH_KEY = env_str("BSN_HASH_KEY", required=_production) or "insecure-local-bsn-key"

# Where users reach the site; links in e-mails are built on it (no request exists in a task).
SITE_URL = (env_str("SITE_URL", required=_production) or "http://127.0.0.1:8000").rstrip("/")
# A match that nobody followed up within this many days shows on the procesregisseur's list.
MATCH_FOLLOW_UP_DAYS = env_int("MATCH_FOLLOW_UP_DAYS", 14)
# An organisation that has not informed the youth or the parents (AVG art. 13/14) this many days after its
# first signal, and has not recorded a reason to postpone, shows on the procesregisseur's overdue list.
# AVG art. 14(3)(a): within a reasonable period, at the latest one month.
FAMILY_INFORMING_DAYS = env_int("FAMILY_INFORMING_DAYS", 30)

# The life cycle of a signal and retention (docs/privacy.md, "Bewaartermijnen"; each with its ground).
# An involvement without new activity for this many days is closed automatically (nightly job)...
INVOLVEMENT_INACTIVE_CLOSE_DAYS = env_int("INVOLVEMENT_INACTIVE_CLOSE_DAYS", 365)
# ... after the organisation was told this many days before, in the platform.
INVOLVEMENT_INACTIVE_NOTICE_DAYS = env_int("INVOLVEMENT_INACTIVE_NOTICE_DAYS", 30)
# A closed signal stays in its organisation's list this long, then it expires (visible to nobody).
SIGNAL_CLOSED_VISIBLE_DAYS = env_int("SIGNAL_CLOSED_VISIBLE_DAYS", 180)
# A signal is removed at most this long after the last activity on its organisation's involvement
# (Jeugdwet art. 7.1.4.5: a Verwijsindex melding goes at most two years after it was made).
SIGNAL_RETENTION_DAYS = env_int("SIGNAL_RETENTION_DAYS", 730)
# Everything about a youth goes on their 23rd birthday (Jeugdwet art. 7.1.4.5, the Verwijsindex's
# age limit), unless an open case holds it with a recorded reason.
YOUTH_RETENTION_AGE = env_int("YOUTH_RETENTION_AGE", 23)
# A closed case is anonymised this long after closing (texts replaced, facts kept).
CASE_ANONYMISE_AFTER_DAYS = env_int("CASE_ANONYMISE_AFTER_DAYS", 730)
# The read log (identifiers only) is kept this long, then its oldest rows are removed.
READ_LOG_RETENTION_DAYS = env_int("READ_LOG_RETENTION_DAYS", 1825)
# Rows removed per statement by the retention job.
RETENTION_BATCH_SIZE = env_int("RETENTION_BATCH_SIZE", 500)
if INVOLVEMENT_INACTIVE_NOTICE_DAYS >= INVOLVEMENT_INACTIVE_CLOSE_DAYS:
    raise ImproperlyConfigured(
        "INVOLVEMENT_INACTIVE_NOTICE_DAYS must be smaller than INVOLVEMENT_INACTIVE_CLOSE_DAYS."
    )

INSTALLED_APPS = [
    # Django's admin with a site that requires the second factor (accounts/admin_site.py).
    "accounts.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    # API tokens hashed at rest, with an expiry (accounts.services.api_token_create).
    "knox",
    # Lockout after repeated failed logins, and the log of every login attempt.
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "auditlog",
    # Two-factor login: TOTP apps and one-time recovery codes (docs/permissions.md, "Inloggen").
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_celery_beat",
    "csp",
    "core",
    "accounts",
    "tracks",
    "youths",
    "cases",
    "privacy",
    "monitoring",
    # The project package itself, for the project-level `setup` command.
    "pgaanpak",
    # Fictional data for `make run` (manage.py load_demo); on top of every other app, imported by none.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before the middleware below: they keep their long cache headers.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Every dynamic response (pages, API, downloads) is `no-store`: it may hold personal data.
    "core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.NulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Puts the verified second-factor device of the session on request.user (accounts/access.py reads it).
    "django_otp.middleware.OTPMiddleware",
    # One security-log line per write, refused access and failed request (BIO2 8.15.01); after
    # authentication, so that it knows who was logged in when the request came (also for a logout).
    "core.middleware.SecurityLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Ends a session SESSION_ABSOLUTE_AGE after its login, however active it was.
    "accounts.middleware.SessionAbsoluteLimitMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pgaanpak.urls"
WSGI_APPLICATION = "pgaanpak.wsgi.application"
ASGI_APPLICATION = "pgaanpak.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.notifications",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://...) or, locally, a SQLite file.
_database_url = env_str("DATABASE_URL", required=_production)
if _database_url:
    # Persistent connections, checked at the start of every request and task (CONN_HEALTH_CHECKS): after
    # a PostgreSQL restart the first request reconnects instead of failing (tests/core/test_faults.py).
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")) or str(BASE_DIR / "db.sqlite3"),
        }
    }
DATABASES["default"].setdefault("TEST", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username before any password is checked (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# The second step of every HTML login (TOTP code or recovery code); enrolment on the first login.
OTP_VERIFY_URL = "accounts:otp_verify"
# The issuer name an authenticator app shows next to the account.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "pgaanpak") or "pgaanpak"
# The admin never shows a TOTP key or its QR code (the beheerder may only remove a lost device).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The accounts `load_demo` creates may skip the second factor, for `make run` only: on by default in
# local development, and refused when DEBUG is off (a production site has no exempt accounts).
OTP_DEMO_EXEMPT = env_bool("OTP_DEMO_EXEMPT", default=DEBUG)
if OTP_DEMO_EXEMPT and _production:
    raise ImproperlyConfigured(
        "OTP_DEMO_EXEMPT may not be on when DEBUG is off: every login needs a second factor."
    )
LOGIN_REDIRECT_URL = "programme"
LOGOUT_REDIRECT_URL = "accounts:login"

# django-guardian: no anonymous user row; object permissions only through our access gateway.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# Dutch for everyone. There is no LocaleMiddleware: a browser's Accept-Language must not switch
# Django's own texts to English while ours stay Dutch. English arrives as an explicit choice once an
# English catalogue exists (locale/en).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")) or "")

# Mail: console locally; SMTP in production through EMAIL_URL-style variables.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "pgaanpak@zwolle.example")

SESSION_COOKIE_SECURE = _production
CSRF_COOKIE_SECURE = _production
# Idle timeout: a session ends SESSION_COOKIE_AGE seconds after its last request (every request
# renews it). The absolute limit counts from the login (accounts.middleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_AGE = env_int("SESSION_ABSOLUTE_AGE", 10 * 3600)
if SESSION_COOKIE_AGE <= 0 or SESSION_ABSOLUTE_AGE < SESSION_COOKIE_AGE:
    raise ImproperlyConfigured(
        "SESSION_ABSOLUTE_AGE must be at least SESSION_COOKIE_AGE (both in seconds, > 0)."
    )
X_FRAME_OPTIONS = "DENY"

# --- Transport and headers (docs/configuration.md) ----------------------------------------------
# In production TLS ends at the reverse proxy, which sets X-Forwarded-Proto (docs/operations.md); the
# proxy must overwrite a client's own X-Forwarded-Proto, or a client could fake https.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _production else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_production)
# The container's own health check speaks plain http to web:8000, behind the proxy.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# One year, subdomains included, preload-ready (the domain's owner decides whether to submit it).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if _production else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_production)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=_production)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp): scripts and styles only from our own static files, no inline
# script or style, no eval, nothing from other hosts. Chart data reach the scripts through json_script
# elements (type application/json, which CSP does not execute). The API documentation pages
# (pgaanpak/api_urls.py) relax style-src for themselves only: Swagger UI and Redoc inject <style>.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: for the icons the NL Design System stylesheets embed.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# --- Celery -------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", required=_production)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # No broker configured: run tasks in-process, synchronously (local development and tests).
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True

# The longest task may run this long; the broker's visibility timeout must stay above it, or Redis
# hands an unacknowledged (acks_late) task to a second worker while the first is still busy.
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
_visibility_timeout = env_int("CELERY_VISIBILITY_TIMEOUT", 2 * 3600)
if _visibility_timeout <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT must be larger than CELERY_TASK_TIME_LIMIT.")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _visibility_timeout,
    # Bounded connect and socket timeouts for the workers and beat. A web request never uses these:
    # it publishes through core.outbox with BROKER_PUBLISH_TIMEOUT_MS and no retries.
    "socket_connect_timeout": 2,
    "socket_timeout": 3,
    "max_retries": 1,
    "interval_start": 0,
}
# A request waits at most this long on Redis per publish; after a failure the process leaves the broker
# alone for BROKER_CIRCUIT_OPEN_SECONDS (the outbox keeps the messages, outbox_flush sends them later).
BROKER_PUBLISH_TIMEOUT_MS = env_int("BROKER_PUBLISH_TIMEOUT_MS", 500)
if not 50 <= BROKER_PUBLISH_TIMEOUT_MS <= 1000:
    raise ImproperlyConfigured("BROKER_PUBLISH_TIMEOUT_MS must be between 50 and 1000.")
BROKER_CIRCUIT_OPEN_SECONDS = env_int("BROKER_CIRCUIT_OPEN_SECONDS", 30)
# The result backend (Redis) is only read by tests and the CI ping; requests publish with
# ignore_result. Its retry policy is bounded anyway (Celery's default is 20 retries, 1 s apart).
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 3,
    "retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5},
}
CELERY_RESULT_BACKEND_ALWAYS_RETRY = False
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 3
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
# A pending report whose row no worker holds this long is enqueued again (monitoring: reports_requeue_stalled,
# every 2 minutes), at most REPORT_MAX_REQUEUES times. Far below the visibility timeout, which is what
# would otherwise bring a killed worker's report back; a running build holds the row and is never doubled.
REPORT_STALLED_AFTER_SECONDS = env_int("REPORT_STALLED_AFTER_SECONDS", 5 * 60)
REPORT_MAX_REQUEUES = env_int("REPORT_MAX_REQUEUES", 3)
if not 60 <= REPORT_STALLED_AFTER_SECONDS < _visibility_timeout:
    raise ImproperlyConfigured(
        "REPORT_STALLED_AFTER_SECONDS must be at least 60 and below CELERY_VISIBILITY_TIMEOUT."
    )
# Tasks are idempotent, so they are acknowledged after they finish: a killed worker's task is redone.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 24 * 3600
# One queue; a name of its own only where several deployments (or test runs) share one Redis.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery") or "celery"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = _BEAT_SCHEDULE

# A POST with an Idempotency-Key is answered the same for this long (core.idempotency, docs/api.md).
IDEMPOTENCY_KEY_HOURS = env_int("IDEMPOTENCY_KEY_HOURS", 24)

# --- REST framework and OpenAPI -----------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Hashed tokens with an expiry (django-rest-knox); header `Authorization: Token <key>`. First,
        # so that a refused or missing login is 401 with `WWW-Authenticate: Token` (RFC 9110).
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Per-process rates (the local-memory cache): a brake on scripted guessing and scraping, not a
    # quota. The refusal is 429 problem+json with Retry-After (core.api.exception_handler).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    # The throttles' client address: the right-most X-Forwarded-For entry behind our proxy (see
    # BEHIND_PROXY below), REMOTE_ADDR otherwise; never a client-chosen header.
    "NUM_PROXIES": 1 if env_bool("BEHIND_PROXY", default=_production) else 0,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "30/minute"),
        "user": env_str("API_THROTTLE_USER", "600/minute"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "pgaanpak API",
    "DESCRIPTION": "API van het platform Preventie met Gezag Zwolle. Zie docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # One name per choice set that several fields share (a case's status, a transition's from/to).
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "cases.lifecycle.CaseStatus",
        "YouthGroupStatusEnum": "cases.models.groups.YouthGroup.Status",
        "MeetingKindEnum": "cases.models.meetings.Meeting.Kind",
        # Signals (domain) and referrals (domains of concern) share the list of domains.
        "DomainEnum": "youths.models.Domain",
        "DataSubjectRequestKindEnum": "privacy.models.DataSubjectRequest.Kind",
        "DataSubjectRequestOutcomeEnum": "privacy.models.DataSubjectRequest.Outcome",
        "ReferralOutcomeEnum": "cases.models.referrals.Referral.Outcome",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "pgaanpak.schema.limited_views_are_partial",
    ],
}

# API tokens (django-rest-knox): only a SHA-512 digest is stored; the key is shown once.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env_int("API_TOKEN_TTL_DAYS", 90)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

# --- Login lockout (django-axes) ----------------------------------------------------------------
# Five failed logins for one username lock it for AXES_COOLOFF_MINUTES, or until a beheerder
# unlocks it (admin: Gebruikers → Deblokkeren, or Axes → Access attempts). Counted per username (stops
# guessing one account from many addresses) and per client address (stops trying one password on many
# accounts). docs/operations.md.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The lockout page: a Dutch message in the login page's place, status 429.
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_USERNAME_FORM_FIELD = "username"
# The client address (for the lockout, the throttles and the log lines). Behind the reverse proxy
# (operations.md) it is the right-most X-Forwarded-For entry, the one our proxy appended: entries to
# its left come from the client and can be forged. Without a proxy, X-Forwarded-For is not trusted.
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=_production)
AXES_IPWARE_PROXY_ORDER = "right-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if BEHIND_PROXY else ["REMOTE_ADDR"]
)

# --- Audit --------------------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False

# Free-text fields are registered with mask_fields (each app's apps.py): the change log records
# that a description, note or reason changed, never what it says (docs/operations.md).
AUDITLOG_MASK_CALLABLE = "core.audit.hide_text"

# The security log (core/security_log.py): one JSON line per event on stdout, collected by the
# container platform. Its client address is the one the lockout and the throttles count: behind the
# reverse proxy (BEHIND_PROXY) the right-most X-Forwarded-For entry, else the socket's address.
TRUSTED_PROXY_COUNT = 1 if BEHIND_PROXY else 0
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            # ISO 8601 in UTC, under "time".
            "timestamp": "time",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One JSON line per login, write, refused access and read of personal data (core.security_log).
        "pgaanpak.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
    },
}

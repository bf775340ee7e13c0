"""Navet settings: one file, read from the environment.

Every value that differs between a developer's machine and production comes from an
environment variable, read through the typed helpers below. A wrong value raises
ImproperlyConfigured at start-up rather than surprising someone later.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Lets Django's generic classes be subscripted at run time (ModelForm[Person]) for typing.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def load_env_file(path: Path) -> None:
    """Read KEY=VALUE lines into the environment without overriding what is already set.

    `make` writes var/local.env on a developer's machine (demo mode, not DEBUG), so a plain
    `python manage.py ...` works there. A deployment has no such file; NAVET_ENV_FILE=""
    switches it off."""
    if not path.is_file():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ImproperlyConfigured(f"{path}, line {number}: expected KEY=VALUE.")
        os.environ.setdefault(key.strip(), value.strip())


_env_file = os.environ.get("NAVET_ENV_FILE", str(BASE_DIR / "var" / "local.env"))
if _env_file:
    load_env_file(Path(_env_file))


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from error


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# The version Navet reports to others (the avsender of innsyn files, the API).
NAVET_VERSION = "0.1.0"

# Django's debug pages (a traceback, every URL pattern) instead of Navet's error pages.
# Only when asked for (`DEBUG=true make run`): demo mode is not debug mode.
DEBUG = env_bool("DEBUG", False)
# Demo mode: the login page lists the demo personas and their password works. Together with
# DEBUG it also allows what a developer's machine needs: the development SECRET_KEY, test
# identifiers, cookies over plain http, static files without collectstatic.
# Never on in production; `manage.py check --deploy` warns if it is.
DEMO_MODE = env_bool("NAVET_DEMO_MODE", False)
# Test Norge synthetic fødselsnumre (month + 80) are accepted only when this is on.
ALLOW_SYNTHETIC_IDS = env_bool("NAVET_ALLOW_SYNTHETIC_IDS", DEBUG or DEMO_MODE)

_INSECURE_DEV_KEY = "navet-insecure-development-key-never-use-in-production-0123456789"
if not os.environ.get("SECRET_KEY") and not (DEBUG or DEMO_MODE):
    raise ImproperlyConfigured(
        "The environment variable SECRET_KEY must be set. For development on your own "
        "machine, set NAVET_DEMO_MODE=true instead (`make` writes it to var/local.env)."
    )
SECRET_KEY = env_str("SECRET_KEY", _INSECURE_DEV_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "navet.core",
    "navet.people",
    "navet.access",
    "navet.audit",
    "navet.letters",
    "navet.applications",
    "navet.decisions",
    "navet.payments",
    "navet.dialog",
    "navet.followup",
    "navet.caseload",
    "navet.control",
    "navet.competence",
    "django_tasks",
    "django_tasks_db",
    "navet.api",
    "navet.staff",
    "navet.citizen",
    "navet.demo",
    # Test-ID-porten (navet.testidp) is built on django-oauth-toolkit. Its tables exist in
    # every installation; its URLs are mounted only in demo mode (navet/urls.py).
    "oauth2_provider",
    "navet.testidp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "navet.core.middleware.RequestIdMiddleware",
    "navet.core.middleware.ContentSecurityPolicyMiddleware",
    "navet.testidp.middleware.OwnSessionCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "navet.core.middleware.SessionTimeoutMiddleware",
    "navet.core.middleware.EmployeeMiddleware",
    "navet.citizen.middleware.CitizenMiddleware",
    "navet.core.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "navet.core.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "navet.urls"
WSGI_APPLICATION = "navet.wsgi.application"

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
                "navet.core.context_processors.navet",
            ],
            "builtins": ["navet.core.templatetags.components"],
        },
    }
]
FORM_RENDERER = "navet.core.forms.AkselFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'navet.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Background work (payment files): django-tasks with its database backend, on SQLite and
# PostgreSQL alike. A job is a row written in the transaction of the change that asks for
# it (an outbox for free); `manage.py db_worker` runs them, and `manage.py
# resume_payment_runs` finishes runs a killed worker left halfway (docs/payments.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The crash test's hook: a point of the payment file's generation where the process kills
# itself (tests/payments/test_crash.py). Never set outside that test.
NAVET_PAYMENT_CRASH_AT = env_str("NAVET_PAYMENT_CRASH_AT", "")

LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "core:login"
# Login throttling (docs/security.md). Per user name: after this many failures in a row
# the account is locked for the base period, doubling with each further failure up to the
# cap; a successful login or an administrator resets it, and failures are forgotten after a
# quiet day. Per client address a much higher limit per window, so that one person
# mistyping (or one attacker) cannot lock everyone behind an office's shared address.
LOGIN_MAX_FAILURES = env_int("NAVET_LOGIN_MAX_FAILURES", 5)
LOGIN_BACKOFF_BASE_SECONDS = env_int("NAVET_LOGIN_BACKOFF_BASE_SECONDS", 60)
LOGIN_BACKOFF_MAX_SECONDS = env_int("NAVET_LOGIN_BACKOFF_MAX_SECONDS", 60 * 60)
LOGIN_FAILURE_MEMORY_SECONDS = env_int("NAVET_LOGIN_FAILURE_MEMORY_SECONDS", 24 * 60 * 60)
LOGIN_ADDRESS_MAX_FAILURES = env_int("NAVET_LOGIN_ADDRESS_MAX_FAILURES", 100)
LOGIN_ADDRESS_WINDOW_SECONDS = env_int("NAVET_LOGIN_ADDRESS_WINDOW_SECONDS", 15 * 60)
for _name, _value in (
    ("NAVET_LOGIN_MAX_FAILURES", LOGIN_MAX_FAILURES),
    ("NAVET_LOGIN_BACKOFF_BASE_SECONDS", LOGIN_BACKOFF_BASE_SECONDS),
    ("NAVET_LOGIN_ADDRESS_MAX_FAILURES", LOGIN_ADDRESS_MAX_FAILURES),
    ("NAVET_LOGIN_ADDRESS_WINDOW_SECONDS", LOGIN_ADDRESS_WINDOW_SECONDS),
):
    if _value < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")
if LOGIN_BACKOFF_MAX_SECONDS < LOGIN_BACKOFF_BASE_SECONDS:
    raise ImproperlyConfigured(
        "NAVET_LOGIN_BACKOFF_MAX_SECONDS must be at least NAVET_LOGIN_BACKOFF_BASE_SECONDS."
    )
# How many reverse proxies / load balancers stand in front of Navet and append to
# X-Forwarded-For; 0 means REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_int("NAVET_TRUSTED_PROXIES", 0)

# Staff sessions (ASVS L2 3.3): ended after 30 idle minutes and at most 12 hours after
# login, whatever the activity (navet.core.middleware.SessionTimeoutMiddleware). The page
# warns this many seconds before the idle end when a form has unsaved changes. The cookie
# goes when the browser closes.
SESSION_IDLE_SECONDS = env_int("NAVET_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_MAX_SECONDS = env_int("NAVET_SESSION_MAX_SECONDS", 12 * 60 * 60)
SESSION_WARNING_SECONDS = env_int("NAVET_SESSION_WARNING_SECONDS", 5 * 60)
if not 60 <= SESSION_IDLE_SECONDS <= SESSION_MAX_SECONDS <= 12 * 60 * 60:
    raise ImproperlyConfigured(
        "NAVET_SESSION_IDLE_SECONDS must be at least 60 and at most "
        "NAVET_SESSION_MAX_SECONDS, which is at most 12 hours (43200)."
    )
if not 0 < SESSION_WARNING_SECONDS < SESSION_IDLE_SECONDS:
    raise ImproperlyConfigured(
        "NAVET_SESSION_WARNING_SECONDS must be above 0 and below NAVET_SESSION_IDLE_SECONDS."
    )
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Transport security: on unless explicitly developing locally.
SECURE = env_bool("NAVET_SECURE", not (DEBUG or DEMO_MODE))
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("NAVET_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk")), ("en", _("English"))]
# English pages write dates the British way with a 24-hour clock (navet/dateformats).
FORMAT_MODULE_PATH = ["navet.dateformats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Documents (attachments, letters) in the filesystem; production points this at a mounted
# volume or replaces the storage with S3-compatible object storage.
MEDIA_ROOT = Path(env_str("NAVET_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-served/"

# Static files: production serves what `collectstatic` gathered in STATIC_ROOT (whitenoise).
# A developer's machine and the demo serve them straight from static/ and the apps (the
# finders), and look again at every request, so `make run` needs no collectstatic step and
# an edited stylesheet shows on reload. Without DEBUG, runserver serves no static files
# itself; whitenoise does it in both cases.
WHITENOISE_USE_FINDERS = DEBUG or DEMO_MODE
WHITENOISE_AUTOREFRESH = DEBUG or DEMO_MODE

# Error reports (the DEBUG page, mails to admins) show no POST values and no local variables.
DEFAULT_EXCEPTION_REPORTER_FILTER = "navet.core.errors.NoPersonalDataReporterFilter"

# API tokens for machine clients: valid this many days unless the command says otherwise.
API_TOKEN_DEFAULT_DAYS = env_int("NAVET_API_TOKEN_DEFAULT_DAYS", 90)
if not 1 <= API_TOKEN_DEFAULT_DAYS <= 366:
    raise ImproperlyConfigured("NAVET_API_TOKEN_DEFAULT_DAYS must be between 1 and 366.")

# Access overrides ("enkelttilgang"): the longest an override may last.
ACCESS_OVERRIDE_MAX_HOURS = env_int("NAVET_ACCESS_OVERRIDE_MAX_HOURS", 8)
if not 1 <= ACCESS_OVERRIDE_MAX_HOURS <= 24:
    raise ImproperlyConfigured("NAVET_ACCESS_OVERRIDE_MAX_HOURS must be between 1 and 24.")

# The citizen's login (ADR 0010): Navet is an OpenID Connect relying party to ID-porten.
# NAVET_CITIZEN_IDP is "idporten" (production: the issuer below, discovered at start of each
# login and cached) or "testidp" (Test-ID-porten inside Navet, demo mode only; the issuer
# is the request's own origin + /test-idporten, so the demo works on any host and port).
CITIZEN_IDP = env_str("NAVET_CITIZEN_IDP", "testidp" if DEMO_MODE else "idporten")
IDPORTEN_ISSUER = env_str("NAVET_IDPORTEN_ISSUER", "")
CITIZEN_CLIENT_ID = env_str("NAVET_CITIZEN_CLIENT_ID", "navet-min-side")
CITIZEN_CLIENT_SECRET = env_str(
    "NAVET_CITIZEN_CLIENT_SECRET", "navet-demo-client-secret" if DEMO_MODE else ""
)
# The level asked for (acr_values) and required in the id_token's acr. The legacy names
# (Level4 for high, Level3 for substantial) are accepted for the same level.
CITIZEN_ACR = env_str("NAVET_CITIZEN_ACR", "idporten-loa-high")
if CITIZEN_ACR not in ("idporten-loa-high", "idporten-loa-substantial"):
    raise ImproperlyConfigured(
        "NAVET_CITIZEN_ACR must be idporten-loa-high or idporten-loa-substantial."
    )
# ID-porten's SSO session: at most 120 minutes, 30 minutes idle. The portal ends its own
# session at the same limits.
CITIZEN_SESSION_MAX_SECONDS = env_int("NAVET_CITIZEN_SESSION_MAX_SECONDS", 120 * 60)
CITIZEN_SESSION_IDLE_SECONDS = env_int("NAVET_CITIZEN_SESSION_IDLE_SECONDS", 30 * 60)
if not 60 <= CITIZEN_SESSION_IDLE_SECONDS <= CITIZEN_SESSION_MAX_SECONDS <= 120 * 60:
    raise ImproperlyConfigured(
        "NAVET_CITIZEN_SESSION_IDLE_SECONDS must be at least 60 and at most "
        "NAVET_CITIZEN_SESSION_MAX_SECONDS, which is at most 120 minutes (7200)."
    )
# What a citizen may send in the portal (ettersendelse): each file at most this size, at
# most this many files at a time and on one application.
CITIZEN_UPLOAD_MAX_BYTES = env_int("NAVET_CITIZEN_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
CITIZEN_UPLOAD_MAX_FILES = env_int("NAVET_CITIZEN_UPLOAD_MAX_FILES", 10)
CITIZEN_UPLOAD_MAX_PER_APPLICATION = env_int("NAVET_CITIZEN_UPLOAD_MAX_PER_APPLICATION", 200)
# Messages (navet.dialog): a notice of a new message goes this long after it was sent, and
# not at all if it was read first. It says only that there is a message, with this link.
NOTIFICATION_DELAY_SECONDS = env_int("NAVET_NOTIFICATION_DELAY_SECONDS", 15 * 60)
# A meeting reminder goes this many hours before the meeting (navet/caseload/reminders.py).
NAVET_MEETING_REMINDER_HOURS = env_int("NAVET_MEETING_REMINDER_HOURS", 24)
CITIZEN_PORTAL_URL = env_str(
    "NAVET_CITIZEN_PORTAL_URL", "http://127.0.0.1:8000/min-side/" if (DEBUG or DEMO_MODE) else ""
)
# SMS goes through a backend class, as e-mail does through Django's EMAIL_BACKEND; the demo
# writes both to files under var/.
SMS_BACKEND = env_str(
    "NAVET_SMS_BACKEND",
    "navet.dialog.sms.FileBackend" if (DEBUG or DEMO_MODE) else "navet.dialog.sms.NotConfigured",
)
SMS_FILE_PATH = Path(env_str("NAVET_SMS_FILE_PATH", str(BASE_DIR / "var" / "sms")))
if DEBUG or DEMO_MODE:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("NAVET_FROM_EMAIL", "ikke-svar@nav.example")
# The relying party's calls to the provider (token, keys, discovery): seconds to wait.
CITIZEN_OIDC_TIMEOUT = env_int("NAVET_CITIZEN_OIDC_TIMEOUT", 10)
# What mozilla-django-oidc reads from settings (the rest is set per login; navet/citizen).
OIDC_RP_CLIENT_ID = CITIZEN_CLIENT_ID
OIDC_RP_CLIENT_SECRET = CITIZEN_CLIENT_SECRET
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid"
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "citizen:callback"
OIDC_TIMEOUT = CITIZEN_OIDC_TIMEOUT
# Placeholders: the endpoints come from the provider's discovery document at each login.
OIDC_OP_AUTHORIZATION_ENDPOINT = ""
OIDC_OP_TOKEN_ENDPOINT = ""  # nosec B105 (an address, set per login)
OIDC_OP_USER_ENDPOINT = ""
OIDC_OP_JWKS_ENDPOINT = "discovered"

# Test-ID-porten (navet.testidp): django-oauth-toolkit in OpenID Connect mode. The signing
# key is made once into var/testidp.pem (git-ignored) by the first process that needs it.
TESTIDP_KEY_FILE = Path(env_str("NAVET_TESTIDP_KEY_FILE", str(BASE_DIR / "var" / "testidp.pem")))
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": "",  # read from TESTIDP_KEY_FILE below in demo mode
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "PKCE_REQUIRED": True,
    # The demo runs on http://127.0.0.1; without demo mode the provider is not mounted at all.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"] if DEMO_MODE else ["https"],
    "ALLOWED_SCHEMES": ["http", "https"] if DEMO_MODE else ["https"],
    # RFC 9700 (OAuth 2.0 Security BCP) throughout, as ID-porten does.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,  # nosec B105 (a setting's name, not a password)
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,  # nosec B105 (a setting's name, not a password)
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,  # nosec B105 (a setting's name, not a password)
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,  # nosec B105 (a setting's name, not a password)
    "REFRESH_TOKEN_REUSE_PROTECTION": True,  # nosec B105 (a setting's name, not a password)
    "OAUTH2_VALIDATOR_CLASS": "navet.testidp.validator.TestIdPortenValidator",
    "SCOPES": {"openid": "OpenID Connect"},
    "DEFAULT_SCOPES": ["openid"],
    "ACCESS_TOKEN_EXPIRE_SECONDS": 120 * 60,
    "ID_TOKEN_EXPIRE_SECONDS": 120 * 60,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
}
if DEMO_MODE and CITIZEN_IDP == "testidp":
    from navet.testidp.keys import load_or_create_key

    OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEY"] = load_or_create_key(TESTIDP_KEY_FILE)
# Where the provider's logout page sends each client's front-channel logout (iframe),
# relative to the host it is served from (the demo serves both on one origin).
TESTIDP_FRONTCHANNEL_PATH = "/min-side/logg-ut/frontkanal"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "navet.request_context.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # The request logger prints the URL of failing requests; URLs never carry
        # personal data in Navet, but request bodies do, so keep its detail low.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "INFO"},
        # WeasyPrint and fontTools report every step of every letter at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

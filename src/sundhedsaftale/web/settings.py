"""Django settings. SQLite by default; PostgreSQL when DATABASE_URL points to it.

Every environment variable is described in docs/deploy.md. SUNDHEDSAFTALE_ENV chooses the environment:
``production`` (the default: no environment set is never a debug server with a known key) or ``development``
(``make run``, the test suite and the browser tests opt into it explicitly). Production refuses to start
without a secret key or allowed hosts, and with DEBUG on.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SUNDHEDSAFTALE_VAR_DIR", Path.cwd() / "var"))


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value not in ("0", "1"):
        raise ImproperlyConfigured(f"{name} skal være 0 eller 1, ikke {value!r}")
    return value == "1"


# --- Environment: production unless development is chosen explicitly ------------------------------------
ENVIRONMENT = os.environ.get("SUNDHEDSAFTALE_ENV", "production")
if ENVIRONMENT not in ("development", "production"):
    raise ImproperlyConfigured(
        f"SUNDHEDSAFTALE_ENV skal være 'development' eller 'production', ikke {ENVIRONMENT!r}"
    )
DEVELOPMENT = ENVIRONMENT == "development"
DEVELOPMENT_SECRET_KEY = "development-only-key-not-for-production"

DEBUG = _env_flag("SUNDHEDSAFTALE_DEBUG", default=DEVELOPMENT)
SECRET_KEY = os.environ.get("SUNDHEDSAFTALE_SECRET_KEY", "")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("SUNDHEDSAFTALE_ALLOWED_HOSTS", "").split(",") if h.strip()
]
if DEVELOPMENT:
    SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver"]
else:
    # Production refuses to start unsafe, naming the variable to set (docs/deploy.md).
    if DEBUG:
        raise ImproperlyConfigured("SUNDHEDSAFTALE_DEBUG=1 er ikke tilladt i produktion (SUNDHEDSAFTALE_ENV)")
    if len(SECRET_KEY) < 50 or SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "SUNDHEDSAFTALE_SECRET_KEY skal sættes til en tilfældig nøgle på mindst 50 tegn i produktion "
            "(eller sæt SUNDHEDSAFTALE_ENV=development til udvikling)"
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "SUNDHEDSAFTALE_ALLOWED_HOSTS skal angive platformens værtsnavne (kommasepareret) i produktion"
        )

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # the API docs use ninja's own static files, not a CDN (CSP allows only 'self')
    "axes",
    "sundhedsaftale.web.apps.WebConfig",
    "sundhedsaftale.accounts",
    "sundhedsaftale.registry",
    "sundhedsaftale.governance",
    "sundhedsaftale.agreements",
    "sundhedsaftale.review",
    "sundhedsaftale.lawbook",
    "sundhedsaftale.transition",
    "sundhedsaftale.reminders",
    "sundhedsaftale.hearings",
    "sundhedsaftale.followup",
    "sundhedsaftale.datasupport",
    "sundhedsaftale.public",
    "sundhedsaftale.search",
    "sundhedsaftale.knowledge",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "sundhedsaftale.web.middleware.RefuseControlCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sundhedsaftale.web.urls"
WSGI_APPLICATION = "sundhedsaftale.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sundhedsaftale.web.context.platform",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'sundhedsaftale.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Concurrent readers with one writer; IMMEDIATE so a write transaction takes its lock at the start.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Local accounts today; a SAML or OIDC backend is added to this list later (docs/adr/0004-authentication.md).
# django-axes comes first so a locked-out sign-in is refused before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reminders:my_work"  # "Mit arbejde"; a `next` parameter still wins
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
# The platform's "today" for what depends on the date, such as a region being read-only after it ends (ADR 0029):
# unset, the real date; tests and demonstrations pin it (ÅÅÅÅ-MM-DD).
TODAY = os.environ.get("SUNDHEDSAFTALE_TODAY", "").strip() or None
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded files (web/uploads.py): the largest accepted, and the virus-scan hook as a dotted path to a callable
# ``scan(name, stream) -> str | None`` (a text refuses the file). No hook unless set (docs/deploy.md).
_upload_max_mb = os.environ.get("SUNDHEDSAFTALE_UPLOAD_MAX_MB", "20").strip()
if not _upload_max_mb.isdigit() or int(_upload_max_mb) < 1:
    raise ImproperlyConfigured(
        f"SUNDHEDSAFTALE_UPLOAD_MAX_MB skal være et helt antal MB (mindst 1), ikke {_upload_max_mb!r}"
    )
UPLOAD_MAX_BYTES = int(_upload_max_mb) * 1024 * 1024
UPLOAD_SCANNER = os.environ.get("SUNDHEDSAFTALE_UPLOAD_SCANNER", "").strip()
# The register indicators' person-level building blocks kept between runs on the same files (ADR 0053): in a
# folder of its own, readable by the platform's user only, never in a backup. 0 turns keeping off.
INDICATOR_BLOCKS_DIR = (
    VAR_DIR / "indicator-blocks" if _env_flag("SUNDHEDSAFTALE_KEEP_INDICATOR_BLOCKS", default=True) else None
)
# Django refuses a request body larger than this before any view reads it; kept above the upload limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2_621_440, UPLOAD_MAX_BYTES + 1024 * 1024)

# --- Static files: WhiteNoise serves them from the application server -------------------------------------
# Production serves the collected, hashed and compressed files (`manage.py collectstatic`); development
# serves straight from the source folders, so neither needs a separate web server for /static/.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEVELOPMENT
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEVELOPMENT
WHITENOISE_AUTOREFRESH = DEVELOPMENT
# Pages link only the hashed names ({% static %}); source maps are for developer tools and are not compressed
# (the API docs' maps alone are 12 MB), which keeps collectstatic fast.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br", "swf", "flv"),
    *("woff", "woff2", "3gp", "3gpp", "asf", "avi", "m4v", "mov", "mp4", "mpeg", "mpg", "webm", "wmv"),
    "map",
]

# --- HTTP security: TLS, cookies and headers (docs/deploy.md, ADR 0015) ------------------------------------
BEHIND_PROXY = _env_flag("SUNDHEDSAFTALE_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    # Only behind a proxy that sets X-Forwarded-Proto itself and drops the client's own.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("SUNDHEDSAFTALE_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
SECURE_SSL_REDIRECT = _env_flag("SUNDHEDSAFTALE_SSL_REDIRECT", default=not DEVELOPMENT)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container's own health probe speaks plain HTTP on loopback
_hsts_seconds = os.environ.get("SUNDHEDSAFTALE_HSTS_SECONDS", "0" if DEVELOPMENT else "31536000")
if not _hsts_seconds.isdigit():
    raise ImproperlyConfigured(
        f"SUNDHEDSAFTALE_HSTS_SECONDS skal være et antal sekunder, ikke {_hsts_seconds!r}"
    )
SECURE_HSTS_SECONDS = int(_hsts_seconds)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("SUNDHEDSAFTALE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = _env_flag("SUNDHEDSAFTALE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEVELOPMENT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEVELOPMENT
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (hx-headers in base.html), never the cookie
X_FRAME_OPTIONS = "DENY"

# The unit that sends Sundhedsstyrelsen's letters; the named contact is the reviewer who issues each letter.
LETTER_UNIT = os.environ.get("SUNDHEDSAFTALE_LETTER_UNIT", "").strip()

# --- E-mail: reminders (docs/deploy.md, ADR 0034) -------------------------------------------------------------
# Development prints mail on the console. Production sends by SMTP when SUNDHEDSAFTALE_EMAIL_HOST is set; without
# it production falls back explicitly to a backend that refuses every send (never the console), and
# `send_reminders` stops naming the variable. Links in mail are absolute, on SUNDHEDSAFTALE_BASE_URL.
SUNDHEDSAFTALE_BASE_URL = os.environ.get("SUNDHEDSAFTALE_BASE_URL", "").strip().rstrip("/")
_email_host = os.environ.get("SUNDHEDSAFTALE_EMAIL_HOST", "").strip()
DEFAULT_FROM_EMAIL = os.environ.get("SUNDHEDSAFTALE_EMAIL_FROM", "").strip() or "sundhedsaftale@localhost"
if _email_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email_host
    _email_port = os.environ.get("SUNDHEDSAFTALE_EMAIL_PORT", "587").strip()
    if not _email_port.isdigit():
        raise ImproperlyConfigured(f"SUNDHEDSAFTALE_EMAIL_PORT skal være et portnummer, ikke {_email_port!r}")
    EMAIL_PORT = int(_email_port)
    EMAIL_HOST_USER = os.environ.get("SUNDHEDSAFTALE_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("SUNDHEDSAFTALE_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_flag("SUNDHEDSAFTALE_EMAIL_STARTTLS", default=EMAIL_PORT != 465)
    EMAIL_USE_SSL = _env_flag("SUNDHEDSAFTALE_EMAIL_SSL", default=EMAIL_PORT == 465)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured(
            "SUNDHEDSAFTALE_EMAIL_STARTTLS og SUNDHEDSAFTALE_EMAIL_SSL kan ikke begge være 1"
        )
    EMAIL_TIMEOUT = 30
    EMAIL_ENABLED = True
elif DEVELOPMENT:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    EMAIL_ENABLED = True
else:
    EMAIL_BACKEND = "sundhedsaftale.reminders.mail.RefusingBackend"
    EMAIL_ENABLED = False
if DEVELOPMENT:
    SUNDHEDSAFTALE_BASE_URL = SUNDHEDSAFTALE_BASE_URL or "http://127.0.0.1:8000"
elif EMAIL_ENABLED and not SUNDHEDSAFTALE_BASE_URL:
    raise ImproperlyConfigured(
        "SUNDHEDSAFTALE_BASE_URL skal angive platformens offentlige adresse (https://…), når e-mail er sat op"
    )
if SUNDHEDSAFTALE_BASE_URL and not SUNDHEDSAFTALE_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"SUNDHEDSAFTALE_BASE_URL skal begynde med https:// (eller http:// under udvikling), ikke "
        f"{SUNDHEDSAFTALE_BASE_URL!r}"
    )
if not DEVELOPMENT and SUNDHEDSAFTALE_BASE_URL.startswith("http://"):
    raise ImproperlyConfigured("SUNDHEDSAFTALE_BASE_URL skal være en https-adresse i produktion")

# Content Security Policy (django-csp): scripts and styles only from the platform's own static files; no
# inline script, style attribute or event handler anywhere (the templates have none; a test checks).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# The platform uses none of these browser features.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# --- Sign-in throttling (django-axes) ------------------------------------------------------------------------
# Five wrong passwords for one user name from one address are answered as wrong; the sixth locks that pair
# for 15 minutes (axes locks at the attempt that reaches the limit). A locked-out sign-in is refused even
# with the right password, with a Danish message (accounts/locked_out.html).
AXES_FAILURE_LIMIT = 6
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "sundhedsaftale.web.security.client_ip"

# --- Logging: one JSON object per line on standard error (docs/deploy.md) ----------------------------------
LOG_LEVEL = os.environ.get("SUNDHEDSAFTALE_LOG_LEVEL", "INFO" if not DEVELOPMENT else "WARNING").upper()
# --- Sign-in with SAML 2.0 (MitID Erhverv through NemLog-in) -------------------------------------------------
# Off unless SUNDHEDSAFTALE_SAML=1; local accounts (ModelBackend above) stay for development and the demo.
# Variables: SUNDHEDSAFTALE_SAML_BASE_URL, _IDP_METADATA (file or URL), _KEY_FILE, _CERT_FILE, _MAPPING_FILE,
# optional _ENTITY_ID and _XMLSEC. docs/sign-in.md, docs/adr/0014-saml-sign-in.md.
from sundhedsaftale.sso.config import pysaml2_config, saml_settings_from_env  # noqa: E402

INSTALLED_APPS += ["djangosaml2", "sundhedsaftale.sso"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "djangosaml2.middleware.SamlSessionMiddleware",
)
SAML = saml_settings_from_env(os.environ, debug=DEBUG)
SAML_ENABLED = SAML is not None
SAML_CONFIG_LOADER = "sundhedsaftale.sso.config.sp_config"
# The AuthnRequest goes by redirect (no auto-submitting form, so no inline script on our pages).
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_SESSION_COOKIE_NAME = "saml_session"
# No SAML view renders a form or script of ours, so djangosaml2 has no Content-Security-Policy to widen.
SAML_CSP_HANDLER = ""
if SAML is not None:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "sundhedsaftale.sso.backends.SamlBackend"]
    SAML_CONFIG = pysaml2_config(SAML)
    SAML_MAPPING_FILE = SAML.mapping_file
    # The IdP posts the assertion from its own site: over https the SAML session cookie must be SameSite=None
    # (and Secure) to come along; plain http (development) can only use Lax, which works on one host.
    SAML_SESSION_COOKIE_SAMESITE = "None" if SAML.secure else "Lax"
    if SAML.secure:
        SESSION_COOKIE_SECURE = True
    # "Log ud" is a form whose answer redirects to the IdP's single logout: let the policy allow that target.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = ["'self'", *SAML.idp_origins]
# --- end of SAML block ------------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django logs every 4xx as a warning; in production that is noise beside the access log.
        "django.request": {"level": "ERROR" if not DEVELOPMENT else "WARNING"},
    },
}

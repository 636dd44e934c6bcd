"""Django settings. SQLite by default; PostgreSQL when DATABASE_URL points to it.

Environment variables: DATABASE_URL, SUNDHEDSAFTALE_SECRET_KEY, SUNDHEDSAFTALE_DEBUG (1/0),
SUNDHEDSAFTALE_ALLOWED_HOSTS (comma separated), SUNDHEDSAFTALE_VAR_DIR (where the SQLite file lives).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SUNDHEDSAFTALE_VAR_DIR", Path.cwd() / "var"))

DEBUG = os.environ.get("SUNDHEDSAFTALE_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SUNDHEDSAFTALE_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SUNDHEDSAFTALE_SECRET_KEY skal sættes, når SUNDHEDSAFTALE_DEBUG=0")
    SECRET_KEY = "development-only-key-not-for-production"
ALLOWED_HOSTS = [
    h
    for h in os.environ.get("SUNDHEDSAFTALE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "sundhedsaftale.web.apps.WebConfig",
    "sundhedsaftale.accounts",
    "sundhedsaftale.registry",
    "sundhedsaftale.governance",
    "sundhedsaftale.agreements",
    "sundhedsaftale.review",
    "sundhedsaftale.lawbook",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sundhedsaftale.web.middleware.RefuseControlCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; kept default
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

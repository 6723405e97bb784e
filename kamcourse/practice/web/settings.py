"""Django settings of the practice CRM (see :mod:`kamcourse.practice.config` for the environment variables)."""

from __future__ import annotations

import os

from django.utils.translation import gettext_lazy as _

from kamcourse.practice import config
from kamcourse.practice.catalogue import compiled_locale_dir

__all__: list[str] = []

HOME = config.home()
SECRET_KEY = config.secret_key()
DEBUG = os.environ.get("KAMCOURSE_CRM_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("KAMCOURSE_CRM_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("KAMCOURSE_CRM_TRUSTED_ORIGINS", "").split(",") if o]
# behind jupyter-server-proxy: the path prefix of the student's server (e.g. /user/alice/kamcourse-crm)
FORCE_SCRIPT_NAME = os.environ.get("KAMCOURSE_CRM_URL_PREFIX") or None
# Behind jupyter-server-proxy the system listens on a private Unix socket that only the student's own,
# authenticated Jupyter server reaches: the forwarded host and scheme can be trusted, and the login
# page may show the instance's accounts.
BEHIND_PROXY = os.environ.get("KAMCOURSE_CRM_BEHIND_PROXY") == "1"
if BEHIND_PROXY:
    ALLOWED_HOSTS = ["*"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "kamcourse.practice.web.accounts",
    "kamcourse.practice.web.customers",
    "kamcourse.practice.web.sales",
    "kamcourse.practice.web.service",
    "kamcourse.practice.web.stats",
    "kamcourse.practice.web.maintenance",
    "kamcourse.practice.web.tasks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "auditlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "kamcourse.practice.web.urls"
WSGI_APPLICATION = "kamcourse.practice.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kamcourse.practice.web.accounts.context.crm",
            ],
        },
    },
]

DATABASES = {"default": config.database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions expire three hours after logging in (a class period; no database write on every page),
# and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("KAMCOURSE_CRM_SESSION_SECONDS", 3 * 3600))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "kamcourse_crm_session"
CSRF_COOKIE_NAME = "kamcourse_crm_csrftoken"
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [str(compiled_locale_dir())]
TIME_ZONE = os.environ.get("KAMCOURSE_CRM_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kamcourse-crm"}}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = True

# Early warning (业务机会预警): an open opportunity with no activity for this many days.
CRM_WARNING_DAYS = int(os.environ.get("KAMCOURSE_CRM_WARNING_DAYS", 30))
CRM_BACKUP_DIR = os.environ.get("KAMCOURSE_CRM_BACKUP_DIR") or str(HOME / "backups")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

"""Django settings for Concours, read from the environment.

Defaults make a fresh checkout work at once (SQLite under ``data/``, DEBUG on, mail to the
console). Production sets ``DEBUG=0`` and must then give ``SECRET_KEY``, ``ALLOWED_HOSTS`` and
``DATABASE_URL``; see ``docs/deploy.md`` for every variable.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from concours.env import env_bool, env_int, env_list, env_str, private_storage

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("CONCOURS_DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("DEBUG", True)
TESTING = env_bool("CONCOURS_TESTING", False)

_DEV_SECRET = "dev-only-insecure-secret-key-never-use-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY or (not DEBUG and SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off. "
        'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "concours.competitions.apps.OfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_countries",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "concours.core",
    "concours.accounts",
    "concours.ledger",
    "concours.federation",
    "concours.competitions",
    "concours.applications",
    "concours.jury",
    "concours.draws",
    "concours.results",
    "concours.uploads",
    "concours.preselection",
    "concours.publication",
    "concours.events",
    "concours.masterclasses",
    "concours.assembly",
    "concours.cooperation",
    "concours.directory",
    "concours.opendata",
    "concours.api",
    "concours.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the body: a too large form upload is refused unread.
    "concours.core.middleware.FormUploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "concours.urls"
WSGI_APPLICATION = "concours.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "concours" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "concours.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite under data/ unless DATABASE_URL says otherwise (PostgreSQL in production).
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'concours.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the task worker share the file safely.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: Redis when REDIS_URL is set (production: every worker process sees a publication at
# once), else each process's own memory (development, tests).
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "concours.core.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Sessions live in the database; with the shared cache they are read through it, so a signed-in
# request costs no query for its session (a deadline rush is all signed-in requests).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "public:home"

# Languages: English and Simplified Chinese. The visitor's choice (a cookie set by the switcher)
# wins; otherwise Accept-Language decides on the first visit.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Times: stored in UTC, shown in the competition's own time zone (Harbin: Asia/Shanghai).
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # collectstatic fills it in production
STATICFILES_DIRS = [BASE_DIR / "concours" / "static"]
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
# The private storage: a local directory by default, or an S3-compatible bucket (AWS, MinIO,
# Ceph, …) through django-storages (concours/env.py; docs/deploy.md, "Files").
PRIVATE_STORAGE = private_storage(default_root=DATA_DIR / "private")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Candidates' files: no public URL; downloads go through views that check permissions.
    "private": PRIVATE_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# E-mail: the console in development; SMTP (or any backend) from the environment in production.
MAILERS = {
    "default": {
        "BACKEND": env_str(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
        "OPTIONS": {},
    }
}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 30),
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Concours <noreply@concours.localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work: Django's tasks with a database-backed queue; `manage.py db_worker` runs them
# (`make run` starts one beside the server).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# The site's public address, for links in e-mails (no request to take it from in a task).
CONCOURS_SITE_URL = env_str("CONCOURS_SITE_URL", "http://127.0.0.1:8000")

# E-mail verification links last this long (seconds).
CONCOURS_EMAIL_VERIFICATION_MAX_AGE = env_int("CONCOURS_EMAIL_VERIFICATION_MAX_AGE", 3 * 24 * 3600)

# Form uploads (a CV, a photo) read the request body a mebibyte at a time, gunicorn's own chunk
# (concours/core/uploadhandlers.py says why); small files stay in memory, larger go to a temp file.
FILE_UPLOAD_HANDLERS = [
    "concours.core.uploadhandlers.MemoryFileUploadHandler",
    "concours.core.uploadhandlers.TemporaryFileUploadHandler",
]
# The largest form upload (a request with its files), refused with 413 before it is read:
# concours/core/middleware.py. Documents are at most 20 MB each; recordings use resumable uploads.
CONCOURS_MAX_FORM_UPLOAD_BYTES = env_int("CONCOURS_MAX_FORM_UPLOAD_BYTES", 32 * 1024**2)

# Resumable uploads (docs/uploads.md): the largest file, the largest chunk one request may carry,
# how long an unfinished upload waits for its next chunk (seconds), how many unfinished uploads one
# person may have, the disk space kept free beyond what unfinished uploads may still need, and a
# local directory for unfinished uploads when the private storage has no local paths (S3).
CONCOURS_MAX_UPLOAD_BYTES = env_int("CONCOURS_MAX_UPLOAD_BYTES", 8 * 1024**3)
CONCOURS_UPLOAD_CHUNK_BYTES = env_int("CONCOURS_UPLOAD_CHUNK_BYTES", 8 * 1024**2)
CONCOURS_UPLOAD_EXPIRY_SECONDS = env_int("CONCOURS_UPLOAD_EXPIRY_SECONDS", 3 * 24 * 3600)
CONCOURS_MAX_OPEN_UPLOADS = env_int("CONCOURS_MAX_OPEN_UPLOADS", 5)
CONCOURS_UPLOAD_DISK_RESERVE_BYTES = env_int("CONCOURS_UPLOAD_DISK_RESERVE_BYTES", 2 * 1024**3)
CONCOURS_UPLOAD_STAGING_DIR = env_str("CONCOURS_UPLOAD_STAGING_DIR", "")

# Security. A strict Content-Security-Policy: only this site's own scripts, styles and images.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Concours API",
    "DESCRIPTION": "Public, read-only data of the federation's member competitions.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No validator badge: it would load an image from swagger.io and send it the schema's URL.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # WeasyPrint reports each rendering step at INFO; only its warnings are worth a line.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Shown on every page when the site serves the demo data.
CONCOURS_DEMO = env_bool("CONCOURS_DEMO", DEBUG)

"""Settings, all read from the environment (see docs/operations.md).

DATABASE_URL            PostgreSQL (postgres://…) or SQLite; default SQLite under the data dir
XIEZUO_DATA_DIR         where the database, uploads and reports live; default ./var
XIEZUO_SECRET_KEY       or XIEZUO_SECRET_KEY_FILE; required unless XIEZUO_DEBUG=1
XIEZUO_ALLOWED_HOSTS    comma-separated; default localhost,127.0.0.1
XIEZUO_DEBUG            1 to turn debug on (never in production)
XIEZUO_TRUSTED_PROXIES  comma-separated addresses/networks of reverse proxies whose X-Forwarded-For is believed
XIEZUO_ADDRESS_FAILURE_LIMIT  failed log-ins from one address (any username) before it is locked; default 20
XIEZUO_FIELD_KEY        base64 of 32 bytes for encrypting ID numbers at rest (or XIEZUO_FIELD_KEY_FILE)
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
# Everything written under the data directory (uploads, error reports, exports, report drafts,
# the SQLite database) is for the service's own user only: files 0600, folders 0700
# (core/keptfiles.py; docs/security.md, 剩余信息保护).
os.umask(0o077)
DATA_DIR = Path(os.environ.get("XIEZUO_DATA_DIR", "var")).resolve()


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _secret(name: str) -> str:
    """A secret from NAME or from the file named by NAME_FILE (for systemd credentials, Docker secrets)."""
    value = os.environ.get(name, "").strip()
    path = os.environ.get(f"{name}_FILE", "").strip()
    if not value and path:
        try:
            value = Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path} cannot be read: {exc}") from exc
    return value


DEBUG = _flag("XIEZUO_DEBUG")
SECRET_KEY = _secret("XIEZUO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Xiezuo refuses to start without a secret key. Set XIEZUO_SECRET_KEY to a long random "
            "string, or XIEZUO_SECRET_KEY_FILE to a file that holds one, e.g.\n"
            "  python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key\n"
            "  export XIEZUO_SECRET_KEY_FILE=var/secret_key\n"
            "(or set XIEZUO_DEBUG=1 for a development machine)."
        )
    SECRET_KEY = "insecure-development-key-only-with-XIEZUO_DEBUG"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("XIEZUO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("XIEZUO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # The plan's parts, in the direction imports point; the import frame below them all.
    "xiezuo.tabular",
    "xiezuo.core",
    "xiezuo.regions",
    "xiezuo.accounts",
    "xiezuo.registry",
    "xiezuo.orgs",
    "xiezuo.evidence",
    "xiezuo.labour",
    "xiezuo.funds",
    "xiezuo.industry",
    # the public product showcase at /showcase/ (industry's, an app of its own for its URL)
    "xiezuo.industry.showcase",
    "xiezuo.talent",
    "xiezuo.pairing",
    "xiezuo.mechanisms",
    "xiezuo.plan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "xiezuo.core.middleware.NoStoreMiddleware",
    # an API parameter or body with a NUL character: 422, never a PostgreSQL error (a 500)
    "xiezuo.core.middleware.ApiNulGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xiezuo.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "xiezuo.accounts.twofactor.SecondFactorMiddleware",
    # ?pair=ID: a list opened from a pair's figure shows that pair only (accounts.pairs)
    "xiezuo.accounts.pairs.PairNarrowingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # a list export too long for the request becomes a background job (tabular.listexport)
    "xiezuo.core.listexports.ListExportJobMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "xiezuo.accounts.middleware.ClientAddressMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xiezuo.urls"
WSGI_APPLICATION = "xiezuo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xiezuo.core.context_processors.navigation",
                "xiezuo.core.context_processors.language_next",
            ],
            # |yuan, |wan_yuan, |pct, |count on every page without {% load %} (core.numbers)
            "builtins": ["xiezuo.core.templatetags.formats"],
        },
    },
]

# --- Storage --------------------------------------------------------------------------------
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
_default_db = f"sqlite:///{DATA_DIR / 'xiezuo.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_db)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while an import writes; IMMEDIATE avoids lock upgrades failing.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    # JIT off for every connection the application opens: on 10 million registered people a
    # county-wide count's cost estimate crossed jit_above_cost and PostgreSQL spent 418 ms
    # compiling one 30 ms query (issue 15; docs/decisions/0009-village-rollup-and-scale.md).
    # Merge joins off too: over 2.5 million households PostgreSQL merged a city's 38,000
    # outreach records with the household primary key, expecting to stop early, and read every
    # household (2.5 s); a hash join or a nested loop answers it in 0.19 s (docs/decisions/0009).
    # The application's joins are a small side and an indexed large one: never a merge.
    # Random page cost 1.1 (the default 4 prices a disk seek): the database is read from memory
    # and SSD, and at 4 a city user's count of 22,000 labour profiles hashed a sequential scan
    # of every registered person (1 s) rather than look the 22,000 up by their keys (0.1 s)
    # (docs/decisions/0009).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c jit=off -c enable_mergejoin=off -c random_page_cost=1.1")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

UPLOAD_DIR = DATA_DIR / "uploads"
FILE_UPLOAD_PERMISSIONS = 0o600  # FileSystemStorage (plan evidence) sets modes of its own
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
(DATA_DIR / "static").mkdir(exist_ok=True)  # WhiteNoise warns about a missing STATIC_ROOT
REPORT_DIR = DATA_DIR / "reports"
# A list export (any list page's 导出 Excel) longer than this many rows runs as a background job
# with its progress shown, the file downloaded from the job page (xiezuo.core.listexports).
LIST_EXPORT_JOB_ROWS = int(os.environ.get("XIEZUO_LIST_EXPORT_JOB_ROWS", "5000"))
# Evidence files attached to records (xiezuo.evidence): the largest one accepted, in bytes, and
# whether plain text counts as evidence (off: a text file shows no signature or stamp).
EVIDENCE_MAX_BYTES = int(os.environ.get("XIEZUO_EVIDENCE_MAX_MB", "20")) * 1024 * 1024
EVIDENCE_ALLOW_TEXT = False

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "xiezuo.accounts.passwords.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "xiezuo.accounts.passwords.CharacterClassValidator"},
    {"NAME": "xiezuo.accounts.passwords.WhitespacePaddingValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "xiezuo.accounts.passwords.RepetitionValidator"},
    {"NAME": "xiezuo.accounts.passwords.ContextWordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Lock an account+address out after 5 failed log-ins for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# ...and an address after this many failures across all usernames (password spraying).
AXES_HANDLER = "xiezuo.accounts.lockout.AddressAwareHandler"
XIEZUO_ADDRESS_FAILURE_LIMIT = int(os.environ.get("XIEZUO_ADDRESS_FAILURE_LIMIT", "20"))
# The client's address: REMOTE_ADDR, or X-Forwarded-For only from these proxies (see
# accounts.middleware); the same for lock-out and for the audit trail.
XIEZUO_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("XIEZUO_TRUSTED_PROXIES", "").split(",") if p.strip()]
for _proxy in XIEZUO_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(
            f"XIEZUO_TRUSTED_PROXIES: {_proxy!r} is not an address or network ({_exc})") from None
AXES_CLIENT_IP_CALLABLE = "xiezuo.accounts.middleware.client_address_of"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Two-factor log-in (accounts.twofactor): the name authenticator apps show beside the account.
OTP_TOTP_ISSUER = "Xiezuo"
# Sessions end after 2 idle hours and when the browser closes.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and _flag("XIEZUO_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Browsers refuse plain HTTP to this host for a year once they have seen this over TLS.
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Content-Security-Policy (django-csp): scripts, styles, images, fonts and requests only from
# this site, no inline script or style (templates keep theirs in static files), no framing, no
# plugins, forms post only here. `data:` images: swagger-ui's icons (/api/docs) are data URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
#: one date format in both languages, 2020-03-05 (core/dateformats)
FORMAT_MODULE_PATH = ["xiezuo.core.dateformats"]
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS: list = []  # each app keeps its own catalogue in <app>/locale
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "xiezuo.core.staticfiles.ManifestStorageOrPlain"
    },
}
# Also in production: before `collectstatic` (runserver) the pages name the plain files, which
# WhiteNoise then serves from the package (core/staticfiles.py).
WHITENOISE_USE_FINDERS = True

# --- Background work ------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Registry -------------------------------------------------------------------------------
FIELD_ENCRYPTION_KEY = _secret("XIEZUO_FIELD_KEY")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("XIEZUO_LOG_LEVEL", "WARNING")},
}

# --- Plan -----------------------------------------------------------------------------------
# Indicator values computed from the parts' records are cached this long per area scope
# (approved aggregate entries count at once); 0 turns the cache off.
PLAN_INDICATOR_CACHE_SECONDS = int(os.environ.get("XIEZUO_PLAN_CACHE_SECONDS", "60"))
# On disk, not per process: `xiezuo serve` runs several gunicorn workers, and with a cache per
# worker two reloads of the dashboard could show numbers of different ages.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                      "LOCATION": str(DATA_DIR / "cache")}}

# --- Labour matching (plan ch.4; issue 4's contract) ----------------------------------------
# fit = skill * matched/required + wage * min(excess, floor)/floor; a placement is worth
# priority * (base + fit). Priority from the registry: deep-poverty village, other registered
# poor, everyone else.
XIEZUO_MATCH_WEIGHTS = {"skill": 70, "wage": 30, "base": 100}
XIEZUO_MATCH_PRIORITY = {"deep_poverty": 3, "registered_poor": 2, "other": 1}
XIEZUO_MATCH_ALTERNATIVES = 2  # next-best openings shown beside each proposal

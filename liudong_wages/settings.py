# Over 400 lines: Django reads one settings module; each policy number keeps its source beside it.
"""Settings for the Liudong wage-arrears office system.

Everything that differs between machines comes from the environment (django-environ, DESIGN.md section 8).
Numbers that are law or policy live at the end of this file with the article they come from.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.smart_cast = False


def _decimal(name: str, default: str) -> Decimal:
    try:
        return Decimal(env.str(name, default=default))
    except InvalidOperation as exc:
        raise ImproperlyConfigured(f"{name} must be a decimal number, e.g. {default}.") from exc


def _required(name: str, value: str | None) -> str:
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set in the environment when DEBUG is off (see README: Configuration)."
        )
    return value


DEBUG = env.bool("DEBUG", default=False)

# In development a fixed key is harmless; in production a missing key must stop start-up, not fall back.
SECRET_KEY = env.str("SECRET_KEY", default="")
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"
SECRET_KEY = _required("SECRET_KEY", SECRET_KEY)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "liudong_wages",
    # django.contrib.admin, behind the site's login and second factor (liudong_wages/admin_site.py).
    "liudong_wages.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_htmx",
    "django_filters",
    "django_celery_beat",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "captcha",
    "enterprises",
    "cases",
    "funds",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control: private, no-store on every page and file past the static ones (issue 16).
    "liudong_wages.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "liudong_wages.middleware.SessionIdleMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads request.POST (the CSRF check in process_view): anonymous bodies capped (issue 16).
    "liudong_wages.limits.AnonymousBodyLimitMiddleware",
    # django-otp's OTPMiddleware, its device read by a statement compiled once.
    "liudong_wages.middleware.OTPMiddleware",
    "liudong_wages.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "liudong_wages.urls"
WSGI_APPLICATION = "liudong_wages.wsgi.application"

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
                "liudong_wages.context_processors.layout",
            ],
            # {% url %} with its answers remembered (liudong_wages/templatetags/remembered_url.py, issue 21).
            "builtins": ["liudong_wages.templatetags.remembered_url"],
            # {% load i18n %}: Django's library, {% translate "text" %} remembered per language
            # (liudong_wages/templatetags/i18n_remembered.py, issue 21).
            "libraries": {"i18n": "liudong_wages.templatetags.i18n_remembered"},
        },
    },
]

# The project's "i18n" library (above) is Django's under the same name on purpose, which Django's check of
# template libraries reports as a name used twice; tests/liudong_wages/test_translate_remembered.py checks that
# it is the only such name.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# Django's form renderer with its select and input widgets written in Python (the same markup, 17 % of the
# case list's time before): liudong_wages/form_renderer.py.
FORM_RENDERER = "liudong_wages.form_renderer.Renderer"

# Database: a SQLite file when DATABASE_URL is unset (the run command's zero-configuration default),
# PostgreSQL through psycopg 3 otherwise. A malformed URL must name the variable, not fail obscurely later.
try:
    DATABASES = {
        "default": env.db_url_config(
            env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
        ),
    }
except Exception as exc:  # django-environ raises several types for a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
    raise ImproperlyConfigured(
        "DATABASE_URL must point at PostgreSQL (postgres://…) or SQLite (sqlite:///…)."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Reuse connections for a minute, and check them first so that a PostgreSQL restart costs one retry,
    # not a page of errors (issue 9: the web survives a database restart).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Parameters bound by PostgreSQL, so that the statements every request runs with another key (the session,
    # the user, the device) and the SELECTs without parameters are prepared once per connection and not planned
    # on every page (issue 21: the user's statement spent 1 of its 1.3 ms in planning). The ORM's statements
    # with parameters are not prepared: PostgreSQL may switch a prepared statement to a generic plan, which
    # doubled the case search at scale 30 (liudong_wages/postgresql/base.py). Behind a transaction-mode pooler
    # (PgBouncer), which cannot keep a prepared statement, set DATABASE_PREPARED_STATEMENTS=false.
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
    # Django's backend, with psycopg told which statements it may prepare (liudong_wages/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "liudong_wages.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The run command's web server, worker and beat share the file: write-ahead logging lets them read while
    # one writes, and immediate transactions with a timeout make writers queue instead of failing "locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "liudong_wages.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the user's unit and all their permissions read in two queries.
    "liudong_wages.backends.Backend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Two-factor login: TOTP apps show this issuer; roles that must use it are in roles.TWO_FACTOR_ROLES.
OTP_TOTP_ISSUER = "柳东治欠平台"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions live in the database so that any web process can serve any request (DESIGN.md section 10); Django's
# store, its read written once as SQL (liudong_wages.sessions).
SESSION_ENGINE = "liudong_wages.sessions"
# Expiry after SESSION_IDLE_MINUTES without a request: requests push the expiry forward, saving the session
# at most once every SESSION_TOUCH_SECONDS (liudong_wages.middleware.SessionIdleMiddleware).
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lockout after repeated failed logins (django-axes), per user name and address pair so that one
# mistyping colleague behind the office NAT does not lock out everyone else.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
# Proxies in front of the web processes that append to X-Forwarded-For (docker-compose: 1, the nginx proxy).
# The public report's limit keys on the address the last of them saw (liudong_wages.clients.client_ip).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=AXES_IPWARE_PROXY_COUNT)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Amounts grouped by thousands in Chinese too (481,400.00): liudong_wages/formats/zh_Hans.
FORMAT_MODULE_PATH = ["liudong_wages.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end packages come from npm at setup (package.json); nothing third-party is copied into the repository.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
MEDIA_URL = "/media-not-served/"  # uploads are served only through views that check permission
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The manifest storage needs collectstatic first: tests and DEBUG use plain storage (DESIGN.md section 9).
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Cache: local to each process. Nothing that must be shared between processes lives in it, and a local cache
# keeps the pages up when Redis is down (issue 9).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The public report's captcha after an address's first report (issue 16): django-simple-captcha draws the image
# on this server (no outside service, no script); a sum of two small numbers, typed on a phone's number pad.
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "+"
CAPTCHA_FONT_SIZE = 36
CAPTCHA_TIMEOUT = 15  # minutes to fill in the form once the picture is shown
CAPTCHA_2X_IMAGE = False

# E-mail through Django's backends: the console in development, EMAIL_URL (smtp+tls://…) in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="柳东新区治欠办 <noreply@liudong.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Celery. With CELERY_BROKER_URL (redis://…) a worker and beat run beside the web processes. Without it,
# tasks execute eagerly inside the process that enqueues them, so nothing waits for a worker that is not
# there; the run command starts a worker and beat on Kombu's filesystem transport instead (README).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue = VAR_DIR / "celery"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "out"),
        "data_folder_out": str(_queue / "out"),
        "processed_folder": str(_queue / "processed"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only after it ran, so a worker killed mid-task leaves it to be run again; every task
# is idempotent by construction (STYLE.md, Jobs).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    # The outbox: e-mails of notifications that could not be sent at once (broker or SMTP down).
    "deliver-pending-email": {
        "task": "liudong_wages.tasks.deliver_pending_email",
        "schedule": crontab(minute="*"),
    },
    # Deposits fall due, listings expire and the Spring Festival nears without anyone touching a project:
    # refresh the stored project risk and expire listings before the office starts work.
    "enterprise-registry-refresh": {
        "task": "enterprises.tasks.refresh_enterprise_registry",
        "schedule": crontab(hour=6, minute=30),
    },
    # DESIGN.md section 5: warn handlers of cases near or past their legal deadlines.
    "case-deadline-warnings": {
        "task": "cases.tasks.send_case_deadline_warnings",
        "schedule": crontab(hour=8, minute=30),
    },
    # Issue 18: rectification, representation and hearing periods of served documents that ended unmet.
    "notify-missed-document-periods": {
        "task": "cases.tasks.notify_missed_document_periods",
        "schedule": crontab(hour=8, minute=35),
    },
    # Issue 18: public reports past their 1- and 3-working-day limits, clues past their answer deadline.
    "send-intake-reminders": {
        "task": "cases.tasks.send_intake_reminders",
        "schedule": crontab(hour=8, minute=40),
    },
    # DESIGN.md section 11: wage-payment warnings raised, escalated and closed before the office starts work.
    "check-wage-payments": {
        "task": "enterprises.tasks.check_wage_payments",
        "schedule": crontab(hour=6, minute=0),
    },
    # DESIGN.md section 5: member-unit report reminders, overdue notices and the director's summary (in
    # CELERY_TIMEZONE); the job catches up once after a missed day, never in a burst.
    "report-reminders": {
        "task": "reporting.tasks.send_report_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    # DESIGN.md section 5: the quarterly bulletin's draft, on the 5th of the month after each quarter.
    "quarterly-bulletin": {
        "task": "reporting.tasks.build_quarterly_bulletin",
        "schedule": crontab(day_of_month=5, month_of_year="1,4,7,10", hour=7, minute=0),
    },
    # DESIGN.md section 5: supervision tasks and interviews' rectification reports coming due or overdue, each
    # app's job for its own (`manage.py send_due_date_reminders` runs both by hand). The first keeps its old
    # name: the database scheduler updates a row of that name and never deletes one whose name is gone.
    "due-date-reminders": {
        "task": "reporting.tasks.send_supervision_reminders",
        "schedule": crontab(hour=8, minute=45),
    },
    "rectification-reminders": {
        "task": "cases.tasks.send_rectification_reminders",
        "schedule": crontab(hour=8, minute=45),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Production hardening: `manage.py check --deploy` passes with no warning when DEBUG is off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", False) else None
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: behaviour lives in static/js, looks in static/css (issue 9).
# Images may be data: URIs (charts and QR codes rendered on the server).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# ---------------------------------------------------------------------------------------------------------
# Policy numbers. Each names its source; the office changes them through the environment, not the code.
# ---------------------------------------------------------------------------------------------------------
LIUDONG = {
    # Reminders before a report's deadline, in working days (DESIGN.md section 4, "Reporting").
    "REPORT_REMINDER_OFFSETS": env.list("REPORT_REMINDER_OFFSETS", cast=int, default=[5, 1, 0]),
    # Monthly reports are due by the 10th of the following month (实施方案 二(三)5: 每月10日前报送).
    "REPORT_DUE_DAY": env.int("REPORT_DUE_DAY", default=10),
    # Days after the deadline when a report locks unless the office reopens it (office practice).
    "REPORT_LOCK_DAYS": env.int("REPORT_LOCK_DAYS", default=20),
    # 劳动保障监察条例 / 关于实施《劳动保障监察条例》若干规定 art. 18: decide on filing within 5 working days.
    "CASE_FILING_DECISION_WORKING_DAYS": env.int("CASE_FILING_DECISION_WORKING_DAYS", default=5),
    # 劳动保障监察条例 art. 17: investigate within 60 working days, extendable once by 30 with approval.
    "CASE_INVESTIGATION_WORKING_DAYS": env.int("CASE_INVESTIGATION_WORKING_DAYS", default=60),
    "CASE_EXTENSION_WORKING_DAYS": env.int("CASE_EXTENSION_WORKING_DAYS", default=30),
    # 劳动保障监察条例 art. 20: violations older than two years are not investigated.
    "CASE_LIMITATION_YEARS": env.int("CASE_LIMITATION_YEARS", default=2),
    # Cases due within this many working days are "near" their deadline on lists and the dashboard.
    "CASE_DEADLINE_WARNING_WORKING_DAYS": env.int("CASE_DEADLINE_WARNING_WORKING_DAYS", default=3),
    # Supervision tasks and interviews' rectification reports: warn this many working days before they fall
    # due (office practice; no rule fixes it).
    "DUE_DATE_WARNING_WORKING_DAYS": env.int("DUE_DATE_WARNING_WORKING_DAYS", default=3),
    # 法释〔2013〕3号 art. 3: "数额较大" is 5,000–20,000 yuan for one worker owed three months or more, or
    # 30,000–100,000 yuan for ten or more workers; each province picks its figure within the range.
    "POLICE_THRESHOLD_SINGLE_WORKER": _decimal("POLICE_THRESHOLD_SINGLE_WORKER", "5000.00"),
    "POLICE_THRESHOLD_SINGLE_WORKER_MONTHS": env.int("POLICE_THRESHOLD_SINGLE_WORKER_MONTHS", default=3),
    "POLICE_THRESHOLD_TOTAL": _decimal("POLICE_THRESHOLD_TOTAL", "30000.00"),
    "POLICE_THRESHOLD_WORKERS": env.int("POLICE_THRESHOLD_WORKERS", default=10),
    # 行政执法机关移送涉嫌犯罪案件的规定 (国务院令第310号) and 公安机关办理刑事案件程序规定: the police
    # review a case an administrative body refers within 3 days of receiving it and say whether they accept it.
    # The police liaison's start page marks referrals unanswered for longer.
    "POLICE_REFERRAL_REVIEW_DAYS": env.int("POLICE_REFERRAL_REVIEW_DAYS", default=3),
    # A case with at least this many workers is flagged as "many workers" (office practice).
    "MANY_WORKERS": env.int("MANY_WORKERS", default=10),
    # 拖欠农民工工资失信联合惩戒对象名单管理暂行办法 (人社部令第45号): objections within a period set by the
    # notice, listing for 3 years, credit repair no earlier than 6 months after the correction.
    "DISHONEST_OBJECTION_DAYS": env.int("DISHONEST_OBJECTION_DAYS", default=5),
    "DISHONEST_LISTING_YEARS": env.int("DISHONEST_LISTING_YEARS", default=3),
    "DISHONEST_REPAIR_MONTHS": env.int("DISHONEST_REPAIR_MONTHS", default=6),
    # 工资保证金管理暂行办法 (人社部发〔2021〕65号): 1%–3% of the contract value, not below 0.5% when lowered,
    # exempt under 3 million yuan with no arrears in a year, paid within 20 working days, checked every six
    # months, returned after a 30-day public notice.
    "DEPOSIT_RATE": _decimal("DEPOSIT_RATE", "0.02"),
    "DEPOSIT_RATE_MIN": _decimal("DEPOSIT_RATE_MIN", "0.005"),
    "DEPOSIT_RATE_MAX": _decimal("DEPOSIT_RATE_MAX", "0.03"),
    "DEPOSIT_EXEMPT_BELOW": _decimal("DEPOSIT_EXEMPT_BELOW", "3000000.00"),
    "DEPOSIT_DUE_WORKING_DAYS": env.int("DEPOSIT_DUE_WORKING_DAYS", default=20),
    "DEPOSIT_CHECK_MONTHS": env.int("DEPOSIT_CHECK_MONTHS", default=6),
    "DEPOSIT_RETURN_NOTICE_DAYS": env.int("DEPOSIT_RETURN_NOTICE_DAYS", default=30),
    # Project risk: the weeks before the Spring Festival, when arrears peak (国务院根治拖欠农民工工资工作领导
    # 小组 winter campaign, 根治欠薪冬季专项行动, runs from mid-November to the Spring Festival).
    "RISK_SPRING_FESTIVAL_WEEKS": env.int("RISK_SPRING_FESTIVAL_WEEKS", default=8),
    # "Ten comprehensives" star rating (实施方案 二(三)2): the least total score (ten items of 0–10 points)
    # for one to five stars. Office practice: no national figure exists.
    "ASSESSMENT_STAR_THRESHOLDS": env.list(
        "ASSESSMENT_STAR_THRESHOLDS", cast=int, default=[60, 70, 80, 90, 95]
    ),
    # 农民工工资应急周转金制度 (实施方案 二(三)6): write-off no earlier than a year after the case closed.
    "FUND_WRITE_OFF_WAIT_DAYS": env.int("FUND_WRITE_OFF_WAIT_DAYS", default=365),
    # Optional caps on an advance (some cities use the local monthly minimum wage): empty means off.
    "FUND_CAP_PER_WORKER": env.str("FUND_CAP_PER_WORKER", default=""),
    "FUND_CAP_SHARE_OF_ARREARS": env.str("FUND_CAP_SHARE_OF_ARREARS", default=""),
    # Public reports: accept or reject within 1 working day, answer within 3 (DESIGN.md section 1).
    "PUBLIC_REPORT_ACCEPT_WORKING_DAYS": env.int("PUBLIC_REPORT_ACCEPT_WORKING_DAYS", default=1),
    "PUBLIC_REPORT_ANSWER_WORKING_DAYS": env.int("PUBLIC_REPORT_ANSWER_WORKING_DAYS", default=3),
    # Reports one address may send through the public form per hour (abuse protection, office practice).
    "PUBLIC_REPORT_MAX_PER_HOUR": env.int("PUBLIC_REPORT_MAX_PER_HOUR", default=5),
    "UPLOAD_MAX_BYTES": env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024),
    # A post without a login (the public report with its 5 MB of evidence, the login form): anything longer
    # is refused from its Content-Length before it is read (liudong_wages.limits; issue 16). Our own limit.
    "ANONYMOUS_MAX_BODY_BYTES": env.int("ANONYMOUS_MAX_BODY_BYTES", default=6 * 1024 * 1024),
    # Periods started by served case documents (cases.services.documents). 行政处罚法 (2021) art. 64: a hearing
    # is asked for within 5 days of the notice; art. 61: a decision not handed over on the spot is served within
    # 7 days; art. 85: the law's 二日、三日、五日、七日 are working days. The 3 days for representations (陈述申辩)
    # come from the 告知书 form the office uses, counted like art. 85 (verify against the province's form).
    # Periods in plain days (a rectification period the inspector sets) are calendar days from the day after
    # service (民法典 art. 201), moved to the next working day when the last one is a holiday (民法典 art. 203).
    "PENALTY_REPRESENTATION_DAYS": env.int("PENALTY_REPRESENTATION_DAYS", default=3),
    "PENALTY_REPRESENTATION_WORKING_DAYS": env.bool("PENALTY_REPRESENTATION_WORKING_DAYS", default=True),
    "PENALTY_HEARING_WORKING_DAYS": env.int("PENALTY_HEARING_WORKING_DAYS", default=5),
    "PENALTY_DECISION_SERVICE_WORKING_DAYS": env.int("PENALTY_DECISION_SERVICE_WORKING_DAYS", default=7),
    "RECTIFICATION_DEFAULT_DAYS": env.int("RECTIFICATION_DEFAULT_DAYS", default=15),
    # Clues from the national 根治欠薪线索反映平台: the office answers each within this many working days of
    # import (the platform's handling rule, 人社部 根治欠薪线索反映平台 办理规程; verify the platform's current rule).
    "CLUE_ANSWER_WORKING_DAYS": env.int("CLUE_ANSWER_WORKING_DAYS", default=5),
    # Wage-payment monitoring (DESIGN.md section 11). 保障农民工工资支付条例 art. 30: wages at least monthly on
    # a fixed day; the district's default is the 15th of the following month (office practice, per project).
    "WAGE_PAYDAY": env.int("WAGE_PAYDAY", default=15),
    # 人社部发〔2021〕53号: the special account is opened within 30 days of the construction contract.
    "WAGE_ACCOUNT_OPEN_DAYS": env.int("WAGE_ACCOUNT_OPEN_DAYS", default=30),
    # A yellow warning still unresolved this many working days after payday turns red (office practice, as
    # the national monitoring platform's 预警 escalation; DESIGN.md section 11 gives 10).
    "WAGE_ALERT_RED_WORKING_DAYS": env.int("WAGE_ALERT_RED_WORKING_DAYS", default=10),
    # Months the daily job looks back for sheets and transfers still missing (a project started earlier is
    # not warned about ancient months; office practice).
    "WAGE_MONITORING_LOOKBACK_MONTHS": env.int("WAGE_MONITORING_LOOKBACK_MONTHS", default=3),
    # 工资保证金管理暂行办法 (人社部发〔2021〕65号) art. 11: a deposit used to pay wages is topped up within
    # 10 working days of the use. VERIFY against Guangxi's implementing rules (桂人社规) before relying on it.
    "DEPOSIT_TOP_UP_WORKING_DAYS": env.int("DEPOSIT_TOP_UP_WORKING_DAYS", default=10),
    # Working days after payday when the inspectors' planned site inspection of a red warning is due
    # (office practice).
    "WAGE_ALERT_INSPECTION_WORKING_DAYS": env.int("WAGE_ALERT_INSPECTION_WORKING_DAYS", default=5),
    # The outbox: a notification a dead worker left "sending" is sent again after this many seconds
    # (liudong_wages.notifications.CLAIM_TIMEOUT; operations practice, longer than any one SMTP send).
    "OUTBOX_CLAIM_TIMEOUT_SECONDS": env.int("OUTBOX_CLAIM_TIMEOUT_SECONDS", default=600),
    # 禁止使用童工规定 (国务院令第364号) art. 2: no one under 16 may be employed. A claim or roster line of a
    # worker younger than this on the day worked is flagged as suspected child labour (enterprises.identity).
    "CHILD_LABOUR_AGE": env.int("CHILD_LABOUR_AGE", default=16),
    # Over-age workers on construction sites (建筑施工企业用工年龄管理, "清退超龄农民工"): 上海市住建委 2019
    # and 天津市住建委 2021-10-21 bar men over 60 and women over 50 from site work, after the retirement ages of
    # 国发〔1978〕104号. Shown as a note on claims and rosters, never a refusal. Verify: Guangxi's current rule,
    # and the gradual rise of retirement ages from 2025 (全国人大常委会 2024-09-13 决定).
    "SITE_MAX_AGE_MALE": env.int("SITE_MAX_AGE_MALE", default=60),
    "SITE_MAX_AGE_FEMALE": env.int("SITE_MAX_AGE_FEMALE", default=50),
}

SITE_TITLE = _("柳东新区治理拖欠农民工工资工作平台")

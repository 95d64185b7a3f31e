"""Kent Placements settings: one module, read from the environment (django-environ).

Defaults are safe for production (DEBUG off, secure cookies, HSTS); the demo
(`make run`) and the tests turn DEBUG on explicitly. Every variable is listed with
its meaning in README.md "Running in production".
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment wins

DEBUG = env.bool("DEBUG", default=False)
# Without DEBUG the key must come from the environment: env() raises if it is missing.
SECRET_KEY = env("SECRET_KEY") if not DEBUG else env("SECRET_KEY", default="insecure-demo-key-for-make-run-only")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the widgets' own templates, for FORM_RENDERER below
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_filters",
    "import_export",
    "django_htmx",
    # ours; arrows point one way (DOMAIN.md §2)
    "accounts",
    "retention",  # issue 13: the schedule's machinery; each app registers its own kinds
    "notifications",
    "vetting",
    "placements",
    "volunteers",
    "outreach",
]

MIDDLEWARE = [
    # first: every later line of the log carries the request's ID (kentplacements/logs.py)
    "kentplacements.logs.RequestIDMiddleware",
    # /healthz answers before HTTPS redirects, host checks, sessions and cookies (issue 13)
    "kentplacements.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # before anything reads the body (CSRF reads the form); pages it refuses get no CSP
    # header, but they carry no script or style of their own
    "kentplacements.middleware.RequestBodyGuardMiddleware",
    # before everything a stored public page does not need (kentplacements/anonymous_cache.py)
    "kentplacements.anonymous_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, with the header built once per process (kentplacements/csp.py)
    "kentplacements.csp.FixedPolicyCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
]

ROOT_URLCONF = "kentplacements.urls"
WSGI_APPLICATION = "kentplacements.wsgi.application"

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
                "accounts.navigation.navigation",
            ],
        },
    },
]

# Widgets are drawn by the templates above, so templates/ can correct one of Django's own:
# the back office's date-and-time inputs get a label each (WCAG 2.2 AA; axe "label").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if TEST_DATABASE_NAME := env("TEST_DATABASE_NAME", default=""):
    # `make test` runs the browser tests beside the others, each with its own test database (tests/parallel.py)
    DATABASES["default"]["TEST"] = {"NAME": TEST_DATABASE_NAME}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The zero-setup demo: five identical submissions at once gave "database is locked"
    # (issue 8 §4). WAL lets readers work while one writer writes; IMMEDIATE takes the
    # write lock when a transaction begins (a deferred one that reads, then writes,
    # fails at once instead of waiting); the timeout is how long a writer waits its turn.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")


def redis_cache(location: str) -> dict:
    """While Redis is down the cache falls back to each process's memory
    (kentplacements/cache.py), so logging in keeps working; a dead server is given a
    second, not the request's lifetime."""
    return {
        "BACKEND": "kentplacements.cache.FallbackRedisCache",
        "LOCATION": location,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


CACHES = {
    "default": (redis_cache(REDIS_URL) if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}),
    # Public pages as an anonymous visitor sees them, in each process's memory; their version
    # is shared through "default" (kentplacements/anonymous_cache.py, issue 13). A few hundred
    # public pages at most (no query strings, nothing but 200s), ~10 KB each.
    "anonymous_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "anonymous-pages",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}
# A staff change shows at once; this is the backstop for what no save announces, such as a
# campaign's closing time passing (the apply pages check it again themselves). 0 turns it off.
ANONYMOUS_CACHE_SECONDS = env.int("ANONYMOUS_CACHE_SECONDS", default=60)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "landing"

# --- django-allauth: email is the login; public users verify their email first ---
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # GET never changes state (mail scanners prefetch links)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Kent Placements: "
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_PREVENT_ENUMERATION = True
# Rate limits are held in the cache above (Redis in production). Failed logins: five per
# account (key = the email) in five minutes stops guessing one person's password; the
# per-address limit is higher, so a school or office behind one address is not locked
# out by a few people's typos, yet spraying one password over many accounts is capped.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    # the public verify page checks a signature on each upload (vetting/views/sealing.py)
    "verify_agreement": "20/m/ip",
    # Public forms that send an email (kentplacements/ratelimits.py, issue 13): per address,
    # and per email address typed (<action>_email), so one inbox cannot be flooded with
    # acknowledgements from many places. A group registering together from one community
    # centre or school fits well within the per-address limits.
    "outreach_register": "30/h/ip",  # outreach/views/public.py
    "outreach_register_email": "5/h/key",
    # a local business rarely sends more than one (outreach/businesses/views.py)
    "outreach_business_interest": "10/h/ip",
    "outreach_business_interest_email": "3/h/key",
    "partner_register": "10/h/ip",  # placements/views/partners.py
    "partner_register_email": "3/h/key",
    "work_experience_interest": "30/h/ip",  # placements/views/work_experience.py
    "work_experience_interest_email": "3/h/key",
    # Pages opened from an emailed token (cancel, unsubscribe, consent, reference, equality
    # questions): GET and POST, all of them together, per address, so tokens cannot be tried
    # in bulk; a person opens theirs a few times at most.
    "token_page": "60/10m/ip",
}
# Behind a reverse proxy every request comes from the proxy's address, so per-address
# limits would be shared by everyone (issue 8 §3). TRUSTED_PROXY_COUNT is the number of
# proxies we run in front of the site (the client's address is that many entries from
# the right of X-Forwarded-For); or TRUSTED_CLIENT_IP_HEADER names a header the proxy
# sets to the client's address (e.g. X-Real-IP). Neither may be set without a proxy
# that overwrites the header: clients could otherwise choose their own address.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default=None)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# A TOTP code is also refused twice through the database, not only the cache (accounts/mfa.py).
MFA_FORMS = {"authenticate": "accounts.mfa.OneUseCodeAuthenticateForm"}
MFA_TOTP_ISSUER = "Kent Placements"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- static files: our own copies, never a CDN (STACK.md) ---
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
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
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Request bodies (issue 8 §4), refused before they are read (kentplacements/middleware.py):
# a form's fields may take DATA_UPLOAD_MAX_MEMORY_SIZE (Django's default, 2.5 MB); a file
# upload may add the largest file any form accepts (an officer's presentation,
# placements/uploads.py). The proxy in front should refuse bodies over
# REQUEST_BODY_MAX_BYTES too (README "Running in production").
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
UPLOAD_MAX_MB = 10
REQUEST_BODY_MAX_BYTES = UPLOAD_MAX_MB * 1024 * 1024 + DATA_UPLOAD_MAX_MEMORY_SIZE

# --- email: every message goes through the outbox (notifications app) ---
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# A stalled mail server must not hold a batch and its row locks for ever: the send fails
# after this many seconds and that message is retried with the others' backoff.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Kent Police Placements <placements@kent.police.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=5)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.int("NOTIFICATIONS_RETRY_BASE_SECONDS", default=60)
NOTIFICATIONS_STUCK_AFTER_SECONDS = env.int("NOTIFICATIONS_STUCK_AFTER_SECONDS", default=120)
# Rows queued together (notify_many, the sweep) go to the worker as tasks of this many, sent over
# one mail connection (issue 13: 10,000 through one worker in a minute).
NOTIFICATIONS_BATCH_SIZE = env.int("NOTIFICATIONS_BATCH_SIZE", default=50)
# Where emailed links point (scheme and host, no trailing slash): tasks have no request.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- community placements (seed 000) ---
# The 4-day placement comes "after they have been operational officers for a few
# months": its window opens this many months after the 19-week course ends.
FOUR_DAY_PLACEMENT_MONTHS_AFTER_COURSE = env.int("FOUR_DAY_PLACEMENT_MONTHS_AFTER_COURSE", default=3)

# --- the seal on Work Placement Agreements (issue 10; vetting/sealing.py) ---
# PEM files: the seal's private key and its certificate (followed by its chain, if a CA
# issued it), with the key's passphrase if it has one. With DEBUG they default to the
# development certificate that `make run` generates (manage.py make_seal_certificate, into
# the git-ignored var/seal/); in production they must be set, or sealing an agreement fails
# with an error naming them (and `check --deploy` says so: vetting/checks.py).
SEAL_DEVELOPMENT_DIR = BASE_DIR / "var" / "seal"
AGREEMENT_SEAL_KEY = env("AGREEMENT_SEAL_KEY", default=str(SEAL_DEVELOPMENT_DIR / "seal-key.pem") if DEBUG else "")
AGREEMENT_SEAL_CERT = env("AGREEMENT_SEAL_CERT", default=str(SEAL_DEVELOPMENT_DIR / "seal-cert.pem") if DEBUG else "")
AGREEMENT_SEAL_KEY_PASSPHRASE = env("AGREEMENT_SEAL_KEY_PASSPHRASE", default="")
# When the force rotates the seal key, the certificates it replaced (PEM files, separated
# by commas): the verify page still recognises what they sealed (`check --deploy`: vetting.E002).
AGREEMENT_SEAL_PREVIOUS_CERTS = env.list("AGREEMENT_SEAL_PREVIOUS_CERTS", default=[])
# The verify page's upload: a sealed agreement is well under 1 MB; the cap matches uploads'.
VERIFY_UPLOAD_MAX_MB = UPLOAD_MAX_MB

# --- Celery: tasks in-process unless a broker is configured ---
_broker = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_BROKER_URL = _broker or "memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not _broker)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A broker outage must not hold the user's request: publish once, briefly; the
# outbox sweep delivers what could not be queued.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {"task": "notifications.tasks.sweep_outbox", "schedule": crontab(minute="*")},
    # due when a session is two days away; the session row records that it went
    "presentation-reminders": {
        "task": "placements.tasks.send_presentation_reminders",
        "schedule": crontab(minute=0),
    },
    # daily; last_reminded_on / attendance_reminded_at / _flagged_at make each step happen once
    "risk-review-reminders": {
        "task": "placements.tasks.remind_overdue_risk_reviews",
        "schedule": crontab(minute=0, hour=7),
    },
    "attendance-confirmations": {
        "task": "placements.tasks.chase_attendance_confirmations",
        "schedule": crontab(minute=0, hour=8),
    },
    # hourly; reminded_at makes each referee's reminder go once (issue 10: after 5 days)
    "reference-reminders": {
        "task": "vetting.tasks.send_reference_reminders",
        "schedule": crontab(minute=15),
    },
    # daily; reminded_at makes the Head of Resourcing's reminder of the protocol's review go once (7.1)
    "protocol-review-reminder": {
        "task": "placements.tasks.remind_protocol_review",
        "schedule": crontab(minute=0, hour=9),
    },
    # hourly; reminded_at makes each candidate's reminder the day before their interview go once (issue 11)
    "volunteer-interview-reminders": {
        "task": "volunteers.tasks.send_interview_reminders",
        "schedule": crontab(minute=20),
    },
    # every five minutes: a campaign past its closes_at is closed (issue 11); applications are
    # refused from that minute already (volunteers.services.applications.closed_problem)
    "volunteer-campaigns-closing": {
        "task": "volunteers.tasks.close_due_campaigns",
        "schedule": crontab(minute="*/5"),
    },
    # daily; in the month's last days each volunteer short of their hours is reminded, once a month (issue 11)
    "volunteer-hours-reminders": {
        "task": "volunteers.tasks.send_hours_reminders",
        "schedule": crontab(minute=0, hour=10),
    },
    # hourly; reminded_at makes each registrant's reminder two days before an outreach event go once (issue 12)
    "outreach-event-reminders": {
        "task": "outreach.tasks.send_event_reminders",
        "schedule": crontab(minute=25),
    },
    # nightly, before the working day: what is past its retention period goes (issue 13)
    "retention-disposal": {
        "task": "retention.tasks.dispose_past_retention_task",
        "schedule": crontab(minute=45, hour=3),
    },
    # nightly: each capacity counter against the rows holding places (issue 8 §6)
    "capacity-counter-drift": {
        "task": "placements.tasks.report_counter_drift",
        "schedule": crontab(minute=30, hour=2),
    },
}

# --- retention and disposal (issue 13; DOMAIN.md §4) ---
# Days each kind of record is kept, counted from the moment its rule names (the retention
# page shows it). Seed 001 §8.3 ("Retention & Disposal of Records") gives no periods: it
# names the Head of Resourcing as the contact point and defers to the force's Information
# Management policy (W1000, §8.2). These defaults are ours, the shortest that still lets
# the force answer a complaint or an appeal about the decision; the force's records
# manager sets the real ones, each from the environment: RETENTION_<KIND>_DAYS.
_RETENTION_DEFAULTS = {
    # first in the run, so it judges an account by what its records held before tonight's run
    # (the preview then says what the run does): an account no record needs any more (the
    # person signed up and never applied, or the schedule has anonymised all they sent us), a
    # year after its last sign-in; one whose last record goes tonight goes the night after
    "unused_accounts": 365,
    # declined, withdrawn or not cleared by vetting: a year after the programme's last day
    # (long enough to answer a complaint; the row stays, anonymised, for the monitoring counts)
    "unsuccessful_work_experience": 365,
    # a work-experience placement that took place (completed or discontinued): six years after
    # the programme's last day, the time within which a claim about the placement may be
    # brought (Limitation Act 1980, ss. 2 and 5); then anonymised, its counts kept
    "completed_work_experience": 2190,
    # someone waiting for a programme (protocol 3.2.3): two years of programmes to hear about
    "expressions_of_interest": 730,
    # a Work Placement Agreement, its sealed PDF and the signatures' evidence: as long as the
    # placement's record, six years after the application ended (the programme's last day)
    "signed_agreements": 2190,
    # vetting checks and the vetting officer's notes: a year after the application ended, as
    # the application's own answers (Force Policy P04 is the vetting unit's to apply)
    "vetting_checks": 365,
    # references: a year after the application they were asked for ended
    "references": 365,
    # a volunteer application rejected or withdrawn: a year after the campaign closed
    # (what they wrote goes; the row stays for the campaign's figures)
    "volunteer_applications": 365,
    # a candidate's health details, once their application was unsuccessful or withdrawn
    "medical_certificates": 180,
    # an officer's uploaded presentation: a year after it was sent (the session is long over)
    "uploaded_presentations": 365,
    # an outreach event's registrations: a year after the event (attendance figures kept)
    "event_registrations": 365,
    # a Positive Action Programme enrolment once closed: its form and the one-to-one notes,
    # a year after (long enough for a candidate's next application round, seed 004)
    "programme_enrolments": 365,
    # a business not taken forward: a year after the decision
    "business_interest": 365,
    # equality answers keep no time of their own: three years after their campaign, programme,
    # event or intake ended; the Head of Resourcing reviews every two years (seed 001 §7.1),
    # so each review sees every source since the one before, with a year to spare
    "equality_answers": 1095,
    # the outbox: a sent or given-up email, a year after it was written
    "notifications": 365,
    # an account deactivated by staff (never one that held a staff role): a year after its last change or sign-in
    "closed_accounts": 365,
}
RETENTION = {
    kind: env.int(f"RETENTION_{kind.upper()}_DAYS", default=days) for kind, days in _RETENTION_DEFAULTS.items()
}

# --- security headers; `manage.py check --deploy` is clean with production values ---
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# The __Host- prefix pins cookies to this host over HTTPS; browsers refuse it on plain HTTP.
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"
# Messages travel in the session rather than in a cookie of their own, so the site sets
# these two cookies only, both essential (the cookies page, kentplacements/cookies.py).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # allauth shows the TOTP QR code as an inline SVG data: image
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Personal data never goes to the logs: messages carry IDs only. Every line carries the
# request's ID (kentplacements/logs.py, also on the response's X-Request-ID header); in
# production each line is one JSON object for the log collector, with DEBUG a readable line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "kentplacements.logs.RequestIDFilter"},
        "redact": {"()": "kentplacements.logs.RedactFilter"},  # tokens in paths, email addresses
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "kentplacements.logs.JSONFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="plain" if DEBUG else "json"),
            "filters": ["request_id", "redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
# Celery's worker keeps the logging above rather than installing its own handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- django-import-export: exports carry personal data, so they need the model's
# view permission (the package allows anyone with admin access by default); cells
# that would run as spreadsheet formulas are escaped (kentplacements.spreadsheets).
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
CALENDAR_UID_DOMAIN = env("CALENDAR_UID_DOMAIN", default="kentplacements.kent.police.uk")

# --- The Work Placement Agreement (seed 001 3.4.1, 3.5.3, 3.6; issue 10) ------------------
# Protocol 3.6.2: the force's personal accident insurance, stated in the agreement's text.
# A change here reaches agreements through a newly published version, never a signed one.
AGREEMENT_INSURANCE = {
    "death_benefit_gbp": env.int("AGREEMENT_INSURANCE_DEATH_BENEFIT_GBP", default=3500),
    "personal_effects_gbp": env.int("AGREEMENT_INSURANCE_PERSONAL_EFFECTS_GBP", default=250),
}
AGREEMENT_FORCE_NAME = env("AGREEMENT_FORCE_NAME", default="Kent Police")
# Issue 10: the guardian's single-use consent link lasts 7 days.
AGREEMENT_GUARDIAN_LINK_DAYS = 7

# --- Equality monitoring (issue 12; outreach/equality/) ----------------------------------
# The optional questions can be answered for this many days after the form they follow.
EQUALITY_INVITATION_DAYS = 7
# The secret of the respondent key, which joins answers to stages in the report without a
# link any page can follow (outreach/equality/models.py). Its own variable, so that rotating
# SECRET_KEY does not cut the answers already given from the stages their applications reach.
EQUALITY_RESPONDENT_KEY = env("EQUALITY_RESPONDENT_KEY", default=SECRET_KEY)

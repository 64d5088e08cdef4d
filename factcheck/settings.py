"""One settings module; every value comes from the environment.

Defaults run on a laptop: SQLite in the project, Celery tasks eager in process.
"""

import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    # Only the demo (DEBUG) and the test suite may run on a known key.
    if not (DEBUG or "pytest" in sys.modules):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-key-for-demo-and-tests-only"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_celery_beat",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)

# Rendered story rows are cached per story version (claims/services/page_cache.py):
# local memory by default (one process); CACHE_URL=redis://host:6379/1 shares them
# between gunicorn and Celery workers, so a triage anywhere invalidates everywhere.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
STORY_ROWS_CACHE_SECONDS = env.int("STORY_ROWS_CACHE_SECONDS", default=3600)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Workers and the web process share the file: wait for locks, don't fail.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "claims:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed names once `collectstatic` has run (the Docker image);
# plain names otherwise, so the demo and tests need no build step.
COLLECTED = (STATIC_ROOT / "staticfiles.json").exists()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Tests and the demo serve static files without a collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Security. HTTPS=true in production (behind a TLS proxy): secure cookies,
# redirects and HSTS. Off by default so the demo works on http://127.0.0.1.
HTTPS = env.bool("HTTPS", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Upload and paste limits (bytes): big enough for any article, small enough to
# keep a worker's memory bounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5_000_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=5_000_000)

# Celery: no broker means eager, in-process tasks (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_TASK_DEFAULT_QUEUE = "ingest"
CELERY_TASK_QUEUES = [Queue("ingest"), Queue("nlp"), Queue("analysis")]
QUEUE_OF_TASK = {
    "ingest": [
        "run_ingest_job",
        "fetch_article",
        "poll_feed",
        "poll_due_feeds",
        "refetch_due_articles",
        "resume_stalled",
        "send_delivery",
        "sweep_deliveries",
    ],
    "nlp": ["extract_claims", "embed_claims"],
    "analysis": ["assign_story", "analyse_story", "sweep_dirty_stories"],
}
CELERY_TASK_ROUTES = {
    f"claims.tasks.{name}": {"queue": queue}
    for queue, names in QUEUE_OF_TASK.items()
    for name in names
}
# Redis redelivers a task left unacked (its worker died) after this long: longer
# than any task. Workers look for such tasks every restore interval x throttle
# seconds (kombu). The fault tests shorten both through the environment.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT * 2),
    "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_RESTORE_THROTTLE", default=10),
}
# Periodic jobs are rows of django-celery-beat, edited in the admin. PERIODIC_TASKS
# are their defaults, copied into rows once by `manage.py setup_schedules` (run by
# `make migrate` and docker compose). Never CELERY_BEAT_SCHEDULE: the database
# scheduler writes that back over the rows every time beat starts.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
PERIODIC_TASKS = {
    # Poll feeds whose next_poll_at has passed; each feed keeps its interval.
    "poll-due-feeds": {"task": "claims.tasks.poll_due_feeds", "schedule": 300.0},
    # Re-fetch recent articles on the age-based back-off schedule.
    "refetch-due-articles": {"task": "claims.tasks.refetch_due_articles", "schedule": 900.0},
    # Analyse stories marked dirty (debounced re-analysis).
    "sweep-dirty-stories": {"task": "claims.tasks.sweep_dirty_stories", "schedule": 60.0},
    # Re-dispatch jobs and articles whose next task was lost (broker down, worker died).
    "resume-stalled": {"task": "claims.tasks.resume_stalled", "schedule": 300.0},
    # Send re-check notices (e-mail, webhook) whose task was lost or gave up.
    "sweep-deliveries": {"task": "claims.tasks.sweep_deliveries", "schedule": 60.0},
}

# Ingestion
FETCH_TIMEOUT = env.float("FETCH_TIMEOUT", default=10.0)
FETCH_MAX_BYTES = env.int("FETCH_MAX_BYTES", default=5_000_000)
FETCH_MAX_REDIRECTS = env.int("FETCH_MAX_REDIRECTS", default=5)
# Only tests turn this on: the fetcher otherwise refuses loopback addresses.
FETCH_ALLOW_LOOPBACK = env.bool("FETCH_ALLOW_LOOPBACK", default=False)
FETCH_USER_AGENT = env("FETCH_USER_AGENT", default="factcheck/1.0 (+claim review)")
# Age (hours) -> re-fetch interval (minutes); older than the last step: never.
REFETCH_STEPS = env.json("REFETCH_STEPS", default=[[3, 15], [24, 60], [168, 360], [720, 1440]])
# Largest file a reviewer may upload for ingestion (bytes).
INGEST_FILE_MAX_BYTES = env.int("INGEST_FILE_MAX_BYTES", default=50_000_000)

# NLP: paragraphs whose spaCy parse a process keeps (claims.nlp.language; 0: off).
NLP_PARSE_CACHE = env.int("NLP_PARSE_CACHE", default=2048)
# Embeddings (claims.nlp.embed.EmbedConfig, passed in by claims.apps): the backend
# (onnx | torch; empty: onnx where onnxruntime is installed, else torch), where the
# ONNX export is kept (empty: .cache/embed), intra-op threads per process (0: the
# runtime's choice), whether the ONNX graph keeps its token embedding table as
# int8 (35 MB less per worker, cosine >= 0.9999 against torch).
EMBED_BACKEND = env("EMBED_BACKEND", default="")
EMBED_CACHE_DIR = env("EMBED_CACHE_DIR", default="")
EMBED_THREADS = env.int("EMBED_THREADS", default=0)
EMBED_INT8_TABLE = env.bool("EMBED_INT8_TABLE", default=True)

# Analysis
# An article is compared with the stories whose last article is at most this
# many days older (claims.services.stories); inside the window a longer gap
# costs score, so a follow-up weeks later joins only on shared names and terms.
STORY_WINDOW_DAYS = env.int("STORY_WINDOW_DAYS", default=1825)
# The join score (claims.analysis.stories.Weights, built by claims.services.stories):
# weights of the term, name and meaning cosines, the cost per log-day outside the
# story's interval, the score an article needs to join, the members' linkage weight,
# and the cost when both sides name people/places/organisations and share none.
# Chosen on the tune halves (eval/stories_tune.py); change them with an eval run.
STORY_WEIGHT_TERMS = env.float("STORY_WEIGHT_TERMS", default=0.45)
STORY_WEIGHT_NAMES = env.float("STORY_WEIGHT_NAMES", default=0.35)
STORY_WEIGHT_DENSE = env.float("STORY_WEIGHT_DENSE", default=0.2)
STORY_WEIGHT_GAP = env.float("STORY_WEIGHT_GAP", default=0.006)
STORY_JOIN_THRESHOLD = env.float("STORY_JOIN_THRESHOLD", default=0.25)
STORY_WEIGHT_LINK = env.float("STORY_WEIGHT_LINK", default=0.0)
STORY_CLASH_COST = env.float("STORY_CLASH_COST", default=0.1)
# The cost when both sides name places and share none (a same-kind event elsewhere).
STORY_PLACE_CLASH_COST = env.float("STORY_PLACE_CLASH_COST", default=0.2)
# The costs when both name a storm, or state a quake magnitude, in the headline or
# opening and their main ones differ (claims.analysis.stories): two hurricanes on one
# coast, two earthquakes in one region. The storm's is set near a veto (no storm in
# the tune halves to choose it on); the magnitude's was chosen on the tune halves.
STORY_STORM_CLASH_COST = env.float("STORY_STORM_CLASH_COST", default=0.5)
STORY_MAGNITUDE_CLASH_COST = env.float("STORY_MAGNITUDE_CLASH_COST", default=0.1)
# Two games of one team: both state a final score ("beat the Chiefs 20-13") and the
# main ones differ. Chosen on the tune halves (claims.analysis.stories).
STORY_SCORE_CLASH_COST = env.float("STORY_SCORE_CLASH_COST", default=0.2)
# Cost when an article comes more than STORY_LATE_DAYS outside a story's interval:
# a story quiet for a month is rejoined by a follow-up, not by the next happening
# about the same people (claims.analysis.stories).
STORY_LATE_COST = env.float("STORY_LATE_COST", default=0.075)
STORY_LATE_DAYS = env.float("STORY_LATE_DAYS", default=30.0)
# An automatic merge: a story of at most STORY_MERGE_SIZE articles that a new article
# also scores STORY_MERGE_SCORE or more against is folded into the story it joins
# (one event whose first reports opened two stories); 0 turns it off. Stories a
# reviewer kept apart, or holding pinned articles, are never folded.
STORY_MERGE_SCORE = env.float("STORY_MERGE_SCORE", default=0.45)
STORY_MERGE_SIZE = env.int("STORY_MERGE_SIZE", default=2)
# Until the archive holds this many articles, IDF counts it as holding this many:
# a new user's first articles of one event stay one story (claims.analysis.stories).
STORY_MIN_DOCS = env.int("STORY_MIN_DOCS", default=40)
# Weight of the share of a story's most frequent names an article carries, counted
# when their meaning vectors are at least STORY_CORE_DENSE close: the names every
# article of one event holds, which IDF weighs as nothing once the archive holds
# mostly that event (claims.analysis.stories.core_share); 0 turns it off.
STORY_CORE_WEIGHT = env.float("STORY_CORE_WEIGHT", default=0.25)
STORY_CORE_DENSE = env.float("STORY_CORE_DENSE", default=0.6)
# Share of an article's meaning vector taken from its claims (the rest: headline + lead),
# and how many candidate stories (those sharing most of its keys) are scored.
STORY_CLAIM_SHARE = env.float("STORY_CLAIM_SHARE", default=0.5)
STORY_MAX_CANDIDATES = env.int("STORY_MAX_CANDIDATES", default=30)
# Same-claim decision (claims.analysis.matching.MatchConfig), shared by the story
# clustering and `manage.py match_pairs`. MATCH_SAME / MATCH_SUGGEST: pair-model
# probability at or above which a pair is the same claim / is offered to a
# reviewer (unset: the cut-offs eval/train_matcher.py chose on training data).
# MATCH_STORY_*: the story score (claims.analysis.cluster) at or above which
# claims join without the model, under which they stay apart (between, the
# pair model decides), and the average two clusters need to merge.
MATCH_SAME = env.float("MATCH_SAME", default=None)
MATCH_SUGGEST = env.float("MATCH_SUGGEST", default=None)
MATCH_STORY_AUTO = env.float("MATCH_STORY_AUTO", default=0.86)
MATCH_STORY_SUGGEST = env.float("MATCH_STORY_SUGGEST", default=0.76)
MATCH_STORY_JOIN = env.float("MATCH_STORY_JOIN", default=0.74)
MATCH_MAX_SUGGESTIONS = env.int("MATCH_MAX_SUGGESTIONS", default=200)
ANALYSIS_DEBOUNCE_SECONDS = env.int("ANALYSIS_DEBOUNCE_SECONDS", default=30)
# Claim memory (claims.services.memory): a story's cluster is shown as "reviewed
# before" when an entry matches it, scored by the model made for each kind and
# measured by `python -m eval.memory_threshold` on training data only. A published
# fact-check: memory-model probability >= MEMORY_MATCH_THRESHOLD (0.03: ClaimMatch
# training half out of fold P 0.987 R 0.929, the lowest cut-off with P >= 0.98).
# One of our verdicts (a news sentence): pair-model probability >=
# MEMORY_VERDICT_THRESHOLD (unset: the pair model's own `same` cut-off, MRPC train
# out of fold P 0.805 R 0.887); the memory model cannot tell two sentences of one
# event apart (MRPC train precision 0.68-0.71 at every cut-off).
MEMORY_MATCH_THRESHOLD = env.float("MEMORY_MATCH_THRESHOLD", default=0.03)
MEMORY_VERDICT_THRESHOLD = env.float("MEMORY_VERDICT_THRESHOLD", default=None)
# At most this many earlier reviews are kept per cluster, best first.
MEMORY_MATCH_TOP = env.int("MEMORY_MATCH_TOP", default=3)
# A new entry (an import, a verdict) is looked for in the stories seen in the last
# MEMORY_RECHECK_DAYS (at most MEMORY_RECHECK_STORIES, newest first); older
# stories meet it at their next analysis.
MEMORY_RECHECK_DAYS = env.int("MEMORY_RECHECK_DAYS", default=30)
MEMORY_RECHECK_STORIES = env.int("MEMORY_RECHECK_STORIES", default=500)
# A queued job or an article between pipeline steps untouched this long has
# lost its task (the broker was down when it was sent): resume_stalled sends it again.
STALLED_AFTER_SECONDS = env.int("STALLED_AFTER_SECONDS", default=1800)

# Re-check notices (claims.services.notify). In-app notices are always on;
# e-mail goes through Django's mail settings (EMAIL_URL: an smtp:// URL with the
# account, host and port; default: printed to the console); the webhook
# receives a JSON body signed with HMAC-SHA256 of RECHECK_WEBHOOK_SECRET in the
# X-Factcheck-Signature header ("sha256=<hex>").
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="factcheck@localhost")
RECHECK_EMAIL = env.bool("RECHECK_EMAIL", default=False)
RECHECK_WEBHOOK_URL = env("RECHECK_WEBHOOK_URL", default="")
RECHECK_WEBHOOK_SECRET = env("RECHECK_WEBHOOK_SECRET", default="")
RECHECK_WEBHOOK_TIMEOUT = env.float("RECHECK_WEBHOOK_TIMEOUT", default=10.0)
# A worker holds an outbox row this long while sending it; the sweeper sends
# rows unsent after DELIVERY_SWEEP_AFTER_SECONDS, up to DELIVERY_MAX_ATTEMPTS tries.
DELIVERY_LEASE_SECONDS = env.int("DELIVERY_LEASE_SECONDS", default=120)
DELIVERY_SWEEP_AFTER_SECONDS = env.int("DELIVERY_SWEEP_AFTER_SECONDS", default=60)
DELIVERY_MAX_ATTEMPTS = env.int("DELIVERY_MAX_ATTEMPTS", default=12)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Eager tasks run inside commands and requests: a "Task ... succeeded"
        # line per task would bury the command's own output.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
        # faiss tells at INFO which CPU build it loaded ("Could not load library
        # with AVX2 support"): noise in every command that touches the memory.
        "faiss.loader": {"level": "WARNING"},
    },
}

# The organisation named as author of exported ClaimReview records.
CLAIMREVIEW_ORGANIZATION = env("CLAIMREVIEW_ORGANIZATION", default="Factcheck desk")

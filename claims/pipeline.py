"""The one place that knows which task comes next, and the only module that sends tasks.

Services, the admin, commands and the tasks themselves tell the pipeline what
happened (an article's text is new, a step is done, a story needs analysis);
the pipeline picks the task from `NEXT_STEP` and sends it by name after the
transaction commits. Tasks are looked up in the Celery app's registry
(`current_app.tasks[name]`), which runs them in process when there is no broker
(eager mode), so nothing here imports claims.tasks and the tasks -> services ->
pipeline import chain has no circle.

The database is the record of what is left to do; the broker only carries the
next step. A send that fails because the broker is unreachable is logged and
dropped: the row stays where it is (a queued job, an article between steps, a
dirty story) and the sweepers (`resume_stalled`, `sweep_dirty_stories`) send
it again once the broker is back. A web request therefore never fails because
Redis is down, and a worker never loses its work for the same reason.
"""

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta

from celery import current_app
from celery.exceptions import NotRegistered
from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

log = logging.getLogger(__name__)

# Task names (claims/tasks.py). tests/db/test_pipeline.py checks each is registered.
RUN_INGEST_JOB = "claims.tasks.run_ingest_job"
POLL_FEED = "claims.tasks.poll_feed"
FETCH_ARTICLE = "claims.tasks.fetch_article"
EXTRACT_CLAIMS = "claims.tasks.extract_claims"
EMBED_CLAIMS = "claims.tasks.embed_claims"
ASSIGN_STORY = "claims.tasks.assign_story"
ANALYSE_STORY = "claims.tasks.analyse_story"
SEND_DELIVERY = "claims.tasks.send_delivery"
# The claim memory (claims.services.memory): a story's clusters matched after its
# analysis; an entry written after a verdict or an import of fact-checks.
MATCH_MEMORY = "claims.tasks.match_memory"
INDEX_VERDICT = "claims.tasks.index_verdict"
INDEX_FACT_CHECKS = "claims.tasks.index_fact_checks"
# A ClaimReview import of a URL or a feed, queued by the admin (claims.services.claimreview).
IMPORT_CLAIMREVIEW = "claims.tasks.import_claimreview"

# Article.Status -> the task that moves an article on from that state. An
# article with text is "fetched"; "analysed" and "failed" wait for new text
# (or `reprocess`); "queued" articles wait for their fetch (refetch_due_articles).
NEXT_STEP = {
    "fetched": EXTRACT_CLAIMS,
    "extracted": EMBED_CLAIMS,
    "embedded": ASSIGN_STORY,
}
# Steps whose first argument is an article id; analyse_story takes a story id.
ARTICLE_STEPS = {FETCH_ARTICLE, *NEXT_STEP.values()}

# Shown on an IngestJob whose task could not be sent.
BROKER_DOWN = "The task queue is unreachable: the job is recorded and will run once it is back."


def task(name: str):
    """The registered task `name`; the first lookup runs Celery's autodiscovery of
    claims.tasks when nothing has imported it yet (a web process, a command)."""
    try:
        return current_app.tasks[name]
    except NotRegistered:
        current_app.loader.import_default_modules()
        return current_app.tasks[name]


def has_broker() -> bool:
    """True when sent tasks go to a broker for a worker; False in eager mode (the demo,
    tests), where `send` runs them in process before it returns."""
    return not current_app.conf.task_always_eager


def send(name: str, *args, countdown=None, on_failure: Callable[[], None] | None = None) -> bool:
    """Send task `name` now; False (logged, `on_failure()` called) if the broker is unreachable.

    Eager (no broker) the task runs here and now, but as on a worker its failure
    stays its own: the task records it (`step_failed`) and the caller carries on,
    so one record's failing step never stops the rest of an ingest file.
    """
    registered = task(name)
    options = {"throw": False} if registered.app.conf.task_always_eager else {}
    try:
        registered.apply_async(args, countdown=countdown, **options)
    except Exception as exc:  # noqa: BLE001 -- any failed send: the row is the record
        # Not only kombu's OperationalError: a client torn down while Redis shuts down
        # raises AttributeError from inside the pool. The step that called us has
        # committed its work; failing it would mark the row failed for good, whereas
        # the sweepers (resume_stalled, sweep_dirty_stories) send the next step again.
        if not isinstance(exc, BrokerError):
            log.exception("sending %s%r failed, left for the sweeper", name, args)
        log.warning("broker unreachable, %s%r left for the sweeper: %s", name, args, exc)
        if on_failure is not None:
            on_failure()
        return False
    return True


def send_on_commit(name: str, *args, countdown=None, on_failure=None) -> None:
    transaction.on_commit(lambda: send(name, *args, countdown=countdown, on_failure=on_failure))


# --- articles ------------------------------------------------------------------------


def advance(article_id: int, after: str | None = None) -> None:
    """Send the step that follows the article's state, once the transaction commits.

    `after`: the step that just ran. An article still in the state that step
    moves on from was left alone (nothing to do, or newer text took over), and
    nothing is sent, so no step ever sends itself again.
    """
    from claims.models import Article

    status = Article.objects.filter(pk=article_id).values_list("status", flat=True).first()
    name = NEXT_STEP.get(status or "")
    if name is None or name == after:
        return
    send_on_commit(name, article_id)


def start_article(article_id: int) -> None:
    """New or changed article text (the article is "fetched"): extract, embed, assign, analyse."""
    advance(article_id)


def step_done(name: str, args: Sequence) -> None:
    """A task finished: an article's step hands the article on to the next one; an
    analysed story has its clusters looked up in the claim memory."""
    if name in NEXT_STEP.values() and args:
        advance(args[0], after=name)
    elif name == ANALYSE_STORY and args:
        match_memory(args[0])


def resend_article(article_id: int, status: str) -> bool:
    """An article stalled in `status` (its task was lost): send its step again now."""
    return send(NEXT_STEP[status], article_id)


def fetch_article(article_id: int) -> None:
    send_on_commit(FETCH_ARTICLE, article_id)


def step_failed(task_name: str, args: Sequence, exc: BaseException) -> None:
    """Record a step's final failure (retries spent, or an error not worth one) on its row.

    An article's step marks the article failed with the reason (the dashboard
    lists it; `reprocess` or a new revision starts it again). A story's analysis
    leaves the story dirty for the sweeper and notes the reason on its articles
    that wait for it.
    """
    from claims.models import Article

    if not args:
        return
    message = f"{task_name.rsplit('.', 1)[-1]} failed: {type(exc).__name__}: {exc}"[:2000]
    log.error("%s%r: %s", task_name, tuple(args), message)
    try:
        if task_name in ARTICLE_STEPS:
            Article.objects.filter(pk=args[0]).update(
                status=Article.Status.FAILED, last_error=message, updated_at=timezone.now()
            )
        elif task_name == ANALYSE_STORY:
            Article.objects.filter(story_id=args[0]).exclude(
                status__in=[Article.Status.ANALYSED, Article.Status.FAILED]
            ).update(last_error=message)
    except DatabaseError:  # the failure came from the database itself: logged above
        log.exception("could not record the failure of %s%r", task_name, tuple(args))


# --- jobs, feeds, notices -----------------------------------------------------------------


def job_waits(job_id: int) -> None:
    from claims.models import IngestJob

    IngestJob.objects.filter(pk=job_id, status=IngestJob.Status.QUEUED).update(error=BROKER_DOWN)


def run_ingest_job(job_id: int) -> None:
    send_on_commit(RUN_INGEST_JOB, job_id, on_failure=lambda: job_waits(job_id))


def resend_job(job_id: int) -> bool:
    """A queued job whose task was lost: send it again now."""
    return send(RUN_INGEST_JOB, job_id, on_failure=lambda: job_waits(job_id))


def poll_feed(feed_id: int) -> None:
    send_on_commit(POLL_FEED, feed_id)


def deliver(delivery_id: int) -> None:
    """A re-check notice (e-mail, webhook) to send once its transaction commits.

    Lost sends (broker down, worker killed) are picked up by `sweep_deliveries`.
    """
    send_on_commit(SEND_DELIVERY, delivery_id)


# --- stories -------------------------------------------------------------------------------

# Per thread: the stories each open `batched_analysis` block has put off, innermost
# last. A thread of its own, so that a request served beside an eager file ingest
# (the demo's server) still sees its one article analysed at once.
_batches = threading.local()


def _open_batches() -> list[dict[int, None]]:
    if not hasattr(_batches, "open"):
        _batches.open = []
    return _batches.open


def request_analysis(story_id: int) -> None:
    """Mark a story dirty and analyse it once the debounce window has passed.

    Ten articles arriving together push `analysis_due_at` forward ten times but
    the analysis claims the story once (see services.analysis.analyse_story).
    Eager (no broker) there is no countdown: the story is analysed at once, or,
    inside `batched_analysis`, when the block ends.
    """
    from claims.models import Story

    delay = 0 if settings.CELERY_TASK_ALWAYS_EAGER else settings.ANALYSIS_DEBOUNCE_SECONDS
    due = timezone.now() + timedelta(seconds=delay)
    Story.objects.filter(pk=story_id).update(needs_analysis=True, analysis_due_at=due)
    batches = _open_batches()
    if batches and not has_broker():
        batches[-1][story_id] = None
        return
    send_on_commit(ANALYSE_STORY, story_id, countdown=delay)


@contextmanager
def batched_analysis() -> Iterator[None]:
    """Eager tasks: analyse each story the block asks for once, when the block ends.

    Without a broker `request_analysis` has no debounce, so a story was analysed
    again after every article joining it (n times for n articles, the whole
    story each time). A batch of records (an ingest file's) instead marks its
    stories dirty as they are touched and analyses each once on the way out,
    in the order first asked, however the block ends: an exception leaves no
    story unanalysed, and a failing analysis is recorded on its story's
    articles (`step_failed`) without stopping the others. With a broker the
    block changes nothing: the debounce already analyses a busy story once.
    """
    batches = _open_batches()
    stories: dict[int, None] = {}
    batches.append(stories)
    try:
        yield
    finally:
        batches.pop()
        for story_id in stories:
            send_on_commit(ANALYSE_STORY, story_id)


# --- the claim memory ----------------------------------------------------------------------


def match_memory(story_id: int) -> None:
    """Look the story's clusters up in the claim memory (idempotent: run after every analysis)."""
    send_on_commit(MATCH_MEMORY, story_id)


def index_verdict(cluster_id: int) -> None:
    """A verdict was recorded (or removed): bring the cluster's memory entry in step."""
    send_on_commit(INDEX_VERDICT, cluster_id)


def index_fact_checks(fact_check_ids: Sequence[int]) -> None:
    """Imported fact-checks to index in the background (the importer may also call
    services.memory.index_fact_checks directly)."""
    send_on_commit(INDEX_FACT_CHECKS, list(fact_check_ids))


# --- imports -------------------------------------------------------------------------------


def import_claimreview(source: str, feed: bool, user_id: int | None) -> bool:
    """Import ClaimReview from a URL (a page or a feed) in a worker; `user_id` gets a
    notice when it is done. Sent now, not on commit: the caller (the admin) says
    whether it was queued, and False means the broker is unreachable, nothing queued."""
    return send(IMPORT_CLAIMREVIEW, source, feed, user_id)

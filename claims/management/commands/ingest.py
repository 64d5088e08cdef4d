from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.ingest.files import EXTENSIONS
from claims.management import progress
from claims.models import IngestJob
from claims.services import ingest


def _describe(job: IngestJob) -> str:
    if job.status in (IngestJob.Status.QUEUED, IngestJob.Status.RUNNING):
        return f"job #{job.pk} {job.status} (a worker will run it)"
    counts = f"{job.done} ingested, {job.failed} failed of {job.total}"
    return f"job #{job.pk} {job.status}: {counts}"


class Command(BaseCommand):
    help = (
        "Ingest sources: article or feed URLs (a feed is detected from what the server "
        "sends), and files (.txt, .html, .json, .jsonl) or directories of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="SOURCE")
        parser.add_argument("--outlet", default="", help="outlet name for records without one")
        parser.add_argument(
            "--feed", action="store_true", help="register the URLs as feeds and poll them"
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="show a progress bar for files ingested here (default: on a terminal)",
        )

    def handle(self, *args, sources, outlet, feed, **options):
        # Without a broker a file is ingested here and now: a bar shows how far it is.
        asked = options.get("progress", False)
        self.bar = settings.CELERY_TASK_ALWAYS_EAGER and progress.wanted(self.stderr, asked)
        ok = failed = 0
        for source in sources:
            for label, run in self._expand(source, outlet, feed):
                try:
                    message, success = run()
                except ValueError as exc:  # IngestError: a message for the user
                    message, success = f"failed: {exc}", False
                write = self.stdout.write if success else self.stderr.write
                write(f"{label}: {message}")
                ok, failed = ok + success, failed + (not success)
        self.stdout.write(f"{ok} sources ingested, {failed} failed.")
        if failed and not ok:
            raise CommandError("every source failed")

    def _expand(self, source, outlet, as_feed):
        if source.startswith(("http://", "https://")):
            if as_feed:
                yield source, lambda: self._feed(source, outlet)
            else:
                yield source, lambda: self._job(ingest.submit_url(source, outlet=outlet or None))
            return
        path = Path(source)
        if path.is_dir():
            paths = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS
            )
            if not paths:
                yield source, lambda: ("failed: no .txt/.html/.json/.jsonl files in it", False)
            for p in paths:
                yield str(p), (lambda p=p: self._file(p, outlet))
        elif path.is_file():
            yield source, lambda: self._file(path, outlet)
        else:
            yield source, lambda: ("failed: not a URL, a file or a directory", False)

    def _file(self, path: Path, outlet):
        if not self.bar:
            return self._job(
                ingest.submit_file(path.name, path.read_bytes(), outlet=outlet or None)
            )
        bar = progress.IngestBar(self.stderr, desc=f"{path.name}: ")
        try:
            with ingest.watch_jobs(bar.job):
                job = ingest.submit_file(path.name, path.read_bytes(), outlet=outlet or None)
        finally:
            bar.close()
        return self._job(job)

    def _job(self, job: IngestJob):
        text = _describe(job)
        if job.error:
            text += "\n  " + job.error.replace("\n", "\n  ")
        return text, job.status != IngestJob.Status.FAILED

    def _feed(self, url, outlet):
        feed = ingest.submit_feed(url, outlet=outlet or None)
        if feed.last_error and feed.failure_count:
            return f"feed #{feed.pk} registered; poll failed: {feed.last_error}", False
        return (
            f"feed #{feed.pk} ({feed.outlet}) registered; {feed.entry_count} entries, "
            f"{feed.articles.count()} articles",
            True,
        )

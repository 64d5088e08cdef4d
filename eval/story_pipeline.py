"""`python -m eval.story_pipeline RECORDS DB OUT`: the real pipeline, stories read back.

Run in a subprocess by eval/stories.py, so the scratch database is this
process's own: it migrates a fresh SQLite file, ingests the records with
`manage.py ingest` (eager tasks: fetch-free ingest, claim extraction,
embedding, story assignment) and writes `{url: story id or null}` to OUT.

The per-story analysis (claim clusters and flags) is marked due but not run:
it reads stories, it never changes which story an article is in, and the flags
section measures it.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(argv: list[str]) -> int:
    records, database, out = argv
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["CELERY_BROKER_URL"] = ""
    os.environ.setdefault("SECRET_KEY", "eval-scratch-database-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from claims import pipeline
    from claims.models import Article, Story

    def mark_only(story_id: int) -> None:
        Story.objects.filter(pk=story_id).update(
            needs_analysis=True, analysis_due_at=timezone.now()
        )

    pipeline.request_analysis = mark_only
    call_command("migrate", verbosity=0, interactive=False)
    started = time.monotonic()
    call_command("ingest", records, verbosity=0)
    seconds = time.monotonic() - started
    stories = _by_record_url(records, dict(Article.objects.values_list("url", "story_id")))
    with open(out, "w") as fh:
        json.dump({"stories": stories, "seconds": seconds}, fh)
    return 0


def _by_record_url(records: str, by_stored_url: dict) -> dict:
    """Story ids keyed by each record's own URL: ingest stores the normalised URL
    (tracking parameters dropped), which a record may not be written as."""
    from claims.ingest.extract import normalise_url

    out = dict(by_stored_url)
    with open(records, encoding="utf-8") as fh:
        for line in fh:
            url = json.loads(line).get("url", "") if line.strip() else ""
            stored = normalise_url(url) if url else ""
            if stored in by_stored_url:
                out[url] = by_stored_url[stored]
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

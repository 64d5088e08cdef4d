import json
from collections import Counter
from contextlib import nullcontext
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.management import demo_revision, progress
from claims.services import ingest, offices
from claims.services import nlp as nlp_service


class Command(BaseCommand):
    help = "Ingest the demo corpus (demo/manifest.json) and run the pipeline; idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--manifest",
            default=str(Path(settings.BASE_DIR) / "demo" / "manifest.json"),
            help="path to the manifest (default: demo/manifest.json)",
        )
        parser.add_argument(
            "--no-pipeline", action="store_true", help="create the rows, queue no analysis"
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="show a progress bar (default: on a terminal)",
        )

    def handle(self, *args, manifest, no_pipeline, **options):
        path = Path(manifest)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        # The seed article whose demo revision is loaded stays revised (demo/README.md).
        data["articles"] = [
            e for e in data.get("articles", []) if not demo_revision.superseded(path.parent, e)
        ]
        # The demo's offices first, so the first analysis reads the titles with them.
        offices_path = path.parent / data.get("offices", "offices.toml")
        if offices_path.exists():
            try:
                created = offices.load_offices(offices_path)
            except (OSError, ValueError, ValidationError) as exc:
                raise CommandError(f"cannot load {offices_path}: {exc}") from exc
            self.stdout.write(
                "Offices: {offices} new, {names} names, {holders} holders.".format(**created)
            )
        entries = data.get("articles", [])
        eager = settings.CELERY_TASK_ALWAYS_EAGER and not no_pipeline
        if eager:  # extraction runs here, article by article: parse every paragraph at once
            nlp_service.parse_ahead(self._records(path.parent, entries))
        bar = None
        if eager and progress.wanted(self.stderr, options.get("progress", False)):
            bar = progress.IngestBar(self.stderr, desc="demo: ", total=len(entries))
        try:
            outcomes = self._load(path.parent, entries, no_pipeline, bar)
        finally:
            if bar is not None:
                bar.close()
        summary = ", ".join(
            f"{outcomes[k]} {k}" for k in ("new", "revised", "unchanged", "failed")
        )
        self.stdout.write(f"Demo corpus: {summary}.")
        if outcomes["failed"] and not sum(v for k, v in outcomes.items() if k != "failed"):
            raise CommandError("no demo article could be loaded")
        if not no_pipeline:
            # A demo verdict, then a revised version of one seed article: one re-check.
            self.stdout.write(demo_revision.load(path.parent))

    def _records(self, folder: Path, entries) -> list[SimpleNamespace]:
        records = []
        for entry in entries:
            try:
                text = (folder / entry["file"]).read_text(encoding="utf-8")
            except (OSError, KeyError, ValueError):
                continue  # reported when the entry is loaded
            records.append(SimpleNamespace(title=entry.get("title", ""), text=text))
        return records

    def _load(self, folder: Path, entries, no_pipeline: bool, bar) -> Counter:
        outcomes = Counter()
        above = bar.bar.external_write_mode if bar is not None else nullcontext
        for done, entry in enumerate(entries, start=1):
            if bar is not None:
                bar.advance_to(done - 1)
            try:
                text = (folder / entry["file"]).read_text(encoding="utf-8")
                article, outcome = ingest.ingest_document(
                    text=text,
                    title=entry.get("title", ""),
                    url=entry.get("url", ""),
                    outlet=entry.get("outlet") or None,
                    published=entry.get("published"),
                    analyse=not no_pipeline,
                )
            except (OSError, KeyError, ValueError) as exc:
                outcomes["failed"] += 1
                with above():
                    self.stderr.write(f"{entry.get('file', '?')}: failed: {exc}")
                continue
            outcomes[outcome] += 1
            with above():
                self.stdout.write(
                    f"{entry['file']}: {outcome} -> article #{article.pk} ({article.outlet})"
                )
        if bar is not None:
            bar.advance_to(len(entries))
        return outcomes

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.services import ingest, offices


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

    def handle(self, *args, manifest, no_pipeline, **options):
        path = Path(manifest)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
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
        outcomes = Counter()
        for entry in data.get("articles", []):
            try:
                text = (path.parent / entry["file"]).read_text(encoding="utf-8")
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
                self.stderr.write(f"{entry.get('file', '?')}: failed: {exc}")
                continue
            outcomes[outcome] += 1
            self.stdout.write(
                f"{entry['file']}: {outcome} -> article #{article.pk} ({article.outlet})"
            )
        summary = ", ".join(
            f"{outcomes[k]} {k}" for k in ("new", "revised", "unchanged", "failed")
        )
        self.stdout.write(f"Demo corpus: {summary}.")
        if outcomes["failed"] and not sum(v for k, v in outcomes.items() if k != "failed"):
            raise CommandError("no demo article could be loaded")

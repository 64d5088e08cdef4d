"""`manage.py match_claims --against FILE.tsv --top 5 QUERIES.tsv`: nearest claims.

`--against` holds `id<TAB>text` lines (a third column, a title, is optional:
a fact-check's headline), QUERIES.tsv `id<TAB>text` lines. Writes one JSON line
per query: {"id": ..., "matches": [{"id": ..., "score": ...}, ...]}, best
first, scored by the claim memory's model. Bad lines are reported on standard
error with their file and number and skipped; the exit status is then 1.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from claims.management.commands.match_pairs import _read
from claims.services import matching


class Command(BaseCommand):
    help = "Rank the claims of --against for each query (id<TAB>text lines)."

    def add_arguments(self, parser):
        parser.add_argument("queries", help="TSV of id<TAB>text lines, or - for stdin.")
        parser.add_argument(
            "--against", required=True, help="TSV of id<TAB>text[<TAB>title] lines."
        )
        parser.add_argument("--top", type=int, default=5, help="Matches per query (default 5).")

    def handle(self, *args, **options):
        if options["top"] < 1:
            raise CommandError("--top must be at least 1")
        against, against_errors = _read(options["against"], (2, 3), "id, text[, title]")
        queries, query_errors = _read(options["queries"], 2, "id, text")
        results, duplicates = matching.match_claims(queries, against, top=options["top"])
        for result in results:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        for error in [*against_errors, *duplicates]:
            self.stderr.write(f"{options['against']}: {error}")
        for error in query_errors:
            self.stderr.write(f"{options['queries']}: {error}")
        if against_errors or duplicates or query_errors:
            count = len(against_errors) + len(duplicates) + len(query_errors)
            raise CommandError(f"{count} line(s) skipped", returncode=1)

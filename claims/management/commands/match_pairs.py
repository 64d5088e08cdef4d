"""`manage.py match_pairs FILE.tsv`: the same-claim decision on text pairs.

Reads `text_a<TAB>text_b` lines (a file, or `-` for standard input) and writes
one JSON line per pair: {"line": n, "decision": "same"|"suggest"|"different",
"score": probability}. A bad line is reported on standard error with its
number and skipped; the exit status is 1 if any line was skipped.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from claims.services import matching


class Command(BaseCommand):
    help = "Decide whether each pair of texts (text_a<TAB>text_b lines) makes the same claim."

    def add_arguments(self, parser):
        parser.add_argument("file", help="TSV of text_a<TAB>text_b lines, or - for stdin.")

    def handle(self, *args, **options):
        rows, errors = _read(options["file"], 2, "text_a, text_b")
        for result in matching.match_pairs(rows):
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        _report(self, errors)


def _read(path: str, columns, names: str):
    if path == "-":
        return matching.read_tsv(sys.stdin.buffer, columns, names)
    try:
        with open(path, "rb") as fh:
            return matching.read_tsv(fh, columns, names)
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from exc


def _report(command: BaseCommand, errors, path: str = "") -> None:
    for error in errors:
        command.stderr.write(f"{path + ': ' if path else ''}{error}")
    if errors:
        raise CommandError(f"{len(errors)} line(s) skipped", returncode=1)

"""`manage.py export_match_decisions [--out FILE]`: reviewers' match decisions as training pairs.

One JSON object per line (UTF-8), in the order the decisions were made:

    {"text_a": "...", "text_b": "...", "label": "same" | "different",
     "decided_by": "rita", "decided_at": "2026-03-01T10:15:00+00:00", "story": 12}

`label` is "same" for an accepted suggestion and "different" for a rejected
one; pending suggestions are left out. A training script reads it as pairs
with label 1 for "same" and 0 for "different" (eval.matching_data.Pair), and
should keep the pairs of one story in one fold (`story`), since a story's
claims are near-copies of each other.
"""

import json
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.models import MatchSuggestion

LABELS = {
    MatchSuggestion.Decision.ACCEPTED: "same",
    MatchSuggestion.Decision.REJECTED: "different",
}


def decision_rows():
    """Every decided suggestion, oldest decision first, as plain dicts."""
    suggestions = (
        MatchSuggestion.objects.exclude(decision=MatchSuggestion.Decision.PENDING)
        .select_related("decided_by")
        .order_by("decided_at", "pk")
    )
    for s in suggestions.iterator(chunk_size=2000):
        yield {
            "text_a": s.text_a,
            "text_b": s.text_b,
            "label": LABELS[s.decision],
            "decided_by": s.decided_by.get_username() if s.decided_by else "",
            "decided_at": s.decided_at.isoformat() if s.decided_at else "",
            "story": s.story_id,
        }


class Command(BaseCommand):
    help = (
        "Write every reviewer's match decision as a training pair, one JSON line each: "
        '{"text_a", "text_b", "label": "same"|"different", "decided_by", "decided_at" '
        '(ISO 8601), "story" (id)}. "same" is an accepted suggestion (label 1 for a '
        'trainer), "different" a rejected one (label 0); pending ones are left out.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", help="file to write (replaced whole); default: stdout")

    def handle(self, *args, out=None, **options):
        if out is None:
            counts = self._write(self.stdout.write)  # adds the newline
        else:
            counts = self._write_file(Path(out))
        where = out or "stdout"
        self.stderr.write(
            f"{sum(counts.values())} decisions ({counts['same']} same, "
            f"{counts['different']} different) written to {where}"
        )

    def _write(self, emit) -> dict[str, int]:
        counts = {"same": 0, "different": 0}
        for row in decision_rows():
            emit(json.dumps(row, ensure_ascii=False))
            counts[row["label"]] += 1
        return counts

    def _write_file(self, path: Path) -> dict[str, int]:
        # Written beside the target and renamed: a reader never sees half a file.
        try:
            fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.")
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                counts = self._write(lambda line: fh.write(line + "\n"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return counts

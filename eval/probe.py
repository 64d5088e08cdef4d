"""Made-up articles through the real pipeline: the flags a reviewer would see.

`python -m eval.probe eval/probes/mine-collapse.json [--all]` ingests the
articles of one JSON file (a list of {outlet, url, published, title, text})
into a scratch database, holds them in one story, analyses it and prints each
disagreement flag with its values, outlets, severity and reason (`--all` adds
the agreement kinds). It is how sessions 10-13 found faults before writing a
unit test for each: write three outlets' takes on one made-up event, with the
discrepancies a reviewer should see, and read what comes out.

eval/probes/ keeps the made-up events of session 13 (eval/README.md, "Session
13", says what each showed). They are not a test set: nothing is scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from eval.common import ingest_event, scratch_database


def flags_of(path: Path) -> list[dict]:
    """The story's flags for the articles in `path`, as eval.flags reads them."""
    from eval.flags import _story_flags

    articles = json.loads(path.read_text())
    if isinstance(articles, dict):
        articles = articles["articles"]
    folder = Path(tempfile.mkdtemp(prefix="factcheck-probe-"))
    with open(folder / "articles.jsonl", "w") as out:
        for article in articles:
            out.write(json.dumps(article) + "\n")
    scratch_database()
    produced, *_ = _story_flags(ingest_event(folder))
    return produced


def show(flag: dict) -> str:
    values = "; ".join(f"{v['value']!r} ({', '.join(v['outlets'])})" for v in flag["variants"])
    head = f"{flag['kind']} | {flag['subject']} | {flag['severity']}"
    return f"{head} | {values}\n    {flag['reason']}"


def main(argv=None) -> int:
    from eval.flags import AGREEMENT_KINDS

    parser = argparse.ArgumentParser(prog="python -m eval.probe", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--all", action="store_true", help="show agreement flags too")
    args = parser.parse_args(argv)
    for path in args.files:
        print(f"== {path}")  # noqa: T201 -- the report
        for flag in flags_of(path):
            if args.all or flag["kind"] not in AGREEMENT_KINDS:
                print(show(flag))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""person_page_p50_ms / p95_ms: the person page of someone with 10,000 appearances.

The rows are written directly: one person named by 20 outlets in 250 stories
over a year and a half (5,000 articles, two titles each: 10,000 appearances,
four titles in all, one of them an office name), plus the office they hold.
A request is a logged-in reviewer's GET of the person page through Django's
test client in this process (no web server: the figure is the view, its
queries and its template, SVG timeline included). 5 warm-up requests, then
100 timed ones.

    python -m bench.person_page            # SQLite in a temporary directory
    BENCH_PERSON_MENTIONS=20000 python -m bench.person_page
    BENCH_PERSON_DBS=sqlite python -m bench.person_page   # without PostgreSQL
"""

from __future__ import annotations

import json
import os
import tempfile
import time

from bench.common import percentile, postgres_available, r

MENTIONS = int(os.environ.get("BENCH_PERSON_MENTIONS", "10000"))
OUTLETS, STORIES, TIMED, WARMUP = 20, 250, 100, 5
TITLES = ["Secretary of the Fleet", "Harbours Secretary", "Fleet Secretary", "the official"]


def _build(mentions: int):
    from datetime import UTC, date, datetime, timedelta

    from claims.models import (
        Article,
        Office,
        OfficeHolder,
        OfficeName,
        Outlet,
        Person,
        PersonAppearance,
        Story,
    )

    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    office = Office.objects.create(name="Secretary of Harbours", jurisdiction="Freedonia")
    OfficeName.objects.create(office=office, name="Secretary of Harbours", kind="statutory")
    OfficeHolder.objects.create(office=office, person="Tessa Quill", start=date(2023, 3, 1))
    outlets = [Outlet.objects.create(name=f"Person Outlet {i:02d}") for i in range(OUTLETS)]
    stories = Story.objects.bulk_create(
        Story(title=f"Harbour story {i}", first_seen=start, last_seen=start)
        for i in range(STORIES)
    )
    n_articles = mentions // 2
    articles = Article.objects.bulk_create(
        (
            Article(
                outlet=outlets[i % OUTLETS],
                story=stories[i % STORIES],
                url=f"https://person.example/{i}",
                title=f"Article {i}",
                text="x",
                published_at=start + timedelta(hours=2.5 * i),
                status="analysed",
            )
            for i in range(n_articles)
        ),
        batch_size=1000,
    )
    person = Person.objects.create(
        name="Tessa Quill", names=["Tessa Quill", "Tess Quill"], story_count=STORIES
    )
    rows = []
    for i, a in enumerate(articles):
        for k in range(2):
            title = TITLES[(i + k) % len(TITLES)]
            rows.append(
                PersonAppearance(
                    person=person,
                    story_id=a.story_id,
                    article_id=a.pk,
                    outlet_id=a.outlet_id,
                    name="Tessa Quill" if i % 7 else "Tess Quill",
                    title=title,
                    relation="same" if k == 0 else "same_office_other_name",
                    office="Secretary of Harbours",
                    published_at=a.published_at,
                )
            )
    for row in rows:
        row.set_grains()
    PersonAppearance.objects.bulk_create(rows, batch_size=2000)
    person.mention_count = len(rows)
    person.save(update_fields=["mention_count"])
    return person


def run(mentions: int = MENTIONS) -> dict:
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    person = _build(mentions)
    user = User.objects.create_user("bench-reviewer", password="x")
    user.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    client = Client()
    client.force_login(user)
    url = person.get_absolute_url()
    for _ in range(WARMUP):
        assert client.get(url).status_code == 200
    times, cpu = [], []
    for _ in range(TIMED):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content
    return {
        "load_average_1m": os.getloadavg()[0],
        "person_page_mentions": mentions,
        "person_page_p50_ms": percentile(times, 0.5),
        "person_page_p95_ms": percentile(times, 0.95),
        # CPU time of this process per request: on SQLite (in process) the whole
        # work, so a figure that a busy machine inflates much less than wall time
        "person_page_cpu_p50_ms": percentile(cpu, 0.5),
        "person_page_cpu_p95_ms": percentile(cpu, 0.95),
        "person_page_queries": len(queries),
        "person_page_kb": len(body) / 1024,
        "person_page_db": connection.vendor,
    }


def main() -> dict:
    from bench import common

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", common.fresh_sqlite(tmp, "person"))]
        if postgres_available() and os.environ.get("BENCH_PERSON_DBS", "") != "sqlite":
            targets.append(("postgresql", common.fresh_postgres()))
        for vendor, url in targets:
            env = common.child_env(url)
            out = common.run_stage("person_page", env, {"mentions": MENTIONS})
            results[vendor] = {k: (r(v) if isinstance(v, float) else v) for k, v in out.items()}
        if len(targets) > 1:
            common.drop_postgres()
    print(json.dumps(results, indent=2))  # noqa: T201 - the bench's output
    return results


if __name__ == "__main__":
    main()

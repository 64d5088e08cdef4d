"""story_page_p50_ms / p95_ms and requests per second with 16 concurrent reviewers.

Stories of 100, 1,000 and 5,000 claims are written as rows (clusters across
outlets, flags with evidence, people with titles), then served by gunicorn
as docker-compose runs it (COMPOSE) on loopback, with DEBUG off. A
request is a logged-in reviewer's GET of the story page: the whole HTML
document, first 50 claim rows included; the next rows arrive by htmx as the
reviewer scrolls, timed separately as the rows fragment (`rows_p50_ms`).
Latency is measured one request at a time; throughput with 16 threads, each a
reviewer reloading the 1,000-claim story for a fixed time. The CPU ms of one
cached request in this process (Django's test client) is printed too: load
from other processes on the machine stretches the wall times, hardly that.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time

from bench import corpus
from bench.common import ROOT, percentile

SIZES = {100: 5, 1000: 5, 5000: 10}  # claims: outlets
REVIEWERS = 16
# gunicorn as docker-compose runs it ("class:workers[:threads]"), chosen from the
# figures of BENCH_GUNICORN below (bench/README.md).
COMPOSE = "sync:5"
WARM_UP_TIMEOUT = 300  # seconds for the first requests to a freshly started gunicorn


def _sentences() -> list[str]:
    entries = corpus.generate(25, seed=11)
    out = []
    for e in entries:
        out += [s for s in corpus._SENTENCE.split(e.text.replace("\n", " ")) if 40 < len(s) < 400]
    return out


def _build(n_claims: int, n_outlets: int, sentences: list[str]):
    from django.utils import timezone

    from claims.models import Article, Claim, ClaimCluster, Flag, Outlet, Story

    now = timezone.now()
    story = Story.objects.create(
        title=f"Bench story of {n_claims} claims",
        first_seen=now,
        last_seen=now,
        article_count=n_outlets,
        analysed_at=now,
        people=[
            {
                "canonical": "Arun Mehta",
                "names": {"Arun Mehta": ["A"], "A. Mehta": ["B"]},
                "titles": [
                    {"value": "Defence Minister", "outlets": ["A", "B"]},
                    {"value": "Defense Minister", "outlets": ["C"]},
                ],
            }
        ],
    )
    outlets = [Outlet.objects.get_or_create(name=f"Page Outlet {i}")[0] for i in range(n_outlets)]
    articles = [
        Article.objects.create(
            outlet=o,
            story=story,
            url=f"https://pages.example/{n_claims}/{i}",
            title=f"Article {i} of the {n_claims}-claim story",
            text="x",
            published_at=now,
            status="analysed",
        )
        for i, o in enumerate(outlets)
    ]
    statuses = ["corroborated", "single_source", "contradicted"]
    per_cluster = n_outlets
    clusters = ClaimCluster.objects.bulk_create(
        ClaimCluster(
            story=story,
            fingerprint=f"c{n_claims}-{i}",
            label=sentences[i % len(sentences)],
            status=statuses[i % 3],
            position=i,
            outlet_count=per_cluster,
            independent_count=per_cluster,
        )
        for i in range(n_claims // per_cluster)
    )
    claims = []
    for j in range(n_claims):
        text = sentences[(j // per_cluster + j % per_cluster) % len(sentences)]
        claims.append(
            Claim(
                article=articles[j % n_outlets],
                story=story,
                cluster=clusters[j // per_cluster],
                position=j,
                text=text,
                start=j * 500,
                end=j * 500 + len(text),
                score=0.8,
                text_hash=f"p{n_claims}-{j}",
            )
        )
    Claim.objects.bulk_create(claims, batch_size=1000)
    Flag.objects.bulk_create(
        Flag(
            story=story,
            cluster=c,
            kind="number_mismatch",
            subject=c.label[:200],
            fingerprint=f"f{c.pk}",
            variants=[
                {
                    "value": "25%",
                    "outlets": ["Page Outlet 0"],
                    "evidence": [{"article": articles[0].pk, "start": 0, "end": 10}],
                },
                {
                    "value": "50%",
                    "outlets": ["Page Outlet 1"],
                    "evidence": [{"article": articles[1].pk, "start": 0, "end": 10}],
                },
            ],
        )
        for c in clusters[2::3]
    )
    return story


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, cookie: str, htmx: bool = False, timeout: float = 60) -> float:
    headers = {"Cookie": cookie, "Host": "127.0.0.1"}
    if htmx:
        headers["HX-Request"] = "true"
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    elapsed = (time.perf_counter() - t0) * 1000
    if response.status != 200 or b'class="row row--' not in body:
        raise RuntimeError(f"GET {path}: {response.status} {body[:300]!r}")
    return elapsed


def compose_conn_max_age() -> str:
    """CONN_MAX_AGE of docker-compose.yml's app environment ("0" if it sets none)."""
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    found = re.search(r'^\s*CONN_MAX_AGE:\s*"?(\d+)', text, re.MULTILINE)
    return found.group(1) if found else "0"


def parse_config(text: str) -> tuple[str, int, int]:
    """ "gthread:3:4" -> (worker class, workers, threads per worker)."""
    kind, workers, *threads = text.split(":")
    return kind, int(workers), int(threads[0]) if threads else 1


def _serve(port: int, config: str = COMPOSE, cached: bool = True) -> subprocess.Popen:
    kind, workers, threads = parse_config(config)
    args = [
        os.path.join(os.path.dirname(sys.executable), "gunicorn"),
        "factcheck.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--worker-class",
        kind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    env = {**os.environ, "PYTHONWARNINGS": "ignore::UserWarning"}  # no staticfiles/ here
    # Cached: each worker's local memory (docker-compose shares Redis instead).
    env["CACHE_URL"] = "locmemcache://" if cached else "dummycache://"
    # Persistent database connections as docker-compose keeps them: a new
    # PostgreSQL connection per request costs more than the cached page itself.
    env.setdefault("CONN_MAX_AGE", compose_conn_max_age())
    server = subprocess.Popen(args, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("gunicorn exited") from None
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def run(requests: int, load_seconds: float, configs: list[str] | None = None) -> dict:
    from django.contrib.auth.models import Group, User
    from django.test import Client

    sentences = _sentences()
    stories = {n: _build(n, outlets, sentences) for n, outlets in SIZES.items()}
    user = User.objects.create_user("bench-reviewer", password="not-used")
    user.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    out_cpu = in_process_cpu_ms(client, f"/stories/{stories[1000].pk}/")

    port = _free_port()
    server = _serve(port)
    configs = [COMPOSE, *(c for c in configs or [] if c != COMPOSE)]  # compose's first
    out = {"story_page_server": f"gunicorn {COMPOSE}", "story_page_requests": requests}
    out["story_page_cpu_ms_in_process_1000"] = out_cpu
    try:
        for n, story in stories.items():
            page = f"/stories/{story.pk}/"
            rows = f"/stories/{story.pk}/rows/?page=2"
            for _ in range(5):
                # Warm-ups, not timed: workers booting on a busy machine take a while.
                _get(port, page, cookie, timeout=WARM_UP_TIMEOUT)
                _get(port, rows, cookie, htmx=True, timeout=WARM_UP_TIMEOUT)
            times = [_get(port, page, cookie) for _ in range(requests)]
            row_times = [_get(port, rows, cookie, htmx=True) for _ in range(requests // 2)]
            out[f"story_page_p50_ms_{n}"] = percentile(times, 50)
            out[f"story_page_p95_ms_{n}"] = percentile(times, 95)
            out[f"rows_p50_ms_{n}"] = percentile(row_times, 50)
            out[f"rows_p95_ms_{n}"] = percentile(row_times, 95)

        page = f"/stories/{stories[1000].pk}/"
        load = _load(port, page, cookie, load_seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    out["story_page_rps_16_reviewers"] = load["rps"]
    out["story_page_p50_ms_under_load"] = load["p50_ms"]
    out["story_page_p95_ms_under_load"] = load["p95_ms"]
    out["story_page_errors_under_load"] = load["errors"]
    # The same load on every gunicorn configuration, rows cached and not.
    runs = {}
    for config in configs:
        for cached in (True, False):
            if not cached and config != COMPOSE:
                continue  # uncached: the compose configuration only
            if cached and config == COMPOSE:
                runs[f"{config} cached"] = load  # measured above
                continue
            server = _serve(port, config, cached=cached)
            try:
                for _ in range(5):
                    _get(port, page, cookie, timeout=WARM_UP_TIMEOUT)
                runs[f"{config} {'cached' if cached else 'uncached'}"] = _load(
                    port, page, cookie, load_seconds
                )
            finally:
                server.terminate()
                server.wait(timeout=30)
    out["story_page_under_load"] = runs
    out["story_page_uncached_p95_ms_under_load"] = runs[f"{COMPOSE} uncached"]["p95_ms"]
    out["story_page_cached_p95_ms_under_load"] = runs[f"{COMPOSE} cached"]["p95_ms"]
    return out


def in_process_cpu_ms(client, page: str, requests: int = 200) -> float:
    """CPU ms of one cached request through Django's test client, in this process.

    Other processes on the machine lengthen the wall times above but hardly this.
    """
    for _ in range(5):
        client.get(page, HTTP_HOST="127.0.0.1")
    started = time.process_time()
    for _ in range(requests):
        response = client.get(page, HTTP_HOST="127.0.0.1")
        if response.status_code != 200:
            raise RuntimeError(f"GET {page}: {response.status_code}")
    return (time.process_time() - started) * 1000 / requests


def _load(port: int, page: str, cookie: str, seconds: float) -> dict:
    """16 reviewers reloading `page` for `seconds`: requests/s, p50/p95 ms, errors."""
    done: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def reviewer():
        while time.perf_counter() < stop:
            try:
                ms = _get(port, page, cookie)
            except Exception as exc:  # counted, not raised: the figure says how many
                with lock:
                    errors.append(str(exc)[:200])
                continue
            with lock:
                done.append(ms)

    started = time.perf_counter()
    threads = [threading.Thread(target=reviewer) for _ in range(REVIEWERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {
        "rps": len(done) / elapsed,
        "p50_ms": percentile(done, 50),
        "p95_ms": percentile(done, 95),
        "errors": len(errors),
        "load_average_1m": os.getloadavg()[0],
    }

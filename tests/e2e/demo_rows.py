"""Rows equivalent to the analysed demo corpus, for page tests when load_demo is absent.

Real article texts from demo/, real sentence offsets, and the flags the analysis
is expected to raise: Pete Hegseth "Secretary of War" (4 outlets) vs "Defence
Secretary" (1), and Rajnath Singh's "rules-based" / "rules-bound" / "rule-based".
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone

from claims.models import (
    Article,
    ArticleRevision,
    Claim,
    ClaimCluster,
    Flag,
    IngestJob,
    MatchSuggestion,
    Outlet,
    Story,
)

DEMO = Path(__file__).resolve().parents[2] / "demo"
STORY_TITLE = "US-India 10-year defence framework signed in Kuala Lumpur"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _articles() -> list[dict]:
    manifest = json.loads((DEMO / "manifest.json").read_text())
    return [
        {**entry, "text": (DEMO / entry["file"]).read_text(encoding="utf-8")}
        for entry in manifest["articles"]
    ]


def build_demo_story() -> Story:
    entries = _articles()
    story = Story.objects.create(
        title=STORY_TITLE,
        first_seen=datetime.fromisoformat(entries[0]["published"]),
        last_seen=timezone.now(),
        article_count=len(entries),
        analysed_at=timezone.now(),
    )
    articles = []
    for i, entry in enumerate(entries):
        outlet, _ = Outlet.objects.get_or_create(name=entry["outlet"])
        article = Article.objects.create(
            outlet=outlet,
            url=entry["url"],
            title=entry["title"],
            published_at=datetime.fromisoformat(entry["published"]),
            text=entry["text"],
            content_hash=_sha(entry["text"]),
            status=Article.Status.ANALYSED,
            story=story,
        )
        ArticleRevision.objects.create(
            article=article,
            content_hash=article.content_hash,
            title=article.title,
            text=article.text,
            fetched_at=article.published_at + timedelta(hours=2),
        )
        if i == 0:  # an earlier revision: the outlet later changed a title and a number
            earlier = article.text.replace("US Secretary of War", "US Defence Secretary").replace(
                "10-year framework", "ten-year framework"
            )
            ArticleRevision.objects.create(
                article=article,
                content_hash=_sha(earlier),
                title=article.title,
                text=earlier,
                fetched_at=article.published_at + timedelta(minutes=10),
            )
        articles.append(article)
    a = dict(enumerate(articles))

    def claim(article, snippet, cluster=None, kind="statement", speaker=""):
        start = article.text.index(snippet)
        return Claim.objects.create(
            article=article,
            story=story,
            cluster=cluster,
            position=start,
            text=snippet,
            start=start,
            end=start + len(snippet),
            kind=kind,
            speaker=speaker,
            text_hash=_sha(snippet),
        )

    def cluster(position, label, status, outlets):
        return ClaimCluster.objects.create(
            story=story,
            fingerprint=_sha(label)[:32],
            label=label,
            status=status,
            outlet_count=outlets,
            independent_count=outlets,
            position=position,
        )

    C = ClaimCluster.Status
    signing = cluster(
        0,
        "Rajnath Singh and Pete Hegseth signed a 10-year defence framework in Kuala Lumpur.",
        C.CONTRADICTED,
        5,
    )
    s_signing = {
        0: "Defence Minister Rajnath Singh and US Secretary of War Pete Hegseth met on the "
        "sidelines of the 12th ASEAN Defence Ministers’ Meeting-Plus (ADMM-Plus) in Kuala "
        "Lumpur, Malaysia, on Friday.",
        1: "During the 12th ASEAN Defence Ministers’ Meeting-Plus (ADMM-Plus) in Kuala Lumpur, "
        "India’s Defense Minister Rajnath Singh and U.S. Secretary of War Pete Hegseth signed a "
        "10-year framework agreement for the U.S.-India major defense partnership, marking a new "
        "phase in the growing strategic relationship between the two countries.",
        2: "Defence Minister Rajnath Singh and his US counterpart Defence Secretary Pete Hegseth "
        "sealed a bilateral 10-year defence framework in Kuala Lumpur, Malaysia on the sidelines "
        "of the 12th ASEAN Defence Ministers’ Meeting-Plus(ADMM-Plus).",
        3: "New Delhi, Nov. 1 -- India and the US on Friday signed a 10-year framework to deepen "
        "the bilateral defence relationship, during a meeting between defence minister Rajnath "
        "Singh and his US counterpart Pete Hegseth in Kuala Lumpur.",
        4: "The agreement was formalized by U.S. Secretary of War Pete Hegseth and India’s "
        "Defense Minister Rajnath Singh on the sidelines of the ASEAN Defense Ministers’ Meeting "
        "in Kuala Lumpur, marking a new era in the Major Defense Partnership between the two "
        "countries.",
    }
    ev_title = {i: claim(a[i], text, signing) for i, text in s_signing.items()}

    quote = cluster(
        1,
        "“Our partnership is critical for ensuring a free, open and rules-based Indo-Pacific "
        "region.”",
        C.CONTRADICTED,
        4,
    )
    s_quote = {
        0: "Our partnership is critical for ensuring a free, open, and rules-based Indo-Pacific "
        "region.",
        1: "Our partnership is critical for ensuring a free, open and rules-bound Indo-Pacific "
        "region.",
        2: "Our partnership is critical for ensuring a free, open and rule-based Indo-Pacific "
        "region",
        3: "Our partnership is critical for ensuring a free, open and rules-bound Indo-Pacific "
        "region.",
    }
    ev_quote = {
        i: claim(a[i], text, quote, kind="quote", speaker="Rajnath Singh")
        for i, text in s_quote.items()
    }

    ties = cluster(2, "Our defence ties have never been stronger.", C.CORROBORATED, 3)
    claim(a[1], "Our defense ties have never been stronger.", ties, "quote", "Pete Hegseth")
    claim(a[2], "Our defence ties have never been stronger", ties, "quote", "Pete Hegseth")
    claim(a[3], "Our defense ties have never been stronger,", ties, "quote", "Pete Hegseth")

    tariffs = cluster(3, "Trump hit Indian goods with 25% reciprocal tariffs.", C.SINGLE_SOURCE, 1)
    claim(
        a[3],
        "The trade talks were stalled after Trump hit Indian goods with 25% reciprocal tariffs.",
        tariffs,
    )
    pacts = cluster(
        4,
        "The deal renews and expands previous pacts signed in 2005 and 2015.",
        C.SINGLE_SOURCE,
        1,
    )
    claim(
        a[4],
        "Officials said the deal renews and expands previous pacts signed in 2005 and "
        "2015, with a greater focus on modern warfare and emerging technologies.",
        pacts,
    )
    domains = cluster(
        5,
        "The framework covers industry collaboration, joint R&D and co-production.",
        C.CORROBORATED,
        2,
    )
    claim(
        a[0],
        "The 10-year defence framework (2025-2035) is designed to strengthen "
        "coordination between the two nations across key domains, including defence industry "
        "collaboration, joint research and development, co-production of advanced systems, and "
        "enhanced interoperability between the armed forces.",
        domains,
    )
    claim(
        a[4],
        "The new 10-year plan seeks to establish joint defense industrial ecosystems, "
        "strengthen supply chain resilience for critical technologies, and promote defense "
        "startup collaboration between the two nations.",
        domains,
    )

    def ev(c):
        return {"article": c.article_id, "text": c.text, "start": c.start, "end": c.end}

    tweet = "— Secretary of War Pete Hegseth (@SecWar) October 31, 2025"
    t_start = a[2].text.index(tweet)
    names = [x.outlet.name for x in articles]
    Flag.objects.create(
        story=story,
        cluster=signing,
        kind=Flag.Kind.TITLE_MISMATCH,
        subject="Pete Hegseth",
        fingerprint="title:pete-hegseth",
        variants=[
            {
                "value": "Secretary of War",
                "outlets": [names[0], names[1], names[2], names[4]],
                "evidence": [
                    ev(ev_title[0]),
                    ev(ev_title[1]),
                    {
                        "article": a[2].pk,
                        "text": tweet,
                        "start": t_start,
                        "end": t_start + len(tweet),
                    },
                    ev(ev_title[4]),
                ],
            },
            {"value": "Defence Secretary", "outlets": [names[2]], "evidence": [ev(ev_title[2])]},
        ],
    )
    Flag.objects.create(
        story=story,
        cluster=quote,
        kind=Flag.Kind.QUOTE_VARIANT,
        subject="Rajnath Singh: “Our partnership is critical for ensuring a free, open…”",
        fingerprint="quote:rajnath-partnership",
        variants=[
            {
                "value": "rules-bound",
                "outlets": [names[1], names[3]],
                "evidence": [ev(ev_quote[1]), ev(ev_quote[3])],
            },
            {"value": "rules-based", "outlets": [names[0]], "evidence": [ev(ev_quote[0])]},
            {"value": "rule-based", "outlets": [names[2]], "evidence": [ev(ev_quote[2])]},
        ],
    )
    peter = "The pact was signed at a meeting in Kuala Lumpur between Defence Minister Rajnath "
    p_start = a[0].text.index(peter)
    p_end = a[0].text.index("Peter Hegseth.") + len("Peter Hegseth.")
    Flag.objects.create(
        story=story,
        kind=Flag.Kind.NAME_VARIANT,
        subject="Pete Hegseth",
        fingerprint="name:pete-hegseth",
        variants=[
            {"value": "Pete Hegseth", "outlets": names, "evidence": [ev(ev_title[1])]},
            {
                "value": "Peter Hegseth",
                "outlets": [names[0]],
                "evidence": [
                    {
                        "article": a[0].pk,
                        "text": a[0].text[p_start:p_end],
                        "start": p_start,
                        "end": p_end,
                    }
                ],
            },
        ],
    )
    Flag.objects.create(
        story=story,
        cluster=tariffs,
        kind=Flag.Kind.SINGLE_SOURCE,
        subject="Trump hit Indian goods with 25% reciprocal tariffs.",
        fingerprint="single:tariffs",
        variants=[{"value": "25% reciprocal tariffs", "outlets": [names[3]], "evidence": []}],
    )
    Flag.objects.create(
        story=story,
        cluster=ties,
        kind=Flag.Kind.CORROBORATED,
        subject="Our defence ties have never been stronger.",
        fingerprint="corroborated:ties",
        variants=[{"value": "never been stronger", "outlets": names[1:4], "evidence": []}],
    )
    story.people = [  # claims.analysis.types.Person.to_dict
        {
            "canonical": "Pete Hegseth",
            "names": {"Pete Hegseth": names[:2], "Peter Hegseth": [names[2]]},
            "titles": [
                {"value": "Secretary of War", "outlets": [names[0], names[1], names[4]]},
                {"value": "Defence Secretary", "outlets": [names[2]]},
            ],
        },
        {
            "canonical": "Rajnath Singh",
            "names": {"Rajnath Singh": names},
            "titles": [{"value": "Defence Minister", "outlets": names}],
        },
        {
            "canonical": "Donald Trump",
            "names": {"Donald Trump": [names[3]]},
            "titles": [{"value": "President", "outlets": [names[3]]}],
        },
    ]
    story.save(update_fields=["people"])
    MatchSuggestion.objects.create(
        story=story,
        text_hash_a=_sha("a"),
        text_hash_b=_sha("b"),
        text_a="Hegseth echoed similar sentiments, reiterating that India remains a priority "
        "partner for Washington.",
        text_b="Hegseth highlighted that India remains a top priority for the U.S. in defense "
        "cooperation.",
        similarity=0.78,
    )
    IngestJob.objects.create(
        source="demo/manifest.json", kind="file", status="done", total=5, done=5
    )
    IngestJob.objects.create(
        source="https://feeds.example/world.rss",
        kind="feed",
        status="running",
        total=40,
        done=26,
        failed=2,
    )
    failed_outlet, _ = Outlet.objects.get_or_create(name="Wire Desk")
    Article.objects.create(
        outlet=failed_outlet,
        url="https://wire.example/paywalled",
        title="Paywalled wire copy",
        status=Article.Status.FAILED,
        failure_count=3,
        last_error="HTTP 403 from wire.example (paywall)",
    )
    return story

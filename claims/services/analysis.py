"""Stories, claim clusters and flags: rows in, pure analysis, rows out.

The algorithms live in `claims.analysis` (plain data and numpy); this module
reads rows into that plain data, runs it, and persists the result idempotently:
clusters and flags are upserted by (story, fingerprint), a reviewer's status on a
flag is never overwritten, and what the latest analysis no longer produces is
marked inactive rather than deleted (reviews point at it).
"""

from __future__ import annotations

import logging
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import TypeVar

import numpy as np
from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils import timezone

from claims import pipeline
from claims.analysis import cluster as clustering
from claims.analysis import kinds, variants
from claims.analysis.run import analyse
from claims.analysis.types import (
    AliasRule,
    ArticleInfo,
    ClaimInput,
    MatchDecision,
    StoryAnalysis,
    StoryInput,
)
from claims.models import (
    Alias,
    Article,
    Claim,
    ClaimCluster,
    Flag,
    MatchSuggestion,
    Recheck,
    Review,
    Story,
)
from claims.nlp.types import ClaimData, PersonMention, PersonProfile
from claims.services import offices as office_rows
from claims.services import people as people_index
from claims.services import provenance as provenance_rows
from claims.services.matching import match_config
from claims.services.rows import insert_rows, update_rows

log = logging.getLogger(__name__)

# Key of the PostgreSQL advisory lock that serialises story assignment.
ASSIGN_LOCK = zlib.crc32(b"claims.assign_story")


def _vector(data) -> np.ndarray | None:
    if not data:
        return None
    vector = np.frombuffer(bytes(data), dtype=np.float32)
    return vector if vector.size else None


def _bytes(vector: np.ndarray | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


def _lock_assignment() -> None:
    """Serialise story assignment so two workers never open two stories for one event.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: the first write of
    the transaction takes the database's write lock, which has the same effect.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ASSIGN_LOCK])


# --- stories -------------------------------------------------------------------
# Placing an article in a story is claims.services.stories; merging is here because
# the reviewer's corrections (services.story_edits) fold stories with it.


# The story rows a merge folds: what the target already has is kept, the rest moves.
Folded = TypeVar("Folded", ClaimCluster, Flag, MatchSuggestion)


def _moved_or_paired(
    target: Story,
    ids: list[int],
    model: type[Folded],
    key: Callable[[Folded], object],
    fields: tuple[str, ...] = ("story", "updated_at"),
) -> Iterator[tuple[Folded, Folded]]:
    """Move the sources' rows to the target; yield (row, the target's row) where it has its key."""
    mine = {key(r): r for r in model.objects.filter(story=target)}
    for row in model.objects.filter(story_id__in=ids):
        kept = mine.get(key(row))
        if kept is None:
            row.story = target
            row.save(update_fields=list(fields))
            mine[key(row)] = row
        else:
            yield row, kept


def _fold_clusters(target: Story, ids: list[int]) -> None:
    """The sources' clusters join the target; one with a fingerprint it has folds into its row."""
    for row, kept in _moved_or_paired(target, ids, ClaimCluster, lambda c: c.fingerprint):
        Claim.objects.filter(cluster=row).update(cluster=kept)
        Review.objects.filter(cluster=row).update(cluster=kept)
        Recheck.objects.filter(cluster=row).update(cluster=kept)
        Flag.objects.filter(cluster=row).update(cluster=kept)
        row.delete()


def _fold_flags(target: Story, ids: list[int]) -> None:
    """Likewise the flags: a decided status wins over an open one; reviews are re-pointed."""
    for row, kept in _moved_or_paired(target, ids, Flag, lambda f: f.fingerprint):
        if kept.status == Flag.Status.OPEN and row.status != Flag.Status.OPEN:
            kept.status = row.status
            kept.save(update_fields=["status", "updated_at"])
        Review.objects.filter(flag=row).update(flag=kept)
        Recheck.objects.filter(flag=row).update(flag=kept)
        row.delete()


def _fold_suggestions(target: Story, ids: list[int]) -> None:
    """Likewise the match suggestions: a decided pair wins over a pending one."""
    pairs = _moved_or_paired(
        target, ids, MatchSuggestion, lambda s: (s.text_hash_a, s.text_hash_b), ("story",)
    )
    for row, kept in pairs:
        if kept.decision == MatchSuggestion.Decision.PENDING and row.decision != kept.decision:
            kept.decision, kept.decided_by_id, kept.decided_at = (
                row.decision,
                row.decided_by_id,
                row.decided_at,
            )
            kept.save(update_fields=["decision", "decided_by", "decided_at"])
        row.delete()


def merge_stories(target_id: int, source_ids) -> int:
    """Fold the source stories into the target; reviewer decisions move with them.

    Returns how many stories were merged. Clusters, flags and suggestions with a
    fingerprint the target already has are folded into the target's row (a
    decided status wins over an open one; reviews are re-pointed).
    """
    source_ids = [pk for pk in source_ids if pk != target_id]
    if not source_ids:
        return 0
    with transaction.atomic():
        target = Story.objects.select_for_update().get(pk=target_id)
        target = target.surviving_story()
        sources = list(
            Story.objects.select_for_update()
            .filter(pk__in=source_ids, merged_into__isnull=True)
            .exclude(pk=target.pk)
        )
        if not sources:
            return 0
        ids = [s.pk for s in sources]
        Article.objects.filter(story_id__in=ids).update(story=target)
        Claim.objects.filter(story_id__in=ids).update(story=target)
        Recheck.objects.filter(story_id__in=ids).update(story=target)
        _fold_clusters(target, ids)
        _fold_flags(target, ids)
        _fold_suggestions(target, ids)

        parts = [(_vector(target.centroid), target.article_count)]
        parts += [(_vector(s.centroid), s.article_count) for s in sources]
        target.centroid = _bytes(clustering.merged_centroid(parts))
        target.article_count = Article.objects.filter(story=target).count()
        span = Article.objects.filter(story=target).aggregate(
            first=Min("published_at"), last=Max("published_at")
        )
        target.first_seen = min([target.first_seen, *[s.first_seen for s in sources]])
        target.last_seen = max(
            [target.last_seen, *[s.last_seen for s in sources], *[v for v in span.values() if v]]
        )
        target.save(update_fields=["centroid", "article_count", "first_seen", "last_seen"])
        Story.objects.filter(merged_into_id__in=ids).update(merged_into=target)
        Story.objects.filter(pk__in=ids).update(
            merged_into=target, needs_analysis=False, article_count=0
        )
        pipeline.request_analysis(target.pk)
    log.info("merged stories %s into %s", ids, target.pk)
    return len(ids)


# --- analysis ------------------------------------------------------------------


def _profiles(article: Article) -> list[PersonProfile]:
    """Article-level people stored by the extraction (Article.nlp), tolerant of gaps."""
    data = getattr(article, "nlp", None) or {}
    profiles = []
    for p in data.get("people", []) if isinstance(data, dict) else []:
        try:
            profiles.append(
                PersonProfile(
                    canonical=p.get("canonical", ""),
                    variants=list(p.get("variants", [])),
                    titles=[PersonMention(**t) for t in p.get("titles", [])],
                )
            )
        except (TypeError, AttributeError):
            continue
    return profiles


CLAIM_COLUMNS = (
    "pk",
    "article_id",
    "text",
    "text_hash",
    "start",
    "end",
    "position",
    "score",
    "kind",
    "speaker",
    "slots",
    "embedding",
)


def build_input(story: Story) -> StoryInput:
    # Not the story decision's features (story_terms, story_vector): the analysis never reads them.
    articles = list(
        Article.objects.filter(story=story)
        .select_related("outlet")
        .defer("story_terms", "story_vector")
    )
    first_fetch, revisions = provenance_rows.revision_inputs(articles)
    infos = [
        ArticleInfo(
            id=a.pk,
            outlet=a.outlet.name,
            published=a.published_at,
            title=a.title,
            text=a.text,
            wire_credit=a.wire_credit,
            fetched=first_fetch.get(a.pk),
            people=_profiles(a),
        )
        for a in articles
    ]
    outlet = {a.pk: a.outlet.name for a in articles}
    claims = []
    # Plain tuples, not model instances: the whole story is read again at each analysis.
    rows = (
        Claim.objects.filter(article__story=story)
        .order_by("article_id", "position")
        .values_list(*CLAIM_COLUMNS)
    )
    for (
        pk,
        article_id,
        text,
        text_hash,
        start,
        end,
        position,
        score,
        kind,
        speaker,
        slots,
        vector,
    ) in rows:
        data = ClaimData.from_row(
            text=text,
            start=start,
            end=end,
            position=position,
            score=score,
            kind=kind,
            speaker=speaker,
            slots=slots or {},
        )
        claims.append(
            ClaimInput(
                id=pk,
                article_id=article_id,
                outlet=outlet[article_id],
                text=text,
                text_hash=text_hash,
                data=data,
                embedding=_vector(vector),
            )
        )
    aliases = [
        AliasRule(a.kind, a.subject, a.value, a.canonical)
        for a in Alias.objects.all().only("kind", "subject", "value", "canonical")
    ]
    decisions = [
        MatchDecision(
            s.text_hash_a, s.text_hash_b, s.decision == MatchSuggestion.Decision.ACCEPTED
        )
        for s in MatchSuggestion.objects.filter(story=story).exclude(
            decision=MatchSuggestion.Decision.PENDING
        )
    ]
    return StoryInput(
        infos,
        claims,
        aliases,
        decisions,
        revisions=revisions,
        offices=office_rows.office_data(),
    )


def analyse_story(story_id: int) -> bool:
    """Analyse a dirty story once its debounce has passed; False if not ours to do.

    The conditional UPDATE decides which worker owns the run; it sits in the
    same transaction as the writes, so a failed run leaves the story dirty for
    the retry and a concurrent request waits for our commit, then finds it clean.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = Story.objects.filter(
            pk=story_id,
            needs_analysis=True,
            analysis_due_at__lte=now,
            merged_into__isnull=True,
        ).update(needs_analysis=False)
        if not claimed:
            return False
        # The analysis rewrites people and timelines; the story decision's data is not read.
        story = Story.objects.defer("people", "timelines", "profile", "centroid").get(pk=story_id)
        result = analyse(build_input(story), match_config())
        _persist(story, result, now)
    return True


def _persist(story: Story, result: StoryAnalysis, now) -> None:
    clusters = _persist_clusters(story, result, now)
    _persist_flags(story, result, clusters, now)
    _persist_suggestions(story, result)
    _persist_wire_links(story, result)
    Article.objects.filter(story=story).exclude(
        status__in=[Article.Status.FAILED, Article.Status.ANALYSED]
    ).update(status=Article.Status.ANALYSED)

    story.people = [p.to_dict() for p in result.people]
    story.timelines = result.timelines
    story.title = (result.title or story.title)[:500]
    story.analysed_at = now
    story.save(update_fields=["people", "timelines", "title", "analysed_at"])
    people_index.index_story(story)
    office_rows.suggest_office_names(story.pk)
    refresh_cluster_status(story.pk)
    from claims.services import rechecks  # imports this module

    # Sentences a revision added to a cluster reviewers had decided on.
    rechecks.record_added(story.pk)


WRITE_BATCH = 500


def _upsert(model, story: Story, wanted: dict[str, dict], now, ids: bool = True) -> dict:
    """The story's rows of `model` by fingerprint, written in bulk.

    Missing rows are created, rows whose values differ are updated (and only
    those: a re-analysis that changes nothing writes nothing), rows the
    analysis no longer produced are marked inactive. Fields not in `wanted`
    (a flag's reviewer status) are never touched. With `ids` False the new
    rows are inserted without reading their ids back and the dict returned
    holds only the rows that were there before.
    """
    rows = {r.fingerprint: r for r in model.objects.filter(story=story)}
    new, changed = [], []
    for fingerprint, values in wanted.items():
        row = rows.get(fingerprint)
        if row is None:
            new.append(model(story=story, fingerprint=fingerprint, **values))
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.updated_at = now
            changed.append(row)
    if ids:
        model.objects.bulk_create(new, batch_size=WRITE_BATCH)
    else:
        insert_rows(model, new)
    if changed:
        update_rows(model, changed, [*next(iter(wanted.values())), "updated_at"])
    retired = [r.pk for fp, r in rows.items() if r.is_active and fp not in wanted]
    if retired:
        model.objects.filter(pk__in=retired).update(is_active=False)
    if not ids:
        return rows
    if any(row.pk is None for row in new):  # a backend that returns no ids from bulk inserts
        rows = {r.fingerprint: r for r in model.objects.filter(story=story)}
    else:
        rows.update((row.fingerprint, row) for row in new)
    return rows


def _persist_clusters(story: Story, result: StoryAnalysis, now) -> dict:
    # No status here: refresh_cluster_status sets it, reviewers' triage included.
    wanted = {
        c.fingerprint: {
            "label": c.label,
            "outlet_count": len(c.outlets),
            "independent_count": c.independent_count,
            "position": c.position,
            "provenance": c.provenance,
            "is_active": True,
        }
        for c in result.clusters
    }
    rows = _upsert(ClaimCluster, story, wanted, now)
    target = {i: rows[c.fingerprint].pk for c in result.clusters for i in c.claim_ids}
    current = dict(Claim.objects.filter(article__story=story).values_list("pk", "cluster_id"))
    moved = [
        Claim(pk=pk, cluster_id=target.get(pk))
        for pk in current.keys() | target.keys()
        if current.get(pk) != target.get(pk)
    ]
    update_rows(Claim, moved, ["cluster"])
    return rows


def _persist_flags(story: Story, result: StoryAnalysis, clusters: dict, now) -> None:
    # The reviewer's status is never touched here.
    wanted = {}
    for f in result.flags:
        if f.fingerprint in wanted:
            continue
        cluster = clusters.get(f.cluster_fingerprint) if f.cluster_fingerprint else None
        wanted[f.fingerprint] = {
            "kind": f.kind,
            "subject": f.subject[:500],
            "variants": f.variants_json(),
            "severity": f.severity or Flag.Severity.DISCREPANCY,
            "reason": f.reason[:500],
            "detail": f.detail,
            "cluster_id": cluster.pk if cluster else None,
            "is_active": True,
        }
    _upsert(Flag, story, wanted, now, ids=False)


def _persist_suggestions(story: Story, result: StoryAnalysis) -> None:
    """Grey-zone pairs: decisions are kept, stale pending ones retired."""
    pairs = {
        (s.text_hash_a, s.text_hash_b): s for s in MatchSuggestion.objects.filter(story=story)
    }
    offered, new, changed = set(), [], []
    for s in result.suggestions:
        key = (s.text_hash_a, s.text_hash_b)
        offered.add(key)
        row = pairs.get(key)
        if row is None:
            new.append(
                MatchSuggestion(
                    story=story,
                    text_hash_a=s.text_hash_a,
                    text_hash_b=s.text_hash_b,
                    text_a=s.text_a,
                    text_b=s.text_b,
                    similarity=s.similarity,
                )
            )
        elif row.similarity != s.similarity or not row.is_active:
            row.similarity, row.is_active = s.similarity, True
            changed.append(row)
    MatchSuggestion.objects.bulk_create(new, batch_size=WRITE_BATCH)
    MatchSuggestion.objects.bulk_update(
        changed, ["similarity", "is_active"], batch_size=WRITE_BATCH
    )
    stale = [
        s.pk
        for key, s in pairs.items()
        if key not in offered and s.decision == MatchSuggestion.Decision.PENDING and s.is_active
    ]
    MatchSuggestion.objects.filter(pk__in=stale).update(is_active=False)


def _persist_wire_links(story: Story, result: StoryAnalysis) -> None:
    links = {lk.article_id: lk for lk in result.wire_links}
    for article in Article.objects.filter(story=story).only("wire_source_id", "wire_credit"):
        link = links.get(article.pk)
        source = link.source_id if link else None
        credit = article.wire_credit or (link.credit if link else "")
        if article.wire_source_id != source or article.wire_credit != credit:
            Article.objects.filter(pk=article.pk).update(
                wire_source_id=source, wire_credit=credit[:50]
            )


def _evidence_spans(flag: Flag) -> list[tuple[int | str | None, int, int]]:
    return [
        (ev.article, ev.start, ev.end)
        for ev in variants.evidence_refs(flag.variants)
        if ev.start is not None and ev.end is not None
    ]


def refresh_cluster_status(story_id: int) -> None:
    """Colour each claim cluster by what reviewers still have to look at.

    Contradicted while a difference about it is open or confirmed: its own flag,
    or a story-wide flag (a person's title, a quote's wording) with one of its
    sentences as evidence. Otherwise corroborated by two independent outlets, or
    single source (claims.analysis.kinds.cluster_status: the one rule). Runs after
    analysis and after every triage, so a dismissed difference stops colouring the
    claim on every page; only clusters whose colour changes are written.
    """
    disputed = set()
    spans = defaultdict(list)
    flags = (
        Flag.objects.filter(story_id=story_id, is_active=True)
        .filter(status__in=[Flag.Status.OPEN, Flag.Status.CONFIRMED])
        .filter(kind__in=kinds.DISPUTING)
        .only("cluster_id", "variants")
    )
    for flag in flags:
        if flag.cluster_id:
            disputed.add(flag.cluster_id)
        for article_id, start, end in _evidence_spans(flag):
            spans[article_id].append((start, end))
    claims = Claim.objects.filter(article_id__in=list(spans), cluster__story_id=story_id)
    for article_id, start, end, cluster_id in claims.values_list(
        "article_id", "start", "end", "cluster_id"
    ):
        if any(s < end and start < e for s, e in spans[article_id]):
            disputed.add(cluster_id)
    changed = defaultdict(list)
    for pk, independent, status in ClaimCluster.objects.filter(story_id=story_id).values_list(
        "pk", "independent_count", "status"
    ):
        wanted = kinds.cluster_status(independent, pk in disputed)
        if wanted != status:
            changed[wanted].append(pk)
    for status, pks in changed.items():
        ClaimCluster.objects.filter(pk__in=pks).update(status=status)


def sweep_dirty_stories(limit: int = 50) -> int:
    """Analyse up to `limit` dirty stories whose debounce has passed; how many ran."""
    ids = list(
        Story.objects.due_for_analysis()
        .live()
        .order_by("analysis_due_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in ids if analyse_story(pk))


# --- report --------------------------------------------------------------------


def story_report(story_id: int | None = None) -> dict:
    """Stories with their clusters and active flags, as plain JSON-ready data."""
    from claims.services import rechecks  # imports this module

    stories = Story.objects.live().filter(articles__isnull=False).distinct()
    if story_id is not None:
        stories = Story.objects.filter(pk=story_id)
    out = []
    for story in stories.order_by("-article_count", "pk"):
        articles = list(
            Article.objects.filter(story=story)
            .select_related("outlet", "wire_source")
            .order_by("published_at", "pk")
        )
        name = {a.pk: a.outlet.name for a in articles}
        by_id = {a.pk: a for a in articles}
        outlets = list(dict.fromkeys(a.outlet.name for a in articles))
        claims_by_cluster: dict[int, list[dict]] = {}
        for claim in (
            Claim.objects.filter(story=story, cluster__isnull=False)
            .order_by("article__published_at", "article_id", "position")
            .values("pk", "cluster_id", "article_id", "text", "start", "end")
        ):
            claims_by_cluster.setdefault(claim["cluster_id"], []).append(
                {
                    "id": claim["pk"],
                    "article": claim["article_id"],
                    "outlet": name.get(claim["article_id"], ""),
                    "text": claim["text"],
                    "start": claim["start"],
                    "end": claim["end"],
                }
            )
        clusters = [
            {
                "id": c.pk,
                "label": c.label,
                "status": c.status,
                "outlets": list(
                    dict.fromkeys(x["outlet"] for x in claims_by_cluster.get(c.pk, []))
                ),
                "outlet_count": c.outlet_count,
                "independent_count": c.independent_count,
                "first_appearance": (prov := provenance_rows.summary(c, by_id))["first"],
                "origins": prov["origins"],
                "copies": prov["copies"],
                "claims": claims_by_cluster.get(c.pk, []),
            }
            for c in ClaimCluster.objects.filter(story=story, is_active=True).order_by("position")
        ]
        flags = [
            {
                "id": f.pk,
                "kind": f.kind,
                "subject": f.subject,
                "status": f.status,
                "cluster": f.cluster_id,
                "severity": f.severity,
                "reason": f.reason,
                "variants": [v.to_dict() for v in variants.read_variants(f.variants)],
                **office_rows.title_flag_detail(f),
            }
            for f in Flag.objects.filter(story=story, is_active=True).order_by(
                "kind", "subject", "pk"
            )
        ]
        out.append(
            {
                "id": story.pk,
                "title": story.title,
                "outlets": outlets,
                "article_count": len(articles),
                "articles": [
                    {
                        "id": a.pk,
                        "outlet": a.outlet.name,
                        "title": a.title,
                        "url": a.url,
                        "published": a.published_at.isoformat() if a.published_at else None,
                        "wire_source": a.wire_source_id,
                        "wire_credit": a.wire_credit,
                    }
                    for a in articles
                ],
                "people": story.people,
                "timelines": story.timelines,
                "clusters": clusters,
                "flags": flags,
                "rechecks": rechecks.story_rechecks(story.pk),
                "pending_suggestions": MatchSuggestion.objects.filter(
                    story=story, is_active=True, decision=MatchSuggestion.Decision.PENDING
                ).count(),
            }
        )
    return {"stories": out}

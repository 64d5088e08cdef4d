"""People across the archive: each analysed story's people joined into Person rows,
with one PersonAppearance per person, article and title (the person pages read them).

A story's rows are replaced at every analysis of the story, in its transaction.
A profile joins the Person of the same name, or of a name that is the same
person written another way ("Pete" / "Peter Hegseth"); otherwise it starts one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Count, Min, Q

from claims.analysis.people import name_tokens, same_person
from claims.models import Article, OfficeHolder, Outlet, Person, PersonAppearance, Story
from claims.services.rows import insert_rows, update_rows
from claims.templatetags.person_tags import bucket_for

WRITE_BATCH = 1000
NAME_CHUNK = 500  # names per IN (...) query


def _person_for(
    profile: dict, cache: dict[str, Person], known: dict[str, Person]
) -> Person | None:
    """The profile's Person: its own name's row, a row of a name written another way, or a new one.

    `known` holds the rows read so far by name, one instance per row (the story's
    names read in one query beforehand, rows found or created since), so a row
    whose spellings grew here is seen with them when a later profile finds it.
    """
    canonical = str(profile.get("canonical") or "").strip()
    if len(name_tokens(canonical)) < 2:
        return None
    spellings = [canonical, *[str(n) for n in (profile.get("names") or {}) if n]]
    if canonical in cache:
        person = cache[canonical]
    else:
        person = known.get(canonical)
        if person is None:
            surname = name_tokens(canonical)[-1]
            person = next(
                (
                    known.setdefault(p.name, p)
                    for p in Person.objects.filter(name__iendswith=surname)
                    if any(same_person(s, p.name) for s in spellings)
                ),
                None,
            )
        if person is None:
            person = _created(canonical[:200])
            known[person.name] = person
        cache[canonical] = person
    missing = [s for s in dict.fromkeys(spellings) if s not in person.names]
    if missing:
        person.names = [*person.names, *missing]
        person.save(update_fields=["names", "updated_at"])
    return person


def _known_people(profiles: list[dict]) -> dict[str, Person]:
    """The Person rows named exactly as the profiles' canonical names, in one query."""
    written = {str(p.get("canonical") or "").strip() for p in profiles}
    names = sorted(n for n in written if len(name_tokens(n)) >= 2)
    known: dict[str, Person] = {}
    for i in range(0, len(names), NAME_CHUNK):
        known.update(
            (p.name, p) for p in Person.objects.filter(name__in=names[i : i + NAME_CHUNK])
        )
    return known


def _created(name: str) -> Person:
    """The new person's row, or the one another worker inserted since the lookup.

    Two workers analysing stories that name the same new person both miss it;
    a plain create would then fail on the unique name (on PostgreSQL it aborts
    the whole story's analysis), while a skipped conflict leaves one row to read.
    """
    insert_rows(Person, [Person(name=name, names=[name])], ignore_conflicts=True)
    return Person.objects.get(name=name)


def index_story(story: Story) -> int:
    """Replace the story's appearances from Story.people; how many rows it wrote."""
    articles = {
        a.pk: a
        for a in Article.objects.filter(story=story).only("pk", "outlet_id", "published_at")
    }
    # An article that came from another story (a move, a merge, a re-assignment) still
    # has that story's rows: they are replaced here, or they would break appearance_unique.
    stale = PersonAppearance.objects.filter(Q(story=story) | Q(article_id__in=list(articles)))
    before = set(stale.values_list("person_id", flat=True))
    stale.delete()
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for a in Article.objects.filter(story=story).values("pk", "outlet__name"):
        by_outlet[a["outlet__name"]].append(a["pk"])
    cache: dict[str, Person] = {}
    rows, seen = [], set()
    profiles = (
        [p for p in story.people if isinstance(p, dict)] if isinstance(story.people, list) else []
    )
    known = _known_people(profiles)
    for profile in profiles:
        person = _person_for(profile, cache, known)
        if person is None:
            continue
        named = set()
        for t in profile.get("titles") or []:
            title = str(t.get("value") or "")[:200]
            ids = {e.get("article") for e in t.get("evidence") or [] if isinstance(e, dict)}
            for article_id in ids:
                article = articles.get(article_id)
                key = (person.pk, article_id, title)
                if article is None or key in seen:
                    continue
                seen.add(key)
                named.add(article_id)
                rows.append(
                    PersonAppearance(
                        person=person,
                        story=story,
                        article_id=article.pk,
                        outlet_id=article.outlet_id,
                        name=profile.get("canonical", "")[:200],
                        title=title,
                        relation=str(t.get("relation") or "")[:24],
                        office=str(t.get("office") or "")[:200],
                        published_at=article.published_at,
                    )
                )
        # articles that name the person without a title still count as appearances
        for name, outlets in (profile.get("names") or {}).items():
            for outlet in outlets:
                for article_id in by_outlet.get(outlet, []):
                    key = (person.pk, article_id, "")
                    if article_id in named or key in seen:
                        continue
                    seen.add(key)
                    article = articles[article_id]
                    rows.append(
                        PersonAppearance(
                            person=person,
                            story=story,
                            article_id=article_id,
                            outlet_id=article.outlet_id,
                            name=str(name)[:200],
                            published_at=article.published_at,
                        )
                    )
    for row in rows:
        row.set_grains()
    PersonAppearance.objects.bulk_create(rows, batch_size=WRITE_BATCH)
    touched = before | {p.pk for p in cache.values()}
    refresh_counts(touched)
    return len(rows)


def refresh_counts(person_ids) -> None:
    counts: dict[int, tuple[int, int]] = {
        row["person_id"]: (row["stories"], row["mentions"])
        for row in PersonAppearance.objects.filter(person_id__in=list(person_ids))
        .values("person_id")
        .annotate(stories=Count("story_id", distinct=True), mentions=Count("id"))
    }
    changed = []
    for pk, story_count, mention_count in Person.objects.filter(
        pk__in=list(person_ids)
    ).values_list("pk", "story_count", "mention_count"):
        stories, mentions = counts.get(pk, (0, 0))
        if (story_count, mention_count) != (stories, mentions):
            changed.append(Person(pk=pk, story_count=stories, mention_count=mentions))
    # Counts only: updated_at stays (as a queryset update leaves it).
    update_rows(Person, changed, ["story_count", "mention_count"])


def person_page(person: Person, story_limit: int = 50) -> dict:
    """What the person page shows, in a handful of aggregate queries.

    The titles over time are counted in the database by day, week or month
    (whichever keeps a timeline row readable) on columns written with each
    row, so a person named 10,000 times costs two scans of their rows (titles
    over time, stories) and two index probes, and the timeline has at most
    about 60 dots per outlet and title.
    """
    mine = PersonAppearance.objects.filter(person=person)
    # the span from the (person, published_at) index: two index probes
    first = mine.exclude(published_at=None).order_by("published_at").first()
    last = mine.exclude(published_at=None).order_by("-published_at").first()
    bucket = bucket_for(first and first.day, last and last.day)
    # one scan: counts per outlet, title, relation and date bucket
    rows = list(
        mine.exclude(title="")
        .values("outlet_id", "title", "relation", bucket)
        .annotate(n=Count("id"))
        .order_by()
    )
    outlet_names = dict(
        Outlet.objects.filter(pk__in={r["outlet_id"] for r in rows}).values_list("pk", "name")
    )
    relations: dict[str, str] = {}  # the most serious relation a title had in any story
    merged: dict[tuple, int] = defaultdict(int)
    title_totals: Counter = Counter()
    for r in rows:
        relations[r["title"]] = _worse(relations.get(r["title"], ""), r["relation"])
        merged[(outlet_names.get(r["outlet_id"], ""), r[bucket], r["title"])] += r["n"]
        title_totals[r["title"]] += r["n"]
    per_outlet: dict[str, list[dict]] = defaultdict(list)
    for (name, day, title), n in sorted(
        merged.items(), key=lambda kv: (kv[0][0], kv[0][1] or date.min, kv[0][2])
    ):
        per_outlet[name].append({"day": day, "title": title, "n": n})
    outlets = []
    for name, points in sorted(per_outlet.items()):
        used: Counter = Counter()
        for p in points:
            used[p["title"]] += p["n"]
        outlets.append(
            {"name": name, "points": points, "titles": [t for t, _ in used.most_common()]}
        )
    per_story = list(
        PersonAppearance.objects.filter(person=person)
        .values("story_id")
        .annotate(first=Min("published_at"), n=Count("id"))
        .order_by("-first")[:story_limit]
    )
    titles_of = dict(
        Story.objects.filter(pk__in=[s["story_id"] for s in per_story]).values_list("pk", "title")
    )
    stories = [{**s, "story__title": titles_of.get(s["story_id"], "")} for s in per_story]
    spellings = [{"name": n} for n in person.names or [person.name]]
    return {
        "bucket": bucket,
        "outlets": outlets,
        "titles": [
            {"title": t, "n": n, "relation": relations.get(t, "")}
            for t, n in title_totals.most_common()
        ],
        "stories": stories,
        "spellings": spellings,
        "offices": offices_held(person),
    }


def offices_held(person: Person) -> list[OfficeHolder]:
    names = person.names or [person.name]
    surname = (name_tokens(person.name) or [""])[-1]
    return [
        h
        for h in OfficeHolder.objects.filter(person__iendswith=surname)
        .select_related("office")
        .order_by("-start")
        if any(h.person == n or same_person(h.person, n) for n in names)
    ]


# Relations from no difference to the most serious (claims.analysis.titles).
_RANK = {
    r: i
    for i, r in enumerate(
        [
            "",
            "same",
            "short_form",
            "descriptive",
            "same_office_other_name",
            "former_vs_current",
            "different_office",
        ]
    )
}


def _worse(a: str, b: str) -> str:
    return a if _RANK.get(a, 0) >= _RANK.get(b, 0) else b

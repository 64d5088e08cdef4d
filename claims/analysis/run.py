"""One story's analysis: plain data in (`StoryInput`), plain data out (`StoryAnalysis`)."""

from __future__ import annotations

import numpy as np

from claims.analysis import (
    abroad,
    cluster,
    compare,
    figure_pairs,
    figures,
    matching,
    people,
    provenance,
    status,
    titles,
    wire,
)
from claims.analysis.kinds import cluster_status
from claims.analysis.normalise import tokens
from claims.analysis.types import ClusterResult, StoryAnalysis, StoryInput


def analyse(
    story: StoryInput,
    match_config: matching.MatchConfig | None = None,
    figure_model: figure_pairs.FigureModel | str | None = figure_pairs.TRAINED,
) -> StoryAnalysis:
    articles = {a.id: a for a in story.articles}
    claims = [c for c in story.claims if c.article_id in articles]
    order = cluster.claim_order(articles)
    claims.sort(key=order)
    aliases = list(story.aliases)

    links = wire.find_wire_links(story.articles)
    keys = wire.source_keys(story.articles, links)

    embedded = [c for c in claims if c.embedding is not None]
    clustering = cluster.cluster_claims(embedded, story.decisions, match_config)
    profiles = people.build_people(claims, aliases, articles)
    related = compare.related_places(claims)

    in_group = {i: id(group) for group in clustering.groups for i in group}
    differing: dict[int, list] = {}
    for i, j, kinds in clustering.differences:
        differing.setdefault(in_group[i], []).append((embedded[i], embedded[j], kinds))

    clusters: list[ClusterResult] = []
    flags = []
    claim_cluster: dict[int, str] = {}
    used = set()
    for group in clustering.groups:
        members = sorted((embedded[i] for i in group), key=order)
        anchor = members[0]
        label = _medoid(group, embedded, clustering.scores).text
        fp = cluster.cluster_fingerprint(anchor)
        if fp in used:  # the same sentence anchoring two clusters: keep both apart
            fp = cluster.short_hash(fp, str(anchor.id))
        used.add(fp)
        outlets = []
        for c in members:
            if c.outlet not in outlets:
                outlets.append(c.outlet)
        # Independent origins (copies folded into what they copy), not outlets.
        trail = provenance.trace(members, articles, links, keys)
        independent = trail.independent_count
        contradictions = compare.contradiction_flags(
            label, fp, members, articles, aliases, related
        )
        contradictions += meaning_flags(
            label, fp, differing.get(id(group), []), contradictions, figures.story_year(articles)
        )
        status = cluster_status(independent, disputed=bool(contradictions))
        flags += compare.cluster_flags(label, fp, members, independent)
        flags += contradictions
        clusters.append(
            ClusterResult(
                fp,
                [c.id for c in members],
                label,
                status,
                outlets,
                independent,
                provenance=trail.to_dict(),
            )
        )
        for c in members:
            claim_cluster[c.id] = fp

    # Most widely told first, then in the order they were first reported.
    first = {id(c): i for i, c in enumerate(clusters)}
    clusters.sort(key=lambda c: (-c.independent_count, -len(c.outlets), first[id(c)]))
    for position, c in enumerate(clusters):
        c.position = position

    offices = titles.OfficeBook(story.offices)
    flags += compare.people_flags(profiles, claims, aliases, articles, offices)
    flags += compare.quote_flags(claims, profiles, aliases, order)
    flags += provenance.stale_copies(story.articles, story.revisions)
    # tolls of pages in other languages join the figures told across the story
    figured = claims + abroad.foreign_claims(articles)
    timelines, figure_flags = compare.timeline_flags(figured, articles, aliases)
    flags += figure_flags
    flags += compare.story_figure_flags(figured, articles, aliases)
    flags += compare.status_flags(claims, articles)
    flags += compare.weekday_flags(claims, articles)
    flags += compare.event_date_flags(claims, articles)
    flags += compare.date_slip_flags(claims)
    flags += compare.month_slip_flags(claims, articles)
    flags += compare.event_time_flags(claims)
    flags += compare.event_place_flags(claims, articles)
    flags += compare.part_flags(claims)
    flags += compare.event_weekday_flags(claims)
    flags += compare.spelling_flags(profiles, claims, aliases, claim_cluster, articles)
    flags += compare.listed_spelling_flags(profiles, articles, aliases)
    flags += compare.doubled_letter_flags(profiles, claims, aliases)
    flags += compare.org_name_flags(claims, profiles, aliases)
    flags += compare.unshown_slips(compare.surname_slip_flags(profiles, articles, aliases), flags)
    flags += compare.age_flags(profiles, articles, aliases)
    flags += compare.rank_flags(profiles, articles)
    flags += compare.order_flags(claims)
    by_claim = {c.id: claim_cluster.get(c.id, "") for c in claims}
    for f in flags:
        if not f.cluster_fingerprint and f.kind in (compare.QUOTE_VARIANT, provenance.STALE_COPY):
            ids = [e.article_id for v in f.variants for e in v.evidence]
            f.cluster_fingerprint = next(
                (
                    by_claim[c.id]
                    for c in claims
                    if c.article_id in ids
                    and by_claim.get(c.id)
                    and any(e.text == c.text for v in f.variants for e in v.evidence)
                ),
                "",
            )
    # A learned second look at number flags (see figure_pairs): the typed
    # comparison's rules also pair figures no reviewer would compare.
    flags = figure_pairs.second_look(flags, claims, articles, claim_cluster, figure_model)
    return StoryAnalysis(
        title=story_title(story, embedded),
        clusters=clusters,
        flags=compare.with_severity(
            compare._dedupe(compare.merge_name_flags(compare.fold_figure_twins(flags)))
        ),
        people=profiles,
        suggestions=clustering.suggestions,
        wire_links=links,
        claim_cluster=claim_cluster,
        timelines=timelines,
    )


# What `matching.differences` found -> the flag that shows it.
MEANING_FLAGS = {
    matching.NEGATION: compare.POLARITY_MISMATCH,
    matching.NUMBER: compare.NUMBER_MISMATCH,
    matching.ROLES: compare.ROLE_MISMATCH,
}


def meaning_flags(label: str, fp: str, pairs, already, now_year: int | None = None) -> list:
    """Flags for matched pairs of one cluster whose meaning may differ.

    Two claims joined in one cluster can say nearly the same words and still
    differ: a negation, a figure or two actors swapped between them is shown to
    the reviewer as a flag on the cluster, unless the slot comparison already
    flagged that kind.
    """
    seen = {f.kind for f in already}
    by_kind: dict[str, list] = {}
    for a, b, kinds in pairs:
        for kind in kinds:
            flag_kind = MEANING_FLAGS[kind]
            if flag_kind not in seen and _difference_holds(kind, a, b, now_year):
                by_kind.setdefault(flag_kind, []).extend((a, b))
    flags = []
    for flag_kind, claims in by_kind.items():
        unique = list({c.id: c for c in claims}.values())
        variants = compare._variants((c.text_hash, c.text, c) for c in unique)
        if len(variants) >= 2:
            flags.append(compare._flag(flag_kind, label, variants, fp, key_subject=fp))
    return flags


def _difference_holds(kind: str, a, b, now_year: int | None = None) -> bool:
    """A second look at a pair's difference with what the claims' slots know.

    A figure: claims with typed quantities are judged by the typed comparison
    (compare.figure_flags, the story's timelines), which knows that "at least
    820" and "820", or "nine dead" and "27 injured", are no contradiction.
    A negation: only when a word the one denies stands affirmed in the other
    ("has not been identified" / "was identified"), not a "not" anywhere.
    Actors swapped: see `_roles_swapped`.
    """
    if kind == matching.NUMBER:
        if a.data.quantities is None or b.data.quantities is None:
            return True
        if figures.of_another_time(a, now_year) or figures.of_another_time(b, now_year):
            return False  # one dated years before the story: a figure of another time
        return _figures_differ(a.data.quantities, b.data.quantities)
    if kind == matching.NEGATION:
        negated, affirmed = (a, b) if matching.prepare(a.text).negated else (b, a)
        return status.negation_clash([negated.text], [affirmed.text])
    if kind == matching.ROLES:
        return _roles_swapped(a, b)
    return True


def _figures_differ(these, those) -> bool:
    """A figure of one claim that measures what a figure of the other measures
    and agrees with none of them. Moving tallies are left to the timelines."""
    for q in these:
        key = _pair_key(q)
        if key is None:
            continue
        peers = [p for p in those if _pair_key(p) == key]
        if peers and all(figures.agreement(q, p) == "differ" for p in peers):
            return True
    return False


def _pair_key(q) -> str | None:
    """What a figure measures, for a pair already matched as one claim: a
    distance or a duration is that whatever noun it hangs on; a count needs its
    counted noun or state, and a tally that moves is no pair's to judge."""
    if q.dimension == "count":
        return None if figures.is_moving(q) else figures.measure_key(q)
    if q.dimension == "money":
        return f"money|{q.unit}"
    return q.dimension


# Words that join a list of actors rather than tie one to another by an action.
_LIST_WORDS = {"and", "or", "as", "well", "the", "of", "in", "from", "to", "a", "an", "with"}


def _roles_swapped(a, b) -> bool:
    """Two actors swapped around the same action word: "Harlow defeated Okafor" /
    "Okafor defeated Harlow". Places are settings, not actors, and a list ("Spain,
    Qatar and Britain") or a sentence that only reorders its clauses ("X announced
    that Y was charged" / "Y was charged, X announced") is no swap: the words
    between the two actors must share an action word in both tellings."""
    ta, tb = matching.prepare(a.text), matching.prepare(b.text)
    places = {w for c in (a, b) for p in c.data.places for w in tokens(p.text)}
    shared = [n for n in ta.names if n in set(tb.names) and n not in places]
    for i, x in enumerate(shared):
        for y in shared[i + 1 :]:
            between_a = _between(ta.words, x, y)
            between_b = _between(tb.words, y, x)
            if between_a and between_b and between_a & between_b:
                return True
    return False


def _between(words: tuple, first: str, second: str) -> set[str]:
    """Content words between `first` and a later `second` (empty when not in that order)."""
    try:
        i = words.index(first)
        j = words.index(second, i + 1)
    except ValueError:
        return set()
    return {
        w
        for w in words[i + 1 : j]
        if w.isalpha() and len(w) > 2 and w not in _LIST_WORDS and w not in matching.STOP
    }


def _medoid(group: list[int], embedded, scores) -> object:
    """The member closest on average to the others: the cluster's label."""
    if len(group) <= 2:
        return min((embedded[i] for i in group), key=lambda c: (c.data.position, c.id))
    sub = scores[np.ix_(group, group)]
    best = int(np.argmax(sub.sum(axis=1)))
    return embedded[group[best]]


def _opening(text: str, limit: int = 120) -> str:
    """The first line of a text, cut at a word within `limit` characters."""
    line = next((x.strip() for x in (text or "").splitlines() if x.strip()), "")
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0] + "…"


def story_title(story: StoryInput, embedded) -> str:
    """The headline of the article closest to the story's centre."""
    titled = [a for a in story.articles if a.title]
    if not titled:
        # no headline: a claim, else the opening words of an article no claim was
        # read in (a page in another language), which a reviewer can still place
        leads = (_opening(a.text) for a in story.articles)
        return next((c.text[:200] for c in story.claims), None) or next(
            (lead for lead in leads if lead), "Untitled story"
        )
    vectors = {}
    for a in titled:
        embs = [c.embedding for c in embedded if c.article_id == a.id]
        if embs:
            vectors[a.id] = cluster.article_vector(embs)
    if len(vectors) < 2:
        return titled[0].title
    centre = cluster.normalise(np.mean(list(vectors.values()), axis=0))
    best = max(vectors, key=lambda aid: float(vectors[aid] @ centre))
    return next(a.title for a in titled if a.id == best)

"""Flag precision and recall per kind on the development set, beside a baseline.

Each event of eval/dev (articles.jsonl + expected.json) is ingested into a
scratch database through the real pipeline (extraction, embeddings, stories,
analysis). Its articles are then held in one story, so what is measured here
is the flags, not the story grouping (eval/stories.py measures that).

An expected flag is found when a produced flag of the same kind has, for at
least two of its values (one if it lists one, or if the produced flag is one
article's internal error against a computed value, such as a weekday that does
not fit its date), a variant given by one of the value's outlets whose value or
sentence carries it (same words, or the same figure). Precision counts every
produced disagreement flag (not corroborated, single source or stale copy) that
matches no expected flag as a false one; flags that hit a listed `not_flags`
entry are counted apart too.

The baseline is the session-start comparison run on the same claims and
clusters: numbers compared per unit with no typed quantities, timelines,
status or weekday checks (claims whose `quantities` are None take that path).
Events are split in eval/dev/split.json: thresholds tuned on "tune", figures
reported on "report".

`python -m eval.flags [--half NAME | --event SLUG ...] [--verbose] [--replay] [--why]`
runs this section alone: one half (or the named events, e.g. a first read of new
ones), every missed expected flag and every false flag printed, or (--replay) the
analysis alone on the story inputs the last full run saved under .cache/flags/
(quantities, dates, quotes, speakers and people extracted again), for tuning the
pure core in seconds. The reported figures come from a full run.
Each half also prints what a new user ingesting one event alone sees: how many
stories the pipeline put its articles in, and the flags found within those
stories analysed each alone (outlets in different stories are never compared).
`--why` adds, per kind, the step where each expected flag was lost (no claim
carries its values, only one side does, the sides were never in one cluster,
they were compared and not flagged, flagged as another kind), and the flags
that match no expected one by kind and, for figures, by the step that raised
them (a moving tally's timeline, a figure compared across the story, one claim
cluster): counts only, so it can be read on a held-out split without reading
its cases.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import sys
from collections import defaultdict
from io import StringIO
from pathlib import Path

from eval.common import APART, SPLITS, events, ingest_event, scratch_database, split

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "flags"

AGREEMENT_KINDS = {"corroborated", "single_source", "stale_copy"}
# The demo's disagreement flags at the start of this work (report --json of
# load_demo): they must all be kept, and no other disagreement flag may appear.
DEMO_EXPECTED = [
    ("title_mismatch", "Pete Hegseth", {"Secretary of War", "Defence Secretary"}),
    ("name_variant", "Pete Hegseth", {"Pete Hegseth", "Peter Hegseth"}),
    ("quote_variant", "Pete Hegseth", {"work", "working"}),
    ("quote_variant", "Pete Hegseth", {"and deterrence", "and strategic deterrence"}),
    ("quote_variant", "Rajnath Singh", {"remain the", "remain as the"}),
    ("quote_variant", "Rajnath Singh", {"rules-bound", "rule-based", "rules-based"}),
]
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\b[a-z]+(?:-[a-z]+)?\b", re.IGNORECASE)
# "$4.4 million": the quantities hold 4,400,000, the value string 4.4 and a scale word.
_SCALED = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(million|billion|trillion|thousand|bn|m)\b", re.I)
_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


def run(
    quick: bool = False,
    half: str | None = None,
    verbose: bool = False,
    replay: bool = False,
    why: bool = False,
    only: list[str] | None = None,
) -> dict:
    if not replay:
        scratch_database()
    halves = split()
    folders = events()
    if quick:
        folders = [f for f in folders if f.name in halves["report"][:1] + halves["tune"][:1]]
    if only:
        folders = [f for f in folders if f.name in only]
    elif half:
        folders = [f for f in folders if f.name in halves[half]]
    else:  # fresh, held and unseen are read on purpose (--half NAME), never in tuning runs
        apart = {name for split_name in APART for name in halves[split_name]}
        folders = [f for f in folders if f.name not in apart]
    per_event = {}
    for folder in folders:
        if replay:
            produced, baseline = _replayed_flags(folder.name)
        else:
            scratch_database()
            produced, baseline, stories, ingested = _story_flags(ingest_event(folder), folder.name)
        expected = _expected(folder)
        per_event[folder.name] = {
            "current": score(produced, expected),
            "baseline": score(baseline, expected),
        }
        if not replay:
            per_event[folder.name]["stories"] = stories
            per_event[folder.name]["ingested"] = score(ingested, expected)
        lost: list[str] = []
        if why:
            per_event[folder.name]["stages"], lost = _stages(folder.name, produced, expected)
            per_event[folder.name]["false"] = false_sources(produced, expected)
        _print_event(folder.name, per_event[folder.name])
        if verbose:
            _print_details(produced, expected, lost)
    out = {"events": per_event}
    groups = {"selected": list(per_event)} if only else {h: halves[h] for h in SPLITS}
    for half, members in groups.items():
        names = [n for n in members if n in per_event]
        if not names:
            continue
        out[half] = {
            which: summarise([per_event[n][which] for n in names])
            for which in ("current", "baseline")
        }
        _print_half(half, names, out[half])
        if not replay:
            out[half]["stories"] = _print_stories([per_event[n]["stories"] for n in names])
            out[half]["ingested"] = _print_ingested([per_event[n]["ingested"] for n in names])
        if why:
            out[half]["stages"] = _sum_stages([per_event[n]["stages"] for n in names])
            _print_stages(out[half]["stages"])
            out[half]["false"] = _sum_false([per_event[n]["false"] for n in names])
            _print_false(out[half]["false"])
    if not replay:
        scratch_database()
        out["demo"] = demo()
    return out


# --- one event -------------------------------------------------------------------


def _story_flags(
    article_ids: list[int], name: str = ""
) -> tuple[list[dict], list[dict], int, list[dict]]:
    """The event's articles held in one story, analysed; its flags now and as the
    baseline comparison gives them, how many stories the pipeline had put the
    articles in (the eval joins them), and the flags of those stories analysed
    each alone, before the join. The story's input is saved for --replay."""
    from claims.models import Article, Story
    from claims.services.analysis import build_input, merge_stories

    story_ids = sorted(
        set(
            Article.objects.filter(pk__in=article_ids)
            .exclude(story=None)
            .values_list("story_id", flat=True)
        )
    )
    if not story_ids:
        return [], [], 0, []
    # What a new user ingesting this event alone sees: flags only within the
    # stories the pipeline made (two outlets in different stories are never compared).
    split = len(story_ids) > 1
    as_ingested = [f for sid in story_ids for f in _analysed_flags(sid)] if split else []
    target = story_ids[0]
    merge_stories(target, story_ids[1:])
    produced = _analysed_flags(target)
    if not split:
        as_ingested = produced
    data = build_input(Story.objects.get(pk=target))
    if name:
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / f"{name}.pkl").write_bytes(pickle.dumps(data))
    return produced, _baseline(data), len(story_ids), as_ingested


def _analysed_flags(story_id: int) -> list[dict]:
    """The story analysed now; its active flags as plain dicts."""
    from django.utils import timezone

    from claims.analysis.variants import read_variants
    from claims.models import Flag, Story
    from claims.services.analysis import analyse_story

    Story.objects.filter(pk=story_id).update(needs_analysis=True, analysis_due_at=timezone.now())
    analyse_story(story_id)
    return [
        {
            "kind": f.kind,
            "subject": f.subject,
            "variants": [v.to_dict() for v in read_variants(f.variants)],
            "severity": f.severity,
            "reason": f.reason,
        }
        for f in Flag.objects.filter(story_id=story_id, is_active=True)
    ]


def _print_stories(counts: list[int]) -> dict:
    """How a new user ingesting one event sees it: the stories its articles fell into."""
    split = sum(1 for n in counts if n > 1)
    mean = sum(counts) / len(counts)
    print(
        f"   stories per event (each event ingested alone): mean {mean:.2f}, "
        f"split {split}/{len(counts)}"
    )
    return {"mean": mean, "split": split, "events": len(counts)}


def _print_ingested(scores: list[dict]) -> dict:
    """The flags a new user sees: each event alone, flags within the pipeline's stories."""
    empty = {"precision": None, "recall": None, "found": 0, "expected": 0}
    result = summarise(scores).get("all", empty)
    print(
        f"   flags within those stories (not joined): P {_fmt(result['precision'])} "
        f"R {_fmt(result['recall'])}, found {result['found']}/{result['expected']}"
    )
    return result


def _baseline(data) -> list[dict]:
    from claims.analysis.run import analyse

    for claim in data.claims:
        claim.data.quantities = None  # the per-unit comparison of the session start
    return [
        {"kind": f.kind, "subject": f.subject, "variants": f.variants_json()}
        for f in analyse(data).flags
        if not _new_check(f)
    ]


def _replayed_flags(name: str) -> tuple[list[dict], list[dict]]:
    """The saved story input analysed again by the current core; quantities,
    dates, quotes, speakers and people (with their titles) extracted again from
    the article texts, so those extraction changes count (which sentences are
    claims does not change)."""
    from claims.analysis.run import analyse

    data = pickle.loads((CACHE / f"{name}.pkl").read_bytes())
    _reextract(data)
    produced = [
        {
            "kind": f.kind,
            "subject": f.subject,
            "variants": f.variants_json(),
            "severity": f.severity,
            "reason": f.reason,
        }
        for f in analyse(data).flags
    ]
    return produced, _baseline(data)


def _reextract(data) -> None:
    from claims.nlp.extract import extract_article
    from claims.nlp.types import ArticleInput

    by_span = {(c.article_id, c.data.start, c.data.end): c for c in data.claims}
    for a in data.articles:
        published = a.published.date() if a.published else None
        got = extract_article(ArticleInput(a.text, a.title, published, a.outlet))
        a.people = got.people
        for fresh in got.claims:
            claim = by_span.get((a.id, fresh.start, fresh.end))
            if claim is not None:
                claim.data.quantities = fresh.quantities
                claim.data.dates = fresh.dates
                claim.data.quotes = fresh.quotes
                claim.data.speaker = fresh.speaker
                claim.data.people = fresh.people


def _new_check(flag) -> bool:
    """Flags only the checks added since the baseline make (status, weekdays,
    names read from lists, flight numbers, times of day, days miswritten, fates)."""
    return (
        (flag.kind == "polarity_mismatch" and flag.subject.endswith(" status"))
        or (flag.kind == "date_mismatch" and flag.reason.startswith("internal error"))
        or (flag.kind == "name_variant" and "in a list of names" in flag.reason)
        or flag.subject == "Figure: flight number"
        or flag.subject.startswith("Age: ")
        or (flag.kind == "polarity_mismatch" and flag.subject.startswith("Fate: "))
        or (flag.kind == "date_mismatch" and flag.subject.startswith("Time: "))
        or (flag.kind == "date_mismatch" and flag.subject.startswith("Date slip: "))
        or (flag.kind == "date_mismatch" and flag.subject.startswith("Day: "))
        or (flag.kind == "place_mismatch" and flag.subject.startswith("Where: "))
    )


def _expected(folder) -> dict:
    import json

    return json.loads((folder / "expected.json").read_text(encoding="utf-8"))


# --- matching ----------------------------------------------------------------------


def _fold(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(re.sub(r"[^\w%'$£€₹.-]+", " ", text).split()).strip(" .")


def _numbers(text: str) -> set[float]:
    from claims.nlp.normalize import parse_number

    found = set()
    for token in _NUMBER.findall(text or ""):
        value = parse_number(token)
        if value is not None:
            found.add(value)
    for number, scale in _SCALED.findall(text or ""):
        value = parse_number(number)
        if value is not None:
            found.add(round(value * _SCALES[scale.lower()], 6))
    return found


def value_matches(value: str, outlets: list[str], variant: dict) -> bool:
    """A produced variant carries an expected value told by one of its outlets."""
    if outlets and not set(outlets) & set(variant.get("outlets") or []):
        return False
    want, got = _fold(value), _fold(variant.get("value", ""))
    if got and want and (got in want or want in got):
        return True
    if want and any(want in _fold(e.get("text", "")) for e in variant.get("evidence") or []):
        return True
    return bool(_numbers(value) & _numbers(variant.get("value", "")))


def flag_matches(produced: dict, expected: dict) -> bool:
    if produced["kind"] != expected["kind"]:
        return False
    values = list(expected.get("values") or [])
    outlets = expected.get("outlets") or {}
    variants = list(produced.get("variants") or [])
    used = set()
    hits = 0
    for value in values:
        for i, variant in enumerate(variants):
            if i not in used and value_matches(value, outlets.get(value, []), variant):
                used.add(i)
                hits += 1
                break
    # One article's internal error ("Wednesday, Sept. 19" when the 19th was a
    # Tuesday) stands against a computed value no outlet wrote: its one told
    # value is the whole finding.
    told = sum(1 for v in variants if v.get("outlets"))
    return hits >= min(2, len(values), max(told, 1)) and hits > 0


def score(produced: list[dict], expected: dict) -> dict:
    """Per kind: expected flags found, produced flags that are right, false ones."""
    flags = [f for f in produced if f["kind"] not in AGREEMENT_KINDS]
    wanted = list(expected.get("flags") or [])
    avoid = list(expected.get("not_flags") or [])
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {"expected": 0, "found": 0, "produced": 0, "right": 0, "not_flag_hits": 0}
    )
    for e in wanted:
        counts[e["kind"]]["expected"] += 1
        if any(flag_matches(f, e) for f in flags):
            counts[e["kind"]]["found"] += 1
    for f in flags:
        counts[f["kind"]]["produced"] += 1
        if any(flag_matches(f, e) for e in wanted):
            counts[f["kind"]]["right"] += 1
        elif any(flag_matches(f, e) for e in avoid):
            counts[f["kind"]]["not_flag_hits"] += 1
    return {k: dict(v) for k, v in counts.items()}


def summarise(scores: list[dict]) -> dict:
    total: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s in scores:
        for kind, c in s.items():
            for key, n in c.items():
                total[kind][key] += n
                total["all"][key] += n
    out = {}
    for kind, c in total.items():
        p = c["right"] / c["produced"] if c["produced"] else None
        r = c["found"] / c["expected"] if c["expected"] else None
        out[kind] = {**c, "precision": p, "recall": r}
    return out


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:.2f}"


def _print_event(name: str, result: dict) -> None:
    cur, base = summarise([result["current"]])["all"], summarise([result["baseline"]])["all"]
    print(
        f"   {name}: found {cur['found']}/{cur['expected']} (baseline {base['found']}), "
        f"flags {cur['right']}/{cur['produced']} right (baseline {base['right']}/"
        f"{base['produced']}), not_flags hit {cur['not_flag_hits']} "
        f"(baseline {base['not_flag_hits']})",
        flush=True,
    )


def _short(flag: dict) -> str:
    values = "; ".join(
        f"{v.get('value', '')!r} ({', '.join(v.get('outlets') or [])})"
        for v in flag.get("variants") or []
    )
    return f"{flag['kind']} | {flag['subject'][:70]} | {values[:400]}"


def _print_details(produced: list[dict], expected: dict, lost: list[str] = ()) -> None:
    """Missed expected flags (with the step each was lost at, under --why), false
    flags and not_flags hit, one a line."""
    flags = [f for f in produced if f["kind"] not in AGREEMENT_KINDS]
    for i, e in enumerate(expected.get("flags") or []):
        if not any(flag_matches(f, e) for f in flags):
            step = f" [{lost[i]}]" if i < len(lost) else ""
            print(f"      MISSED{step} {e['kind']} | {e.get('subject', '')} | {e['values']}")
    for f in flags:
        if any(flag_matches(f, e) for e in expected.get("flags") or []):
            print(f"      RIGHT {_short(f)[:300]}")
            if f.get("reason"):
                print(f"         reason: {f['reason'][:200]}")
            continue
        hit = any(flag_matches(f, e) for e in expected.get("not_flags") or [])
        print(f"      {'NOT_FLAG' if hit else 'FALSE'} {_short(f)}")
        if f.get("reason"):
            print(f"         reason: {f['reason'][:200]}")


# --- where the missed ones were lost ---------------------------------------------------

# Kinds compared across the whole story (people, quotes, event dates); the others
# are compared only between claims of one cluster or of one typed figure.
STORY_WIDE = {"name_variant", "title_mismatch", "quote_variant"}
STAGES = ("found", "no claim", "one side", "apart", "together", "other kind")
# Where a missed quote or name was lost before its story-wide comparison: a side's
# value inside no quotation the extraction read ("unquoted"), or in no person's
# name a claim holds ("no person": NER typed it something else, or nothing).
STORY_STAGES = ("unquoted", "no person")
# Where a missed figure was lost in the typed comparison (numbers only).
FIGURE_STAGES = ("untyped", "other key", "same key")


def loss_stage(expected: dict, produced: list[dict], data, claim_cluster: dict) -> str:
    """The step of the pipeline where an expected flag was lost.

    "no claim": no value is carried by a check-worthy claim of its outlets;
    "one side": only one value is; "apart": two values are, but never in one
    cluster (their sentences were never compared); "together": they were in one
    cluster (or the kind is compared story-wide) and no flag came of it;
    "other kind": a flag of another kind carries the values.
    """
    flags = [f for f in produced if f["kind"] not in AGREEMENT_KINDS]
    if any(flag_matches(f, expected) for f in flags):
        return "found"
    if any(flag_matches({**f, "kind": expected["kind"]}, expected) for f in flags):
        return "other kind"
    outlets = expected.get("outlets") or {}
    carriers = []
    for value in expected.get("values") or []:
        want = _fold(value)
        told = set(outlets.get(value) or [])
        carriers.append(
            [
                c
                for c in data.claims
                if (not told or c.outlet in told) and want and want in _fold(c.text)
            ]
        )
    sides = [c for c in carriers if c]
    if not sides:
        return "no claim"
    if len(sides) < 2:
        return "one side"
    if expected["kind"] in STORY_WIDE:
        return _story_stage(expected["kind"], expected.get("values") or [], carriers)
    if expected["kind"] == "number_mismatch":
        return _figure_stage(expected.get("values") or [], carriers)
    groups = [{claim_cluster.get(c.id) for c in side} - {None, ""} for side in sides]
    shared = any(groups[i] & groups[j] for i in range(len(groups)) for j in range(i))
    return "together" if shared else "apart"


def _story_stage(kind: str, values: list[str], carriers: list[list]) -> str:
    """ "together", or the step before it where a quote or a name was lost."""
    for value, side in zip(values, carriers, strict=False):
        want = _fold(value)
        if not side or not want:
            continue
        slots = [getattr(c, "data", None) for c in side]
        if kind == "quote_variant":
            quoted = [_fold(q.text) for d in slots if d is not None for q in d.quotes]
            if not any(want in q or q in want for q in quoted if q):
                return "unquoted"
        if kind == "name_variant":
            names = [
                _fold(p.name or p.canonical) for d in slots if d is not None for p in d.people
            ]
            if not any(want in n or n in want for n in names if n):
                return "no person"
    return "together"


def _stages(name: str, produced: list[dict], expected: dict) -> tuple[dict, list[str]]:
    """Per kind, how many expected flags were lost at each step (see loss_stage),
    and each expected flag's step in order."""
    from claims.analysis.run import analyse

    data = pickle.loads((CACHE / f"{name}.pkl").read_bytes())
    _reextract(data)
    claim_cluster = analyse(data).claim_cluster
    stages: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    lost = []
    for e in expected.get("flags") or []:
        stage = loss_stage(e, produced, data, claim_cluster)
        stages[e["kind"]][stage] += 1
        lost.append(stage)
    return {k: dict(v) for k, v in stages.items()}, lost


def false_sources(produced: list[dict], expected: dict) -> dict[str, int]:
    """Flags that match no expected flag, by kind and, for figures, by the step
    that raised them: a timeline of a moving tally, a figure compared across the
    story, or two sentences of one claim cluster. Counts only, like the stages."""
    wanted = list(expected.get("flags") or [])
    out: dict[str, int] = defaultdict(int)
    for f in produced:
        if f["kind"] in AGREEMENT_KINDS or any(flag_matches(f, e) for e in wanted):
            continue
        source = f["kind"]
        if f["kind"] == "number_mismatch":
            if not f["subject"].startswith("Figure:"):
                source += " (in a cluster)"
            elif "moved over time" in (f.get("reason") or ""):
                source += " (timeline)"
            else:
                source += " (story-wide)"
        out[source] += 1
    return dict(out)


def _sum_false(per_event: list[dict]) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for row in per_event:
        for source, n in row.items():
            total[source] += n
    return dict(total)


def _print_false(false: dict[str, int]) -> None:
    shown = ", ".join(f"{s} {n}" for s, n in sorted(false.items(), key=lambda x: -x[1]))
    print(f"   false flags by source: {shown or 'none'}")


def _sum_stages(per_event: list[dict]) -> dict:
    total: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for stages in per_event:
        for kind, row in stages.items():
            for stage, n in row.items():
                total[kind][stage] += n
                total["all"][stage] += n
    return {k: dict(v) for k, v in total.items()}


def _figure_stage(values: list[str], carriers: list[list]) -> str:
    """Figures are compared story-wide by what they measure (figures.measure_key):
    "untyped" when a side's figure is no typed quantity of its claims, "other
    key" when both are typed but measure different things, "same key" when
    they measure the same thing and no flag came of it."""
    from claims.analysis.figures import measure_key

    keys = []
    for value, side in zip(values, carriers, strict=False):
        wanted = _numbers(value)
        found = {
            measure_key(q)
            for c in side
            for q in (c.data.quantities or [])
            if wanted & ({q.value, q.base} | set(q.alternatives))
        }
        if side and not found:
            return "untyped"
        if found:
            keys.append(found - {None})
    if len(keys) < 2:
        return "untyped"
    shared = any(keys[i] & keys[j] for i in range(len(keys)) for j in range(i))
    return "same key" if shared else "other key"


def _print_stages(stages: dict) -> None:
    columns = STAGES + STORY_STAGES + FIGURE_STAGES
    print(f"   {'where lost':<18} " + " ".join(f"{s:>10}" for s in columns))
    for kind in sorted(stages, key=lambda k: (k == "all", k)):
        row = stages[kind]
        print(f"   {kind:<18} " + " ".join(f"{row.get(s, 0):>10}" for s in columns))


def _print_half(half: str, names: list[str], result: dict) -> None:
    print(f"   -- {half} ({len(names)} events: {', '.join(names)})")
    print(f"   {'kind':<18} {'P':>5} {'R':>5} {'found':>7} {'right':>9}   baseline P / R")
    cur, base = result["current"], result["baseline"]
    for kind in sorted(set(cur) | set(base), key=lambda k: (k == "all", k)):
        c = cur.get(kind, {})
        b = base.get(kind, {})
        print(
            f"   {kind:<18} {_fmt(c.get('precision')):>5} {_fmt(c.get('recall')):>5} "
            f"{c.get('found', 0):>3}/{c.get('expected', 0):<3} "
            f"{c.get('right', 0):>4}/{c.get('produced', 0):<4}   "
            f"{_fmt(b.get('precision'))} / {_fmt(b.get('recall'))}",
            flush=True,
        )


# --- the seed demo ---------------------------------------------------------------------


def demo() -> dict:
    """The demo corpus through the pipeline: its expected flags kept, no new one."""
    import json

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("report", "--json", stdout=out)
    stories = json.loads(out.getvalue())["stories"]
    flags = [f for s in stories for f in s["flags"] if f["kind"] not in AGREEMENT_KINDS]
    kept, unmatched = [], list(flags)
    for kind, subject, values in DEMO_EXPECTED:
        hit = next(
            (
                f
                for f in unmatched
                if f["kind"] == kind
                and f["subject"].startswith(subject)
                and values <= {v["value"] for v in f["variants"]}
            ),
            None,
        )
        if hit is not None:
            unmatched.remove(hit)
            kept.append(kind)
    extra = [f"{f['kind']}: {f['subject'][:70]}" for f in unmatched]
    print(
        f"   demo: {len(kept)}/{len(DEMO_EXPECTED)} expected disagreement flags kept, "
        f"{len(extra)} new" + (f" ({'; '.join(extra)})" if extra else ""),
        flush=True,
    )
    return {"kept": len(kept), "expected": len(DEMO_EXPECTED), "new": extra}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.flags", description=__doc__)
    parser.add_argument(
        "--half",
        choices=SPLITS,
        help="one split of split.json (fresh, held, unseen, blind: never tuned on, "
        "read on request)",
    )
    parser.add_argument("--quick", action="store_true", help="one event of each half")
    parser.add_argument(
        "--event",
        action="append",
        metavar="SLUG",
        help="only this event of eval/dev/ (repeatable), whatever its split",
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="print missed and false flags"
    )
    parser.add_argument(
        "--replay", action="store_true", help="re-analyse the inputs saved by the last run"
    )
    parser.add_argument(
        "--why",
        action="store_true",
        help="count, per kind, the step where each missed expected flag was lost",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    if args.replay:
        os.environ.setdefault("DEBUG", "true")
    run(
        quick=args.quick,
        half=args.half,
        verbose=args.verbose,
        replay=args.replay,
        why=args.why,
        only=args.event,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Offices, their names over time and their holders: rows <-> plain data.

The analysis reads offices as `claims.analysis.titles.OfficeData`; curators
edit them in the admin; `load_offices` reads a TOML file of them (the demo's is
demo/offices.toml); `suggest_office_names` proposes, from the archive, titles
outlets give a person as names of an office, for curators to accept or reject.
A suggestion changes no flag until it is accepted (it becomes an OfficeName).
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Prefetch
from django.utils import timezone

from claims.analysis import titles
from claims.analysis.people import same_person
from claims.analysis.titles import HolderData, OfficeData, OfficeNameData
from claims.models import (
    Office,
    OfficeHolder,
    OfficeName,
    OfficeNameSuggestion,
    PersonAppearance,
)

# A title is proposed once this many articles give it to one person.
SUGGEST_MIN_ARTICLES = 2


def office_data() -> list[OfficeData]:
    """Every office with its names and holders, for the analysis."""
    offices = Office.objects.prefetch_related(
        Prefetch("names", queryset=OfficeName.objects.order_by("valid_from", "pk")),
        Prefetch("holders", queryset=OfficeHolder.objects.order_by("start", "pk")),
    )
    return [
        OfficeData(
            id=o.pk,
            name=o.name,
            jurisdiction=o.jurisdiction,
            names=[
                OfficeNameData(n.name, n.kind, n.valid_from, n.valid_to) for n in o.names.all()
            ],
            holders=[HolderData(h.person, h.start, h.end) for h in o.holders.all()],
        )
        for o in offices
    ]


def _date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@transaction.atomic
def load_offices(path: Path | str) -> dict[str, int]:
    """Create the offices of a TOML file that are missing; idempotent.

    Each row is validated as the admin validates it (`full_clean`); a bad row
    raises ValidationError and, the load being one transaction, nothing of the
    file is saved.
    """
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    created = {"offices": 0, "names": 0, "holders": 0}
    for entry in data.get("office", []):
        office, new = Office.objects.get_or_create(
            name=entry["name"],
            jurisdiction=entry.get("jurisdiction", ""),
            defaults={"sources": entry.get("sources", ""), "seats": entry.get("seats", 1)},
        )
        created["offices"] += new
        for n in entry.get("names", []):
            row = OfficeName(
                office=office,
                name=n["name"],
                kind=n.get("kind", OfficeName.Kind.STATUTORY),
                valid_from=_date(n.get("valid_from")),
                valid_to=_date(n.get("valid_to")),
            )
            if OfficeName.objects.filter(office=office, name=row.name, kind=row.kind).exists():
                continue
            row.full_clean()
            row.save()
            created["names"] += 1
        for h in entry.get("holders", []):
            start = _date(h["start"])
            if start is None:  # as full_clean would say
                raise ValidationError({"start": ["This field cannot be null."]})
            holder = OfficeHolder(
                office=office, person=h["person"], start=start, end=_date(h.get("end"))
            )
            if OfficeHolder.objects.filter(
                office=office, person=holder.person, start=start
            ).exists():
                continue
            holder.full_clean()
            holder.save()
            created["holders"] += 1
    return created


def holder_offices(person: str, holders=None) -> list[OfficeHolder]:
    """The terms of office of a person (spelling variants of the name included)."""
    surname = (person.split() or [""])[-1]
    rows = holders if holders is not None else OfficeHolder.objects.select_related("office")
    if holders is None:
        rows = rows.filter(person__iendswith=surname)
    return [h for h in rows if same_person(h.person, person) or h.person == person]


def suggest_office_names(story_id: int) -> int:
    """Propose titles the archive gives the story's people as names of an office.

    Counted over the whole archive (PersonAppearance): a title is proposed for
    a person when it names no curated office yet, is no description ("Pentagon
    chief") nor a "former" status, and at least SUGGEST_MIN_ARTICLES articles
    give it to them. The office proposed is the one the person held on the
    title's dates, when the holders say so; the curator may change it. A
    decided suggestion is left as it is. Returns how many were created or updated.
    """
    person_ids = list(
        PersonAppearance.objects.filter(story_id=story_id)
        .exclude(title="")
        .values_list("person_id", flat=True)
        .distinct()
        .order_by()
    )
    if not person_ids:
        return 0
    known = set(OfficeName.objects.values_list("key", flat=True))
    known |= {titles.key_of(n) for n in Office.objects.values_list("name", flat=True)}
    holders = list(OfficeHolder.objects.select_related("office"))
    appearances = PersonAppearance.objects.filter(person_id__in=person_ids).exclude(title="")
    outlets: dict[tuple, list[str]] = {}
    for person_id, title, outlet in (
        appearances.values_list("person_id", "title", "outlet__name").distinct().order_by()
    ):
        outlets.setdefault((person_id, title), []).append(outlet)
    # one key per title as written: the most used spelling names the suggestion
    by_key: dict[tuple, dict] = {}
    for row in (
        appearances.values("person_id", "person__name", "title")
        .annotate(n=Count("article_id", distinct=True), first=Min("day"), last=Max("day"))
        .order_by("-n", "title")
    ):
        value = row["title"]
        key = titles.key_of(value)
        if not key or key in known or titles.is_descriptive(value):
            continue
        if titles.split_former(value)[0]:
            continue  # "former X" is a status, not a name of an office
        entry = by_key.setdefault(
            (row["person__name"], key),
            {"title": value, "n": 0, "first": None, "last": None, "outlets": []},
        )
        entry["n"] += row["n"]
        entry["first"] = min((d for d in (entry["first"], row["first"]) if d), default=None)
        entry["last"] = max((d for d in (entry["last"], row["last"]) if d), default=None)
        entry["outlets"] += [
            o for o in outlets.get((row["person_id"], value), []) if o not in entry["outlets"]
        ]
    touched = 0
    for (person, key), e in by_key.items():
        if e["n"] < SUGGEST_MIN_ARTICLES:
            continue
        terms = holder_offices(person, holders)
        days = [d for d in (e["first"], e["last"]) if d]
        office = next(
            (
                h.office
                for h in terms
                for d in days
                if HolderData(h.person, h.start, h.end).holds_on(d)
            ),
            None,
        )
        touched += _upsert_suggestion(person, key, office, e)
    return touched


def _upsert_suggestion(person: str, key: str, office, e: dict) -> int:
    row = OfficeNameSuggestion.objects.filter(person=person, key=key).first()
    values = {
        "outlets": sorted(e["outlets"]),
        "mentions": e["n"],
        "first_seen": e["first"],
        "last_seen": e["last"],
    }
    if row is None:
        OfficeNameSuggestion.objects.create(
            person=person, title=e["title"][:200], key=key, office=office, **values
        )
        return 1
    if row.decision != OfficeNameSuggestion.Decision.PENDING:
        return 0
    if row.office_id is None and office is not None:
        values["office"] = office
    if all(getattr(row, k) == v for k, v in values.items()):
        return 0
    for k, v in values.items():
        setattr(row, k, v)
    row.save(update_fields=list(values))
    return 1


def accept_suggestion(suggestion: OfficeNameSuggestion, user=None) -> OfficeName:
    """Make the suggestion an office name (validated as in the admin)."""
    if suggestion.office_id is None:
        raise ValidationError("Choose the office this title names before accepting it.")
    with transaction.atomic():
        name = OfficeName(
            office_id=suggestion.office_id,
            name=suggestion.title,
            kind=suggestion.kind,
            valid_from=None,
        )
        name.full_clean()
        name.save()
        suggestion.decision = OfficeNameSuggestion.Decision.ACCEPTED
        suggestion.decided_by = user
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["decision", "decided_by", "decided_at"])
    return name


def reject_suggestion(suggestion: OfficeNameSuggestion, user=None) -> None:
    suggestion.decision = OfficeNameSuggestion.Decision.REJECTED
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["decision", "decided_by", "decided_at"])


def reanalyse_for_office(office_id: int) -> int:
    """Ask for a new analysis of the stories whose people include a holder of the office.

    Called after a curator changes an office, its names or its holders, so the
    title flags follow the office data. Returns how many stories were asked.
    """
    from claims import pipeline
    from claims.models import Story

    names = set(OfficeHolder.objects.filter(office_id=office_id).values_list("person", flat=True))
    story_ids = set()
    for person in names:
        surname = (person.split() or [""])[-1]
        for pk, people in (
            Story.objects.live().filter(people__icontains=surname).values_list("pk", "people")
        ):
            for p in people if isinstance(people, list) else []:
                canonical = p.get("canonical", "") if isinstance(p, dict) else ""
                if canonical and (canonical == person or same_person(canonical, person)):
                    story_ids.add(pk)
    for pk in sorted(story_ids):
        pipeline.request_analysis(pk)
    return len(story_ids)


def title_flag_detail(flag) -> dict:
    """A title flag's relation and, where office data decided it, the office, the
    publication date it was read at and each name's kind and validity used: the
    keys `report --json` and the flags export add to a flag (Flag.detail)."""
    detail = flag.detail if isinstance(flag.detail, dict) else {}
    if flag.kind != "title_mismatch" or not detail.get("relation"):
        return {}
    out = {"relation": detail["relation"]}  # the reason in words is the flag's own
    if detail.get("basis") == "office":
        out["office"] = detail.get("office")
        out["date"] = detail.get("date")
        out["validity"] = [
            {
                "value": t.get("value"),
                "name": t.get("name"),
                "kind": t.get("kind"),
                "valid_from": t.get("valid_from"),
                "valid_to": t.get("valid_to"),
            }
            for t in detail.get("titles", [])
            if t.get("office")
        ]
    return out

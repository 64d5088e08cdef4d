"""People across the archive: a list with search, and a page per person with every
spelling, the titles each outlet used over time (an inline SVG timeline), the
offices held and the stories."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from claims.analysis.titles import RELATION_LABELS
from claims.models import Person
from claims.services import people as people_service
from claims.views.common import render_page


@login_required
@require_GET
def person_list(request):
    q = request.GET.get("q", "").strip()
    people = Person.objects.all()
    if q:
        people = people.filter(Q(name__icontains=q) | Q(names__icontains=q))
    page = Paginator(people.order_by("-story_count", "name"), 50).get_page(request.GET.get("page"))
    return render_page(request, "claims/person_list.html", {"page": page, "q": q})


@login_required
@require_GET
def person(request, pk):
    person = get_object_or_404(Person, pk=pk)
    data = people_service.person_page(person)
    for t in data["titles"]:
        t["label"] = RELATION_LABELS.get(t["relation"], "")
    return render_page(request, "claims/person.html", {"person": person, **data})

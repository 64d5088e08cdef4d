"""Search over claims, flags and people, and the queue of suggested claim matches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from claims.access import reviewer_required
from claims.forms import SearchForm, SuggestionForm
from claims.markup import highlight_terms, word_diff
from claims.models import Claim, Flag, MatchSuggestion, Story
from claims.services import review as review_service
from claims.views.common import FLAG_PRIORITY, is_htmx, next_url, render_page
from claims.views.stories import people_rows


@login_required
@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "searched": False}
    if not form.is_valid():
        return render_page(request, "claims/search.html", context)
    data = form.cleaned_data
    q = data.get("q", "").strip()
    story_id = request.GET.get("story", "")
    story_id = int(story_id) if story_id.isdigit() else None

    claims = Claim.objects.select_related("article__outlet", "cluster").only(
        "pk",
        "text",
        "kind",
        "speaker",
        "cluster__id",
        "cluster__status",
        "cluster__label",
        "article__id",
        "article__title",
        "article__published_at",
        "article__outlet__name",
        "story_id",
    )
    flags = (
        Flag.objects.active()
        .select_related("story")
        .only("pk", "kind", "subject", "status", "variants", "story__title", "story__id")
    )
    if q:
        claims = claims.filter(Q(text__icontains=q) | Q(speaker__icontains=q))
        flags = flags.filter(Q(subject__icontains=q) | Q(variants__icontains=q))
    if data.get("type"):
        claims = claims.filter(kind=data["type"])
    if data.get("outlet"):
        claims = claims.filter(article__outlet=data["outlet"])
        flags = flags.filter(cluster__claims__article__outlet=data["outlet"]).distinct()
    if data.get("since"):
        claims = claims.filter(article__published_at__date__gte=data["since"])
        flags = flags.filter(story__last_seen__date__gte=data["since"])
    if data.get("until"):
        claims = claims.filter(article__published_at__date__lte=data["until"])
        flags = flags.filter(story__first_seen__date__lte=data["until"])
    if story_id:
        claims = claims.filter(story_id=story_id)
        flags = flags.filter(story_id=story_id)
    flag_filter = {}
    if data.get("kind"):
        flag_filter["kind"] = data["kind"]
    if data.get("status"):
        flag_filter["status"] = data["status"]
    if flag_filter:
        flags = flags.filter(**flag_filter)
        claims = claims.filter(
            cluster__in=Flag.objects.active().filter(**flag_filter).values("cluster")
        )
    page = Paginator(
        claims.order_by("-article__published_at", "article_id", "position"), 25
    ).get_page(request.GET.get("page"))
    for claim in page:
        claim.html = highlight_terms(claim.text, [q]) if q else claim.text
    people = []
    if q:
        stories = Story.objects.live().filter(people__icontains=q).only("pk", "title", "people")
        if story_id:
            stories = stories.filter(pk=story_id)
        for story in stories[:20]:
            for person in people_rows(story, []):
                haystack = " ".join([person["name"], *person["variants"], *person["titles"]])
                if q.lower() in haystack.lower():
                    people.append({**person, "story": story})
    params = request.GET.copy()
    params.pop("page", None)
    context.update(
        {
            "searched": True,
            "q": q,
            "page": page,
            "flags": list(
                flags.annotate(
                    priority=Case(
                        *[When(kind=k, then=Value(i)) for i, k in enumerate(FLAG_PRIORITY)],
                        When(kind="single_source", then=Value(50)),
                        default=Value(90),
                        output_field=IntegerField(),
                    )
                ).order_by("priority", "-story__last_seen", "subject")[:25]
            ),
            "people": people,
            "querystring": params.urlencode(),
            "story_filter": Story.objects.filter(pk=story_id).first() if story_id else None,
        }
    )
    return render_page(request, "claims/search.html", context)


# --- match suggestions -----------------------------------------------------------------


def _diff_pair(suggestion):
    suggestion.html_a = word_diff(suggestion.text_b, suggestion.text_a, 0.5)
    suggestion.html_b = word_diff(suggestion.text_a, suggestion.text_b, 0.5)


@login_required
@require_GET
def suggestions(request):
    qs = MatchSuggestion.objects.filter(is_active=True).select_related("story", "decided_by")
    story_id = request.GET.get("story", "")
    if story_id.isdigit():
        qs = qs.filter(story_id=int(story_id))
    show = request.GET.get("show", "pending")
    if show == "pending":
        qs = qs.filter(decision=MatchSuggestion.Decision.PENDING)
    elif show == "decided":
        qs = qs.exclude(decision=MatchSuggestion.Decision.PENDING)
    page = Paginator(qs.order_by("-similarity", "pk"), 30).get_page(request.GET.get("page"))
    for suggestion in page:
        _diff_pair(suggestion)
    return render_page(request, "claims/suggestions.html", {"page": page, "show": show})


@reviewer_required
@require_POST
def decide_suggestion(request, pk):
    suggestion = get_object_or_404(MatchSuggestion, pk=pk)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        if is_htmx(request):
            return HttpResponse("Invalid decision.", status=400)
        messages.error(request, "Pick a decision.")
        return redirect("claims:suggestions")
    suggestion = review_service.decide_suggestion(
        suggestion.pk, form.cleaned_data["decision"], request.user
    )
    if is_htmx(request):
        _diff_pair(suggestion)
        return render_page(request, "claims/_suggestion.html", {"s": suggestion})
    messages.success(request, f"Marked: {suggestion.get_decision_display().lower()}.")
    return redirect(next_url(request, reverse("claims:suggestions")))

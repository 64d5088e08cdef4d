"""JSON API: the story report (the same data as `manage.py report --json`)."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from claims.access import api_login_required
from claims.models import Story
from claims.services.analysis import story_report


@api_login_required
@require_GET
def api_stories(request):
    return JsonResponse(story_report())


@api_login_required
@require_GET
def api_story(request, pk):
    if not Story.objects.filter(pk=pk).exists():
        return JsonResponse({"error": "no such story"}, status=404)
    return JsonResponse(story_report(story_id=pk))

"""The panel of bulk match decisions: `{% suggestion_bulk story %}` on the story page,
`{% suggestion_bulk request.GET.story %}` on the suggestions page (a story id, or nothing)."""

from django import template

from claims.models import Story
from claims.views.suggestion_bulk import panel_context

register = template.Library()


@register.inclusion_tag("claims/_suggestion_bulk.html", takes_context=True)
def suggestion_bulk(context, story):
    request = context["request"]
    if not isinstance(story, Story):
        text = str(story or "")
        story = Story.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if story is None:
        return {"pending": 0}
    out = panel_context(story, request.user)
    out["csrf_token"] = context.get("csrf_token")
    out["next"] = request.get_full_path()
    return out

"""The story page's corrections panel (merge, move, split) and its history.

An inclusion tag, so the story view stays as it is: `{% story_corrections story %}`.
"""

from django import template

from claims.views.story_edits import corrections_context

register = template.Library()


@register.inclusion_tag("claims/_story_corrections.html", takes_context=True)
def story_corrections(context, story):
    request = context["request"]
    out = corrections_context(story, request.user)
    out["csrf_token"] = context.get("csrf_token")
    out["request"] = request
    return out

"""Re-check and provenance pieces for pages that are not ours: the top bar's counts,
the cluster page's open re-checks and provenance trail. Inclusion tags, so those
views stay as they are: `{% load recheck_tags %}{% cluster_rechecks cluster %}`."""

from django import template
from django.utils.dateparse import parse_datetime

from claims.services import provenance as provenance_rows
from claims.services import rechecks
from claims.views.rechecks import cluster_rechecks as cluster_rechecks_context

register = template.Library()


@register.simple_tag
def open_rechecks() -> int:
    """Open re-checks, for the dashboard."""
    return rechecks.open_count()


@register.inclusion_tag("claims/_cluster_rechecks.html", takes_context=True)
def cluster_rechecks(context, cluster):
    return {
        "items": cluster_rechecks_context(cluster),
        "can_review": context.get("can_review"),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.inclusion_tag("claims/_provenance.html")
def provenance_trail(cluster):
    trail = provenance_rows.summary(cluster)
    for item in [trail["first"], *trail["appearances"]]:
        if item:
            item["when"] = parse_datetime(item["at"]) if item.get("at") else None
    return {"cluster": cluster, "trail": trail}

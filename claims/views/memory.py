"""The claim memory on a cluster: inherit the verdict of an earlier review it matches
(claims.services.memory). "Reviewed before" itself is shown by the story rows and
the cluster page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from claims.access import reviewer_required
from claims.models import ClaimCluster
from claims.services import memory as memory_service
from claims.services import review as review_service


@reviewer_required
@require_POST
def inherit_verdict(request, pk):
    """Record the matched earlier verdict on this cluster (a logged Review naming its source)."""
    cluster = get_object_or_404(ClaimCluster, pk=pk)
    match_id = request.POST.get("match", "")
    try:
        if not match_id.isdigit():
            raise memory_service.InheritError("Pick an earlier review to inherit.")
        memory_service.inherit_verdict(cluster.pk, int(match_id), request.user)
    except (memory_service.InheritError, review_service.ReviewError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Verdict inherited.")
    return redirect(cluster)

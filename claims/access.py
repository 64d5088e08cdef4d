"""Who may do what: the one place reviewer pages ask.

Every page needs a login. Triage, verdicts, ingestion and match decisions need
the ``reviewers`` group, staff, or the ``claims.add_review`` permission; story
corrections (merge, move, split) need the same or ``claims.change_story``; other
logged-in users get 403. The admin stays Django's own (staff only).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse

REVIEWERS_GROUP = "reviewers"


def can_review(user) -> bool:
    """True for active staff, members of the reviewers group, or holders of the perm."""
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_claims_can_review", None)
    if cached is None:
        cached = (
            user.is_staff
            or user.groups.filter(name=REVIEWERS_GROUP).exists()
            or user.has_perm("claims.add_review")
        )
        user._claims_can_review = cached
    return cached


def reviewer_required(view):
    """Login required (redirect), then reviewer rights (403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_review(request.user):
            raise PermissionDenied("Reviewers only.")
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def can_edit_stories(user) -> bool:
    """Who may merge, move and split stories: reviewers, or holders of ``claims.change_story``.

    Curators (staff) pass through ``can_review``; the permission lets a site
    grant story corrections to someone who does not triage.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return can_review(user) or user.has_perm("claims.change_story")


def story_editor_required(view):
    """Login required (redirect), then the right to correct stories (403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_edit_stories(request.user):
            raise PermissionDenied("Reviewers only.")
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def api_login_required(view):
    """JSON endpoints answer 401 in JSON rather than redirecting to a login form."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "authentication required"}, status=401)
        return view(request, *args, **kwargs)

    return wrapper

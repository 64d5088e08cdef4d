"""What every reviewer page shares: rendering with the access flag, htmx detection,
flag ordering and the rows a story-level flag belongs to."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from claims.access import can_review
from claims.analysis import kinds, variants
from claims.models import Flag

# Most consequential first: a wrong title or number matters more than a quote's wording.
FLAG_PRIORITY = [
    kinds.TITLE_MISMATCH,
    kinds.NUMBER_MISMATCH,
    kinds.DATE_MISMATCH,
    kinds.PLACE_MISMATCH,
    kinds.POLARITY_MISMATCH,
    kinds.NAME_VARIANT,
    kinds.QUOTE_VARIANT,
]
CONTRADICTION_KINDS = list(kinds.DIFFERENCES)


def render_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    context.setdefault("can_review", can_review(request.user))
    return render(request, template, context)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def next_url(request: HttpRequest, default: str) -> str:
    """The form's `next` when it points back into this site, else `default`.

    Checked because a crafted form could otherwise send a reviewer to another
    site after a decision (an open redirect).
    """
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else default


def run_form(
    form: forms.Form,
    action: Callable[[dict[str, Any]], Any],
    refused: type[Exception] | tuple[type[Exception], ...],
) -> tuple[Any, str | None]:
    """`action(cleaned_data)` on a valid form: (its result, None); else (None, why in words).

    `refused` are the service's errors with a reviewer-facing message.
    """
    if not form.is_valid():
        return None, " ".join(str(e) for errors in form.errors.values() for e in errors)
    try:
        return action(form.cleaned_data), None
    except refused as exc:
        return None, str(exc)


def evidence_clusters(
    flag: Flag, by_span: Mapping[object, Iterable[tuple[int, int, int]]]
) -> list[int]:
    """Clusters whose claims (article id -> [(start, end, cluster id)]) overlap the evidence."""
    found: list[int] = []
    for ev in variants.evidence_refs(flag.variants):
        if ev.start is None:
            continue
        for start, end, cluster_id in by_span.get(ev.article, []):
            if start < (ev.end or ev.start + 1) and ev.start < end:
                if cluster_id not in found:
                    found.append(cluster_id)
    return found

"""Admin for imported fact-checks, with the "Import ClaimReview" page (imported by admin.py).

The import page takes an uploaded file, or the URL of a page or of a feed, and
runs claims.services.claimreview; the counts and every per-item error come
back as messages on the list. It needs `claims.add_factcheck`.

With a broker, a URL is imported by a worker (claims.pipeline.import_claimreview):
a feed may take minutes (up to FEED_MAX_PAGES fetches), longer than a browser or
a proxy waits; the curator gets an in-app notice with the counts. Without one
(eager mode, the demo), and for uploaded files, the import runs in the request.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from claims import pipeline
from claims.analysis.claimreview import MAX_DOCUMENT_BYTES
from claims.models import FactCheck
from claims.services import claimreview

# Error lines shown one by one; the rest are counted in one message.
SHOWN_ERRORS = 30


class ImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        help_text="A JSON file of ClaimReviews, a saved page, or an RSS/Atom feed.",
    )
    url = forms.CharField(
        required=False,
        max_length=2000,
        label="URL",
        help_text="A page carrying ClaimReview JSON-LD, or a feed whose items link to such pages.",
    )
    feed = forms.BooleanField(
        required=False, label="The URL is a feed", help_text="Otherwise a feed is detected."
    )

    def clean(self):
        data = super().clean()
        upload, url = data.get("file"), (data.get("url") or "").strip()
        if bool(upload) == bool(url):
            raise forms.ValidationError("Give a file or a URL (one of them).")
        if upload and upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_DOCUMENT_BYTES:,} bytes.")
        if url and not url.startswith(("http://", "https://")):
            raise forms.ValidationError("The URL must start with http:// or https://.")
        data["url"] = url
        return data


@admin.register(FactCheck)
class FactCheckAdmin(admin.ModelAdmin):
    change_list_template = "admin/claims/factcheck/change_list.html"
    list_display = ["claim_reviewed", "rating", "verdict", "publisher", "date_published"]
    list_filter = ["verdict", "publisher"]
    search_fields = ["claim_reviewed", "publisher", "claimant", "url"]
    readonly_fields = ["key", "source", "imported_by", "imported_at"]
    date_hierarchy = "date_published"
    show_full_result_count = False

    def get_urls(self):
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="claims_factcheck_import",
            )
        ]
        return own + super().get_urls()

    @staticmethod
    def may_import(request) -> bool:
        return request.user.has_perm("claims.add_factcheck")

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_import": self.may_import(request)}
        return super().changelist_view(request, extra_context)

    @staticmethod
    def _report(request, report: claimreview.ImportReport) -> None:
        level = messages.SUCCESS if not report.errors else messages.WARNING
        messages.add_message(request, level, f"ClaimReview import: {report.summary()}.")
        for error in report.errors[:SHOWN_ERRORS]:
            messages.error(request, error)
        if len(report.errors) > SHOWN_ERRORS:
            messages.error(request, f"… and {len(report.errors) - SHOWN_ERRORS} more errors.")

    @staticmethod
    def _run(request, data) -> claimreview.ImportReport:
        if data["file"]:
            upload = data["file"]
            content = b"".join(upload.chunks())
            return claimreview.import_file(
                upload.name, content, user=request.user, feed=data["feed"]
            )
        return claimreview.import_url(data["url"], user=request.user, feed=data["feed"])

    @staticmethod
    def _queue(request, data) -> None:
        url = data["url"]
        if pipeline.import_claimreview(url, data["feed"], request.user.pk):
            messages.success(
                request, f"Import of {url} queued; you will get a notice when it is done."
            )
        else:
            messages.error(
                request,
                f"Import of {url} not queued: the task queue is unreachable. "
                "Nothing was imported; try again later.",
            )

    def import_view(self, request):
        return require_http_methods(["GET", "POST"])(self._import_view)(request)

    def _import_view(self, request):
        if not self.may_import(request):
            raise PermissionDenied("Importing fact-checks needs claims.add_factcheck.")
        posted = request.method == "POST"
        form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
        if posted and form.is_valid():
            data = form.cleaned_data
            if data["url"] and pipeline.has_broker():
                self._queue(request, data)
            else:
                self._report(request, self._run(request, data))
            return redirect(reverse("admin:claims_factcheck_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Import ClaimReview",
            "form": form,
            "opts": self.model._meta,
            "in_background": pipeline.has_broker(),
        }
        return TemplateResponse(request, "admin/claims/factcheck/import.html", context)

"""The claim memory (claims.services.memory), read only: its entries are written from
verdicts and imported fact-checks, its matches by each story's analysis, so an edit
here would be overwritten (and a deleted entry would stay in the workers' indexes
until their next rebuild). The FactCheck rows have their own admin (the importer's).
"""

from django.contrib import admin

from claims.admin_base import LogAdmin
from claims.models import MemoryEntry, MemoryMatch


@admin.register(MemoryEntry)
class MemoryEntryAdmin(LogAdmin):
    list_display = ("short_text", "source", "verdict", "rating", "decided_at", "model")
    list_filter = ("source", "verdict", "model")
    search_fields = ("text", "rating")
    date_hierarchy = "decided_at"
    list_select_related = ("cluster", "fact_check")
    raw_id_fields = ("cluster", "fact_check")
    exclude = ("vector",)
    readonly_fields = ("updated_at",)

    @admin.display(description="text", ordering="text")
    def short_text(self, obj):
        return obj.text[:100]


@admin.register(MemoryMatch)
class MemoryMatchAdmin(LogAdmin):
    list_display = ("cluster", "entry", "score", "created_at")
    list_filter = ("entry__source",)
    search_fields = ("cluster__label", "entry__text")
    list_select_related = ("cluster", "entry")
    raw_id_fields = ("cluster", "entry")
    ordering = ("-created_at",)

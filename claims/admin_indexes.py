"""Indexes the pipeline writes for itself: visible to curators, never edited by hand.

The story key index and the term frequencies are rebuilt from the articles
(services.stories); the embedding cache only saves encoding time. Deleting
cache rows is harmless: a vector is encoded again on next use.
"""

from django.contrib import admin

from claims.models import EmbeddingCache, StoryKey, TermFrequency


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StoryKey)
class StoryKeyAdmin(ReadOnlyAdmin):
    list_display = ("key", "story", "last_seen")
    search_fields = ("key",)
    list_select_related = ("story",)
    raw_id_fields = ("story",)
    date_hierarchy = "last_seen"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TermFrequency)
class TermFrequencyAdmin(ReadOnlyAdmin):
    list_display = ("key", "documents")
    search_fields = ("key",)
    ordering = ("-documents",)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EmbeddingCache)
class EmbeddingCacheAdmin(ReadOnlyAdmin):
    list_display = ("text_hash", "model", "created_at")
    list_filter = ("model",)
    search_fields = ("text_hash",)
    exclude = ("vector",)

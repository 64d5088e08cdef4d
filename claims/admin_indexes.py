"""Indexes the pipeline writes for itself: visible to curators, never edited by hand.

The story key index and the term frequencies are rebuilt from the articles
(services.stories); the embedding cache only saves encoding time. Deleting
cache rows is harmless: a vector is encoded again on next use.
"""

from django.contrib import admin

from claims.admin_base import LogAdmin, ReadOnlyAdmin
from claims.models import EmbeddingCache, StoryKey, TermFrequency


@admin.register(StoryKey)
class StoryKeyAdmin(LogAdmin):
    list_display = ("key", "story", "last_seen")
    search_fields = ("key",)
    list_select_related = ("story",)
    raw_id_fields = ("story",)
    date_hierarchy = "last_seen"


@admin.register(TermFrequency)
class TermFrequencyAdmin(LogAdmin):
    list_display = ("key", "documents")
    search_fields = ("key",)
    ordering = ("-documents",)


@admin.register(EmbeddingCache)
class EmbeddingCacheAdmin(ReadOnlyAdmin):
    list_display = ("text_hash", "model", "created_at")
    list_filter = ("model",)
    search_fields = ("text_hash",)
    exclude = ("vector",)

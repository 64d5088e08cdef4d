from datetime import timedelta

from django.db import models
from django.utils import timezone

from claims.analysis import kinds


class FeedQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(is_active=True, next_poll_at__lte=now or timezone.now())


class ArticleQuerySet(models.QuerySet):
    def due_for_refetch(self, now=None):
        return self.filter(next_fetch_at__lte=now or timezone.now())

    def failed(self):
        return self.filter(status="failed")


class StoryQuerySet(models.QuerySet):
    def live(self):
        """Stories not merged into another."""
        return self.filter(merged_into__isnull=True)

    def active_since(self, days, now=None):
        since = (now or timezone.now()) - timedelta(days=days)
        return self.live().filter(last_seen__gte=since)

    def due_for_analysis(self, now=None):
        return self.filter(needs_analysis=True, analysis_due_at__lte=now or timezone.now())


class FlagQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def open(self):
        return self.active().filter(status="open")

    def contradictions(self):
        """Differences between outlets (claims.analysis.kinds), whatever their status."""
        return self.exclude(kind__in=kinds.AGREEMENT)

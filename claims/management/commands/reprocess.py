from django.core.management.base import BaseCommand, CommandError

from claims.models import Article, Story
from claims.services import reprocess


class Command(BaseCommand):
    help = "Re-run extraction and analysis for articles, a story, or everything."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--article", type=int, action="append", help="article id")
        target.add_argument("--story", type=int, help="every article of this story")
        target.add_argument("--all", action="store_true", help="every article")
        parser.add_argument(
            "--analysis-only", action="store_true", help="keep claims; re-run the analysis"
        )

    def handle(self, *args, article, story, all, analysis_only, **options):
        articles = Article.objects.all()
        if article:
            articles = articles.filter(pk__in=article)
        elif story:
            if not Story.objects.filter(pk=story).exists():
                raise CommandError(f"No story with id {story}.")
            articles = articles.filter(story_id=story)
        if analysis_only:
            count = reprocess.reanalyse_stories(
                articles.exclude(story=None).values_list("story_id", flat=True)
            )
            self.stdout.write(f"Queued analysis of {count} stories.")
            return
        ids = list(articles.values_list("pk", flat=True))
        if not ids:
            raise CommandError("No article matches.")
        count = reprocess.reprocess_articles(ids)
        self.stdout.write(f"Queued {count} articles for extraction and analysis.")

import json

from django.core.management.base import BaseCommand, CommandError

from claims.analysis import kinds
from claims.models import Story
from claims.services.analysis import story_report


class Command(BaseCommand):
    help = "Print stories with their claim clusters and flags (JSON with --json)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument("--story", type=int, help="Only this story.")

    def handle(self, *args, **options):
        story_id = options.get("story")
        if story_id is not None and not Story.objects.filter(pk=story_id).exists():
            raise CommandError(f"No story {story_id}.")
        report = story_report(story_id)
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
            return
        if not report["stories"]:
            self.stdout.write("No stories.")
        for story in report["stories"]:
            self.stdout.write(self.style.MIGRATE_HEADING(f"Story {story['id']}: {story['title']}"))
            self.stdout.write(
                f"  outlets ({len(story['outlets'])}): {', '.join(story['outlets'])}"
            )
            multi = [c for c in story["clusters"] if len(c["outlets"]) > 1]
            self.stdout.write(
                f"  clusters: {len(story['clusters'])} ({len(multi)} told by several outlets)"
            )
            for flag in story["flags"]:
                values = "; ".join(
                    f"{v['value']!r} ({len(v['outlets'])})" for v in flag["variants"]
                )
                subject = (
                    flag["subject"] if len(flag["subject"]) < 90 else flag["subject"][:87] + "..."
                )
                self.stdout.write(
                    f"  [{flag['kind']}] {flag['status']}, {flag.get('severity', '')}: {subject}"
                )
                if flag.get("reason") and flag["kind"] not in ("corroborated", "single_source"):
                    self.stdout.write(f"      why: {flag['reason']}")
                if kinds.is_difference(flag["kind"]):
                    self.stdout.write(f"      {values}")
                    if flag.get("relation"):  # a title flag read against the offices
                        self.stdout.write(f"      {flag['relation']}: {flag.get('reason', '')}")
                else:
                    outlets = flag["variants"][0]["outlets"] if flag["variants"] else []
                    self.stdout.write(f"      outlets: {', '.join(outlets)}")

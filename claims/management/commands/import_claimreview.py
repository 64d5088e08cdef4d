from django.core.management.base import BaseCommand, CommandError

from claims.services import claimreview


class Command(BaseCommand):
    help = (
        "Import published fact-checks (schema.org ClaimReview JSON-LD) into the claim "
        "memory. A SOURCE is a file (a JSON document of one or many ClaimReviews, a saved "
        "page, or an RSS/Atom feed), the URL of a page carrying ClaimReview JSON-LD, or "
        "the URL of a feed whose items link to such pages (detected, or forced with "
        "--feed). Importing again changes nothing: rows are keyed by review URL and claim. "
        "Each item that cannot be read is one error line on stderr; the rest is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="SOURCE")
        parser.add_argument(
            "--feed",
            action="store_true",
            help="the sources are feeds: fetch the page each item links to",
        )

    def handle(self, *args, sources, feed, **options):
        total = claimreview.ImportReport()
        for source in sources:
            report = claimreview.import_source(source, feed=feed)
            for error in report.errors:
                self.stderr.write(error)
            self.stdout.write(f"{source}: {report.summary()}")
            total.add(report)
        self.stdout.write(
            f"imported {total.imported}, updated {total.updated}, "
            f"skipped {total.skipped}, errors {len(total.errors)}"
        )
        if total.errors and not (total.imported or total.updated or total.skipped):
            raise CommandError("nothing could be imported")

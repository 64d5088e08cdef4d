from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

REVIEWERS = "reviewers"


class Command(BaseCommand):
    help = "Create the demo reviewer (staff, in the reviewers group). DEBUG only."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", default="demo-review")

    def handle(self, *args, username, password, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo account with DEBUG off.")
        group, _ = Group.objects.get_or_create(name=REVIEWERS)
        user, created = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        if created or not user.has_usable_password():  # load_demo may have made it
            user.set_password(password)
            user.save()
        user.groups.add(group)
        verb = "Created" if created else "Kept"
        self.stdout.write(f"{verb} demo user {username!r} (reviewers group, staff).")

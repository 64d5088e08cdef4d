from datetime import timedelta

from celery.schedules import crontab
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask


def _schedule(value):
    """IntervalSchedule or CrontabSchedule row for a PERIODIC_TASKS schedule."""
    if isinstance(value, int | float | timedelta):
        seconds = value.total_seconds() if isinstance(value, timedelta) else value
        every = max(int(seconds), 1)
        row, _ = IntervalSchedule.objects.get_or_create(
            every=every, period=IntervalSchedule.SECONDS
        )
        return "interval", row
    if isinstance(value, crontab):
        row, _ = CrontabSchedule.objects.get_or_create(
            minute=value._orig_minute,
            hour=value._orig_hour,
            day_of_week=value._orig_day_of_week,
            day_of_month=value._orig_day_of_month,
            month_of_year=value._orig_month_of_year,
        )
        return "crontab", row
    raise CommandError(f"unsupported schedule {value!r}")


class Command(BaseCommand):
    help = (
        "Create the beat schedules of settings.PERIODIC_TASKS as PeriodicTask rows "
        "(editable in the admin). Idempotent: rows that exist keep their admin edits "
        "unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="overwrite schedules edited in the admin"
        )

    def handle(self, *args, reset, **options):
        created = updated = kept = 0
        for name, entry in settings.PERIODIC_TASKS.items():
            kind, schedule = _schedule(entry["schedule"])
            opts = entry.get("options", {})
            defaults = {
                "task": entry["task"],
                "interval": schedule if kind == "interval" else None,
                "crontab": schedule if kind == "crontab" else None,
                "queue": opts.get("queue"),
                "expire_seconds": opts.get("expires"),
            }
            task = PeriodicTask.objects.filter(name=name).first()
            if task is None:
                PeriodicTask.objects.create(name=name, **defaults)
                created += 1
            elif reset:
                for field, value in defaults.items():
                    setattr(task, field, value)
                task.enabled = True
                task.save()
                updated += 1
            else:
                # The task path belongs to the code; the schedule to the admin.
                if task.task != entry["task"]:
                    PeriodicTask.objects.filter(pk=task.pk).update(task=entry["task"])
                kept += 1
        self.stdout.write(f"Schedules: {created} created, {updated} reset, {kept} kept.")

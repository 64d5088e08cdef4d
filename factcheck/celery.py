import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _keep_torch_out(**kwargs):
    """A worker whose embedder runs on ONNX never loads torch (spaCy would import it).

    worker_init runs in the main process before the pool forks, and before any
    task loads spaCy: the pool's processes inherit the decision.
    """
    from claims.nlp import embed

    embed.keep_torch_out()

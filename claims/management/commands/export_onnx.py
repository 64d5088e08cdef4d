"""Export the packaged embedding model for ONNX Runtime, once, at install time.

Workers then run the default backend (`EMBED_BACKEND=onnx`) without ever
importing torch; without this command the first worker to embed exports it.
"""

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.nlp import embed

CHECK = [
    "Pete Hegseth, the Secretary of War, signed the framework in Kuala Lumpur.",
    "The tariff rises to 25% on Friday.",
]
MIN_COSINE = 0.999


class Command(BaseCommand):
    help = "Export the embedding model to ONNX (idempotent) and check it against torch."

    def handle(self, *args, **options):
        onnx = embed.OnnxEmbedder(cache_dir=settings.EMBED_CACHE_DIR or None)
        existed = onnx.is_exported()
        graph = onnx.export()
        cosines = np.einsum(
            "ij,ij->i", onnx.encode(CHECK), embed.SentenceTransformerEmbedder().encode(CHECK)
        )
        if cosines.min() < MIN_COSINE:
            raise CommandError(f"{graph}: cosine {cosines.min():.5f} against torch, not the model")
        state = "already exported" if existed else "exported"
        self.stdout.write(f"{graph}: {state}; cosine against torch {cosines.min():.6f}.")

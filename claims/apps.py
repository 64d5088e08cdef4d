from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"

    def ready(self):
        # Settings are read in settings.py and passed into the pure core here.
        from django.conf import settings

        from claims.nlp import embed, language

        language.configure(parse_cache=settings.NLP_PARSE_CACHE)
        embed.configure(
            embed.EmbedConfig(
                backend=settings.EMBED_BACKEND,
                cache_dir=settings.EMBED_CACHE_DIR,
                threads=settings.EMBED_THREADS,
                int8_table=settings.EMBED_INT8_TABLE,
            )
        )

        # In every process (web and worker): writes bump the cached story rows.
        from claims.services import page_cache

        page_cache.connect()

        # Verdicts keep their claim memory entries in step (claims.services.memory).
        from claims.services import memory

        memory.connect()

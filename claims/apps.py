from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"

    def ready(self):
        # In every process (web and worker): writes bump the cached story rows.
        from claims.services import page_cache

        page_cache.connect()

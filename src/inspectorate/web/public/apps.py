from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public site: published reports, grades by force and year, open data; and the cache that
    serves every public page to readers who are not signed in (page_cache.py)."""

    name = "inspectorate.web.public"
    label = "public"

    def ready(self) -> None:
        from inspectorate.web.public.page_cache import watch_changes

        watch_changes()

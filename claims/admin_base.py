"""Base classes shared by the admin modules."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the pipeline writes: curators read them, and may delete them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LogAdmin(ReadOnlyAdmin):
    """A record of what happened, or an index the pipeline needs: never edited by hand."""

    def has_delete_permission(self, request, obj=None):
        return False

from django.urls import path

from . import views

# Mounted by the root URLconf in the desk's "claims" namespace: the import is a desk page.
urlpatterns = [
    path("import/", views.import_start, name="import-start"),
    path("import/save/", views.import_save, name="import-save"),
]

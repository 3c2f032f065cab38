from django.urls import path

from concours.opendata import api
from concours.opendata.views import office, public

app_name = "opendata"

urlpatterns = [
    path("open-data/", public.index, name="index"),
    path("open-data/editions/<slug:slug>/<int:year>.json", public.edition_document, name="edition"),
    path(
        "open-data/editions/<slug:slug>/<int:year>/results/",
        public.imported_results,
        name="imported_results",
    ),
    path("open-data/import/", office.import_document, name="import"),
    path(
        "api/v1/interchange/editions/<slug:slug>/<int:year>/",
        api.EditionDocumentView.as_view(),
        name="api_edition",
    ),
    path("api/v1/interchange/validate/", api.ValidateView.as_view(), name="api_validate"),
]

from django.urls import path

from concours.publication.views import candidate, office, public

app_name = "publication"

RESULTS = "competitions/<slug:slug>/<int:year>/results/"
ROUND = RESULTS + "<int:round_id>/"

urlpatterns = [
    path(RESULTS, public.edition_results, name="edition"),
    path(ROUND, public.round_results, name="round"),
    path(ROUND + "record.json", public.record, name="record"),
    path(ROUND + "sheets/", public.score_sheets, name="sheets"),
    path(ROUND + "sheets.csv", public.sheets_file, {"fmt": "csv"}, name="sheets_csv"),
    path(ROUND + "sheets.json", public.sheets_file, {"fmt": "json"}, name="sheets_json"),
    path(ROUND + "sheets.pdf", public.sheets_file, {"fmt": "pdf"}, name="sheets_pdf"),
    path(ROUND + "charts/<slug:name>.svg", public.chart, name="chart"),
    path("publish/<int:round_id>/", office.publish, name="office"),
    path("me/feedback/", candidate.feedback, name="feedback"),
]

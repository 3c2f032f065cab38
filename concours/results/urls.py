from django.urls import path

from concours.results.views import decisions, juror, office

app_name = "results"

urlpatterns = [
    path("jury/rounds/<int:round_id>/", juror.screen, name="screen"),
    path("jury/rounds/<int:round_id>/marks/", juror.submit_mark, name="mark"),
    path("jury/rounds/<int:round_id>/state/", juror.state, name="state"),
    path("jury/rounds/<int:round_id>/submit/", juror.submit_round, name="submit_round"),
    path("live/<int:round_id>/", office.live_round, name="live"),
    path("live/<int:round_id>/step/", office.step, name="step"),
    path("live/<int:round_id>/on-stage/", office.on_stage, name="on_stage"),
    path("live/<int:round_id>/absence/", office.absence, name="absence"),
    path("live/<int:round_id>/override/", office.override, name="override"),
    path("live/<int:round_id>/compute/", office.compute, name="compute"),
    path("live/<int:round_id>/panel/", office.panel_visibility, name="panel_visibility"),
    path("live/<int:round_id>/decide/", decisions.decide, name="decide"),
    path("live/<int:round_id>/decide/<slug:kind>/", decisions.record, name="record_decision"),
]

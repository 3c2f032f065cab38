from django.urls import path

from concours.draws.views import office, public

app_name = "draws"

DIVISION = "competitions/<slug:slug>/<int:year>/<slug:division_slug>/draws/"

urlpatterns = [
    path(DIVISION, public.division, name="division"),
    path(f"{DIVISION}all-rounds/", public.detail, name="draw"),
    path(f"{DIVISION}all-rounds/record.json", public.record, name="record"),
    path(f"{DIVISION}round-<int:number>/", public.detail, name="round_draw"),
    path(f"{DIVISION}round-<int:number>/record.json", public.record, name="round_record"),
    path("draws/verify/", public.verify, name="verify"),
    path("draws/office/", office.index, name="office_index"),
    path("draws/office/divisions/<int:division_id>/", office.division, name="office_division"),
    path("draws/office/<int:draw_id>/", office.draw, name="office_draw"),
    path("draws/office/<int:draw_id>/inputs/", office.add_input, name="office_add_input"),
    path("draws/office/<int:draw_id>/perform/", office.perform, name="office_perform"),
    path("draws/office/<int:draw_id>/reveal/", office.reveal, name="office_reveal"),
    path("draws/office/<int:draw_id>/cancel/", office.cancel, name="office_cancel"),
]

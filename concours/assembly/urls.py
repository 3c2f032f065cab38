from django.urls import path

from concours.assembly.views import chair, delegate, public

app_name = "assembly"

CHAIR = "assembly/<int:assembly_id>/chair/"

urlpatterns = [
    path("assemblies/<int:assembly_id>/", public.assembly, name="public"),
    path("assembly/<int:assembly_id>/", delegate.ballot, name="ballot"),
    path(CHAIR, chair.chair, name="chair"),
    path(f"{CHAIR}attendance/", chair.attendance, name="attendance"),
    path(f"{CHAIR}motions/<int:motion_id>/open/", chair.open_motion, name="open"),
    path(f"{CHAIR}motions/<int:motion_id>/close/", chair.close_motion, name="close"),
    path(f"{CHAIR}motions/<int:motion_id>/room-vote/", chair.room_vote, name="room_vote"),
    path(f"{CHAIR}motions/<int:motion_id>/publish/", chair.publish, name="publish"),
]

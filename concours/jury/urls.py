from django.urls import path

from concours.jury.views import juror, office

app_name = "jury"

urlpatterns = [
    path("jury/", juror.seats, name="seats"),
    path("jury/<int:seat_id>/", juror.seat, name="seat"),
    path("jury/<int:seat_id>/declaration/", juror.declaration, name="declaration"),
    path("jury/<int:seat_id>/relationships/", juror.relationships, name="relationships"),
    path(
        "jury/<int:seat_id>/relationships/<int:relationship_id>/withdraw/",
        juror.withdraw,
        name="withdraw",
    ),
    path("jury/<int:seat_id>/details/", juror.details, name="details"),
    path("jury/office/editions/<int:edition_id>/conflicts/", office.matrix, name="matrix"),
    path("jury/office/editions/<int:edition_id>/conflicts/check/", office.refresh, name="refresh"),
    path("jury/office/conflicts/<int:conflict_id>/", office.conflict, name="conflict"),
]

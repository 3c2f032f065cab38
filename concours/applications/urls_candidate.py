"""The candidate's pages (namespace ``candidate``)."""

from django.urls import path

from concours.applications.views import candidate, candidate_items

app_name = "candidate"

urlpatterns = [
    path("me/profile/", candidate.profile, name="profile"),
    path("competitions/<slug:slug>/<int:year>/apply/", candidate.apply, name="apply"),
    path("me/applications/<uuid:reference>/", candidate.application, name="application"),
    path(
        "me/applications/<uuid:reference>/programme/<int:round_number>/",
        candidate.programme,
        name="programme",
    ),
    path("me/applications/<uuid:reference>/documents/", candidate.documents, name="documents"),
    path(
        "me/applications/<uuid:reference>/documents/<int:document_id>/",
        candidate.document_file,
        name="document_file",
    ),
    path("me/applications/<uuid:reference>/recordings/", candidate.recordings, name="recordings"),
    path(
        "me/applications/<uuid:reference>/recordings/<int:recording_id>/",
        candidate.recording_file,
        name="recording_file",
    ),
    path("me/teachers/", candidate_items.teachers, name="teachers"),
    path("me/data/", candidate_items.my_data, name="my_data"),
    path("me/applications/<uuid:reference>/consent/", candidate_items.consent, name="consent"),
    path("me/applications/<uuid:reference>/letters/", candidate_items.letters, name="letters"),
    path("me/applications/<uuid:reference>/members/", candidate_items.members, name="members"),
    path("me/applications/<uuid:reference>/fee/", candidate_items.fee, name="fee"),
    path(
        "me/applications/<uuid:reference>/pdf/<slug:kind>/", candidate_items.letter_pdf, name="pdf"
    ),
    path("me/applications/<uuid:reference>/submit/", candidate.submit, name="submit"),
    path("me/applications/<uuid:reference>/withdraw/", candidate.withdraw, name="withdraw"),
    path(
        "me/applications/<uuid:reference>/corrections/",
        candidate.send_corrections,
        name="send_corrections",
    ),
]

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from concours.applications.views.dashboard import dashboard
from concours.applications.views.office import office_file
from concours.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("office/", admin.site.urls),
    path("api/", include("concours.api.urls")),
    path("accounts/", include("concours.accounts.urls")),
    path("me/", dashboard, name="dashboard"),
    path("office-files/<str:kind>/<int:pk>/", office_file, name="office_file"),
    # The published results first: on results night they are most of the traffic, and every
    # pattern tried before them costs each request (no URL matches both them and another app's).
    path("", include("concours.publication.urls")),
    path("", include("concours.applications.urls_candidate")),
    path("", include("concours.uploads.urls")),
    path("", include("concours.applications.urls_links")),
    path("", include("concours.preselection.urls")),
    path("", include("concours.jury.urls")),
    path("", include("concours.results.urls")),
    path("", include("concours.draws.urls")),
    path("", include("concours.events.urls")),
    path("", include("concours.masterclasses.urls")),
    path("", include("concours.assembly.urls")),
    path("", include("concours.cooperation.urls")),
    path("", include("concours.directory.urls")),
    path("", include("concours.opendata.urls")),
    path("", include("concours.competitions.urls")),
]

handler403 = "concours.core.views.permission_denied"
handler404 = "concours.core.views.page_not_found"
handler500 = "concours.core.views.server_error"

if settings.DEBUG:  # pragma: no cover - development convenience only
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

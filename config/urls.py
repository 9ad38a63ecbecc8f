from django.contrib import admin
from django.urls import include, path

from csepathway.api.urls import urls as api_urls
from csepathway.core import views as core_views

# The admin is for system administrators only (is_staff), behind the same sign-in and two factors.
admin.site.login = core_views.page_not_found
admin.site.site_header = "CSE Pathway administration"

urlpatterns = [
    path("", include("csepathway.core.urls")),
    path("account/", include("csepathway.accounts.urls")),
    path("notifications/", include("csepathway.notifications.urls")),
    path("children/", include("csepathway.children.urls")),
    path("episodes/", include("csepathway.episodes.urls")),
    path("notes/", include("csepathway.notes.urls")),
    path("meetings/", include("csepathway.meetings.urls")),
    path("nrm/", include("csepathway.nrm.urls")),
    path("intelligence/", include("csepathway.intelligence.urls")),
    path("missing/", include("csepathway.missing.urls")),
    path("casefile/", include("csepathway.casefile.urls")),
    path("subject-access/", include("csepathway.subject_access.urls")),
    path("retention/", include("csepathway.retention.urls")),
    path("performance/", include("csepathway.performance.urls")),
    path("audit/", include("csepathway.oversight.urls")),
    path("api/v1/", api_urls),
    path("admin/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

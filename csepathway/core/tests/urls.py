"""The real URLconf plus one view that fails, so the 500 page can be shown end to end."""

from django.urls import path

from config import urls as real_urls
from csepathway.core import access

FAILURE_DETAIL = "kaboom-detail-that-must-not-leak"


@access.signed_in
def failing_view(request):
    raise RuntimeError(FAILURE_DETAIL)


urlpatterns = [path("test-only/failing", failing_view), *real_urls.urlpatterns]

handler400 = real_urls.handler400
handler403 = real_urls.handler403
handler404 = real_urls.handler404
handler500 = real_urls.handler500

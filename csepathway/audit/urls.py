from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("access-history", views.access_history, name="access_history"),
    path("access-history/children/<uuid:child_id>", views.child_history, name="child_history"),
    path("access-history/people/<uuid:user_id>", views.user_history, name="user_history"),
    path("alerts", views.alert_list, name="alerts"),
    path("alerts/<uuid:alert_id>", views.alert_detail, name="alert_detail"),
    path("disclosures", views.disclosure_log, name="disclosures"),
]

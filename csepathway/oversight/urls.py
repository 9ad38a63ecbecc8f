from django.urls import path

from .alerts import views as alerts
from .disclosures import views as disclosures
from .history import views as history

app_name = "oversight"

urlpatterns = [
    path("access-history", history.access_history, name="access_history"),
    path("access-history/children/<uuid:child_id>", history.child_history, name="child_history"),
    path("access-history/children/<uuid:child_id>.csv", history.child_history_csv, name="child_history_csv"),
    path("access-history/people/<uuid:user_id>", history.user_history, name="user_history"),
    path("alerts", alerts.alert_list, name="alerts"),
    path("alerts/<uuid:alert_id>", alerts.alert_detail, name="alert_detail"),
    path("disclosures", disclosures.disclosure_log, name="disclosures"),
]

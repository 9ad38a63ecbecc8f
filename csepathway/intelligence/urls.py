from django.urls import path

from . import views as reports
from .register import views as register
from .strategic import views as strategic

app_name = "intelligence"

urlpatterns = [
    path("new/<uuid:episode_id>", reports.report_new, name="new"),
    path("register", register.register, name="register"),
    path("register/possible-duplicates", register.near_matches, name="near_matches"),
    path("register/lines/new", register.line_new, name="line_new"),
    path("register/lines/<uuid:line_id>/places/add", register.line_place_add, name="line_place_add"),
    path("register/merge/<uuid:first_id>/<uuid:second_id>", register.person_merge, name="merge"),
    path("register/from-episode/<uuid:episode_id>", register.register_from_assessment,
         name="register_from_assessment"),
    path("register/<slug:kind>/<uuid:entry_id>", register.register_entry, name="register_entry"),
    path("strategic", strategic.profile, name="strategic_profile"),
    path("strategic/profile.pdf", strategic.profile_pdf, name="strategic_profile_pdf"),
    path("strategic/map", strategic.association_map, name="strategic_map"),
    path("strategic/map.pdf", strategic.map_pdf, name="strategic_map_pdf"),
    path("<uuid:report_id>", reports.report_detail, name="detail"),
    path("<uuid:report_id>/edit", reports.report_edit, name="edit"),
    path("<uuid:report_id>/add/<slug:kind>", reports.piece_add, name="piece_add"),
    path("<uuid:report_id>/remove/<slug:kind>/<int:piece_id>", reports.piece_remove, name="piece_remove"),
    path("<uuid:report_id>/send", reports.report_send, name="send"),
    path("<uuid:report_id>/grade", reports.report_grade, name="grade"),
]

from django.urls import path

from .views import decisions, exports, referral

app_name = "nrm"

urlpatterns = [
    path("start/<uuid:episode_id>", referral.referral_start, name="start"),
    path("<uuid:referral_id>", referral.referral_detail, name="detail"),
    path("<uuid:referral_id>/section/<slug:section>", referral.referral_section, name="section"),
    path("<uuid:referral_id>/check", referral.referral_check, name="check"),
    path("<uuid:referral_id>/referred", decisions.referral_referred, name="referred"),
    path("<uuid:referral_id>/reference", decisions.referral_reference, name="reference"),
    path("<uuid:referral_id>/reasonable-grounds", decisions.reasonable_grounds, name="reasonable_grounds"),
    path("<uuid:referral_id>/conclusive-grounds", decisions.conclusive_grounds, name="conclusive_grounds"),
    path("<uuid:referral_id>/guardian", decisions.guardian_referral, name="guardian"),
    path("<uuid:referral_id>/export.txt", exports.referral_text, name="export_text"),
    path("<uuid:referral_id>/export.pdf", exports.referral_pdf, name="export_pdf"),
]

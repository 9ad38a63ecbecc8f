from django.urls import path

from .views import assessment, concern, documents, hub, review, screening, sign_off, submission, workspace

app_name = "episodes"

urlpatterns = [
    path("workspace", workspace.workspace, name="workspace"),
    path("start/<uuid:child_id>", concern.episode_start, name="start"),
    path("<uuid:episode_id>", hub.episode_detail, name="detail"),
    path("<uuid:episode_id>/advice", concern.manager_advice_add, name="manager_advice"),
    path("<uuid:episode_id>/advice/ask", concern.advice_request_add, name="advice_request"),
    path("<uuid:episode_id>/conversations/new", concern.conversation_add, name="conversation"),
    path("<uuid:episode_id>/screening", screening.screening, name="screening"),
    path("<uuid:episode_id>/screening/agreement", screening.screening_agreement, name="screening_agreement"),
    path("<uuid:episode_id>/assessment", assessment.assessment, name="assessment"),
    path("<uuid:episode_id>/assessment/<slug:section>", assessment.assessment_section, name="assessment_section"),
    path("<uuid:episode_id>/assessment.pdf", documents.assessment_pdf, name="assessment_pdf"),
    path("<uuid:episode_id>/decision.pdf", documents.decision_pdf, name="decision_pdf"),
    path("<uuid:episode_id>/sign-off/request", sign_off.sign_off_request, name="sign_off_request"),
    path("<uuid:episode_id>/sign-off", sign_off.sign_off, name="sign_off"),
    path("<uuid:episode_id>/submit", submission.episode_submit, name="submit"),
    path("<uuid:episode_id>/submitted", submission.episode_submitted, name="submitted"),
    path("<uuid:episode_id>/review", review.joint_review, name="review"),
    path("<uuid:episode_id>/escalation", review.escalation_decide, name="escalation"),
    path("<uuid:episode_id>/return", review.episode_return, name="return"),
    path("<uuid:episode_id>/close", review.episode_close, name="close"),
]

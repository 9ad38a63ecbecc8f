from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility", views.accessibility_statement, name="accessibility"),
    path("privacy", views.privacy_notice, name="privacy"),
    path("glossary", views.glossary, name="glossary"),
]

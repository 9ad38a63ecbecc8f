// django-otp-webauthn's scripts call gettext() for their messages. The service is in English only
// (USE_I18N is off), so the messages stand as written, without Django's catalogue view.
window.gettext = window.gettext || ((text) => text);

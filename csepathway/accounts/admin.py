from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Agency, SsoGroupMapping, Team, User


@admin.register(User)
class CsePathwayUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")
    fieldsets = UserAdmin.fieldsets + (("Role and team", {"fields": ("role", "team", "job_title")}),
                                         ("Single sign-on", {"fields": ("sso_subject", "local_sign_in_allowed")}),)


admin.site.register(Agency)
admin.site.register(Team)


@admin.register(SsoGroupMapping)
class SsoGroupMappingAdmin(admin.ModelAdmin):
    list_display = ("group_id", "description", "role", "team", "precedence")
    list_filter = ("role", "team")

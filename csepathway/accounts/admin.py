from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Agency, Team, User


@admin.register(User)
class CsePathwayUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")
    fieldsets = UserAdmin.fieldsets + (("Role and team", {"fields": ("role", "team", "job_title")}),)


admin.site.register(Agency)
admin.site.register(Team)

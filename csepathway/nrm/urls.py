app_name = "nrm"

urlpatterns = []

from django.urls import path

from xiezuo.core import listexports, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("chapter/<int:number>/", views.chapter, name="chapter"),
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:pk>/download/", listexports.list_export_download, name="list_export_download"),
    path("healthz", views.healthz, name="healthz"),
]

from django.urls import path

from xiezuo.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("chapter/<int:number>/", views.chapter, name="chapter"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("healthz", views.healthz, name="healthz"),
]

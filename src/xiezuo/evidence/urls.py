from django.urls import path

from xiezuo.evidence import views

app_name = "evidence"
urlpatterns = [
    path("<int:pk>/", views.download, name="attachment_download"),
    path("<int:pk>/remove/", views.remove, name="attachment_remove"),
    path("add/<str:label>/<str:object_id>/", views.add, name="attachment_add"),
]

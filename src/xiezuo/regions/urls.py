from django.urls import path

from xiezuo.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.area_list, name="area_list"),
    path("picker/", views.area_picker, name="area_picker"),
    path("<str:code>/", views.area_detail, name="area_detail"),
]

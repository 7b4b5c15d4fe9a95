"""The public showcase (no log-in): published products only."""

from django.urls import path

from xiezuo.industry.showcase import views

app_name = "showcase"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.product, name="product"),
    path("<int:pk>/sheet/", views.sheet, name="sheet"),
    path("<int:pk>/photo", views.photo, name="photo"),
    path("<int:pk>/qr.svg", views.qr, name="qr"),
]

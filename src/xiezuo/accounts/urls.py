from django.urls import path

from xiezuo.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/first/", views.password_first, name="password_first"),
    path("audit/", views.audit_list, name="audit_list"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", views.user_active, name="user_active"),
    path("users/<int:pk>/password/", views.user_password, name="user_password"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
]

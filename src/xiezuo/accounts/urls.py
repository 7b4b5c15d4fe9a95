from django.urls import path

from xiezuo.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/first/", views.password_first, name="password_first"),
    path("two-factor/", views.otp_setup, name="otp_setup"),
    path("two-factor/qr.svg", views.otp_qr, name="otp_qr"),
    path("two-factor/verify/", views.otp_verify, name="otp_verify"),
    path("audit/", views.audit_list, name="audit_list"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", views.user_active, name="user_active"),
    path("users/<int:pk>/password/", views.user_password, name="user_password"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("users/<int:pk>/two-factor/reset/", views.user_second_factor_reset,
         name="user_second_factor_reset"),
]

from django.contrib.auth import views as auth_views
from django.urls import path

from concours.accounts import views

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("verify/", views.verify_email_sent, name="verify_email_sent"),
    path("verify/again/", views.resend_verification, name="resend_verification"),
    path("verify/<str:token>/", views.verify, name="verify_email"),
]

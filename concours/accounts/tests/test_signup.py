"""Sign-up and e-mail verification: a real e-mail (Django's test outbox), a signed link that
works once for its purpose, and clear messages on every field."""

import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from concours.accounts.models import User
from concours.accounts.tests.factories import UserFactory
from concours.accounts.tokens import EMAIL_VERIFICATION, email_verification_token

pytestmark = pytest.mark.django_db

GOOD = {
    "full_name": "Mei Lin",
    "email": "Mei.Lin@Example.org",
    "password": "a long and unusual phrase 42",
    "password_again": "a long and unusual phrase 42",
    "language": "zh-hans",
    "privacy": "on",
}


def _link(message) -> str:
    return re.search(r"http://testserver(/accounts/verify/\S+/)", message.body).group(1)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.CONCOURS_SITE_URL = "http://testserver"


def test_sign_up_creates_the_account_and_sends_a_bilingual_link(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("signup"), GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("verify_email_sent")
    user = User.objects.get()
    assert (user.email, user.full_name, user.preferred_language, user.email_verified) == (
        "mei.lin@example.org", "Mei Lin", "zh-hans", False,
    )  # fmt: skip
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mei.lin@example.org"]
    assert message.subject == "确认您在 Concours 的电子邮箱地址"
    assert "Please confirm that this is your e-mail address" in message.body  # English follows
    response = client.get(_link(message))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    user.refresh_from_db()
    assert user.email_verified is True


def test_verification_link_from_a_signed_out_browser_asks_to_sign_in(client):
    user = UserFactory()
    response = client.get(reverse("verify_email", kwargs={"token": email_verification_token(user)}))
    assert response["Location"] == reverse("login")
    user.refresh_from_db()
    assert user.email_verified is True


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"email": "taken@example.org"}, "email",
         "An account with this e-mail address exists already. Sign in, or reset its password."),
        ({"password_again": "something else entirely 42"}, "password_again", "The two passwords are not the same."),
        ({"password": "12345678", "password_again": "12345678"}, "password",
         "This password is too common. This password is entirely numeric."),
        ({"privacy": ""}, "privacy", "Please agree, or we cannot keep your application."),
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        ({"full_name": ""}, "full_name", "This field is required."),
    ],
)  # fmt: skip
def test_sign_up_errors_name_the_field_and_save_nothing(client, change, field, message):
    UserFactory(email="taken@example.org")
    response = client.post(reverse("signup"), {**GOOD, **change})
    assert response.status_code == 200
    assert " ".join(response.context["form"].errors[field]) == message
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_sign_up_errors_in_chinese(client):
    response = client.post(
        reverse("signup"), {**GOOD, "password_again": "x"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.context["form"].errors["password_again"] == ["两次输入的密码不一致。"]


@pytest.mark.parametrize("token", ["garbage", "a:b:c"])
def test_broken_links_are_refused(client, token):
    response = client.get(reverse("verify_email", kwargs={"token": token}))
    assert response.status_code == 400
    assert "This link does not work" in response.text


def test_expired_link_is_refused(client, settings):
    user = UserFactory()

    class LongAgo(signing.TimestampSigner):  # the clock is a process boundary
        def timestamp(self):
            return signing.b62_encode(
                int(signing.time.time()) - settings.CONCOURS_EMAIL_VERIFICATION_MAX_AGE - 1
            )

    token = LongAgo(salt=EMAIL_VERIFICATION).sign_object({"user": user.pk, "email": user.email})
    assert client.get(reverse("verify_email", kwargs={"token": token})).status_code == 400
    user.refresh_from_db()
    assert user.email_verified is False


def test_link_stops_working_when_the_address_changes(client):
    user = UserFactory(email="old@example.org")
    token = email_verification_token(user)
    user.email = "new@example.org"
    user.save()
    assert client.get(reverse("verify_email", kwargs={"token": token})).status_code == 400


def test_link_of_another_purpose_is_refused(client):
    user = UserFactory()
    other = signing.TimestampSigner(salt="something.else").sign_object(
        {"user": user.pk, "email": user.email}
    )
    assert client.get(reverse("verify_email", kwargs={"token": other})).status_code == 400


def test_resend_sends_again_until_verified(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    assert user.email_verified is False
    client.force_login(user)
    # The e-mail is enqueued once the request's writes commit (concours/core/tasks.py); here the
    # test's own transaction never commits, so the callbacks are run by hand.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("resend_verification"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "We sent the link again. Please check your inbox (and the spam folder)."
    ]
    assert len(mail.outbox) == 1
    client.get(_link(mail.outbox[0]))
    client.post(reverse("resend_verification"))
    assert len(mail.outbox) == 1


def test_signed_in_people_skip_the_sign_up_form(client):
    client.force_login(UserFactory())
    assert client.get(reverse("signup"))["Location"] == reverse("dashboard")
    assert client.get(reverse("verify_email_sent")).status_code == 200

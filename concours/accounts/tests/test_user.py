import pytest

from concours.accounts.models import User

pytestmark = pytest.mark.django_db


def test_create_user_normalises_the_email():
    user = User.objects.create_user("Ana.Example@Example.ORG", "pw", full_name="Ana Example")
    assert user.email == "ana.example@example.org"
    assert user.check_password("pw") is True
    assert str(user) == "Ana Example"
    assert user.get_short_name() == "Ana"


def test_create_user_needs_an_email():
    with pytest.raises(ValueError, match=r"An e-mail address is required\."):
        User.objects.create_user("", "pw")


def test_create_superuser_sets_flags():
    user = User.objects.create_superuser("root@example.org", "pw", full_name="Root")
    assert (user.is_staff, user.is_superuser) == (True, True)


def test_short_name_falls_back_to_email():
    assert User(email="x@example.org").get_short_name() == "x@example.org"

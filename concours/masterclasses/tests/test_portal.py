"""The master classes' section of /me/: applicants see their applications, teachers their
master classes, everyone else nothing of it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_applicant_sees_their_application(client, academy):
    client.force_login(academy.anna.applicant)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Summer Academy" in page
    assert reverse("masterclasses:mine", args=["summer-academy"]) in page
    assert reverse("masterclasses:office_applications", args=["summer-academy"]) not in page


def test_teacher_sees_the_master_class_they_teach(client, academy):
    client.force_login(academy.weber.user)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("masterclasses:office_applications", args=["summer-academy"]) in page


def test_others_see_no_master_class_section(client, academy):
    client.force_login(academy.stranger)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Summer Academy" not in page
    assert "Your account has no role yet" in page

"""Background work of applications: e-mails after status changes (tasks take ids)."""

from django.tasks import task


@task()
def send_status_email(application_id: int, status: str) -> None:
    from concours.applications.emails import deliver_status_email
    from concours.applications.models import Application

    application = (
        Application.objects.select_related("candidate__user", "division__edition__competition")
        .filter(pk=application_id)
        .first()
    )
    if application is not None and application.status == status:  # not changed again meanwhile
        deliver_status_email(application=application)

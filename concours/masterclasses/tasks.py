"""Background work of master classes: e-mail a participant their lessons (tasks take ids)."""

from django.tasks import task


@task()
def send_lessons_email(application_id: int) -> None:
    from concours.masterclasses.emails import deliver_lessons_email
    from concours.masterclasses.models import ApplicationStatus, MasterClassApplication

    application = (
        MasterClassApplication.objects.select_related("applicant", "event")
        .filter(pk=application_id, status=ApplicationStatus.SELECTED)
        .first()
    )
    if application is not None:
        deliver_lessons_email(application=application)

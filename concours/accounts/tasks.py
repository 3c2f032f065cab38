"""Background work of the accounts app. Tasks take ids, fetch afresh, and call a service."""

from django.tasks import task

from concours.accounts.models import User


@task()
def send_email_verification(user_id: int) -> None:
    from concours.accounts.services import deliver_email_verification

    user = User.objects.filter(pk=user_id, is_active=True, email_verified_at__isnull=True).first()
    if user is not None:  # verified (or gone) in the meantime: nothing to send
        deliver_email_verification(user=user)

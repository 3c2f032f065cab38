"""Who may act for the federation."""

from django.contrib.auth.models import AnonymousUser

from concours.accounts.models import User
from concours.federation.models import SecretariatMember


def is_secretariat(user: User | AnonymousUser) -> bool:
    """Site administrators and members of a federation's secretariat see all federation data."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Asked many times per request (once per admin permission check): remember the answer on
    # the user object, which lives only as long as the request.
    cached: bool | None = getattr(user, "_concours_is_secretariat", None)
    if cached is None:
        cached = SecretariatMember.objects.filter(user=user).exists()
        user._concours_is_secretariat = cached  # type: ignore[union-attr]
    return cached

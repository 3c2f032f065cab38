"""Reads for uploads: only ever the signed-in person's own."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.applications.models import Application
from concours.uploads.models import Upload, UploadStatus


def access_upload_for_owner(user: User, upload_id: object) -> Upload:
    """The upload, if it is ``user``'s own; otherwise ``Http404`` (never reveal it exists)."""
    upload = Upload.objects.select_related("recording").filter(pk=upload_id, owner=user).first()
    if upload is None:
        raise Http404(_("No such upload."))
    return upload


def unfinished_uploads(*, application: Application, owner: User) -> QuerySet[Upload]:
    """The owner's uploads for ``application`` that are not a recording yet, newest first."""
    return Upload.objects.filter(
        application=application,
        owner=owner,
        status__in=[UploadStatus.RECEIVING, UploadStatus.VERIFYING, UploadStatus.REJECTED],
    ).order_by("-created_at")

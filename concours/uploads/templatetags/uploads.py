"""The recording upload on the candidate's recordings page: ``{% recording_upload_form application %}``
renders the form, the candidate's unfinished uploads and the script that sends the file."""

from typing import Any

from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from concours.applications.models import Application, Recording
from concours.uploads import display
from concours.uploads.forms import RecordingUploadForm
from concours.uploads.selectors import unfinished_uploads

register = template.Library()


@register.filter
def recording_label(recording: Recording) -> str:
    return display.recording_label(recording)


def script_messages() -> dict[str, str]:
    """What the browser script says, translated here (``%(name)s`` filled in by the script)."""
    return {
        "chooseFile": _("Choose the video file."),
        "tooLarge": _("The file is larger than %(limit)s, the largest we accept.")
        % {"limit": filesizeformat(settings.CONCOURS_MAX_UPLOAD_BYTES)},
        "starting": _("Starting the upload…"),
        "resuming": _("Going on with your earlier upload of %(name)s."),
        "progress": _("%(sent)s of %(total)s sent"),
        "offline": _(
            "The connection was lost. Trying again in %(seconds)s seconds; nothing that has "
            "arrived is lost."
        ),
        "retrying": _("Trying again…"),
        "verifying": _("The whole file has arrived. Checking it…"),
        "ready": _("Your recording is ready: %(label)s"),
        "cancelled": _("The upload is cancelled."),
        "failed": _("The upload stopped: %(reason)s"),
        "unexpected": _("Something went wrong on our side. Please try again later."),
    }


@register.inclusion_tag("uploads/_recording_upload.html", takes_context=True)
def recording_upload_form(context: template.Context, application: Application) -> dict[str, Any]:
    return {
        "application": application,
        "form": RecordingUploadForm(),
        "csrf_token": context.get("csrf_token"),
        "uploads": unfinished_uploads(application=application, owner=context["request"].user),
        "chunk_bytes": settings.CONCOURS_UPLOAD_CHUNK_BYTES,
        "max_bytes": settings.CONCOURS_MAX_UPLOAD_BYTES,
        "script_messages": script_messages(),
    }

"""Writing to a list of candidates from the office: an action with a form in between."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from concours.applications.models import Application
from concours.applications.services import ApplicationError, send_office_message


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}))


@admin.action(description=_("Write to the selected candidates"), permissions=["change"])
def write_to_candidates(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Application],  # type: ignore[type-arg]
) -> HttpResponse | None:
    form = MessageForm(request.POST if "send" in request.POST else None)
    if "send" in request.POST and form.is_valid():
        try:
            count = send_office_message(
                applications=list(queryset), subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"], by=request.user,  # type: ignore[arg-type]
            )  # fmt: skip
        except ApplicationError as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
        else:
            modeladmin.message_user(
                request,
                ngettext(
                    "Message sent to %(count)d candidate.",
                    "Message sent to %(count)d candidates.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Write to the selected candidates"),
        "form": form,
        "applications": queryset,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/applications/application/write.html", context)

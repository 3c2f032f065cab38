"""The registration form (built from the event's categories, sessions and questions, all loaded
once) and the check-in form."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concours.events.models import Question, QuestionKind, RegistrationCategory, Session
from concours.events.services import AnswersInvalid, clean_answers

YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


def _fee(category: RegistrationCategory) -> str:
    if category.is_free:
        return str(_("free"))
    return f"{category.fee_amount} {category.fee_currency}"


class RegistrationForm(forms.Form):
    def __init__(
        self,
        data: Any = None,
        *,
        categories: list[RegistrationCategory],
        questions: list[Question],
        sessions: list[Session],
    ) -> None:
        super().__init__(data)
        self.categories = {str(c.pk): c for c in categories}
        self.sessions = {str(s.pk): s for s in sessions}
        self.questions = questions
        self.fields["category"] = forms.ChoiceField(
            label=_("Register as"), widget=forms.RadioSelect,
            choices=[(key, f"{c.name} ({_fee(c)})") for key, c in self.categories.items()],
            error_messages={"required": _("Please choose how you register.")},
        )  # fmt: skip
        if len(categories) == 1:
            self.fields["category"].initial = str(categories[0].pk)
        if sessions:
            self.fields["sessions"] = forms.MultipleChoiceField(
                label=_("Sessions"), widget=forms.CheckboxSelectMultiple,
                choices=[(key, s.title) for key, s in self.sessions.items()],
                error_messages={"required": _("Please choose at least one session.")},
            )  # fmt: skip
        for question in questions:
            name = f"q_{question.pk}"
            if question.kind == QuestionKind.CHOICE:
                field: forms.Field = forms.ChoiceField(
                    choices=[("", "—"), *[(c, c) for c in question.choice_list]]
                )
            elif question.kind == QuestionKind.YES_NO:
                field = forms.ChoiceField(choices=YES_NO)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
            field.label = question.text
            field.required = question.required
            self.fields[name] = field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        raw: dict[str, Any] = {}
        for question in self.questions:
            value = cleaned.get(f"q_{question.pk}")
            if question.kind == QuestionKind.YES_NO and value in ("yes", "no"):
                value = value == "yes"
            raw[str(question.pk)] = value
        try:
            cleaned["answers"] = clean_answers(self.questions, raw)
        except AnswersInvalid as invalid:
            for question_id, message in invalid.errors.items():
                if f"q_{question_id}" not in self.errors:
                    self.add_error(f"q_{question_id}", message)
        return cleaned

    @property
    def chosen_category(self) -> RegistrationCategory:
        return self.categories[self.cleaned_data["category"]]

    @property
    def chosen_sessions(self) -> list[Session]:
        return [self.sessions[key] for key in self.cleaned_data.get("sessions", [])]


class CheckInForm(forms.Form):
    def __init__(self, data: Any = None, *, sessions: list[Session], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.sessions = {str(s.pk): s for s in sessions}
        self.fields["session"] = forms.ChoiceField(
            label=_("Session"),
            choices=[(key, s.title) for key, s in self.sessions.items()],
            error_messages={"required": _("Please choose the session.")},
        )
        self.fields["code"] = forms.CharField(
            label=_("Ticket code"), max_length=200,
            widget=forms.TextInput(attrs={
                "autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
                "autofocus": True,
            }),
            error_messages={"required": _("Please type or scan the ticket's code.")},
        )  # fmt: skip

    @property
    def chosen_session(self) -> Session:
        return self.sessions[self.cleaned_data["session"]]

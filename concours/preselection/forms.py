from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class MarkForm(forms.Form):
    value = forms.DecimalField(label=_("Mark"), max_digits=7, decimal_places=3)
    vote = forms.TypedChoiceField(
        label=_("YES or NO"), choices=[("yes", _("YES")), ("no", _("NO"))], required=False,
        widget=forms.RadioSelect, coerce=lambda value: value == "yes", empty_value=None,
    )  # fmt: skip

    def __init__(
        self, *args: Any, scale: tuple[Decimal, Decimal, Decimal], votes: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        low, high, step = scale
        self.fields["value"].widget.attrs.update({"min": low, "max": high, "step": step})
        self.fields["value"].help_text = _("From %(low)s to %(high)s.") % {"low": low, "high": high}
        if not votes:
            del self.fields["vote"]
        else:
            self.fields["vote"].required = True

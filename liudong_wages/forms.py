from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import MemberUnit


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class LoginForm(AuthenticationForm):
    # The same message for an unknown user and a wrong password: a login page must not tell which.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("用户名或密码不正确。请注意密码区分大小写。"),
        "inactive": _("该账号已停用，请联系领导小组办公室。"),
    }

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        # Django gives this field its max_length for the widget only: a longer name would go on to
        # authenticate(), and django-axes would fail the page writing it to its 255-character column.
        limit = self.username_field.max_length
        if limit is not None and len(username) > limit:
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        return username


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("验证码"),
        max_length=16,
        help_text=_("手机验证器上的 6 位数字，或一个备用恢复码。"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "class": "form-control"}
        ),
    )


class TwoFactorSetupForm(TokenForm):
    """The code of the new authenticator app; when it replaces a device, the current code as well (the old
    app's or a recovery code), so that a borrowed session alone cannot move the second factor."""

    current = forms.CharField(
        label=_("当前验证码"),
        max_length=16,
        required=False,
        help_text=_("原手机验证器上的 6 位数字，或一个备用恢复码。"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "class": "form-control"}),
    )
    field_order = ["current", "token"]

    def __init__(self, *args, replacing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if replacing:
            self.fields["current"].widget.attrs["autofocus"] = True
            self.fields["token"].widget.attrs.pop("autofocus", None)
            self.fields["token"].label = _("新验证器显示的验证码")
        else:
            del self.fields["current"]

    def clean_current(self) -> str:
        current = self.cleaned_data["current"].strip()
        if not current:
            raise forms.ValidationError(_("请输入当前的验证码（原手机验证器上的数字或一个备用恢复码）。"))
        return current


# The mixin is only ever mixed into a form; the type checker reads it as one so that `fields` and `errors` exist.
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class StyledFormMixin(_FormBase):
    """Gives every widget Bootstrap's classes, and marks invalid fields, so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                # Django gives the class to the list's container and to each of its inputs alike: Bootstrap's
                # form-check-input on the container shrank it to a box one character wide (static/css/app.css).
                css = "choice-list"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class UnitContactForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = MemberUnit
        fields = ["contact_person", "contact_phone", "contact_email"]

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].strip()
        digits = phone.replace("-", "").replace(" ", "")
        if phone and not (digits.isdigit() and 7 <= len(digits) <= 13):
            raise forms.ValidationError(_("请输入有效的电话号码，如 0772-1234567 或 13800000000。"))
        return phone

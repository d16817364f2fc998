"""The office's audit page: who saw or exported personal data, and who changed what."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_history_manager_for_model

from .forms import StyledFormMixin
from .models import PersonalDataAccess

PROJECT_APPS = ("liudong_wages", "enterprises", "cases", "funds", "reporting")


def models_with_history() -> dict[str, type[Model]]:
    """ "app_label.model_name" → model, for every project model that keeps a change history."""
    found = {}
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if hasattr(model, "history") and not model.__name__.startswith("Historical"):
                found[model._meta.label_lower] = model
    return found


class AccessLogFilter(StyledFormMixin, forms.Form):
    person = forms.CharField(label=_("用户"), required=False, help_text=_("用户名或姓名"))
    action = forms.ChoiceField(
        label=_("操作"), required=False, choices=[("", _("全部")), *PersonalDataAccess.Action.choices]
    )
    what = forms.CharField(label=_("对象"), required=False)
    start = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def apply(self, queryset: QuerySet) -> QuerySet:
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["person"]:
            queryset = queryset.filter(
                Q(user__username__icontains=data["person"]) | Q(user__full_name__icontains=data["person"])
            )
        if data["action"]:
            queryset = queryset.filter(action=data["action"])
        if data["what"]:
            queryset = queryset.filter(Q(what__icontains=data["what"]) | Q(object_ref=data["what"]))
        if data["start"]:
            queryset = queryset.filter(at__date__gte=data["start"])
        if data["end"]:
            queryset = queryset.filter(at__date__lte=data["end"])
        return queryset


class ChangeLogFilter(StyledFormMixin, forms.Form):
    model = forms.ChoiceField(label=_("记录类型"))
    person = forms.CharField(label=_("操作人"), required=False)
    start = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.models = models_with_history()
        model_field = self.fields["model"]
        assert isinstance(model_field, forms.ChoiceField)
        model_field.choices = [
            (key, f"{model._meta.app_config.verbose_name} · {model._meta.verbose_name}")
            for key, model in self.models.items()
        ]

    def records(self) -> QuerySet | None:
        if not self.is_valid():
            return None
        data = self.cleaned_data
        queryset = (
            get_history_manager_for_model(self.models[data["model"]])
            .select_related("history_user")
            .order_by("-history_date")
        )
        if data["person"]:
            queryset = queryset.filter(
                Q(history_user__username__icontains=data["person"])
                | Q(history_user__full_name__icontains=data["person"])
            )
        if data["start"]:
            queryset = queryset.filter(history_date__date__gte=data["start"])
        if data["end"]:
            queryset = queryset.filter(history_date__date__lte=data["end"])
        return queryset

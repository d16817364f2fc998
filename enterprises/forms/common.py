"""What every form module of the app shares: the date widget (a service's refusal is shown on a form by the
core's `liudong_wages.forms.add_service_errors`)."""

from __future__ import annotations

from django import forms

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

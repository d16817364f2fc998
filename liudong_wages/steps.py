"""One workflow step at its own URL (STYLE.md, "Workflow steps: one URL per action, POST only, each calling one
service"), the way every app's step views run:

- POST: the step's form validates what was sent, then the step's one service runs; on success the user is
  told and sent back to the object's page (or to what the service made);
- a refusal (the form's, or the service's `ValidationError`, on its field when the form has it) shows the
  step's form alone at the same URL, with what was typed and why, and nothing is saved;
- GET shows the step's form alone, so that the URL can be reloaded or opened without the object's page.

The object's page shows the same forms, each posting to its step's URL. Access is checked by the view before
it calls `run_step` (`access.get_for_user` with the step's action).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .forms import add_service_errors


class Page(Protocol):
    """What a step goes back to: an object with its own page."""

    def get_absolute_url(self) -> str: ...


def run_step(
    request: HttpRequest,
    *,
    form: forms.Form,
    service: Callable[[dict[str, Any]], Any],
    title: str,
    back: Page,
    done: str | Callable[[Any], str],
    then: Callable[[Any], Page] | None = None,
) -> HttpResponse:
    """Run the step: `service(cleaned_data)` on a valid POST, then redirect to `then(result)` or to `back`
    with the message `done` (or `done(result)`); otherwise the form alone (template `step_form.html`), titled `title`, with a
    link back to `back`."""
    if request.method == "POST" and form.is_valid():
        try:
            result = service(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done(result) if callable(done) else done)
            return redirect(then(result) if then else back)
    return render(request, "step_form.html", {"form": form, "title": title, "back": back})

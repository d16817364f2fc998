from django.db import models

from ..validators import normalize_code


class NormalizedCodeField(models.CharField):
    """A code stored without spaces and in upper case, whatever the user typed (see validators.py)."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_code(value) if value is not None else value

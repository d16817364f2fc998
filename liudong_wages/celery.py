"""The Celery application. Configuration comes from Django's settings (the CELERY_ names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liudong_wages.settings")

app = Celery("liudong_wages")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

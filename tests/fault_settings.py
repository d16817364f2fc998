"""Settings of the processes tests/test_faults.py starts (a Celery worker), on top of the real ones.

An e-mail backend that can be made slow, a short outbox claim and a short broker visibility timeout, so that
a worker killed mid-send is seen to be replaced within seconds instead of ten minutes and an hour.
"""

import os

from liudong_wages.settings import *  # noqa: F403
from liudong_wages.settings import LIUDONG

EMAIL_BACKEND = "tests.fault_mail.SlowFileBackend"
EMAIL_FILE_PATH = os.environ["FAULT_MAIL_DIR"]
LIUDONG["OUTBOX_CLAIM_TIMEOUT_SECONDS"] = int(os.environ.get("FAULT_CLAIM_TIMEOUT_SECONDS", "3"))
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("FAULT_VISIBILITY_TIMEOUT", "5"))}

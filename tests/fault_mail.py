"""An e-mail backend for the fault tests: each message becomes a file, after a pause when the file
`<mail dir>/slow` exists. While it pauses, `<mail dir>/sending-<pid>` tells the test a worker is mid-send."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        folder = Path(self.file_path)
        if (folder / "slow").exists():
            marker = folder / f"sending-{os.getpid()}"
            marker.write_text(";".join(",".join(m.to) for m in email_messages))
            time.sleep(float((folder / "slow").read_text() or "60"))
        return super().send_messages(email_messages)

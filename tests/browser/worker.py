"""Starts a Celery worker at the journey's moment: `python tests/browser/worker.py -Q <queue>`.

The journeys run at a fixed day of the calendar (conftest `clock`); the worker is a separate process, so it
travels there itself, to the instant in BROWSER_TESTS_CLOCK, and ticks on from it like the live server.
"""

import os
import sys
from pathlib import Path

import time_machine

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    moment = os.environ.get("BROWSER_TESTS_CLOCK")
    if moment:
        time_machine.travel(float(moment), tick=True).start()
    from celery.__main__ import main

    sys.argv = [
        "celery",
        "-A",
        "liudong_wages",
        "worker",
        "-P",
        "solo",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "info",
        *sys.argv[1:],
    ]
    sys.exit(main())

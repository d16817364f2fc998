"""The load test (issue 21): users per role doing what they do, against gunicorn started as docker-compose starts
it. Run by `manage.py loadtest`, which starts gunicorn, logs the users in (sessions written beforehand, with
the second factor passed) and hands them over in the file named by LOADTEST_USERS:
{"liaison": {"session": "…", "reports": [pk, …]}, "office": {"session": "…", "cases": [pk, …]}, "director": …}.

- liaisons on a report deadline day: their start page, their unit's reports, a report and its form;
- office staff work cases: the cases list, a search, a case, interviews, enterprises, projects, monitoring;
- the director: the dashboard, the reporting board, the fund, and now and then the board's export;
- HealthzUser and CasesUser: `/healthz` alone and `/cases/` alone, the ratio the issue asks for.
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, constant, task

_USERS: dict = {}


def users() -> dict:
    if not _USERS:
        with open(os.environ["LOADTEST_USERS"], encoding="utf-8") as source:
            _USERS.update(json.load(source))
    return _USERS


class _Role(HttpUser):
    abstract = True
    role = ""
    # No pause between pages: N users are N requests in flight, so that the figures are the server's capacity
    # at that concurrency (as the issue measures), not the users' reading time.
    wait_time = constant(0)

    def on_start(self) -> None:
        self.data = users()[self.role]
        self.client.cookies.set("sessionid", self.data["session"])

    def get(self, url: str, name: str | None = None) -> None:
        with self.client.get(url, name=name or url, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")


class LiaisonUser(_Role):
    role = "liaison"
    weight = 3

    @task(2)
    def start_page(self) -> None:
        self.get("/")

    @task(3)
    def reports(self) -> None:
        self.get("/reporting/reports/")

    @task(3)
    def report(self) -> None:
        if self.data["reports"]:
            self.get(f"/reporting/reports/{random.choice(self.data['reports'])}/", "/reporting/reports/<pk>/")

    @task(2)
    def report_form(self) -> None:
        if self.data["edit"]:
            pk = random.choice(self.data["edit"])
            self.get(f"/reporting/reports/{pk}/edit/", "/reporting/reports/<pk>/edit/")


class OfficeStaffUser(_Role):
    role = "office"
    weight = 4

    @task(4)
    def cases(self) -> None:
        self.get("/cases/")

    @task(2)
    def search(self) -> None:
        self.get(f"/cases/?q={random.choice(self.data['terms'])}&status=open", "/cases/?q=…&status=open")

    @task(4)
    def case(self) -> None:
        self.get(f"/cases/{random.choice(self.data['cases'])}/", "/cases/<pk>/")

    @task(1)
    def interviews(self) -> None:
        self.get("/cases/interviews/")

    @task(1)
    def enterprises(self) -> None:
        self.get("/enterprises/")

    @task(1)
    def projects(self) -> None:
        self.get("/enterprises/projects/")

    @task(1)
    def monitoring(self) -> None:
        self.get("/enterprises/monitoring/")


class DirectorUser(_Role):
    role = "director"
    weight = 1

    @task(4)
    def dashboard(self) -> None:
        self.get("/dashboard/")

    @task(2)
    def board(self) -> None:
        self.get("/reporting/board/")

    @task(2)
    def fund(self) -> None:
        self.get("/funds/")

    @task(1)
    def export(self) -> None:
        self.get("/reporting/board/export.xlsx")


class HealthzUser(HttpUser):
    """`/healthz` alone, as fast as it answers: the whole middleware stack and one query."""

    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz")


class CasesUser(_Role):
    """`/cases/` alone, as fast as it answers, as office staff."""

    role = "office"
    wait_time = constant(0)

    @task
    def cases(self) -> None:
        self.get("/cases/")

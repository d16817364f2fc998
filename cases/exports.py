"""Excel of the cases app: the case and interview lists, a campaign's summary and the public dishonest list,
from Column definitions (liudong_wages.excel). Renderers take rows, never a queryset: the functions here turn
querysets into rows first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.models import DishonestListing
from liudong_wages import privacy
from liudong_wages.excel import BOOL, CHOICE, DATE, DECIMAL, INT, Column

from .models import Case, Interview


def labels(choices: Iterable[tuple[str, object]]) -> list[tuple[str, str]]:
    """Choices with their lazy labels made plain text: openpyxl writes only real strings."""
    return [(value, str(label)) for value, label in choices]


def case_columns() -> list[Column]:
    return [
        Column("number", _("案件编号")),
        Column("status", _("状态"), CHOICE, choices=labels(Case.Status.choices)),
        Column("source", _("来源"), CHOICE, choices=labels(Case.Source.choices)),
        Column("respondent", _("被投诉单位"), width=30),
        Column("project", _("工程项目"), width=30),
        Column("industry", _("行业"), CHOICE, choices=labels(Case.industry.field.choices or [])),
        Column("received_on", _("受理日期"), DATE),
        Column("deadline", _("当前期限"), DATE),
        Column("overdue", _("已超期"), BOOL),
        Column("workers", _("人数"), INT),
        Column("owed", _("欠薪总额"), DECIMAL),
        Column("paid", _("已支付"), DECIMAL),
        Column("handler", _("承办人")),
        Column("complainant", _("投诉人")),
        Column("phone", _("投诉人电话")),
    ]


def case_rows(cases: QuerySet[Case], *, full: bool, today: dt.date) -> Iterator[dict[str, Any]]:
    """The rows of the case list; the complainant's phone masked unless `full`. A generator over
    .iterator(): the rows are read in batches while the file streams out, never all at once."""
    for case in cases.iterator(chunk_size=2000):
        yield {
            "number": case.number,
            "status": case.status,
            "source": case.source,
            "respondent": case.respondent,
            "project": case.project.name if case.project else "",
            "industry": case.industry,
            "received_on": case.received_on,
            "deadline": case.deadline,
            "overdue": case.is_overdue(today),
            "workers": case.worker_count,
            "owed": case.total_owed,
            "paid": case.total_paid,
            "handler": case.handler.display_name if case.handler else "",
            "complainant": case.complainant_name,
            "phone": case.complainant_phone if full else privacy.mask_phone(case.complainant_phone),
        }


def interview_columns() -> list[Column]:
    return [
        Column("notice_number", _("通知书文号"), width=24),
        Column("enterprise", _("企业"), width=30),
        Column("legal_rep", _("法定代表人")),
        Column("scheduled_at", _("约谈时间"), DATE),
        Column("status", _("状态"), CHOICE, choices=labels(Interview.Status.choices)),
        Column("case", _("关联案件")),
        Column("rectification_due", _("整改报告期限"), DATE),
        Column("report_received_on", _("整改报告收到"), DATE),
        Column("penalty", _("处罚决定书")),
    ]


def interview_rows(interviews: Iterable[Interview]) -> list[dict[str, Any]]:
    return [
        {
            "notice_number": i.notice_number,
            "enterprise": i.enterprise.name,
            "legal_rep": i.legal_rep_name,
            "scheduled_at": timezone.localtime(i.scheduled_at).date(),
            "status": i.status,
            "case": i.case.number if i.case else "",
            "rectification_due": i.rectification_due,
            "report_received_on": i.report_received_on,
            "penalty": i.penalty_decision_number,
        }
        for i in interviews
    ]


def campaign_summary_columns() -> list[Column]:
    """The columns of `services.campaigns.campaign_summary`'s rows."""
    return [
        Column("group", _("行业"), width=18),
        Column("inspections", _("巡视检查（次）"), INT),
        Column("cases", _("受理案件（件）"), INT),
        Column("workers", _("涉及劳动者（人）"), INT),
        Column("owed", _("涉及金额（元）"), DECIMAL),
        Column("paid", _("追回金额（元）"), DECIMAL),
        Column("closed", _("办结案件（件）"), INT),
    ]


def public_list_columns() -> list[Column]:
    """The dishonest list as the public website publishes it (issue 18)."""
    return [
        Column("name", _("单位名称"), width=36),
        Column("credit_code", _("统一社会信用代码"), width=22),
        Column("grounds", _("列入事由"), width=40),
        Column("decision_number", _("列入决定文号"), width=24),
        Column("decided_on", _("列入日期"), DATE),
        Column("listed_until", _("列入期限至"), DATE),
    ]


def public_list_rows(listings: Iterable[DishonestListing]) -> list[dict[str, Any]]:
    """Enterprise, credit code, reason and term of each listing: no personal data (neither the workers nor
    the responsible persons named in the listing)."""
    grounds = dict(DishonestListing.Grounds.choices)
    return [
        {
            "name": listing.enterprise.name,
            "credit_code": listing.enterprise.credit_code,
            "grounds": str(grounds.get(listing.grounds, listing.grounds)),
            "decision_number": listing.decision_number,
            "decided_on": listing.decided_on,
            "listed_until": listing.listed_until,
        }
        for listing in listings
    ]

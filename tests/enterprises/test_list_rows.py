"""The enterprises app's long lists write their rows in Python (enterprises/tables.py, issue 21): each cell
shows what the template showed, in the language of the request."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from enterprises.models import WageAlert

from ..factories import EnterpriseFactory, ProjectFactory, SiteInspectionFactory
from .test_monitoring_pages import TODAY, add_alert


def test_a_warnings_cells_name_its_colour_days_handling_and_amounts(client, inspector, frozen):
    frozen(TODAY)
    project = ProjectFactory(name="柳东<一期>", general_contractor=EnterpriseFactory(name="广西某建工"))
    inspection = SiteInspectionFactory(project=project)
    add_alert(
        project,
        level="red",
        red_reason="逾期 10 日仍未补报",
        inspection=inspection,
        workers_unpaid=12,
        amount_unpaid=Decimal("48000.50"),
        opened_on=dt.date(2026, 11, 7),
    )
    add_alert(project, reason=WageAlert.Reason.UNDERPAID, case_number="柳东欠薪〔2026〕9号")
    add_alert(project, month=dt.date(2026, 9, 1), closed_on=dt.date(2026, 11, 17), close_reason="已补报")
    client.force_login(inspector)
    page = client.get("/enterprises/monitoring/?state=all").content.decode()
    assert page.count(f'<a href="/enterprises/projects/{project.pk}/#monitoring">柳东&lt;一期&gt;</a>') == 3
    assert '<span class="badge text-bg-danger">红色</span>' in page
    assert "逾期 10 日仍未补报</div>" in page and "<td>广西某建工</td>" in page
    assert '<td>2026-11-07<div class="small text-muted">已 11 天</div></td>' in page
    assert '<div class="small text-muted">2026-11-17 解除</div>' in page
    assert f'<a href="/enterprises/inspections/{inspection.pk}/">督办巡视</a>' in page
    assert '<td class="small">已立案 柳东欠薪〔2026〕9号</td>' in page
    assert '<td class="text-end">12</td><td class="text-end">48,000.50</td>' in page
    assert '<td class="text-end">—</td><td class="text-end">—</td>' in page  # nobody unpaid yet
    english = client.get("/enterprises/monitoring/?state=all", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "11 days" in english and "cleared 2026-11-17" in english and ">Red</span>" in english

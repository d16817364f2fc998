"""Journey: a wage sheet that comes late, a red warning, and a case with the workers' claims (issue 17).

October 2026's wages on 柳东新区测试工地 were due on payday, Monday 16 November (the 15th is a Sunday). On
Tuesday 1 December, ten working days later, the daily check finds no sheet: red. The office imports the
sheet that finally arrives, with two workers paid short; the next check closes the missing-sheet warning and
raises a red one for the short payments; the inspector opens a case from it, whose claims are the two
workers and what they are owed.
"""

import datetime as dt
from decimal import Decimal

import pytest

from enterprises.models import LabourCostTransfer, Payroll, PayrollLine, ProjectWorker, WageAlert
from enterprises.services import wage_payments_check
from liudong_wages.roles import Role

from ..factories import ProjectFactory, UserFactory, valid_id_number

DAY = dt.date(2026, 12, 1)
WORKERS = [("韦大山", 11), ("覃小海", 12), ("蓝春花", 13)]


def _site():
    project = ProjectFactory(
        name="柳东新区测试工地",
        start_date=dt.date(2026, 3, 1),
        contract_signed_on=dt.date(2026, 2, 20),
        wage_account_opened_on=dt.date(2026, 3, 1),
        contract_value=Decimal("2000000.00"),  # below the deposit's threshold: no deposit warning
    )
    workers = [
        ProjectWorker.objects.create(
            project=project,
            name=name,
            id_number=valid_id_number(n),
            employer=project.general_contractor,
            team="钢筋班",
            started_on=dt.date(2026, 3, 1),
        )
        for name, n in WORKERS
    ]
    for month in (dt.date(2026, 9, 1), dt.date(2026, 10, 1)):
        LabourCostTransfer.objects.create(
            project=project, period=month, transferred_on=month.replace(day=25), amount=Decimal("18000.00")
        )
    september = Payroll.objects.create(
        project=project,
        month=dt.date(2026, 9, 1),
        status=Payroll.Status.PAID,
        worker_count=3,
        total_payable=Decimal("18000.00"),
        total_paid=Decimal("18000.00"),
    )
    PayrollLine.objects.bulk_create(
        PayrollLine(payroll=september, worker=w, payable=Decimal("6000.00"), paid=Decimal("6000.00"))
        for w in workers
    )
    return project, workers


@pytest.mark.clock("2026-12-01 09:30")
def test_a_late_sheet_becomes_a_red_warning_and_a_case_with_the_workers_claims(journey, tmp_path):
    from cases.models import Case

    office = UserFactory(roles=[Role.OFFICE], unit__code="rsj", full_name="覃明")
    inspector = UserFactory(roles=[Role.INSPECTOR], unit__code="rsj", full_name="黎明")
    project, workers = _site()
    wage_payments_check(today=DAY)
    missing = WageAlert.objects.open().get(project=project, reason=WageAlert.Reason.SHEET_MISSING)
    assert missing.level == WageAlert.Level.RED
    page = journey.page

    # The office sees the red warning on the monitoring list and opens the project.
    journey.login(office)
    journey.go("/enterprises/monitoring/?level=red")
    journey.see("上月工资支付表未按期报送")
    journey.shot("monitoring-01-red-list")
    page.get_by_role("link", name="柳东新区测试工地").first.click()
    journey.see("工资支付监控")

    # The sheet arrives: the template, filled in with two workers paid short, imported and submitted.
    page.get_by_role("link", name="工资支付表").first.click()
    page.get_by_role("link", name="导入工资表").click()
    workbook, _name = journey.workbook(lambda: page.get_by_role("link", name="下载 Excel 模板").click())
    sheet = workbook.worksheets[0]
    paid = {11: 6000, 12: 4000, 13: 3500}
    for worker, (_label, n) in zip(workers, WORKERS, strict=True):
        sheet.append([worker.name, worker.id_number, 26, 6000, paid[n], "2026-11-30", f"GZ{n}", None, None])
    filled = tmp_path / "十月工资表.xlsx"
    workbook.save(filled)
    page.get_by_label("工资月份").fill("2026-10")
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(filled)
    page.get_by_role("button", name="上传并检查").click()
    journey.alert("工资支付表已导入")
    journey.see("4,500.00")
    page.locator("#payroll-steps").get_by_role("button", name="报送").click()
    journey.alert("工资支付表已报送。")
    journey.shot("monitoring-02-sheet-submitted", full_page=True)

    # The next daily check: the missing sheet's warning closes; the short payments are red at once.
    wage_payments_check(today=DAY)
    missing.refresh_from_db()
    assert missing.closed_on == DAY
    underpaid = WageAlert.objects.open().get(project=project, reason=WageAlert.Reason.UNDERPAID)
    assert underpaid.level == WageAlert.Level.RED

    # The inspector opens a case from the red warning.
    journey.login(inspector)
    journey.see("工资支付预警", within="#start-wage-alerts")
    journey.go(f"/enterprises/projects/{project.pk}/")
    journey.see("部分人员实发少于应发")
    journey.shot("monitoring-03-project-red", full_page=True)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#project-alerts").get_by_role("button", name="转立案").click()
    journey.alert("已由红色预警立案")
    case = Case.objects.get(project=project)
    journey.see("覃小海")
    journey.see("蓝春花")
    journey.shot("monitoring-04-case", full_page=True)
    assert {c.name: c.amount_owed for c in case.claims.all()} == {
        "覃小海": Decimal("2000.00"),
        "蓝春花": Decimal("2500.00"),
    }
    underpaid.refresh_from_db()
    assert underpaid.case_number == case.number

"""Journey 3: an advance from the emergency revolving fund for the workers of a case (issue 10).

The HR bureau (office) applies and submits; the management committee's approver approves and the finance
bureau's treasurer pays, both through two-factor login, set up at their first login; the office orders the
employer to repay, the treasurer records what came back, and the fund page shows the balance.
"""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from cases import services as case_services
from funds import services as fund_services
from funds.models import AdvanceApplication
from liudong_wages.roles import Role

from ..factories import CaseFactory, EnterpriseFactory, UserFactory, valid_id_number

EMPLOYER = "柳州市恒建劳务有限公司"


def _action(page, heading: str):
    """The card of one action on the application page (each has its own form and 确定 button)."""
    return page.locator("#actions .card").filter(has=page.get_by_role("heading", name=heading, exact=True))


@pytest.mark.clock("2026-11-04 10:00")
def test_an_advance_is_approved_paid_and_partly_recovered(journey):
    office = UserFactory(roles=[Role.OFFICE], unit__code="rsj", full_name="覃明")
    approver = UserFactory(roles=[Role.APPROVER], unit__code="gwh", full_name="梁志远")
    treasurer = UserFactory(roles=[Role.TREASURER], unit__code="czj", full_name="周丽娟")
    fund_services.ledger_appropriate(
        amount=Decimal("500000.00"), document_ref="柳东财预〔2026〕12号", by=treasurer
    )
    case = CaseFactory(
        enterprise=EnterpriseFactory(name=EMPLOYER),
        received_on=dt.date(2026, 11, 2),
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 9, 30),
    )
    case_services.case_file(case=case, by=office, on=dt.date(2026, 11, 2))
    case_services.worker_claims_add(
        case=case,
        by=office,
        claims=[
            case_services.ClaimData(name=name, id_number=valid_id_number(n), amount_owed=Decimal(amount))
            for n, (name, amount) in enumerate(
                [("覃大力", "12000.00"), ("韦小明", "9800.00"), ("莫春花", "7600.50")]
            )
        ],
    )
    page = journey.page

    # The office applies from the case page, with a line per worker filled from the claims.
    journey.login(office)
    journey.go(case.get_absolute_url())
    page.get_by_role("link", name="申请垫付").click()
    journey.see("3 人，欠薪 29,400.50 元")
    expect(page.locator("input[name$='-worker_name']").first).to_have_value("覃大力")
    page.get_by_label("垫付情形").select_option(label="用人单位拖欠工资或逃匿")
    page.get_by_label("情况说明").fill("企业负责人失联，3 名农民工工资无着落，已聚集讨薪。")
    journey.shot("office-03-advance-form", full_page=True)
    page.get_by_role("button", name="保存草稿").click()
    journey.alert("已保存为草稿。")
    application = AdvanceApplication.objects.get(case=case)
    assert application.total_requested == Decimal("29400.50")
    page.get_by_role("button", name="提交管委会审批").click()
    journey.alert("申请已提交管委会审批。")

    # The approver: first login sets up the authenticator, then approves.
    journey.login(approver, shot="approver-01-login")
    journey.menu("周转金", "垫付申请")
    page.get_by_role("link", name=application.number).click()
    journey.see("29,400.50")
    _action(page, "批准").get_by_label("审批意见").fill("同意垫付，由人社局负责追偿。")
    journey.shot("approver-02-approve", full_page=True)
    _action(page, "批准").get_by_role("button", name="确定").click()
    journey.alert("已批准。")

    # The treasurer pays (also with a second factor).
    journey.login(treasurer)
    journey.go(application.get_absolute_url())
    pay = _action(page, "支付垫付款")
    expect(pay.get_by_label("支付金额（元）")).to_have_value("29400.50")
    pay.get_by_label("支付凭证号").fill("柳东财付〔2026〕0871号")
    journey.shot("treasurer-02-pay", full_page=True)
    pay.get_by_role("button", name="确定").click()
    journey.alert("支付已登记。")

    # The office orders the employer to repay; the order comes out as a PDF.
    journey.login(office)
    journey.go(application.get_absolute_url())
    order = _action(page, "责令企业偿还")
    order.get_by_label("责令偿还文书号").fill("柳东人社追〔2026〕3号")
    order.get_by_label("偿还期限").fill("2026-11-20")
    order.get_by_role("button", name="确定").click()
    journey.alert("已责令企业偿还。")
    text, _name = journey.pdf_text(page.get_by_role("link", name="打印通知书（PDF）"))
    assert EMPLOYER in text and "柳东人社追〔2026〕3号" in text

    # The treasurer records the first repayment.
    journey.login(treasurer)
    journey.go(application.get_absolute_url())
    recovery = _action(page, "登记追回款")
    recovery.get_by_label("追回金额（元）").fill("10000.00")
    recovery.get_by_label("收款凭证号").fill("柳东财收〔2026〕0112号")
    recovery.get_by_role("button", name="确定").click()
    journey.alert("追回款已登记。")

    # The fund: 500,000.00 appropriated − 29,400.50 paid + 10,000.00 recovered.
    journey.menu("周转金", "周转金")
    expect(page.locator("#fund-balance")).to_have_text("480,599.50 元")
    journey.shot("treasurer-03-fund", full_page=True)
    application.refresh_from_db()
    assert application.outstanding == Decimal("19400.50")

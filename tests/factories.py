"""factory_boy factories shared by the tests of every app."""

import factory
from django.contrib.auth.models import Group

from liudong_wages.models import MemberUnit, Notification, User

DEFAULT_PASSWORD = "Liudong-test-2026"


class MemberUnitFactory(factory.django.DjangoModelFactory):
    """Member units are seeded by migration: the factory fetches one by code."""

    class Meta:
        model = MemberUnit
        django_get_or_create = ["code"]

    code = "jsj"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@liudong.example")
    unit = factory.SubFactory(MemberUnitFactory)
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[str(role) for role in extracted]))
        self.save()


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "generic"
    title = factory.Sequence(lambda n: f"通知{n}")


# enterprises


def _money(text: str):
    from decimal import Decimal

    return Decimal(text)


def _day(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def valid_credit_code(n: int) -> str:
    """A valid unified social credit code of a Liuzhou enterprise, numbered `n`."""
    from stdnum.cn import uscc

    body = f"91450200MA{n % 10_000_000:07d}"
    return body + uscc.calc_check_digit(body)


def valid_id_number(n: int, birth: str = "19900307") -> str:
    from stdnum.cn import ric

    body = f"450204{birth}{n % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "enterprises.Enterprise"

    name = factory.Sequence(lambda n: f"柳州测试建设有限公司{n}")
    credit_code = factory.Sequence(valid_credit_code)
    industry = "construction"
    legal_rep_name = "韦建国"
    legal_rep_id_number = factory.Sequence(valid_id_number)
    legal_rep_phone = "13877200001"
    address = "柳州市柳东新区新柳大道 1 号"
    industrial_park = "柳东新区汽车城"
    headcount = 120
    migrant_worker_count = 80


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "enterprises.Project"

    name = factory.Sequence(lambda n: f"柳东新区测试工程{n}标段")
    kind = "building"
    location = "柳东新区"
    construction_unit = factory.SubFactory(EnterpriseFactory, industry="other")
    general_contractor = factory.SubFactory(EnterpriseFactory)
    contract_value = factory.LazyFunction(lambda: _money("5000000.00"))
    worker_count = 60
    wage_supervisor = "蓝专管"
    wage_account_number = "6222020000000001"
    wage_account_bank = "中国工商银行柳州分行"
    labour_filed = True
    real_name_management = True
    notice_board = True


class SiteInspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "enterprises.SiteInspection"

    project = factory.SubFactory(ProjectFactory)
    enterprise = factory.LazyAttribute(lambda o: o.project.general_contractor)
    check_filing = "ok"
    check_real_name = "ok"
    check_wage_account = "ok"
    check_notice_board = "ok"
    check_deposit = "ok"
    check_wage_payment = "ok"


class DishonestListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "enterprises.DishonestListing"

    enterprise = factory.SubFactory(EnterpriseFactory)
    grounds = "criminal"
    facts = "拖欠 35 名农民工工资共计 42 万元，经责令支付逾期未支付。"
    amount_owed = factory.LazyFunction(lambda: _money("420000.00"))
    workers_affected = 35
    payment_order_number = factory.Sequence(lambda n: f"柳东人社监令〔2026〕{n}号")
    payment_order_date = factory.LazyFunction(lambda: _day("2026-03-02"))


# cases


def _today():
    from django.utils import timezone

    return timezone.localdate()


class CaseFactory(factory.django.DjangoModelFactory):
    """A case as `case_receive` leaves it (status received, with its receipt event); later steps go through
    the services so that the event log stays true."""

    class Meta:
        model = "cases.Case"
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"T2026-{n:05d}")
    source = "complaint"
    enterprise = factory.SubFactory(EnterpriseFactory)
    industry = "construction"
    summary = "项目完工后总包单位以工程款未结清为由拖欠班组工人工资。"
    period_start = factory.LazyFunction(lambda: _day("2026-01-01"))
    period_end = factory.LazyFunction(lambda: _day("2026-03-31"))
    received_on = factory.LazyFunction(_today)
    complainant_name = "覃工人"
    complainant_phone = "13977200002"

    @factory.post_generation
    def received_event(self, create, extracted, **kwargs):
        if create:
            from cases import deadlines
            from cases.models import CaseEvent

            CaseEvent.objects.create(case=self, kind=CaseEvent.Kind.RECEIVED, on=self.received_on)
            current = deadlines.current(self.events.all())
            self.deadline = current.due if current else None
            self.deadline_kind = current.kind if current else ""
            self.save(update_fields=["deadline", "deadline_kind"])


class WorkerClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.WorkerClaim"

    case = factory.SubFactory(CaseFactory)
    name = factory.Sequence(lambda n: f"工人{n}")
    id_number = factory.Sequence(lambda n: valid_id_number(n, birth="19850505"))
    phone = factory.Sequence(lambda n: f"139{n % 100_000_000:08d}")
    amount_owed = factory.LazyFunction(lambda: _money("6000.00"))


# reporting


class ReportFactory(factory.django.DjangoModelFactory):
    """A draft monthly report of 柳东建设局 with two valid line items; pass `report_type` and `unit` together."""

    class Meta:
        model = "reporting.Report"

    unit = factory.SubFactory(MemberUnitFactory, code="jsj")
    report_type = "jsj_monthly"
    period = factory.LazyFunction(lambda: _day("2026-10-01"))
    body = factory.LazyAttribute(lambda r: _report_body(r.report_type, r.period))


def _report_body(report_type: str, period):
    from reporting import definitions
    from reporting.demo import sample_body

    return sample_body(definitions.get(report_type), period)


# funds


class AdvanceApplicationFactory(factory.django.DjangoModelFactory):
    """A draft application with one line per amount in `lines` (default: two workers, 3,000 yuan each).
    Later steps go through the services, so that the ledger and the timeline stay true."""

    class Meta:
        model = "funds.AdvanceApplication"
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"YJT-{n:05d}")
    case = factory.SubFactory(CaseFactory)
    ground = "incident"
    ground_detail = "企业负责人失联，工人聚集讨薪，春节前急需返乡。"
    created_by = factory.SubFactory(UserFactory, roles=["office"], unit__code="rsj")

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if not create:
            return
        from funds.models import AdvanceLine

        amounts = extracted if extracted is not None else [_money("3000.00"), _money("3000.00")]
        AdvanceLine.objects.bulk_create(
            AdvanceLine(application=self, worker_name=f"工人{index}", purpose="wages", amount=amount)
            for index, amount in enumerate(amounts, start=1)
        )
        self.total_requested = sum(amounts, _money("0.00"))
        self.save(update_fields=["total_requested"])


# meetings


class MeetingFactory(factory.django.DjangoModelFactory):
    """A quarterly meeting attended by 建设局 and 经发局 (or the units passed as `units`), with its empty draft
    minutes, as `meeting_create` leaves it. Later steps go through the services in `reporting.meetings`."""

    class Meta:
        model = "reporting.Meeting"
        skip_postgeneration_save = True

    kind = "regular"
    title = factory.Sequence(lambda n: f"治理欠薪工作领导小组第{n}次会议")
    date = factory.LazyFunction(_today)
    place = "新区人社局三楼会议室"
    convener = factory.SubFactory(UserFactory, roles=["leader"], unit__code="gwh")
    agenda = "通报本季度治理欠薪工作情况，研究下一步工作。"

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if not create:
            return
        from reporting.models import Minutes

        chosen = extracted if extracted is not None else MemberUnit.objects.filter(code__in=["jsj", "jfj"])
        self.units.set(chosen)
        Minutes.objects.get_or_create(meeting=self)


class SupervisionTaskFactory(factory.django.DjangoModelFactory):
    """An open supervision task of 柳东建设局, due in ten days."""

    class Meta:
        model = "reporting.SupervisionTask"

    unit = factory.SubFactory(MemberUnitFactory, code="jsj")
    content = factory.Sequence(lambda n: f"督办事项{n}：排查在建项目农民工工资专用账户开设情况。")
    due_on = factory.LazyFunction(lambda: _in_days(10))


def _in_days(days: int):
    import datetime as dt

    return _today() + dt.timedelta(days=days)


# bulletin


class BulletinFactory(factory.django.DjangoModelFactory):
    """A draft bulletin of a quarter, not built. `published_bulletin` in tests/matrix_objects.py shows how to
    get a built and published one through the services."""

    class Meta:
        model = "reporting.Bulletin"
        django_get_or_create = ["year", "quarter"]

    year = 2026
    quarter = 3
    issue_number = factory.LazyAttribute(lambda b: b.quarter)

"""The rules of DESIGN.md section 4 for projects, as pure functions of plain values.

Nothing here reads the database (except the working-day calendar), so each rule is tested at its edges on
its own, and the pages, the risk refresh and the export all use the same answers.

Wage deposit (工资保证金管理暂行办法, 人社部发〔2021〕65号):
- required: the rate (1%–3%, default 2%; not below 0.5% when lowered) times the contract value;
- exempt: a contract under 3 million yuan whose general contractor had no arrears in the past year
  (exactly 3,000,000.00 is not under: a deposit is due);
- due: within 20 working days of the approval (施工许可) date, so the 20th working day is the last day;
- checked at least every six months while it is held; returned after a 30-day public notice.

Project risk (red / orange / yellow): see `project_risk` below; the reasons are shown on the project.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liudong_wages import workdays

CENT = Decimal("0.01")


def policy(name: str):
    return settings.LIUDONG[name]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- wage deposit -------------------------------------------------------------------------------------------


def deposit_rate_is_allowed(rate: Decimal) -> bool:
    return policy("DEPOSIT_RATE_MIN") <= rate <= policy("DEPOSIT_RATE_MAX")


def deposit_required_amount(contract_value: Decimal, rate: Decimal | None = None) -> Decimal:
    rate = policy("DEPOSIT_RATE") if rate is None else rate
    return (Decimal(contract_value) * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def deposit_is_exempt(contract_value: Decimal, *, contractor_had_arrears: bool) -> bool:
    return Decimal(contract_value) < policy("DEPOSIT_EXEMPT_BELOW") and not contractor_had_arrears


def deposit_due_date(approved_on: dt.date) -> dt.date:
    """The last day to pay: the 20th working day after approval (the day of approval itself not counted)."""
    return workdays.add_working_days(approved_on, policy("DEPOSIT_DUE_WORKING_DAYS"))


@dataclass(frozen=True)
class DepositStatus:
    exempt: bool
    required_amount: Decimal
    due_on: dt.date | None
    paid: bool
    short_paid: bool
    overdue: bool
    next_check_on: dt.date | None
    check_due: bool
    returned: bool

    @property
    def missing(self) -> bool:
        """Required, and not (fully) paid by now."""
        return not self.exempt and not self.returned and (self.overdue or self.short_paid)


def deposit_status(
    *,
    contract_value: Decimal,
    contractor_had_arrears: bool,
    rate: Decimal | None,
    approved_on: dt.date | None,
    amount_paid: Decimal | None,
    paid_on: dt.date | None,
    checked_on: dt.date | None,
    returned_on: dt.date | None,
    today: dt.date,
) -> DepositStatus:
    exempt = deposit_is_exempt(contract_value, contractor_had_arrears=contractor_had_arrears)
    required = Decimal("0.00") if exempt else deposit_required_amount(contract_value, rate)
    due_on = None if exempt or approved_on is None else deposit_due_date(approved_on)
    paid = paid_on is not None and amount_paid is not None and amount_paid > 0
    short_paid = paid and not exempt and amount_paid < required
    overdue = not exempt and not paid and due_on is not None and today > due_on
    returned = returned_on is not None
    next_check = None
    if paid and not returned:
        next_check = add_months(checked_on or paid_on, policy("DEPOSIT_CHECK_MONTHS"))
    return DepositStatus(
        exempt=exempt,
        required_amount=required,
        due_on=due_on,
        paid=paid,
        short_paid=short_paid,
        overdue=overdue,
        next_check_on=next_check,
        check_due=next_check is not None and today >= next_check,
        returned=returned,
    )


# --- the Spring Festival ------------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def spring_festival(year: int) -> dt.date:
    """The first day of the lunar new year in `year` (from the `holidays` package, which computes it)."""
    for day, name in sorted(holidays.China(years=year, language="en_US").items()):
        if "Spring Festival" in name:
            return day
    raise LookupError(year)  # pragma: no cover - the package knows every year


def before_spring_festival(today: dt.date) -> dt.date | None:
    """The coming Spring Festival if `today` falls in the weeks before it (a setting), else None."""
    festival = spring_festival(today.year)
    if festival < today:
        festival = spring_festival(today.year + 1)
    if (festival - today).days <= 7 * policy("RISK_SPRING_FESTIVAL_WEEKS"):
        return festival
    return None


# --- project risk -------------------------------------------------------------------------------------------

RED, ORANGE, YELLOW, NONE = "red", "orange", "yellow", "none"
RANK = {RED: 3, ORANGE: 2, YELLOW: 1, NONE: 0}
LEVELS = [NONE, YELLOW, ORANGE, RED]


@dataclass(frozen=True)
class RiskFacts:
    """What the risk rules need to know about one project, gathered by selectors.project_risk_facts."""

    active: bool
    deposit: DepositStatus
    has_wage_account: bool
    labour_filed: bool
    real_name_management: bool
    notice_board: bool
    open_cases: int = 0
    listed_enterprises: tuple[str, ...] = ()
    open_findings: int = 0
    overdue_findings: int = 0
    started: bool = True
    # Open wage-payment warnings (DESIGN.md section 11): (level "red"/"yellow", reason as the office reads it).
    wage_alerts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RiskRating:
    level: str
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (level, reason)

    @property
    def rank(self) -> int:
        return RANK[self.level]


def project_risk(facts: RiskFacts, *, today: dt.date) -> RiskRating:
    """The rules, in words the office reads on the project page:

    red     open wage-arrears cases or complaints on the project; a contractor on the dishonest list; a red
            wage-payment warning;
    orange  the wage deposit is required and not paid by its due date (or short); no special wage account
            once work started; an inspection finding left open past its follow-up date;
    yellow  no labour filing, no real-name management or no rights notice board once work started;
            an inspection finding still open; the deposit's six-monthly check is due; a yellow wage-payment
            warning;
    and in the weeks before the Spring Festival, every project with a reason goes up one level (a project
    at red stays red). A completed or voided project carries no risk.
    """
    if not facts.active:
        return RiskRating(NONE, [])
    reasons: list[tuple[str, str]] = []
    if facts.open_cases:
        reasons.append((RED, _("有 %(count)d 件未结欠薪案件或投诉") % {"count": facts.open_cases}))
    for name in facts.listed_enterprises:
        reasons.append((RED, _("参建单位“%(name)s”在失信联合惩戒名单中") % {"name": name}))
    if facts.deposit.overdue:
        reasons.append((ORANGE, _("工资保证金逾期未缴存")))
    elif facts.deposit.short_paid:
        reasons.append((ORANGE, _("工资保证金缴存不足")))
    if facts.overdue_findings:
        reasons.append((ORANGE, _("巡视发现的问题逾期未整改")))
    if facts.started:
        if not facts.has_wage_account:
            reasons.append((ORANGE, _("未开设农民工工资专用账户")))
        if not facts.labour_filed:
            reasons.append((YELLOW, _("未办理用工备案")))
        if not facts.real_name_management:
            reasons.append((YELLOW, _("未实行实名制管理")))
        if not facts.notice_board:
            reasons.append((YELLOW, _("未设置维权信息告示牌")))
    for alert_level, label in facts.wage_alerts:
        level_here = RED if alert_level == RED else YELLOW
        reasons.append((level_here, _("工资支付预警：%(reason)s") % {"reason": label}))
    if facts.open_findings > facts.overdue_findings:
        reasons.append((YELLOW, _("巡视发现的问题正在整改")))
    if facts.deposit.check_due:
        reasons.append((YELLOW, _("工资保证金到期应核查")))
    if not reasons:
        return RiskRating(NONE, [])
    level = max((lvl for lvl, _reason in reasons), key=RANK.__getitem__)
    festival = before_spring_festival(today)
    if festival is not None:
        level = LEVELS[min(RANK[level] + 1, RANK[RED])]
        reasons.append(
            (level, _("春节（%(date)s）前欠薪高发期，风险等级上调一级") % {"date": date_format(festival)})
        )
    return RiskRating(level, reasons)


# --- "ten comprehensives" -----------------------------------------------------------------------------------


def star_rating_for(total_score: int) -> int:
    """Stars for a total score (0–100): the number of thresholds it reaches (settings)."""
    return sum(1 for threshold in policy("ASSESSMENT_STAR_THRESHOLDS") if total_score >= threshold)


# --- the dishonest list -------------------------------------------------------------------------------------


def objection_deadline(notified_on: dt.date) -> dt.date:
    """45号令 art. 9: objections within 5 working days of being notified."""
    return workdays.add_working_days(notified_on, policy("DISHONEST_OBJECTION_DAYS"))


def listing_end(decided_on: dt.date) -> dt.date:
    """45号令 art. 11: a listing lasts 3 years; the last day is the day before the anniversary."""
    return add_months(decided_on, 12 * policy("DISHONEST_LISTING_YEARS")) - dt.timedelta(days=1)


def early_removal_possible_on(*, decided_on: dt.date, arrears_paid_on: dt.date) -> dt.date:
    """45号令 art. 14: corrected, and listed for six months counted from the correction."""
    return add_months(max(decided_on, arrears_paid_on), policy("DISHONEST_REPAIR_MONTHS"))


# --- wage-payment monitoring (DESIGN.md section 11) ---------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return add_months(month_start(month), 1)


def previous_month(month: dt.date) -> dt.date:
    return add_months(month_start(month), -1)


def payday_of(month: dt.date, day: int | None = None) -> dt.date:
    """When the wages of `month` are due: day `day` (the project's, else WAGE_PAYDAY) of the following month,
    the month's last day when it is shorter, moved to the next working day when it is a rest day (DESIGN.md
    section 11: the office counts a sheet late only from then on, so no warning ever falls on a rest day)."""
    following = next_month(month)
    last = calendar.monthrange(following.year, following.month)[1]
    due = following.replace(day=min(day or policy("WAGE_PAYDAY"), last))
    return workdays.next_working_day(due)


def warning_from(due: dt.date) -> dt.date:
    """A yellow warning is raised on the first working day after the due day, never on it or before."""
    return workdays.add_working_days(due, 1)


def red_from(due: dt.date) -> dt.date:
    """Still unresolved WAGE_ALERT_RED_WORKING_DAYS working days after the due day: red, on that very day."""
    return workdays.add_working_days(due, policy("WAGE_ALERT_RED_WORKING_DAYS"))


def wage_account_due(contract_signed_on: dt.date) -> dt.date:
    """人社部发〔2021〕53号: the special account is opened within 30 days of the construction contract."""
    return contract_signed_on + dt.timedelta(days=policy("WAGE_ACCOUNT_OPEN_DAYS"))


def deposit_top_up_due(used_on: dt.date) -> dt.date:
    """65号 art. 11: a deposit used to pay wages is topped up within DEPOSIT_TOP_UP_WORKING_DAYS working days
    (verify against Guangxi's rules)."""
    return workdays.add_working_days(used_on, policy("DEPOSIT_TOP_UP_WORKING_DAYS"))

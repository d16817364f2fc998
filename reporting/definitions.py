"""Report types, defined once (DESIGN.md section 3). Over 400 lines: the definitions are one table, read best
together.

A definition names its unit, its cadence and due day, its header fields and its line-item columns. From it
come the browser form (`reporting.forms.reports`), the validation of the stored JSON body (`clean_body`), the Excel
template and upload (`excel_columns`, the same `Field`s as `liudong_wages.excel.Column`), the read-only view
and the rows the bulletin and the dashboard read (`rows`). Adding a report type is adding a definition here,
not a model.

The content each unit reports is that of section 二(三)5 of the implementation plan (信息互通制度).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from liudong_wages import workdays
from liudong_wages.excel import BOOL, CHOICE, DATE, DECIMAL, INT, TEXT, Column

KINDS = (TEXT, INT, DECIMAL, DATE, BOOL, CHOICE)
MAX_TEXT = 500
MAX_ITEMS = 500

DEFAULT_ITEMS_LABEL = _lazy("明细")


class Cadence:
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    AD_HOC = "ad_hoc"


@dataclass(frozen=True)
class Field(Column):
    """One header field or line-item column: an Excel `Column`, so the template, the upload, the browser
    form and the stored JSON all follow the same definition."""

    multiline: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown field kind {self.kind!r} for {self.key}")
        if self.kind == CHOICE and not self.choices:
            raise ValueError(f"Choice field {self.key} needs choices")

    def clean(self, value: Any, *, required: bool | None = None) -> Any:
        """The value as stored in the JSON body (str, int, "12.30", "2026-10-09", bool, or None), or
        ValidationError with a Chinese message. Drafts pass `required=False`."""
        column = self if required is None or required == self.required else replace(self, required=required)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise ValidationError(
                _("“%(field)s”不能超过 %(max)d 个字。") % {"field": self.header, "max": MAX_TEXT}
            )
        try:
            parsed = column.parse(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        return to_json(parsed)

    def python_value(self, stored: Any) -> Any:
        """The stored JSON value as Python (Decimal, date) for forms, Excel cells and the bulletin."""
        if stored in (None, ""):
            return None
        if self.kind == DECIMAL:
            return Decimal(stored)
        if self.kind == DATE:
            return dt.date.fromisoformat(stored)
        return stored

    def display(self, stored: Any) -> str:
        if self.kind == BOOL:
            return "—" if stored is None else (_("是") if stored else _("否"))
        if stored in (None, ""):
            return "—"
        if self.kind == DECIMAL and self.key != "wage_increase":
            return f"{Decimal(stored):,.2f}"
        return str(stored)


def to_json(value: Any) -> Any:
    if value == "":
        return None
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class ProjectMapping:
    """How a listed line item becomes an `enterprises.Project` (reporting.projects does it).

    `fields` maps a Project field to the item's key; the construction unit and the general contractor are
    enterprises found by the names in `owner_key` and `contractor_key` (a newly approved project has no
    contractor yet: the office names one when it creates the project).
    """

    fields: Mapping[str, str] = field(default_factory=dict)
    owner_key: str = "owner"
    contractor_key: str | None = "contractor"
    kind_key: str | None = "kind"
    fixed_kind: str = ""


@dataclass(frozen=True)
class ReportDefinition:
    code: str
    unit_code: str
    title: str | Promise
    cadence: str
    content: str | Promise  # what the source asks of the unit, shown on the form
    due_day: int | None = None  # None: the policy default settings.LIUDONG["REPORT_DUE_DAY"]
    header_fields: tuple[Field, ...] = ()
    item_columns: tuple[Field, ...] = ()
    items_label: str | Promise = DEFAULT_ITEMS_LABEL
    # Items must be listed unless the header says there was nothing (e.g. a count of 0).
    items_required_unless_zero: str | None = None
    project_mapping: ProjectMapping | None = None
    # Ad hoc reports recorded elsewhere (police warnings and petitions live in the cases app).
    recorded_in: str = ""

    @property
    def is_periodic(self) -> bool:
        return self.cadence in (Cadence.MONTHLY, Cadence.QUARTERLY)

    @property
    def due(self) -> int:
        return self.due_day or settings.LIUDONG["REPORT_DUE_DAY"]

    # Periods ---------------------------------------------------------------------------------------------

    def period_start(self, day: dt.date) -> dt.date:
        """The first day of the period `day` falls in."""
        if self.cadence == Cadence.QUARTERLY:
            return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return day.replace(day=1)

    def next_period(self, period: dt.date) -> dt.date:
        return add_months(period, 3 if self.cadence == Cadence.QUARTERLY else 1)

    def previous_period(self, period: dt.date) -> dt.date:
        return add_months(period, -3 if self.cadence == Cadence.QUARTERLY else -1)

    def deadline(self, period: dt.date) -> dt.date:
        """Due on the due day of the month after the period, moved to the next working day when that day is
        not one (DESIGN.md section 4, 实施方案 二(三)5: 每月10日前报送上个月份…)."""
        if not self.is_periodic:
            raise ValueError(f"{self.code} has no deadline")
        following = self.next_period(period)
        return workdays.next_working_day(following.replace(day=self.due))

    def lock_date(self, period: dt.date) -> dt.date:
        """The last day a unit may still submit without the office reopening its period."""
        return self.deadline(period) + dt.timedelta(days=settings.LIUDONG["REPORT_LOCK_DAYS"])

    def period_label(self, period: dt.date) -> str:
        if self.cadence == Cadence.QUARTERLY:
            return _("%(year)d年第%(quarter)d季度") % {
                "year": period.year,
                "quarter": (period.month + 2) // 3,
            }
        return _("%(year)d年%(month)d月") % {"year": period.year, "month": period.month}

    # The body ----------------------------------------------------------------------------------------------

    def empty_body(self) -> dict[str, Any]:
        return {"header": {f.key: None for f in self.header_fields}, "items": []}

    def clean_body(self, body: Mapping[str, Any], *, for_submit: bool = True) -> dict[str, Any]:
        """The body validated and normalised, or ValidationError listing every problem in Chinese.

        A draft may be incomplete (`for_submit=False`): only the types are checked, not required cells.
        """
        errors: list[str] = []
        header_in = body.get("header") or {}
        items_in = body.get("items") or []
        header: dict[str, Any] = {}
        for f in self.header_fields:
            try:
                header[f.key] = _clean_field(f, header_in.get(f.key), for_submit)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if len(items_in) > MAX_ITEMS:
            errors.append(_("明细最多 %(max)d 行。") % {"max": MAX_ITEMS})
            items_in = items_in[:MAX_ITEMS]
        items = []
        for number, row in enumerate(items_in, start=1):
            cleaned, row_errors = self.clean_item(row, for_submit=for_submit)
            errors.extend(_("第 %(row)d 行：%(error)s") % {"row": number, "error": e} for e in row_errors)
            if not row_errors:
                items.append(cleaned)
        if for_submit and self.items_required_unless_zero and not items_in:
            count = header.get(self.items_required_unless_zero)
            if count:
                errors.append(
                    _("“%(field)s”为 %(count)s，请逐项填写%(items)s。")
                    % {
                        "field": self.field(self.items_required_unless_zero).header,
                        "count": count,
                        "items": self.items_label,
                    }
                )
        if errors:
            raise ValidationError(errors)
        return {"header": header, "items": items}

    def clean_item(
        self, row: Mapping[str, Any], *, for_submit: bool = True
    ) -> tuple[dict[str, Any], list[str]]:
        cleaned: dict[str, Any] = {}
        errors: list[str] = []
        for f in self.item_columns:
            try:
                cleaned[f.key] = _clean_field(f, row.get(f.key), for_submit)
            except ValidationError as exc:
                errors.extend(exc.messages)
        return cleaned, errors

    def field(self, key: str) -> Field:
        for f in (*self.header_fields, *self.item_columns):
            if f.key == key:
                return f
        raise KeyError(key)

    def excel_columns(self) -> list[Column]:
        """The line-item columns for the Excel template and the upload check, with their texts translated now
        (openpyxl takes plain strings, not lazy translations)."""
        return [
            replace(
                f,
                header=str(f.header),
                help=str(f.help),
                choices=tuple((value, str(label)) for value, label in f.choices),
            )
            for f in self.item_columns
        ]

    def header_rows(self, body: Mapping[str, Any]) -> list[tuple[str, str]]:
        header = body.get("header") or {}
        return [(str(f.header), f.display(header.get(f.key))) for f in self.header_fields]

    def item_rows(self, body: Mapping[str, Any]) -> list[list[str]]:
        """The line items as display strings, in column order (the read-only view, the bulletin)."""
        return [[f.display(item.get(f.key)) for f in self.item_columns] for item in body.get("items") or []]

    def rows(self, body: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The line items as Python values keyed by column, for other parts (bulletin, dashboard)."""
        return [
            {f.key: f.python_value(item.get(f.key)) for f in self.item_columns}
            for item in body.get("items") or []
        ]


def _clean_field(f: Field, value: Any, for_submit: bool) -> Any:
    return f.clean(value, required=None if for_submit else False)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of the months from `start`'s to `end`'s, both included."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


# Shared columns ----------------------------------------------------------------------------------------------

PROJECT_KINDS = (
    ("房屋建筑", _lazy("房屋建筑")),
    ("市政工程", _lazy("市政工程")),
    ("交通工程", _lazy("交通工程")),
    ("水利工程", _lazy("水利工程")),
    ("工业项目", _lazy("工业项目")),
    ("其他", _lazy("其他")),
)
REMARKS = Field("remarks", _lazy("备注"), help=_lazy("需要说明的其他情况"), multiline=True)


def _count(key: str, header: str, help_text: str) -> Field:
    return Field(key, _lazy(header), INT, required=True, help=_lazy(help_text), min_value=0)


def _number(key: str, header: str, required: bool = False, help_text: str = "") -> Field:
    return Field(key, _lazy(header), INT, required=required, help=_lazy(help_text), min_value=0)


def _money(key: str, header: str, help_text: str = "", required: bool = False) -> Field:
    return Field(key, _lazy(header), DECIMAL, required=required, help=_lazy(help_text), min_value=Decimal(0))


def _yes_no(key: str, header: str, help_text: str = "") -> Field:
    return Field(key, _lazy(header), BOOL, help=_lazy(help_text))


DEFINITIONS: tuple[ReportDefinition, ...] = (
    ReportDefinition(
        code="bgs_monthly",
        unit_code="bgs",
        title=_lazy("农民工群体性突发事件信息"),
        cadence=Cadence.MONTHLY,
        content=_lazy("每月10日前报送上个月份农民工群体性突发事件信息。"),
        header_fields=(
            _count(
                "incident_count", "上月事件起数", "上月发生涉及农民工的群体性、突发性事件起数；没有发生填 0。"
            ),
            REMARKS,
        ),
        item_columns=(
            Field("occurred_on", _lazy("发生日期"), DATE, required=True),
            Field("location", _lazy("发生地点"), required=True),
            Field("enterprise", _lazy("涉事企业"), help=_lazy("欠薪企业或施工单位全称")),
            Field("project", _lazy("涉及项目")),
            _number("workers", "涉及人数", required=True),
            _money("amount_owed", "涉及欠薪金额（元）", "不清楚时可不填"),
            Field(
                "cause",
                _lazy("起因"),
                CHOICE,
                required=True,
                choices=(
                    ("欠薪", _lazy("欠薪")),
                    ("工程款纠纷", _lazy("工程款纠纷")),
                    ("其他", _lazy("其他")),
                ),
            ),
            Field(
                "form",
                _lazy("事件形式"),
                CHOICE,
                choices=(
                    ("聚集讨薪", _lazy("聚集讨薪")),
                    ("堵路堵门", _lazy("堵路堵门")),
                    ("跳楼跳桥等极端方式", _lazy("跳楼跳桥等极端方式")),
                    ("其他", _lazy("其他")),
                ),
            ),
            Field("handling", _lazy("处置情况"), required=True, multiline=True),
            Field(
                "status",
                _lazy("处置状态"),
                CHOICE,
                required=True,
                choices=(("已处置", _lazy("已处置")), ("处置中", _lazy("处置中"))),
            ),
        ),
        items_label=_lazy("事件明细"),
        items_required_unless_zero="incident_count",
    ),
    ReportDefinition(
        code="jfj_monthly",
        unit_code="jfj",
        title=_lazy("新审批项目信息"),
        cadence=Cadence.MONTHLY,
        content=_lazy("每月10日前报送上个月份新审批项目的信息。"),
        header_fields=(
            _count("project_count", "上月新审批项目数", "上月审批、核准或备案的投资项目数；没有填 0。"),
            REMARKS,
        ),
        item_columns=(
            Field("name", _lazy("项目名称"), required=True),
            Field("approval_number", _lazy("审批（备案）文号"), required=True),
            Field("approved_on", _lazy("审批日期"), DATE, required=True),
            Field("owner", _lazy("建设单位"), required=True, help=_lazy("项目业主（建设单位）全称")),
            Field("owner_credit_code", _lazy("建设单位统一社会信用代码"), help=_lazy("18 位")),
            Field("location", _lazy("建设地点")),
            Field("kind", _lazy("项目类别"), CHOICE, required=True, choices=PROJECT_KINDS),
            _money("investment", "总投资（元）", "按批复填写", required=True),
            Field("planned_start", _lazy("计划开工日期"), DATE),
        ),
        items_label=_lazy("项目明细"),
        items_required_unless_zero="project_count",
        project_mapping=ProjectMapping(
            fields={"name": "name", "location": "location", "approved_on": "approved_on"},
            contractor_key=None,
        ),
    ),
    ReportDefinition(
        code="czj_monthly",
        unit_code="czj",
        title=_lazy("保障农民工工资支付工作经费情况"),
        cadence=Cadence.MONTHLY,
        content=_lazy("每月10日前报送上个月份保障农民工工资支付工作经费情况信息。"),
        header_fields=(
            _money(
                "budget",
                "本年度工作经费预算（元）",
                "年初预算安排的保障农民工工资支付工作经费",
                required=True,
            ),
            _money("allocated_last_month", "上月拨付经费（元）", "没有拨付填 0", required=True),
            _money("allocated_this_year", "本年累计拨付（元）", "截至上月末", required=True),
            _money("revolving_fund_balance", "应急周转金余额（元）", "上月末农民工工资应急周转金余额"),
            REMARKS,
        ),
        item_columns=(
            Field("paid_on", _lazy("拨付日期"), DATE, required=True),
            Field(
                "purpose",
                _lazy("用途"),
                CHOICE,
                required=True,
                choices=(
                    ("应急周转金", _lazy("应急周转金")),
                    ("专项检查", _lazy("专项检查")),
                    ("宣传培训", _lazy("宣传培训")),
                    ("信息化建设", _lazy("信息化建设")),
                    ("其他", _lazy("其他")),
                ),
            ),
            _money("amount", "金额（元）", required=True),
            Field("recipient", _lazy("收款单位"), required=True),
            Field("document_number", _lazy("拨款文号")),
        ),
        items_label=_lazy("拨付明细"),
    ),
    ReportDefinition(
        code="shswj_monthly",
        unit_code="shswj",
        title=_lazy("新开工水利工程建设项目信息"),
        cadence=Cadence.MONTHLY,
        content=_lazy("每月10日前报送上个月份新区开工的水利工程建设项目信息。"),
        header_fields=(
            _count("project_count", "上月开工项目数", "上月在新区开工的水利工程建设项目数；没有填 0。"),
            REMARKS,
        ),
        item_columns=(
            Field("name", _lazy("项目名称"), required=True),
            Field("location", _lazy("建设地点"), required=True),
            Field("owner", _lazy("建设单位"), required=True),
            Field("contractor", _lazy("施工总承包单位"), required=True),
            _money("contract_amount", "合同金额（元）"),
            Field("started_on", _lazy("开工日期"), DATE, required=True),
            Field("planned_end", _lazy("计划竣工日期"), DATE),
            _number("workers", "用工人数"),
            _yes_no("real_name", "落实实名制管理", "是否落实劳务用工实名制管理"),
            _yes_no("wage_account", "开设农民工工资专用账户"),
        ),
        items_label=_lazy("项目明细"),
        items_required_unless_zero="project_count",
        project_mapping=ProjectMapping(
            fields={
                "name": "name",
                "location": "location",
                "contract_value": "contract_amount",
                "start_date": "started_on",
                "planned_end_date": "planned_end",
                "worker_count": "workers",
                "real_name_management": "real_name",
            },
            kind_key=None,
            fixed_kind="water",
        ),
    ),
    ReportDefinition(
        code="gh_monthly",
        unit_code="gh",
        title=_lazy("工资集体协商信息"),
        cadence=Cadence.MONTHLY,
        content=_lazy("每月10日前报送上个月份工资集体协商的信息。"),
        header_fields=(
            _count("enterprises", "上月开展工资集体协商企业数", "没有填 0"),
            _count("contracts", "签订工资专项集体合同份数", "没有填 0"),
            _count("workers_covered", "覆盖职工人数", "没有填 0"),
            REMARKS,
        ),
        item_columns=(
            Field("enterprise", _lazy("企业名称"), required=True),
            Field("credit_code", _lazy("统一社会信用代码"), help=_lazy("18 位")),
            Field(
                "form",
                _lazy("协商形式"),
                CHOICE,
                required=True,
                choices=(
                    ("单独协商", _lazy("单独协商")),
                    ("区域性协商", _lazy("区域性协商")),
                    ("行业性协商", _lazy("行业性协商")),
                ),
            ),
            Field("signed_on", _lazy("签订日期"), DATE, required=True),
            _number("workers", "覆盖职工人数", required=True),
            _number("migrant_workers", "其中农民工人数"),
            Field("wage_increase", _lazy("工资增长幅度（%）"), DECIMAL, help=_lazy("如 5.50")),
        ),
        items_label=_lazy("协商明细"),
        items_required_unless_zero="enterprises",
    ),
    ReportDefinition(
        code="jsj_monthly",
        unit_code="jsj",
        title=_lazy("新开工项目信息"),
        cadence=Cadence.MONTHLY,
        content=_lazy("每月10日前报送上个月份新开工项目的信息。"),
        header_fields=(
            _count("project_count", "上月新开工项目数", "上月在新区开工的建筑项目工地数；没有填 0。"),
            REMARKS,
        ),
        item_columns=(
            Field("name", _lazy("项目名称"), required=True),
            Field("permit_number", _lazy("施工许可证号")),
            Field("location", _lazy("项目地址"), required=True),
            Field("owner", _lazy("建设单位"), required=True),
            Field("contractor", _lazy("施工总承包单位"), required=True),
            Field("kind", _lazy("项目类别"), CHOICE, required=True, choices=PROJECT_KINDS),
            _money("contract_amount", "合同金额（元）", required=True),
            Field("started_on", _lazy("开工日期"), DATE, required=True),
            _number("workers", "用工人数"),
            _yes_no("wage_account", "开设农民工工资专用账户"),
            _yes_no("deposit_paid", "已缴存工资保证金"),
            _yes_no("notice_board", "设置维权信息告示牌"),
        ),
        items_label=_lazy("项目明细"),
        items_required_unless_zero="project_count",
        project_mapping=ProjectMapping(
            fields={
                "name": "name",
                "location": "location",
                "permit_number": "permit_number",
                "contract_value": "contract_amount",
                "start_date": "started_on",
                "worker_count": "workers",
                "notice_board": "notice_board",
            },
        ),
    ),
    ReportDefinition(
        code="gsj_monthly",
        unit_code="gsj",
        title=_lazy("企业守法诚信情况"),
        cadence=Cadence.MONTHLY,
        content=_lazy("每月10日前报送上个月份新区企业守法诚信情况。"),
        header_fields=(
            _count("new_enterprises", "上月新登记企业数", "没有填 0"),
            _count("abnormal_listed", "列入经营异常名录企业数", "没有填 0"),
            _count("seriously_dishonest", "列入严重违法失信名单企业数", "没有填 0"),
            _count("cases_handled", "查处违法案件数", "没有填 0"),
            REMARKS,
        ),
        item_columns=(
            Field("enterprise", _lazy("企业名称"), required=True),
            Field("credit_code", _lazy("统一社会信用代码"), required=True, help=_lazy("18 位")),
            Field(
                "situation",
                _lazy("情况类别"),
                CHOICE,
                required=True,
                choices=(
                    ("列入经营异常名录", _lazy("列入经营异常名录")),
                    ("列入严重违法失信名单", _lazy("列入严重违法失信名单")),
                    ("行政处罚", _lazy("行政处罚")),
                    ("移出经营异常名录", _lazy("移出经营异常名录")),
                    ("其他", _lazy("其他")),
                ),
            ),
            Field("decided_on", _lazy("决定日期"), DATE, required=True),
            Field("reason", _lazy("事由"), required=True, multiline=True),
            Field("document_number", _lazy("决定文号")),
        ),
        items_label=_lazy("企业明细"),
    ),
    ReportDefinition(
        code="jczd_monthly",
        unit_code="jczd",
        title=_lazy("近期开工工地用工及备案情况"),
        cadence=Cadence.MONTHLY,
        content=_lazy("每月10日前提供上个月份新区近期开工工地的用工及备案情况。"),
        header_fields=(
            _count("sites_inspected", "上月巡查工地数", "没有填 0"),
            _count("sites_filed", "已办理用工备案工地数", "没有填 0"),
            REMARKS,
        ),
        item_columns=(
            Field("project", _lazy("项目（工地）名称"), required=True),
            Field("contractor", _lazy("施工总承包单位"), required=True),
            Field("started_on", _lazy("开工日期"), DATE),
            _number("workers", "用工人数", required=True),
            _yes_no("filed", "已办理用工备案"),
            Field("filed_on", _lazy("备案日期"), DATE),
            _yes_no("real_name", "落实实名制管理"),
            _yes_no("deposit_paid", "已缴存工资保证金"),
            Field("issues", _lazy("存在问题及处理"), multiline=True),
        ),
        items_label=_lazy("工地明细"),
        items_required_unless_zero="sites_inspected",
    ),
    ReportDefinition(
        code="gaj_ad_hoc",
        unit_code="gaj",
        title=_lazy("重大欠薪纠纷预警信息及处置反馈"),
        cadence=Cadence.AD_HOC,
        content=_lazy("随时向领导小组提供重大农民工欠薪纠纷案件的预警信息和案件处置后的反馈情况。"),
        recorded_in="cases",
    ),
    ReportDefinition(
        code="zzb_ad_hoc",
        unit_code="zzb",
        title=_lazy("欠薪上访案件通报"),
        cadence=Cadence.AD_HOC,
        content=_lazy("及时向领导小组通报农民工欠薪上访案件。"),
        recorded_in="cases",
    ),
)

_BY_CODE = {d.code: d for d in DEFINITIONS}


def get(code: str) -> ReportDefinition:
    try:
        return _BY_CODE[code]
    except KeyError:
        raise LookupError(f"No report definition {code!r}") from None


def periodic() -> list[ReportDefinition]:
    return [d for d in DEFINITIONS if d.is_periodic]


def for_unit(unit_code: str) -> list[ReportDefinition]:
    return [d for d in DEFINITIONS if d.unit_code == unit_code]


def choices() -> list[tuple[str, str]]:
    return [(d.code, str(d.title)) for d in DEFINITIONS if d.is_periodic]

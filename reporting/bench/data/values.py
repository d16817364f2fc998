"""What goes into the rows: the sizes at scale 1, word lists, the working-day calendar, and names, ID numbers,
credit codes, phone numbers, sums of money and moments of the day drawn from the run's random generator."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left, bisect_right
from decimal import Decimal

from stdnum.cn import ric, uscc

from enterprises.models import Enterprise
from liudong_wages import workdays

BASE = {"enterprises": 5_000, "projects": 1_000, "cases": 10_000, "claims": 100_000, "ledger": 20_000}
YEARS = 10
CENT = Decimal("0.01")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐韦覃蒙莫黎廖陆卢潘蓝龙"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红海波德福春秋兰凤玉金永祥"
BRAND = "宏盛鑫华建恒顺达博联众诚泰隆源昌兴旺通力新广利富安德嘉正和佳盈凯锦信汇丰瑞祥"
TRADE = {
    Enterprise.Industry.CONSTRUCTION: ("建筑工程", "建设工程", "建筑劳务"),
    Enterprise.Industry.MUNICIPAL: ("市政工程", "市政园林"),
    Enterprise.Industry.TRANSPORT: ("交通建设", "路桥工程"),
    Enterprise.Industry.WATER: ("水利水电", "水利工程"),
    Enterprise.Industry.MANUFACTURING: ("汽车零部件", "机械制造", "电子科技", "新能源材料"),
    Enterprise.Industry.CATERING: ("餐饮管理", "酒店管理"),
    Enterprise.Industry.OTHER: ("商贸", "物业服务", "物流"),
}
INDUSTRY_WEIGHTS = [30, 10, 6, 4, 30, 8, 12]
FORMS = ("有限公司", "有限责任公司", "股份有限公司")
PARKS = (
    "柳东新区汽车产业园",
    "柳东新区高新区",
    "官塘创业园",
    "雒容工业园",
    "洛维工业集中区",
    "新能源汽车城",
    "",
)
# Region codes stdnum.cn.ric accepts for every birth year from 1955 to 2002 (it checks that the county
# existed at the birth date): Liuzhou, Nanning, the former Liuzhou prefecture's counties, Hechi, Guilin.
REGIONS = ("450200", "450100", "452223", "452226", "452227", "452122", "452723", "452624", "452128", "452427")
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
BANKS = ("中国工商银行柳州分行", "中国建设银行柳州分行", "中国农业银行柳州分行", "柳州银行柳东支行")
PLACES = ("官塘", "雒容", "洛维", "双仁", "新柳", "阳和", "沙塘")
BUILDINGS = ("安置房", "标准厂房", "道路", "综合管廊", "学校", "医院", "污水处理厂", "商业综合体", "桥梁")


def scaled(name: str, scale: float) -> int:
    return max(1, round(BASE[name] * scale))


# --- calendar -------------------------------------------------------------------------------------------


class Calendar:
    """The working days of the whole range, computed once: deadline arithmetic for 100,000 cases in memory."""

    def __init__(self, start: dt.date, end: dt.date):
        self.days: list[dt.date] = []
        day = start
        while day <= end:
            if workdays.is_working_day(day):
                self.days.append(day)
            day += dt.timedelta(days=1)
        self.start, self.end = start, end

    def add(self, day: dt.date, count: int) -> dt.date:
        """Same as workdays.add_working_days for count > 0."""
        index = bisect_right(self.days, day) + count - 1
        if index >= len(self.days):
            return workdays.add_working_days(day, count)
        return self.days[index]

    def next(self, day: dt.date) -> dt.date:
        index = bisect_left(self.days, day)
        return self.days[index] if index < len(self.days) else workdays.next_working_day(day)


# --- people and codes -----------------------------------------------------------------------------------


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def id_number(rng: random.Random, *, born_from: int = 1960, born_to: int = 2002) -> str:
    born = dt.date(born_from, 1, 1) + dt.timedelta(days=rng.randrange((born_to - born_from) * 365))
    body = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # it reads the first 17 of 18 characters


def credit_code(rng: random.Random) -> str:
    # 9 (工商) 1 (企业), Liuzhou's division code, a 9-character organisation code, the check character.
    body = "91450200" + "".join(rng.choice(USCC_CHARS) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)).scaleb(-2).quantize(CENT)


# Asia/Shanghai has kept UTC+8 all year since 1992: a fixed offset gives the same instants, much faster.
BEIJING = dt.timezone(dt.timedelta(hours=8))


def aware(day: dt.date, rng: random.Random) -> dt.datetime:
    """A working-hours moment of `day`, Beijing time."""
    return dt.datetime(day.year, day.month, day.day, rng.randrange(8, 18), rng.randrange(60), tzinfo=BEIJING)

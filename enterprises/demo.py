"""Demo enterprises and projects of the Liudong New District for a first run (`manage.py seed_demo`).

Names are invented but typical of the district (the car city, the Guantang start-up park, the Luorong
industrial park); credit codes carry valid check characters. Running it twice adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric, uscc

from liudong_wages.models import User

from . import services
from .models import Assessment, Enterprise, Project

PARKS = ["柳东新区汽车城", "官塘创业园", "雒容工业园", "洛维工业集中区", "花岭片区"]

# (name, industry, park, legal representative, headcount, migrants, union, collective contract)
ENTERPRISES = [
    ("广西柳东建工集团有限公司", "construction", "官塘创业园", "覃建华", 820, 640, True, True),
    ("柳州市宏盛建筑劳务有限公司", "construction", "花岭片区", "韦志强", 260, 240, False, False),
    ("广西鑫安市政工程有限公司", "municipal", "官塘创业园", "莫海军", 310, 220, True, False),
    ("柳州路桥建设有限责任公司", "transport", "洛维工业集中区", "黄立新", 540, 380, True, True),
    ("广西柳江水利水电工程有限公司", "water", "雒容工业园", "蓝德明", 190, 150, True, False),
    ("柳州东城置业有限公司", "other", "花岭片区", "刘晓东", 85, 0, False, False),
    ("柳东新区城市投资建设发展有限公司", "other", "官塘创业园", "周文涛", 120, 0, True, True),
    ("柳州祥瑞汽车零部件有限公司", "manufacturing", "柳东新区汽车城", "陈国庆", 1350, 980, True, True),
    ("柳州恒达汽车配件制造有限公司", "manufacturing", "柳东新区汽车城", "杨光辉", 620, 510, True, False),
    ("广西柳东精工机械有限公司", "manufacturing", "雒容工业园", "李伟", 430, 300, True, True),
    ("柳州新能电池材料有限公司", "manufacturing", "柳东新区汽车城", "吴海燕", 870, 700, True, True),
    ("柳州金桂服装加工有限公司", "manufacturing", "洛维工业集中区", "梁秀英", 360, 330, False, False),
    ("柳东新区百味餐饮管理有限公司", "catering", "官塘创业园", "潘美玲", 95, 80, False, False),
    ("柳州汇鑫物业服务有限公司", "catering", "花岭片区", "谢永福", 210, 180, True, False),
    ("广西柳州龙城钢结构有限公司", "construction", "雒容工业园", "廖志明", 280, 250, False, False),
    ("柳州顺达幕墙装饰工程有限公司", "construction", "花岭片区", "罗建军", 150, 140, False, False),
    ("柳州诚信劳务分包有限公司", "construction", "官塘创业园", "唐小平", 330, 320, False, False),
    ("广西柳东园林绿化有限公司", "municipal", "洛维工业集中区", "邓春梅", 110, 95, False, False),
    ("柳州宏泰电气安装工程有限公司", "construction", "柳东新区汽车城", "卢振华", 140, 110, True, False),
    ("柳州启航物流有限公司", "transport", "洛维工业集中区", "覃丽萍", 260, 200, True, False),
]


def credit_code(index: int) -> str:
    body = f"91450200MA5K{index + 100:04d}0"
    return body + uscc.calc_check_digit(body)


def id_number(index: int) -> str:
    body = f"4502041990{(index % 12) + 1:02d}15{index:03d}"
    return body + ric.calc_check_digit(body + "0")


def _demo_user() -> User | None:
    return User.objects.filter(username="jiancha1").first()


@transaction.atomic
def seed_demo(stdout) -> None:
    by = _demo_user()
    created = 0
    by_name: dict[str, Enterprise] = {}
    for index, (name, industry, park, rep, headcount, migrants, union, contract) in enumerate(ENTERPRISES):
        enterprise = Enterprise.objects.filter(credit_code=credit_code(index)).first()
        if enterprise is None:
            enterprise = services.enterprise_create(
                by=by,
                name=name,
                credit_code=credit_code(index),
                industry=industry,
                legal_rep_name=rep,
                legal_rep_id_number=id_number(index),
                legal_rep_phone=f"1387720{index:04d}",
                address=f"柳州市柳东新区{park}",
                industrial_park=park,
                headcount=headcount,
                migrant_worker_count=migrants,
                has_trade_union=union,
                has_collective_contract=contract,
            )
            created += 1
        by_name[name] = enterprise
    _seed_projects(by, by_name)
    _seed_assessments(by, by_name)
    stdout.write(f"enterprises: {created} 家演示企业，{Project.objects.count()} 个项目")


def _seed_projects(by: User | None, companies: dict[str, Enterprise]) -> None:
    today = timezone.localdate()
    urban = companies["柳东新区城市投资建设发展有限公司"]
    owner = companies["柳州东城置业有限公司"]
    projects = [
        # name, kind, owner, contractor, invested, value, start offset (days), good practice
        (
            "柳东新区官塘大道东段改造工程",
            "municipal",
            urban,
            "广西鑫安市政工程有限公司",
            True,
            "48000000",
            -200,
            True,
        ),
        (
            "柳东新区第三批保障性住房一标段",
            "building",
            urban,
            "广西柳东建工集团有限公司",
            True,
            "126000000",
            -320,
            True,
        ),
        (
            "东城·御景湾住宅小区二期",
            "building",
            owner,
            "柳州市宏盛建筑劳务有限公司",
            False,
            "86000000",
            -150,
            False,
        ),
        (
            "柳东新区雒容至洛维连接线",
            "transport",
            urban,
            "柳州路桥建设有限责任公司",
            True,
            "215000000",
            -400,
            True,
        ),
        ("官塘片区排涝泵站工程", "water", urban, "广西柳江水利水电工程有限公司", True, "32000000", -90, True),
        (
            "汽车城新能源电池厂房扩建",
            "building",
            companies["柳州新能电池材料有限公司"],
            "广西柳州龙城钢结构有限公司",
            False,
            "27500000",
            -60,
            False,
        ),
        (
            "花岭片区商业综合体幕墙工程",
            "building",
            owner,
            "柳州顺达幕墙装饰工程有限公司",
            False,
            "2800000",
            -30,
            True,
        ),
        (
            "洛维工业集中区道路绿化工程",
            "municipal",
            urban,
            "广西柳东园林绿化有限公司",
            True,
            "3000000",
            -20,
            False,
        ),
        (
            "祥瑞汽车零部件二号车间机电安装",
            "building",
            companies["柳州祥瑞汽车零部件有限公司"],
            "柳州宏泰电气安装工程有限公司",
            False,
            "9600000",
            15,
            True,
        ),
        (
            "柳东新区中小学扩容项目",
            "building",
            urban,
            "广西柳东建工集团有限公司",
            True,
            "74000000",
            -10,
            False,
        ),
    ]
    for name, kind, construction_unit, contractor, invested, value, offset, good in projects:
        if Project.objects.filter(name=name).exists():
            continue
        start = today + dt.timedelta(days=offset)
        project = services.project_create(
            by=by,
            name=name,
            kind=kind,
            location="柳州市柳东新区",
            construction_unit=construction_unit,
            general_contractor=companies[contractor],
            management_invested=invested,
            responsible_person="新区建设局项目办" if invested else "",
            approving_unit="柳东新区经发局",
            approved_on=start - dt.timedelta(days=14),
            start_date=start,
            planned_end_date=start + dt.timedelta(days=540),
            contract_value=Decimal(value),
            worker_count=int(Decimal(value) / 400000) + 20,
            wage_supervisor="劳资专管员" if good else "",
            wage_account_number="6222 0217 0000 1234" if good else "",
            wage_account_bank="中国工商银行柳州柳东支行" if good else "",
            labour_filed=good,
            real_name_management=good,
            notice_board=good or offset > -40,
            subcontractors=[
                {"enterprise": companies["柳州诚信劳务分包有限公司"], "role": "labour", "scope": "劳务作业"}
            ]
            if kind == "building"
            else [],
        )
        if good and offset < -30:
            services.deposit_record_payment(
                project=project,
                by=by,
                amount=(Decimal(value) * Decimal("0.02")).quantize(Decimal("0.01")),
                form="guarantee",
                paid_on=start - dt.timedelta(days=3),
            )


def _seed_assessments(by: User | None, companies: dict[str, Enterprise]) -> None:
    if by is None:
        return
    scores = {"广西柳东建工集团有限公司": 9, "柳州祥瑞汽车零部件有限公司": 10, "柳州新能电池材料有限公司": 8}
    for name, score in scores.items():
        enterprise = companies[name]
        if enterprise.assessments.exists():
            continue
        services.assessment_create(
            enterprise=enterprise,
            by=by,
            assessor=by,
            assessed_on=timezone.localdate() - dt.timedelta(days=30),
            items={key: (score, "现场核查，资料齐全") for key in Assessment.Item.values},
        )

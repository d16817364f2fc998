"""The eleven member units of the leading group and the two bodies beside it (DESIGN.md section 3).

Duties are quoted from section 二(二) of the implementation plan; reporting duties from section 二(三)5.
"""

from django.db import migrations

UNITS = [
    # code, name, short name, kind, is office, duties, reporting duty
    (
        "rsj",
        "新区人社局",
        "人社局",
        "member",
        True,
        "负责新区解决农民工欠薪问题的牵头工作，会同有关单位（部门）组织开展专项检查工作，及时处理农民工欠薪纠纷；"
        "排查辖区项目工地劳资纠纷隐患，规范项目用工；每季度制作发放辖区《劳动保障信息简报》，向成员单位（部门）"
        "通报用人单位违法用工情况；承担领导小组办公室的日常工作（具体工作由新区劳动监察大队负责）。",
        "每季度编辑《劳动保障信息简报》报送至成员单位；通报用人单位违法用工情况。",
    ),
    (
        "bgs",
        "新区办公室（应急办）",
        "应急办",
        "member",
        False,
        "负责制定新区总体应急预案，协调指导相关单位（部门）根据职责制定专项及部门应急预案，负责信息报送、"
        "应急管理、综合协调及应急督查。",
        "每月10日前报送上个月份农民工群体性突发事件信息。",
    ),
    (
        "jfj",
        "新区经发局",
        "经发局",
        "member",
        False,
        "负责加强新区投资项目审批及备案管理，为加强劳动保障监察执法和争议调解工作、提高工作效率提供政策和项目支持，"
        "对拖欠工资失信企业，在职权范围内依法依规予以限制。",
        "每月10日前报送上个月份新审批项目的信息。",
    ),
    (
        "czj",
        "新区财政局",
        "财政局",
        "member",
        False,
        "负责对新区投资项目建设全过程的资金监管，按规定及时拨付财政资金；管理保障农民工工资支付应急周转金，"
        "对保障农民工工资支付工作的开展给予经费保障。对拖欠工资失信企业，在职权范围内依法依规予以限制。",
        "每月10日前报送上个月份保障农民工工资支付工作经费情况信息。",
    ),
    (
        "shswj",
        "新区社会事务局",
        "社会事务局",
        "member",
        False,
        "负责加强对水利工程建设领域的监督管理，做好水利建设领域清理拖欠工程款工作；协同新区人社局规范水利工程建设领域"
        "企业工资支付行为，督促企业落实劳务用工实名制管理。对拖欠工资失信企业，在职权范围内依法依规予以限制。",
        "每月10日前报送上个月份新区开工的水利工程建设项目信息。",
    ),
    (
        "zzb",
        "新区综治办",
        "综治办",
        "member",
        False,
        "负责积极配合新区人社局处理农民工群体性突发事件，及时通报和转接涉及农民工欠薪上访的维稳案件；"
        "支持、引导法律服务机构、法律援助机构为被拖欠工资的农民工提供法律服务、法律援助；"
        "协同督促拖欠工资的企业与劳动者签订还款协议。",
        "及时向领导小组通报农民工欠薪上访案件。",
    ),
    (
        "gh",
        "新区工会",
        "工会",
        "member",
        False,
        "负责指导、督促企业加强工会建设；指导企业工会与企业开展工资集体协商，建立完善的欠薪报告制度，"
        "配合新区人社局加强对企业工资支付情况的监督检查。对拖欠工资失信企业，在职权范围内依法依规予以限制。",
        "每月10日前报送上个月份工资集体协商的信息。",
    ),
    (
        "gaj",
        "柳东公安分局",
        "公安分局",
        "member",
        False,
        "负责协同新区人社局健全劳动保障监察执法与刑事司法衔接机制，做好涉嫌拒不支付劳动报酬犯罪案件的接收立案和"
        "联合侦破等工作；防控和处置因农民工工资拖欠问题引起的群体性突发事件。",
        "随时向领导小组提供重大农民工欠薪纠纷案件的预警信息和案件处置后的反馈情况。",
    ),
    (
        "jsj",
        "柳东建设局",
        "建设局",
        "member",
        False,
        "负责加强对建筑市场的监督管理，做好建筑工程领域清理拖欠工程款工作；协同新区人社局规范建筑工程领域企业工资"
        "支付行为，健全工资支付监控和工资保证金制度。对拖欠工资失信企业，在职权范围内依法依规予以限制。",
        "每月10日前报送上个月份新开工项目的信息。",
    ),
    (
        "gsj",
        "工商柳东分局",
        "工商分局",
        "member",
        False,
        "负责加强企业监管，做好对企业主的宣传教育工作，完善企业守法诚信管理制度，对企业违反工商行政管理法律法规的"
        "行为依法予以查处。",
        "每月10日前报送上个月份新区企业守法诚信情况。",
    ),
    (
        "jczd",
        "市劳动保障监察支队柳东工作组",
        "监察支队工作组",
        "member",
        False,
        "负责巡视辖区内建筑工地，监督农民工工资发放情况；做好拖欠农民工工资案件调处工作；督促建筑单位依法、按时进行"
        "劳动用工备案；监督相关建筑单位依法缴纳农民工工资保证金。",
        "每月10日前提供上个月份新区近期开工工地的用工及备案情况。",
    ),
    (
        "gwh",
        "柳东新区管委会",
        "管委会",
        "approver",
        False,
        "设立农民工工资应急周转金；审批周转金的使用与核销；协调解决领导小组内未能达成一致的处置意见。",
        "",
    ),
    (
        "dgw",
        "柳东新区党工委",
        "党工委",
        "recipient",
        False,
        "领导小组会议纪要报党工委备案。",
        "",
    ),
]


def seed(apps, schema_editor):
    MemberUnit = apps.get_model("liudong_wages", "MemberUnit")
    for order, (code, name, short, kind, is_office, duties, reporting) in enumerate(UNITS, start=1):
        MemberUnit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "is_office": is_office,
                "duties": duties,
                "reporting_duty": reporting,
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("liudong_wages", "MemberUnit").objects.filter(code__in=[u[0] for u in UNITS]).delete()


class Migration(migrations.Migration):
    dependencies = [("liudong_wages", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

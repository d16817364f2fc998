"""The case timeline records wages the employer paid outside a repayment agreement."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_dashboard_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="caseevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("received", "受理登记"),
                    ("filed", "立案"),
                    ("not_filed", "不予立案"),
                    ("investigation_started", "开始调查"),
                    ("extended", "延长办案期限"),
                    ("order_issued", "下达责令支付文书"),
                    ("agreement", "签订还款协议"),
                    ("instalment_paid", "分期还款到账"),
                    ("employer_paid", "企业支付工资"),
                    ("closed", "结案"),
                    ("voided", "作废"),
                    ("police_referred", "移送公安"),
                    ("police_accepted", "公安受理"),
                    ("police_declined", "公安不予受理"),
                    ("police_feedback", "公安反馈"),
                    ("legal_aid", "转法律援助"),
                    ("claims_changed", "欠薪明细变更"),
                    ("handler_assigned", "指定承办人"),
                    ("flags_changed", "风险标记变更"),
                    ("linked", "关联线索"),
                    ("interview", "约谈"),
                    ("joint_handling", "联合处置"),
                    ("note", "备注"),
                ],
                max_length=24,
                verbose_name="事项",
            ),
        ),
    ]

# Over 400 lines: the help text of every role's journey is one table, read best together.
"""The help pages (issue 10): /help/ and one page per role, walking through the real journeys.

Each step may show a screenshot from static/help/. The screenshots are taken by the browser journeys in
tests/browser (each journey saves what the user sees at that step), so the pictures show the pages as they
are: `bin/screenshots` runs the journeys again and rewrites the folder. A step names its picture here; a test
checks that every named picture exists and that no picture lies unused.

The help for the worker's public form is public, like the form; the rest is for signed-in users.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .roles import Role


@dataclass(frozen=True)
class Step:
    text: str | Promise
    shot: str = ""  # the picture static/help/<shot>.png, taken by the browser journeys


@dataclass(frozen=True)
class Section:
    title: str | Promise
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str | Promise
    summary: str | Promise
    roles: tuple[Role, ...]  # whose page it is: the index puts it first for them
    sections: tuple[Section, ...]
    public: bool = False

    @property
    def shots(self) -> list[str]:
        return [step.shot for section in self.sections for step in section.steps if step.shot]


LOGIN = Section(
    _("登录"),
    (
        Step(
            _("打开平台地址，输入领导小组办公室发给您的用户名和密码，点“登录”。连续输错密码会暂时锁定账号。"),
            "liaison-01-login",
        ),
    ),
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "liaison",
        _("成员单位联络员"),
        _("按月报送本单位信息：收到提醒、用 Excel 模板填报、被退回后修改、查看是否按时。"),
        (Role.LIAISON, Role.POLICE, Role.STABILITY),
        (
            LOGIN,
            Section(
                _("收到报送提醒"),
                (
                    Step(
                        _(
                            "截止日前 5 个、1 个工作日和截止当天，平台会在“工作台”的“最新通知”里提醒您，"
                            "同时发送电子邮件。点右上角“通知”可查看全部通知。"
                        ),
                        "liaison-02-reminder",
                    ),
                ),
            ),
            Section(
                _("用 Excel 模板填报"),
                (
                    Step(
                        _(
                            "点导航栏“信息报送”，在“本单位待报送”中点要报的报表。先填表头（如上月新开工项目数），"
                            "点“保存草稿”。"
                        )
                    ),
                    Step(
                        _(
                            "点“下载 Excel 模板”，从第二行起逐行填写明细（带 * 的列必须填写），再用“上传并导入”上传。"
                            "有错误时整份文件都不会导入，页面会列出第几行错在哪里，改正后重新上传即可。"
                        ),
                        "liaison-03-upload-rejected",
                    ),
                    Step(
                        _("导入成功后，明细出现在表格中，可以直接在网页上修改。核对无误后点“报送”。"),
                        "liaison-04-imported",
                    ),
                ),
            ),
            Section(
                _("被退回后修改"),
                (
                    Step(
                        _(
                            "领导小组办公室审核时可能退回并说明理由。打开该报表即可看到退回理由，点“修改”改正后"
                            "再次“报送”。是否按时以第一次报送的时间为准。"
                        ),
                        "liaison-05-returned",
                    ),
                ),
            ),
            Section(
                _("接收季度简报"),
                (
                    Step(
                        _(
                            "办公室发布《劳动保障信息简报》后，您会收到通知和电子邮件。点导航栏“简报”，打开该期简报，"
                            "点“下载 PDF”。办公室能看到各单位是否已下载。"
                        ),
                        "liaison-06-bulletin-notice",
                    ),
                ),
            ),
        ),
    ),
    Topic(
        "director",
        _("办公室主任"),
        _("驾驶舱：看数字、点开明细、导出 Excel；生成、发布季度简报。"),
        (Role.DIRECTOR, Role.LEADER),
        (
            Section(
                _("驾驶舱"),
                (
                    Step(
                        _(
                            "办公室主任须使用双因素登录（设置方法见“管委会审批人”页），登录后直接进入驾驶舱（导航栏"
                            "“驾驶舱”）：每个数字都注明与期初或去年同期的比较，可选择月、季度、年或自定义期间；整页可"
                            "导出 PDF，Excel 另附与上期、去年同期比较的各张表。"
                        ),
                        "director-01-dashboard",
                    ),
                    Step(
                        _(
                            "点任一数字即打开它背后的清单（如在办欠薪案件），清单上方的“导出 Excel”导出同样的内容。"
                        )
                    ),
                ),
            ),
            Section(
                _("季度简报"),
                (
                    Step(
                        _(
                            "点导航栏“简报”，选择年度和季度，点“打开或新建该季度简报”。填写本季度工作综述和下季度工作"
                            "安排，点“生成简报”：后台生成时页面显示进度，完成后可下载 PDF 和 Excel 附表。"
                        ),
                        "director-02-bulletin-built",
                    ),
                    Step(
                        _(
                            "核对无误后点“发布并通知成员单位”。发布后不能修改；需要更正时建立修订版，重新生成并再次发布，"
                            "各单位会收到新版通知。"
                        )
                    ),
                ),
            ),
        ),
    ),
    Topic(
        "office",
        _("办公室与劳动监察大队"),
        _("审核成员单位报表、受理网上举报、立案、导入劳动者名单、约谈法定代表人、申请周转金垫付。"),
        (Role.OFFICE, Role.INSPECTOR, Role.DIRECTOR),
        (
            Section(
                _("审核成员单位报表"),
                (
                    Step(
                        _(
                            "在“信息报送”中打开单位报送的报表。内容无误点“审核通过”；需要修改的，填写“退回理由”后"
                            "点“退回”，联络员会在报表页看到理由。"
                        ),
                        "office-01-review",
                    ),
                    Step(
                        _(
                            "“报送看板”按月份列出每个单位每种报表的情况：按时、逾期、未报、退回、未到期，并计算报送率和"
                            "及时率。点格子可打开对应报表，也可导出 Excel。"
                        ),
                        "office-02-board",
                    ),
                    Step(
                        _(
                            "期间锁定后，单位不能再报送。确需补报的（如联络员变动），在看板上该格点“重新开放”并写明"
                            "理由，或在报表页重新开放；理由记入报表的办理记录，单位报送一次后该期间再次锁定。"
                        )
                    ),
                ),
            ),
            Section(
                _("受理网上举报并立案"),
                (
                    Step(
                        _(
                            "农民工提交的举报在“网上举报”中。打开举报，选择被投诉企业（新建案件时），点“受理”即生成"
                            "案件；不予受理须写明理由，举报人凭查询码能看到。须在 1 个工作日内决定是否受理。"
                        ),
                        "inspector-02-public-report",
                    ),
                    Step(
                        _(
                            "打开案件，点“立案”并确认日期。案件页上方的“法定期限”表列出立案决定和调查处理的届满日"
                            "及剩余工作日。"
                        )
                    ),
                    Step(
                        _(
                            "点“添加 / 导入”，下载劳动者名单模板，删去示例行后逐人填写姓名、身份证号、电话和欠薪金额，"
                            "再点“导入”。身份证号和电话默认部分隐藏，查看完整信息会记入审计日志。"
                        ),
                        "inspector-03-case",
                    ),
                    Step(
                        _(
                            "某个劳动者录错了，在案件页的明细表中点该行的“修改”，改正后写明修改原因并保存；案件的人数"
                            "和金额随之更新，办案记录写明改了什么。误录的劳动者可在同一页删除（已登记支付的不能删除）。"
                            "案件办结后明细只能查看。"
                        )
                    ),
                    Step(
                        _(
                            "企业按还款协议分期付款时，在协议表中该期点“登记还款”；在协议之外支付的（如收到责令支付"
                            "文书后），在明细表上方点“登记企业支付”。填写金额和日期。不逐人填写时，按各人未付金额的"
                            "比例分到尚未付清的劳动者；也可逐人填写，合计须等于本次还款，且不超过各人未付金额。全部付清"
                            "后即可以“已足额支付”结案。"
                        )
                    ),
                ),
            ),
            Section(
                _("约谈法定代表人"),
                (
                    Step(
                        _(
                            "在案件页点“约谈法人”，填写约谈时间、事项，选择主谈人，点“提交”。平台自动编号并生成"
                            "约谈通知书，点“约谈通知书 PDF”打印送达。"
                        ),
                        "inspector-04-interview",
                    ),
                ),
            ),
            Section(
                _("申请周转金垫付"),
                (
                    Step(
                        _(
                            "在案件页点“申请垫付”。明细按已登记的劳动者自动列出，选择垫付情形、写明情况说明后"
                            "点“保存草稿”，核对后点“提交管委会审批”。企业偿还期限到期后，在申请页“责令企业偿还”"
                            "并打印通知书。"
                        ),
                        "office-03-advance-form",
                    ),
                ),
            ),
        ),
    ),
    Topic(
        "approver",
        _("管委会审批人"),
        _("双因素登录，审批周转金垫付申请。"),
        (Role.APPROVER,),
        (
            Section(
                _("第一次登录：设置双因素登录"),
                (
                    Step(_("输入用户名和密码后，平台要求先设置双因素登录。"), "approver-01-login"),
                    Step(
                        _(
                            "在手机上安装验证器应用（如“腾讯身份验证器”），扫描二维码，输入应用显示的 6 位数字，"
                            "点“完成绑定”。"
                        ),
                        "approver-01-login-2fa-setup",
                    ),
                    Step(
                        _(
                            "页面显示 10 个备用恢复码，请抄下妥善保管：手机丢失时每个恢复码可代替验证码使用一次。"
                            "以后每次登录，输入密码后再输入应用显示的验证码。"
                        ),
                        "approver-01-login-2fa-codes",
                    ),
                ),
            ),
            Section(
                _("审批垫付申请"),
                (
                    Step(
                        _(
                            "点“垫付申请”，打开待审批的申请，核对案件、垫付情形和每名劳动者的金额。在“批准”中可填写"
                            "批准金额（留空按申请金额）和审批意见，点“确定”；不同意的，在“不予批准”中写明理由。"
                        ),
                        "approver-02-approve",
                    ),
                ),
            ),
        ),
    ),
    Topic(
        "treasurer",
        _("财政局出纳"),
        _("双因素登录，登记垫付款支付和追回款，查看周转金余额。"),
        (Role.TREASURER,),
        (
            Section(
                _("登录"),
                (
                    Step(
                        _(
                            "与管委会审批人一样，第一次登录须设置双因素登录（见“管委会审批人”页），以后每次输入密码后"
                            "再输入验证器应用显示的验证码。"
                        )
                    ),
                ),
            ),
            Section(
                _("支付与追回"),
                (
                    Step(
                        _(
                            "打开已批准的申请，在“支付垫付款”中核对金额，填写支付凭证号和支付日期，点“确定”。"
                            "企业偿还后，在“登记追回款”中填写金额和收款凭证号。"
                        ),
                        "treasurer-02-pay",
                    ),
                    Step(
                        _(
                            "“周转金”概况页显示当前余额、本年垫付、待收回垫付款及其账龄；“台账”和“收支明细表”"
                            "可导出 Excel 或 PDF。"
                        ),
                        "treasurer-03-fund",
                    ),
                ),
            ),
        ),
    ),
    Topic(
        "worker",
        _("农民工网上举报"),
        _("不用登录，用手机举报欠薪，凭查询码查看处理结果。"),
        (),
        (
            Section(
                _("提交举报"),
                (
                    Step(
                        _(
                            "用手机打开平台的“农民工欠薪网上举报”页面（/report/），填写姓名、身份证号、手机号码、"
                            "欠薪单位、金额、欠薪期间和人数，可以附上照片或 PDF，点“提交举报”。"
                        ),
                        "worker-01-form",
                    ),
                    Step(
                        _(
                            "提交后页面显示查询码，请记下。办公室在 1 个工作日内决定是否受理，3 个工作日内答复。"
                        ),
                        "worker-02-code",
                    ),
                ),
            ),
            Section(
                _("查看处理结果"),
                (
                    Step(
                        _(
                            "打开“举报处理查询”页面（/report/track/），输入查询码，点“查询”即可看到处理状态和答复。"
                            "紧急情况请拨打 12333。"
                        ),
                        "worker-03-track",
                    ),
                ),
            ),
        ),
        public=True,
    ),
)
BY_SLUG = {topic.slug: topic for topic in TOPICS}


def help_index(request: HttpRequest) -> HttpResponse:
    user = request.user
    topics = [topic for topic in TOPICS if topic.public or user.is_authenticated]
    mine = [topic for topic in topics if user.is_authenticated and user.has_role(*topic.roles)]
    others = [topic for topic in topics if topic not in mine]
    return render(request, "help/index.html", {"mine": mine, "others": others})


def help_page(request: HttpRequest, topic: str) -> HttpResponse:
    page = BY_SLUG.get(topic)
    if page is None:
        raise Http404
    if not page.public and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "help/page.html", {"topic": page, "topics": TOPICS})

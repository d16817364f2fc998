"""Clues from the national platform: the import refuses a bad file whole; each clue becomes a case or is
closed; the feedback sheet carries the answers in the platform's columns."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from cases import services
from cases.models import Case, Clue, ClueColumn

D = dt.date
HEADERS = [
    "线索编号",
    "反映时间",
    "反映人姓名",
    "身份证号码",
    "联系电话",
    "被反映单位名称",
    "项目名称",
    "所属区县",
    "欠薪金额（元）",
    "欠薪人数",
    "欠薪时段",
    "反映问题",
]


def row(number: str, amount="8600", **changes):
    values = {
        "线索编号": number,
        "反映时间": "2026-11-02",
        "反映人姓名": "蓝志强",
        "身份证号码": "",
        "联系电话": "13907720001",
        "被反映单位名称": "柳州市恒通建设工程有限公司",
        "项目名称": "柳东新区官塘大桥引道工程",
        "所属区县": "柳东新区",
        "欠薪金额（元）": amount,
        "欠薪人数": 6,
        "欠薪时段": "2026年8月至10月",
        "反映问题": "班组6人工资未结。",
    }
    values.update(changes)
    return values


def xlsx(rows, *, headers=HEADERS, title="线索列表", merge=None) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(h) for h in headers])
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("clues.xlsx", buffer.getvalue())


@pytest.fixture
def today(frozen):
    frozen(D(2026, 11, 9))  # a Monday
    return D(2026, 11, 9)


def test_an_import_saves_every_clue_with_its_answer_deadline(client, director, today):
    client.force_login(director)
    response = client.post("/cases/clues/import/", {"file": xlsx([row("XS2026110001"), row("XS2026110002")])})
    assert response.status_code == 302
    clue = Clue.objects.get(platform_number="XS2026110001")
    assert clue.amount == Decimal("8600") and clue.worker_count == 6 and clue.reported_on == D(2026, 11, 2)
    # Five working days from Monday 9 November (setting CLUE_ANSWER_WORKING_DAYS).
    assert clue.answer_due == D(2026, 11, 16)


def test_an_import_with_one_duplicate_saves_none(client, director, today):
    services.clues_import(upload=xlsx([row("XS2026110001")]), by=director)
    client.force_login(director)
    response = client.post(
        "/cases/clues/import/",
        {"file": xlsx([row("XS2026110002"), row("XS2026110001"), row("XS2026110003")])},
    )
    assert response.status_code == 400
    assert "第 3 行：线索编号 XS2026110001 已导入过" in response.content.decode()
    assert Clue.objects.count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: xlsx([row("A1"), row("A1")]), "与第 2 行重复"),
        (lambda: xlsx([row("A1", amount="八千")]), "第 2 行"),
        (lambda: xlsx([row("A1"), row("A2", **{"反映人姓名": ""})]), "第 3 行"),
        (lambda: xlsx([row("A1")], headers=["编号", *HEADERS[1:]]), "没有找到线索工作表"),
        (lambda: xlsx([row("A1")], merge="B1:C1"), "合并单元格"),
        (lambda: xlsx([row("A1")], headers=[*HEADERS, "处理意见"]), "无法识别的列：处理意见"),
        (lambda: SimpleUploadedFile("clues.xlsx", b"not a workbook"), "不是有效的 Excel"),
    ],
    ids=[
        "duplicate-in-file",
        "bad-amount",
        "missing-name",
        "wrong-sheet",
        "merged-header",
        "unknown-column",
        "not-xlsx",
    ],
)
def test_a_bad_file_is_refused_with_the_reason_and_saves_nothing(client, director, today, upload, message):
    client.force_login(director)
    response = client.post("/cases/clues/import/", {"file": upload()})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Clue.objects.exists()


def test_a_renamed_platform_column_is_mapped_in_the_admin_table(director, today):
    ClueColumn.objects.filter(field="amount").update(header="拖欠金额")
    headers = [("拖欠金额" if h == "欠薪金额（元）" else h) for h in HEADERS]
    rows = [{("拖欠金额" if k == "欠薪金额（元）" else k): v for k, v in row("B1").items()}]
    (clue,) = services.clues_import(upload=xlsx(rows, headers=headers), by=director)
    assert clue.amount == Decimal("8600")


def test_the_template_reads_back_as_an_import(client, director, today):
    client.force_login(director)
    response = client.get("/cases/clues/template.xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    headers = [c.value.rstrip("*") for c in sheet[1]]
    assert headers == HEADERS
    sheet.append([row("T1").get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    (clue,) = services.clues_import(upload=SimpleUploadedFile("t.xlsx", buffer.getvalue()), by=director)
    assert clue.platform_number == "T1"


def test_a_clue_becomes_a_case_with_the_reporters_claim(client, inspector, today):
    (clue,) = services.clues_import(upload=xlsx([row("C1")]), by=inspector)
    client.force_login(inspector)
    response = client.post(
        f"/cases/clues/{clue.pk}/case/", {"period_start": "2026-08-01", "period_end": "2026-10-31"}
    )
    clue.refresh_from_db()
    case = clue.case
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert clue.status == Clue.Status.CASE and clue.answered_on == today
    assert case.source == Case.Source.PLATFORM_CLUE and case.respondent == "柳州市恒通建设工程有限公司"
    (claim,) = case.claims.all()
    assert claim.name == "蓝志强" and claim.amount_owed == Decimal("8600.00")
    assert case.total_owed == Decimal("8600.00")
    # Posted twice: the second is refused, no second case.
    response = client.post(
        f"/cases/clues/{clue.pk}/case/", {"period_start": "2026-08-01", "period_end": "2026-10-31"}
    )
    assert response.status_code == 400 and "已办理" in response.content.decode()
    assert Case.objects.count() == 1


def test_a_clue_is_closed_only_with_a_reason(client, inspector, today):
    (clue,) = services.clues_import(upload=xlsx([row("C2")]), by=inspector)
    client.force_login(inspector)
    assert client.post(f"/cases/clues/{clue.pk}/close/", {"reason": "  "}).status_code == 400
    response = client.post(f"/cases/clues/{clue.pk}/close/", {"reason": "经核实，企业已当场支付。"})
    assert response.status_code == 302
    clue.refresh_from_db()
    assert clue.status == Clue.Status.CLOSED and clue.answer == "经核实，企业已当场支付。"


def test_the_feedback_sheet_carries_the_answers_in_the_platforms_columns(client, inspector, today):
    clues = services.clues_import(upload=xlsx([row("F1"), row("F2"), row("F3")]), by=inspector)
    case = services.clue_to_case(
        clue=clues[0], by=inspector, period_start=D(2026, 8, 1), period_end=D(2026, 10, 31)
    )
    services.clue_close(clue=clues[1], by=inspector, reason='=HYPERLINK("x") 不属于本辖区')
    client.force_login(inspector)
    response = client.get("/cases/clues/feedback.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["线索反馈"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [
        "线索编号",
        "办理状态",
        "办理结果",
        "办结时间",
        "立案编号",
        "追回金额（元）",
        "涉及人数",
        "承办单位",
    ]
    by_number = {r[0]: r for r in rows[1:]}
    # The open clue is not reported; each answered one is, under its platform number.
    assert set(by_number) == {"F1", "F2"}
    assert by_number["F1"][1] == "已转立案件" and by_number["F1"][4] == case.number
    assert by_number["F2"][2].endswith("不属于本辖区") and sheet["C3"].data_type != "f"


@pytest.mark.parametrize("count", [3, 30])
def test_the_clue_list_runs_a_fixed_number_of_queries(
    client, director, today, count, django_assert_max_num_queries
):
    services.clues_import(upload=xlsx([row(f"Q{n}") for n in range(count)]), by=director)
    client.force_login(director)
    # Session and user, the capped count and the page of clues with their cases, navigation helpers.
    with django_assert_max_num_queries(12):
        response = client.get("/cases/clues/?status=open")
    assert response.status_code == 200 and "Q1" in response.content.decode()


def test_a_liaison_may_not_see_clues(client, liaison):
    client.force_login(liaison)
    assert client.get("/cases/clues/").status_code == 403


@pytest.mark.parametrize(
    "query", ["?status=bogus", "?page=abc", "?page=999999", "?q=" + "x" * 500, "?status=open&q=%00"]
)
def test_odd_list_parameters_are_answered_without_an_error(client, director, today, query):
    services.clues_import(upload=xlsx([row("O1")]), by=director)
    client.force_login(director)
    assert client.get("/cases/clues/" + query).status_code == 200


def test_an_unknown_clue_is_not_found(client, director):
    client.force_login(director)
    assert client.get("/cases/clues/999999/").status_code == 404
    assert client.post("/cases/clues/999999/close/", {"reason": "x"}).status_code == 404

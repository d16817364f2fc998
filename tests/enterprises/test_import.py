"""Excel import of enterprises and projects: all or nothing, each bad row explained in Chinese."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from enterprises.imports.registry import ENTERPRISE_IMPORT, PROJECT_IMPORT
from enterprises.models import Enterprise, Event, Project

from ..factories import EnterpriseFactory, valid_credit_code, valid_id_number


def _upload(columns, rows, name="导入.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([column.title for column in columns])
    for row in rows:
        sheet.append([row.get(column.key) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _enterprise_row(n):
    return {
        "name": f"柳州第{n}建筑劳务有限公司",
        "credit_code": valid_credit_code(1000 + n),
        "industry": "建筑",
        "legal_rep_name": "韦某",
        "legal_rep_id_number": valid_id_number(n),
        "headcount": 100,
        "migrant_worker_count": 60,
        "has_trade_union": "是",
    }


def test_a_hundred_good_rows_are_all_imported(client, office_staff):
    client.force_login(office_staff)
    rows = [_enterprise_row(n) for n in range(100)]
    response = client.post("/enterprises/import/enterprises/", {"file": _upload(ENTERPRISE_IMPORT, rows)})
    assert response.status_code == 302
    assert Enterprise.objects.count() == 100
    assert Event.objects.filter(kind=Event.Kind.ENTERPRISE_CREATED).count() == 100
    assert Enterprise.objects.filter(has_trade_union=True).count() == 100


def test_one_bad_row_among_a_hundred_saves_nothing(client, office_staff):
    client.force_login(office_staff)
    rows = [_enterprise_row(n) for n in range(100)]
    rows[41]["credit_code"] = rows[41]["credit_code"][:-1] + (
        "0" if rows[41]["credit_code"][-1] != "0" else "1"
    )
    response = client.post("/enterprises/import/enterprises/", {"file": _upload(ENTERPRISE_IMPORT, rows)})
    assert response.status_code == 200
    assert "第 43 行" in response.text and "校验位不正确" in response.text
    assert "整个文件未导入" in response.text
    assert not Enterprise.objects.exists()


def test_duplicates_within_the_file_and_against_the_registry_are_reported(client, office_staff):
    EnterpriseFactory(credit_code=valid_credit_code(1000))
    client.force_login(office_staff)
    rows = [
        _enterprise_row(0),
        _enterprise_row(1),
        {**_enterprise_row(2), "credit_code": valid_credit_code(1001).lower()},
    ]
    rows[1]["migrant_worker_count"] = 500
    response = client.post("/enterprises/import/enterprises/", {"file": _upload(ENTERPRISE_IMPORT, rows)})
    text = response.text
    assert "第 2 行" in text and "已在企业库中登记" in text
    assert "第 3 行" in text and "农民工人数不能多于职工人数" in text
    assert "第 4 行" in text and "与第 3 行重复" in text
    assert Enterprise.objects.count() == 1


def test_a_file_that_is_not_excel_is_refused(client, office_staff):
    client.force_login(office_staff)
    upload = SimpleUploadedFile("企业.xlsx", b"name,credit_code\n")
    response = client.post("/enterprises/import/enterprises/", {"file": upload})
    assert "不是有效的 Excel" in response.text


def test_the_template_has_the_columns_and_an_example(client, office_staff):
    client.force_login(office_staff)
    response = client.get("/enterprises/import/enterprises/template.xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header = [cell.value for cell in workbook.worksheets[0][1]]
    assert header[:2] == ["企业名称*", "统一社会信用代码*"]


def test_a_liaison_may_not_import(client, liaison):
    client.force_login(liaison)
    assert client.get("/enterprises/import/enterprises/").status_code == 403
    assert client.get("/enterprises/import/projects/template.xlsx").status_code == 403


@pytest.mark.parametrize("with_owner", [True, False])
def test_projects_are_imported_against_registered_enterprises(client, office_staff, with_owner):
    contractor = EnterpriseFactory()
    owner_code = EnterpriseFactory().credit_code if with_owner else valid_credit_code(4242)
    client.force_login(office_staff)
    row = {
        "name": "柳东新区安置房项目",
        "kind": "房屋建筑",
        "construction_unit_code": owner_code,
        "general_contractor_code": contractor.credit_code.lower(),
        "contract_value": "32000000",
        "start_date": "2026-10-08",
        "labour_filed": "是",
    }
    response = client.post("/enterprises/import/projects/", {"file": _upload(PROJECT_IMPORT, [row])})
    if with_owner:
        assert response.status_code == 302
        project = Project.objects.get()
        assert project.general_contractor == contractor and project.labour_filed
    else:
        assert "未在企业库中登记" in response.text
        assert not Project.objects.exists()

"""Issue 16, finding 7: after the first report from an address within the hour, the public form asks for a
captcha (django-simple-captcha: a sum drawn as a PNG on this server, no outside service, no script)."""

import datetime as dt
import re

import pytest
from captcha.models import CaptchaStore

from cases.models import PublicReport

GOOD = {
    "reporter_name": "覃大力",
    "reporter_id_number": "450204199003071236",
    "reporter_phone": "13977200001",
    "employer_name": "柳州某劳务公司",
    "amount_owed": "12000",
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "worker_count": "3",
}
ADDRESS = {"REMOTE_ADDR": "198.51.100.9"}


@pytest.fixture(autouse=True)
def _today(frozen):
    frozen(dt.date(2026, 11, 2))


def test_the_first_report_of_an_address_needs_no_captcha(client, db):
    page = client.get("/report/", **ADDRESS)
    assert "captcha" not in page.text
    assert client.post("/report/", GOOD, **ADDRESS).status_code == 200
    assert PublicReport.objects.count() == 1


def test_the_second_report_shows_a_picture_drawn_here_and_needs_its_answer(client, db):
    client.post("/report/", GOOD, **ADDRESS)
    page = client.get("/report/", **ADDRESS)
    key = re.search(r'name="captcha_0"[^>]*value="(\w+)"|value="(\w+)"[^>]*name="captcha_0"', page.text)
    assert key, "the captcha's key is on the page"
    hashkey = key.group(1) or key.group(2)
    assert f'src="/captcha/image/{hashkey}/"' in page.text
    image = client.get(f"/captcha/image/{hashkey}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"

    refused = client.post("/report/", GOOD | {"captcha_0": hashkey, "captcha_1": "999"}, **ADDRESS)
    assert refused.status_code == 200
    assert "验证码不正确" in refused.text
    assert PublicReport.objects.count() == 1

    page = client.get("/report/", **ADDRESS)
    hashkey = re.search(r'src="/captcha/image/(\w+)/"', page.text).group(1)
    answer = CaptchaStore.objects.get(hashkey=hashkey).response
    accepted = client.post("/report/", GOOD | {"captcha_0": hashkey, "captcha_1": answer}, **ADDRESS)
    assert accepted.status_code == 200 and accepted.context["report"] is not None
    assert PublicReport.objects.count() == 2


def test_another_address_is_not_asked(client, db):
    client.post("/report/", GOOD, **ADDRESS)
    assert "captcha" not in client.get("/report/", REMOTE_ADDR="198.51.100.10").text

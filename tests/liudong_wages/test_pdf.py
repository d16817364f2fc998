import io

from django.template import engines
from pypdf import PdfReader

from liudong_wages.pdf import html_to_pdf, pdf_response


def test_a_document_prints_chinese_text_with_the_official_layout():
    template = engines["django"].from_string(
        '{% extends "pdf/document_base.html" %}{% block title %}通知{% endblock %}'
        '{% block doc_number %}<p class="doc-number">柳新治欠办〔2026〕3号</p>{% endblock %}'
        "{% block body %}<h1>关于报送十月份新开工项目的通知</h1><p>{{ unit }}：请于11月10日前报送。</p>{% endblock %}"
    )
    content = html_to_pdf(template.render({"unit": "柳东建设局"}))
    reader = PdfReader(io.BytesIO(content))
    text = reader.pages[0].extract_text().replace("\n", "")  # the issuing office may wrap
    assert "柳东新区治理拖欠农民工工资工作领导小组办公室" in text
    assert "柳新治欠办〔2026〕3号" in text
    assert "柳东建设局" in text
    assert "— 1 —" in text
    fonts = {str(font) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts, "the PDF embeds its fonts"
    assert abs(float(reader.pages[0].mediabox.width) - 595.3) < 1  # A4


def test_the_response_keeps_a_chinese_file_name():
    response = pdf_response(b"%PDF-1.7", "约谈通知书.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == "inline; filename*=UTF-8''%E7%BA%A6%E8%B0%88%E9%80%9A%E7%9F%A5%E4%B9%A6.pdf"
    )

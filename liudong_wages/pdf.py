"""Official documents as PDF: WeasyPrint renders an HTML template from templates/pdf/.

Every document extends `pdf/document_base.html`, the GB/T 9704-2012 layout (党政机关公文格式) with open CJK
fonts standing in for the official ones. The fonts must be installed (fonts-noto-cjk); without them Chinese
prints as empty boxes, and without libharfbuzz-subset0 a page takes seconds instead of a fraction of one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from .downloads import content_disposition

PDF_CONTENT_TYPE = "application/pdf"


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string(template, context))


def html_to_pdf(html: str) -> bytes:
    # Imported here: loading Pango costs time that pages which print nothing need not pay.
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """A PDF shown in the browser (or downloaded, with `inline=False`) under a Chinese file name."""
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response

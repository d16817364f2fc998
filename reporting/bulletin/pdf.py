"""The bulletin as HTML (templates/pdf/bulletin.html), which WeasyPrint prints to its PDF."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from liudong_wages.models import MemberUnit

from ..models import Bulletin
from ..selectors.figures import PeriodFigures
from .charts import period_charts
from .tables import Table

ISSUER = "柳东新区治理拖欠农民工工资工作领导小组办公室"


def render_bulletin_html(
    bulletin: Bulletin, figures: PeriodFigures, tables: list[Table], *, issued_on: dt.date
) -> str:
    return render_to_string(
        "pdf/bulletin.html",
        {
            "bulletin": bulletin,
            "figures": figures,
            "c": figures.counters,
            "tables": {table.key: table for table in tables},
            "charts": period_charts(figures),
            "issuer": ISSUER,
            "issued_on": issued_on,
            "units": list(MemberUnit.objects.filter(kind=MemberUnit.Kind.MEMBER)),
            # Money in the text as in the tables: 80,000.00.
            "owed": f"{figures.cases[0].owed:,.2f}",
            "recovered": f"{figures.cases[0].recovered:,.2f}",
        },
    )

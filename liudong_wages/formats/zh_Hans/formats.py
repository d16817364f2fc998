"""Simplified Chinese formats as the office writes them.

Django's zh_Hans locale has no thousands separator, so the fund overview showed 481400.00 while the dashboard,
formatted by hand, showed 481,400.00. Finance documents in China group by thousands (481,400.00), as the bank
and the treasury write amounts: one format for every page, PDF and list (issue 19).

Dates the same way (issue 19): documents, e-mails, page headings and sentences write 2026年12月6日
(DATE_FORMAT, the date filter's default); dense table cells 2026-12-06 (|date:"SHORT_DATE_FORMAT") and
2026-12-06 14:05 for a moment (|date:"SHORT_DATETIME_FORMAT"), rows written in Python through
liudong_wages.tables.short_date; a month is 2026年12月 (YEAR_MONTH_FORMAT).
Django's own SHORT_DATE_FORMAT is the long one again, and its MONTH_DAY_FORMAT pads the month (09月5日).
"""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"

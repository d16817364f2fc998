"""Simplified Chinese formats as the office writes them.

Django's zh_Hans locale has no thousands separator, so the fund overview showed 481400.00 while the dashboard,
formatted by hand, showed 481,400.00. Finance documents in China group by thousands (481,400.00), as the bank
and the treasury write amounts: one format for every page, PDF and list (issue 19).
"""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# Dates in the cells of dense tables (liudong_wages.tables.short_date): 2026-12-06.
SHORT_DATE_FORMAT = "Y-m-d"

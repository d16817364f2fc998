"""English formats matching the Chinese ones (issue 19): the same ISO dates in dense tables (2026-12-06,
2026-12-06 14:05), a written date in documents, headings and sentences (6 December 2026), a 24-hour clock as
the office reads it, and amounts grouped by thousands as Django's English already does."""

from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"

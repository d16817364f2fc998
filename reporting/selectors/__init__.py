"""Reads of the reporting app (STYLE.md, Where logic lives), one module per page family: `board` (the reports
list and the member units' reporting board), `assessment` (the yearly assessment of member units), `figures`
(the office's figures of a period, for the dashboard and the bulletin; `one_row` runs their counters as one
statement) and `dashboard` (the dashboard's cards and its "Today" panel)."""

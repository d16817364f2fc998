"""Forms of the reporting app, one module per part: `reports` (report bodies built from their definitions,
review, reopening, the list's and the board's filters), `meetings` (meetings, minutes, confirmations and
supervision tasks), `bulletin` and `dashboard`."""

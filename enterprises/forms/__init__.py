"""Forms of the enterprises app, one module per part: `registry` (enterprises, projects, deposits, site
inspections, assessments, the dishonest list, the Excel import), `monitoring` (wage-payment monitoring: roster,
wage sheets, transfers, deposit use) and `common` (the date widget, a service's errors on a form)."""

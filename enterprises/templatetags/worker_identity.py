"""What a worker's identity number tells the office, for templates: {% load worker_identity %}.

`{% worker_notes claim.id_number case.period_start case.period_end industry=case.industry as notes %}`
(a roster passes `site=True`) gives the notes
(suspected child labour, over the site age limit, the number's warnings), each with `text` and `tone`;
`{{ number|id_number_warnings }}` only the number's warnings. Both read the number alone: no query.
"""

from django import template

from enterprises import identity

register = template.Library()


@register.simple_tag
def worker_notes(number, worked_from=None, worked_to=None, site=False, industry=""):
    """`site=True` on a project's roster; a case passes its `industry` (construction means a site)."""
    site = bool(site) or industry == "construction"
    return identity.worker_notes(number, worked_from=worked_from, worked_to=worked_to, site=site)


@register.filter
def id_number_warnings(number):
    return identity.id_number_warnings(number)

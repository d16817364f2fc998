"""Special campaigns (专项行动, e.g. the winter campaign before the Spring Festival): a named period and scope,
inside which the inspections, cases and amounts recovered are counted (DESIGN.md section 12)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import TimeStampedModel
from liudong_wages.reversing import reverse


class Campaign(TimeStampedModel):
    name = models.CharField(_("行动名称"), max_length=100)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    # The scope: empty means every industry, area or project type.
    industries = models.JSONField(_("行业"), default=list, blank=True)
    areas = models.JSONField(_("园区或区域"), default=list, blank=True)
    project_types = models.JSONField(_("工程类别"), default=list, blank=True)
    note = models.TextField(_("工作要求"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("专项行动")
        verbose_name_plural = _("专项行动")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="cases_campaign_period_ordered"
            ),
            # One campaign of a name starting on a day: the same form sent twice (a double click, the back
            # button) is that campaign, not a second one counting the same cases again.
            models.UniqueConstraint(fields=["name", "starts_on"], name="cases_campaign_unique_name_start"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:campaign", args=[self.pk])

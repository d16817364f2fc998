"""The documents of a labour-inspection case (劳动保障监察文书, DESIGN.md section 12).

A document is a draft while the inspector writes it, and frozen once issued: its number, its PDF and its text
never change after that. A correction is a new version (`previous` points at the one it replaces, which stays,
marked superseded). Service (送达) is recorded on the document; a 送达回证 is a document of its own that points
at the one it proves served. Serving a document starts its periods (`DocumentPeriod`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liudong_wages.models import ChoiceLabelsMixin, TimeStampedModel
from liudong_wages.money import MONEY
from liudong_wages.reversing import reverse

from .case import Case


class CaseDocument(TimeStampedModel):
    class Kind(models.TextChoices):
        FILING_APPROVAL = "filing_approval", _("立案审批表")
        INQUIRY_NOTICE = "inquiry_notice", _("询问通知书")
        INQUIRY_RECORD = "inquiry_record", _("询问笔录")
        RECTIFICATION_ORDER = "rectification_order", _("限期整改指令书")
        HANDLING_DECISION = "handling_decision", _("行政处理决定书")
        PENALTY_NOTICE = "penalty_notice", _("行政处罚告知书")
        PENALTY_DECISION = "penalty_decision", _("行政处罚决定书")
        SERVICE_RECEIPT = "service_receipt", _("送达回证")
        CLOSING_APPROVAL = "closing_approval", _("结案审批表")
        LISTING_DECISION = "listing_decision", _("列入失信联合惩戒对象名单决定书")
        DELISTING_DECISION = "delisting_decision", _("移出失信联合惩戒对象名单决定书")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        ISSUED = "issued", _("已签发")
        SUPERSEDED = "superseded", _("已更正（旧版）")

    class ServiceMethod(models.TextChoices):
        IN_PERSON = "in_person", _("直接送达")
        LEFT = "left", _("留置送达")
        POST = "post", _("邮寄送达")
        NOTICE = "notice", _("公告送达")

    # The district's document word for each kind: 柳东人社监令〔2026〕12号 (the year and sequence added at issue).
    PREFIXES: dict[str, str] = {
        Kind.FILING_APPROVAL: "柳东人社监立",
        Kind.INQUIRY_NOTICE: "柳东人社监询",
        Kind.INQUIRY_RECORD: "柳东人社监录",
        Kind.RECTIFICATION_ORDER: "柳东人社监令",
        Kind.HANDLING_DECISION: "柳东人社监处",
        Kind.PENALTY_NOTICE: "柳东人社监告",
        Kind.PENALTY_DECISION: "柳东人社监罚",
        Kind.SERVICE_RECEIPT: "柳东人社监送",
        Kind.CLOSING_APPROVAL: "柳东人社监结",
        Kind.LISTING_DECISION: "柳东人社失信列",
        Kind.DELISTING_DECISION: "柳东人社失信移",
    }
    # Kinds addressed to the enterprise and served on it; the others are internal forms or records.
    SERVED_KINDS = (
        Kind.INQUIRY_NOTICE,
        Kind.RECTIFICATION_ORDER,
        Kind.HANDLING_DECISION,
        Kind.PENALTY_NOTICE,
        Kind.PENALTY_DECISION,
        Kind.LISTING_DECISION,
        Kind.DELISTING_DECISION,
    )
    # Kinds that list each worker's amount.
    WITH_CLAIMS = (
        Kind.FILING_APPROVAL,
        Kind.RECTIFICATION_ORDER,
        Kind.HANDLING_DECISION,
        Kind.CLOSING_APPROVAL,
    )

    # A case's documents; a dishonest-list decision may have no case (the enterprise is then the addressee).
    case = models.ForeignKey(
        Case,
        verbose_name=_("案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("当事单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A 列入决定书 or 移出决定书 is made for a listing on the dishonest list (enterprises.DishonestListing).
    listing = models.ForeignKey(
        "enterprises.DishonestListing",
        verbose_name=_("失信名单记录"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("文书种类"), max_length=24, choices=Kind.choices)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("更正前的版本"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
    )
    # A 送达回证 proves the service of this document.
    served_document = models.ForeignKey(
        "self",
        verbose_name=_("送达的文书"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="receipts",
    )

    addressee = models.CharField(_("受送达人"), max_length=200, blank=True)
    facts = models.TextField(_("违法事实或案情"), blank=True)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    requirement = models.TextField(_("处理要求或决定内容"), blank=True)
    # The rectification period the inspector sets on a 限期整改指令书 (in days, calendar days by 民法典 art. 201).
    period_days = models.PositiveSmallIntegerField(_("整改期限（日）"), null=True, blank=True)
    penalty_amount = models.DecimalField(_("罚款金额"), **MONEY, null=True, blank=True)
    # An inquiry notice's appointment, or an inquiry record's time and place.
    appointment = models.CharField(_("询问时间地点"), max_length=200, blank=True)

    year = models.PositiveSmallIntegerField(_("文号年度"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("文号序号"), null=True, blank=True)
    number = models.CharField(_("文号"), max_length=64, blank=True)
    issued_on = models.DateField(_("签发日期"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The PDF as issued: kept, so that a later change of the case or of the layout never changes it.
    pdf = models.BinaryField(_("签发的 PDF"), null=True, blank=True, editable=False)

    service_method = models.CharField(_("送达方式"), max_length=12, choices=ServiceMethod.choices, blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    served_to = models.CharField(_("签收人"), max_length=100, blank=True)
    service_note = models.CharField(_("送达说明"), max_length=200, blank=True)

    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("案件文书")
        verbose_name_plural = _("案件文书")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"],
                condition=Q(sequence__isnull=False),
                name="cases_casedocument_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(issued_on__isnull=False) & ~Q(number="")),
                name="cases_casedocument_issued_has_number",
            ),
            models.CheckConstraint(
                condition=Q(served_on__isnull=True) | (Q(issued_on__isnull=False) & ~Q(service_method="")),
                name="cases_casedocument_served_after_issue",
            ),
        ]
        indexes = [
            # The case's documents page.
            models.Index(fields=["case", "kind"], name="casedocument_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or _('（草稿）')}"

    def get_absolute_url(self) -> str:
        if self.case_id is None:
            return reverse("cases:listing_documents", args=[self.listing_id]) + f"#doc-{self.pk}"
        return reverse("cases:documents", args=[self.case_id]) + f"#doc-{self.pk}"

    def get_pdf_url(self) -> str:
        if self.case_id is None:
            return reverse("cases:listing_document_pdf", args=[self.pk])
        return reverse("cases:document_pdf", args=[self.case_id, self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_served(self) -> bool:
        return self.served_on is not None

    @property
    def needs_service(self) -> bool:
        return self.kind in self.SERVED_KINDS


class DocumentSequence(ChoiceLabelsMixin, models.Model):
    """The last number given to each kind of document in a year: the row is locked while a number is taken,
    so two documents issued at the same moment get two numbers."""

    kind = models.CharField(_("文书种类"), max_length=24, choices=CaseDocument.Kind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("已用到"), default=0)

    class Meta:
        verbose_name = _("文书编号序列")
        verbose_name_plural = _("文书编号序列")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="cases_documentsequence_unique_kind_year")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.last}"


class DocumentPeriodQuerySet(models.QuerySet):
    def running(self):
        return self.filter(met_on__isnull=True, document__status=CaseDocument.Status.ISSUED)

    def missed(self, *, on):
        return self.running().filter(due_on__lt=on)


class DocumentPeriod(ChoiceLabelsMixin, models.Model):
    """A period a served document starts: the enterprise's rectification period, the days to make
    representations or ask for a hearing after a penalty notice, the days to serve a penalty decision."""

    class Kind(models.TextChoices):
        RECTIFICATION = "rectification", _("限期整改期限")
        REPRESENTATION = "representation", _("陈述申辩期限")
        HEARING = "hearing", _("听证申请期限")
        SERVICE = "service", _("处罚决定书送达期限")

    document = models.ForeignKey(
        CaseDocument, verbose_name=_("文书"), on_delete=models.CASCADE, related_name="periods"
    )
    # Copied from the document so the start page and the job find a case's periods with one index.
    case = models.ForeignKey(
        Case, verbose_name=_("案件"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("期限类型"), max_length=16, choices=Kind.choices)
    starts_on = models.DateField(_("起算日"))
    due_on = models.DateField(_("届满日"))
    working_days = models.BooleanField(_("按工作日计算"), default=False)
    met_on = models.DateField(_("完成日期"), null=True, blank=True)
    # Set once by the job that tells the handler the period has passed (claimed by conditional UPDATE).
    missed_notified_at = models.DateTimeField(_("逾期提醒时间"), null=True, blank=True)

    objects = DocumentPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("文书期限")
        verbose_name_plural = _("文书期限")
        constraints = [
            models.UniqueConstraint(fields=["document", "kind"], name="cases_documentperiod_unique_kind")
        ]
        indexes = [
            # The missed-period job and the handler's start page: running periods by due date.
            models.Index(fields=["due_on"], condition=Q(met_on__isnull=True), name="documentperiod_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"

"""Printable documents of the listing procedure (the core renders them: liudong_wages.pdf)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from liudong_wages.pdf import render_pdf

from .models import DishonestListing


def listing_notice_pdf(listing: DishonestListing) -> bytes:
    """The written notice of the intended listing (列入告知书, 45号令 art. 9), GB/T 9704 layout."""
    return render_pdf(
        "pdf/dishonest_listing_notice.html",
        {
            "listing": listing,
            "enterprise": listing.enterprise,
            "today": timezone.localdate(),
            "objection_days": settings.LIUDONG["DISHONEST_OBJECTION_DAYS"],
        },
    )

"""Backup and restore give back the same data: row counts and checksums of every project table."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from liudong_wages.backup import table_checksums
from liudong_wages.models import Attachment, MemberUnit, Notification
from liudong_wages.services import attachment_add

from ..factories import NotificationFactory

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_restore_gives_back_the_backed_up_data_and_files(transactional_db, liaison, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    kept = NotificationFactory.create_batch(3, recipient=liaison)
    attachment = attachment_add(owner=kept[0], file=SimpleUploadedFile("证据.pdf", PDF), by=liaison)
    before = table_checksums()

    call_command("backup", output=str(tmp_path / "backups"), stdout=StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["liudong_wages_notification"]["rows"] == 3

    # Things go wrong after the backup: a row lost, a row changed, a file gone.
    Notification.objects.filter(pk=kept[1].pk).delete()
    MemberUnit.objects.filter(code="jsj").update(contact_person="误改")
    attachment.file.delete(save=False)

    out = StringIO()
    call_command("restore", str(folder), yes=True, stdout=out)
    assert "各表校验一致" in out.getvalue()
    connection.close()
    assert table_checksums() == before
    assert Notification.objects.count() == 3
    assert MemberUnit.objects.get(code="jsj").contact_person != "误改"
    assert Attachment.objects.get(pk=attachment.pk).file.read() == PDF


def test_restore_refuses_without_confirmation(db, tmp_path, monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="已取消"):
        call_command("restore", str(tmp_path))

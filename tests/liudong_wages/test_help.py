"""The help pages: one per role, with the screenshots the browser journeys take (issue 10)."""

from pathlib import Path

from django.conf import settings

from liudong_wages import help

HELP_PICTURES = Path(settings.BASE_DIR) / "static" / "help"


def test_every_picture_a_help_page_shows_is_there_and_none_is_left_over():
    named = {shot for topic in help.TOPICS for shot in topic.shots}
    present = {path.stem for path in HELP_PICTURES.glob("*.png")}
    assert named - present == set(), "run bin/screenshots to take the missing pictures"
    assert present - named == set(), "pictures no help page shows: remove them, or show them"


def test_the_pictures_stay_small():
    total = sum(path.stat().st_size for path in HELP_PICTURES.glob("*.png"))
    assert total < 2 * 1024 * 1024


def test_a_liaison_finds_their_page_first_and_every_page_opens(client, liaison):
    client.force_login(liaison)
    index = client.get("/help/")
    assert index.status_code == 200
    mine = index.text.split('id="help-mine"')[1].split("</div>")[0]
    assert "/help/liaison/" in mine and "/help/approver/" not in mine
    for topic in help.TOPICS:
        page = client.get(f"/help/{topic.slug}/")
        assert page.status_code == 200
        assert str(topic.title) in page.text
        for shot in topic.shots:
            assert f"/static/help/{shot}.png" in page.text
    assert 'href="/help/"' in client.get("/").text  # the 帮助 entry of the navigation


def test_without_logging_in_only_the_workers_page_is_shown(client, db):
    index = client.get("/help/")
    assert "/help/worker/" in index.text and "/help/liaison/" not in index.text
    assert client.get("/help/worker/").status_code == 200
    response = client.get("/help/liaison/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/help/no-such-topic/").status_code == 404

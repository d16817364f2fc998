"""What every journey does in the browser: log in (with the second factor where the role needs one), find
text, download and open files, take the screenshots of the help pages."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook
from playwright.sync_api import Download, Page, expect
from pypdf import PdfReader

from ..factories import DEFAULT_PASSWORD

# Pages render PDFs and workbooks on a busy two-core machine: allow more than Playwright's 5 s.
expect.set_options(timeout=15_000)


def totp_code(device: TOTPDevice, *, offset: int = 0) -> str:
    """The code the user's authenticator app shows now (offset in steps: a code is accepted only once)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{value:0{device.digits}d}"


@dataclass
class Journey:
    page: Page
    base_url: str
    shots: Path
    mail_dir: Path
    downloads: Path
    for_help: bool = False  # writing the help pages' pictures: keep them small
    taken: list[Path] = field(default_factory=list)

    # Navigation ----------------------------------------------------------------------------------------

    def go(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        return self.page

    def menu(self, group: str, entry: str) -> Page:
        """Follows an entry of the main menu as a user does: opens its group's dropdown first (a group of one
        entry is a plain link)."""
        nav = self.page.locator("#main-nav")
        toggle = nav.get_by_role("button", name=group, exact=True)
        if toggle.count():
            toggle.click()
        nav.get_by_role("link", name=entry, exact=True).click()
        return self.page

    def see(self, text: str | re.Pattern, *, within: str = "main") -> None:
        """Waits until the text is shown (Playwright retries until its timeout; no sleeping)."""
        expect(self.page.locator(within)).to_contain_text(text)

    def alert(self, text: str | re.Pattern) -> None:
        expect(self.page.get_by_role("alert").filter(has_text=text).first).to_be_visible()

    def shot(self, name: str, *, full_page: bool = False) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=path, full_page=full_page, animations="disabled", caret="hide")
        if self.for_help:
            _shrink(path)
        self.taken.append(path)
        return path

    # Logging in ----------------------------------------------------------------------------------------

    def login(self, user, *, shot: str | None = None) -> None:
        """The login form; for a role with two-factor login, sets up the device the first time (keeping
        the user's TOTP device) and enters the app's code afterwards."""
        self.logout()
        self.go("/accounts/login/")
        self.page.get_by_label("用户名").fill(user.username)
        self.page.get_by_label("密码").fill(DEFAULT_PASSWORD)
        if shot:
            self.shot(shot)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_load_state()
        path = self.page.url.removeprefix(self.base_url)
        if path.startswith("/accounts/two-factor/setup/"):
            expect(self.page.locator("#totp-secret")).to_be_visible()
            device = TOTPDevice.objects.get(user=user, confirmed=False)
            if shot:
                self.shot(f"{shot}-2fa-setup")
            self.page.get_by_label(re.compile("验证码")).fill(totp_code(device))
            self.page.get_by_role("button", name="完成绑定").click()
            expect(self.page.locator("#recovery-codes li")).to_have_count(10)
            if shot:
                self.shot(f"{shot}-2fa-codes")
            self.page.get_by_role("link", name="我已保存，继续").click()
        elif path.startswith("/accounts/two-factor/verify/"):
            device = TOTPDevice.objects.get(user=user, confirmed=True)
            # The previous login used this step's code: the app shows the next one half a minute later.
            code = totp_code(device) if device.last_t < self._step(device) else totp_code(device, offset=1)
            self.page.get_by_label(re.compile("验证码")).fill(code)
            if shot:
                self.shot(f"{shot}-2fa")
            self.page.locator("main").get_by_role("button", name="验证", exact=True).click()
        expect(self.page).not_to_have_url(re.compile("/accounts/"))
        expect(self.page.locator("#current-user")).to_contain_text(user.display_name)

    @staticmethod
    def _step(device: TOTPDevice) -> int:
        import time

        return int((time.time() - device.t0) // device.step)

    def logout(self) -> None:
        self.page.context.clear_cookies()

    # Files ---------------------------------------------------------------------------------------------

    def download(self, click) -> Path:
        """Clicks, waits for the download and keeps the file under the name the server gave it."""
        with self.page.expect_download() as info:
            click()
        download: Download = info.value
        path = self.downloads / download.suggested_filename
        download.save_as(path)
        return path

    def workbook(self, click):
        path = self.download(click)
        return load_workbook(path), path.name

    def pdf_text(self, link) -> tuple[str, str]:
        """The text of the PDF behind a link, without white space (pypdf breaks Chinese lines anywhere).

        The app serves PDFs inline, so Chromium would show them in its viewer rather than download them: the
        file is fetched with the browser's cookies, as the click would, and kept like a download."""
        response = self.page.context.request.get(self.base_url + link.get_attribute("href"))
        assert response.ok, response.status
        assert response.headers["content-type"] == "application/pdf"
        match = re.search(r"filename\*=UTF-8''([^;]+)", response.headers.get("content-disposition", ""))
        name = unquote(match.group(1)) if match else "document.pdf"
        path = self.downloads / name
        path.write_bytes(response.body())
        data = path.read_bytes()
        assert data.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(data))
        text = "".join(page.extract_text() for page in reader.pages)
        return re.sub(r"\s+", "", text), path.name

    def mail_to(self, address: str, subject_part: str) -> str:
        """The e-mail the worker wrote for this address (waits for the worker, up to half a minute)."""
        import time

        deadline = time.monotonic() + 30
        while True:
            for path in sorted(self.mail_dir.iterdir()):
                text = _decoded(path.read_bytes())
                if address in text and subject_part in text:
                    return text
            if time.monotonic() > deadline:
                raise AssertionError(f"no e-mail to {address} about {subject_part!r} from the worker")
            time.sleep(0.2)


def _decoded(raw: bytes) -> str:
    import email
    from email import policy

    text = []
    for message in raw.split(b"\n" + b"-" * 79 + b"\n"):
        parsed = email.message_from_bytes(message.strip(), policy=policy.default)
        text.append(str(parsed["To"] or "") + str(parsed["Subject"] or ""))
        for part in parsed.walk():
            if part.get_content_type() == "text/plain":
                text.append(part.get_content())
    return "\n".join(text)


def _shrink(path: Path) -> None:
    """A screenshot of a form has few colours: a 64-colour palette keeps it legible at a quarter of the size."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(
            colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    small.save(path, optimize=True)

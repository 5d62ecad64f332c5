"""Fixtures for the browser tests. run.sh starts the service and sets
EENLOKET_BASE_URL, EENLOKET_ADMIN_EMAIL/PASSWORD and EENLOKET_BROWSER_ARTIFACTS."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

import support


def pytest_collection_modifyitems(items):
    # The summary tests read what every other test recorded, so they go last (stable sort keeps the rest in order).
    items.sort(key=lambda item: item.get_closest_marker("last") is not None)


# ---------------------------------------------------------------------------
# The service and its staff.


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("EENLOKET_BASE_URL")
    if not url:
        pytest.exit("EENLOKET_BASE_URL is not set: run the suite with Tests/Browser/run.sh", returncode=2)
    return url.rstrip("/")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    return Path(os.environ.get("EENLOKET_BROWSER_ARTIFACTS", "/tmp/eenloket-browser-artifacts"))


@pytest.fixture(scope="session")
def audit_log(artifacts) -> support.AuditLog:
    return support.AuditLog(artifacts)


@pytest.fixture(scope="session")
def api(base_url) -> support.Api:
    return support.Api(base_url)


@pytest.fixture(scope="session")
def staff(api) -> dict[str, support.Staff]:
    """Creates the staff accounts once through the JSON API, as the administrator."""
    admin = api.login(os.environ["EENLOKET_ADMIN_EMAIL"], os.environ["EENLOKET_ADMIN_PASSWORD"])
    people = support.make_staff(uuid.uuid4().hex[:6])
    for person in people.values():
        api.create_staff(admin, person)
    people["admin"] = support.Staff(
        os.environ["EENLOKET_ADMIN_EMAIL"], os.environ["EENLOKET_ADMIN_PASSWORD"], "Beheerder", "admin")
    return people


# ---------------------------------------------------------------------------
# Browsers.


def new_driver(viewport: str) -> webdriver.Chrome:
    width, height = support.VIEWPORTS[viewport]
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("EENLOKET_CHROMIUM", "/usr/bin/chromium")
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
        "--disable-extensions", "--hide-scrollbars", "--lang=nl-NL", f"--window-size={max(width, 800)},{height + 200}",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "nl-NL,nl"})
    # The network log gives the HTML the service sent, for the Nu HTML Checker (standards.py).
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # The Debian package's driver, so Selenium never tries to download one.
    driver = webdriver.Chrome(service=Service(os.environ.get("EENLOKET_CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.set_page_load_timeout(30)
    support.emulate(driver, viewport)
    return driver


class DriverPool:
    """Keeps started Chromiums for reuse: starting one takes seconds, clearing one takes milliseconds."""

    def __init__(self):
        self.idle: dict[str, list[webdriver.Chrome]] = {name: [] for name in support.VIEWPORTS}
        self.all: list[webdriver.Chrome] = []

    def acquire(self, viewport: str) -> webdriver.Chrome:
        if self.idle[viewport]:
            return self.idle[viewport].pop()
        driver = new_driver(viewport)
        self.all.append(driver)
        return driver

    def release(self, driver: webdriver.Chrome, viewport: str) -> None:
        try:
            # A returned browser forgets its person: no cookies (sessions, form tokens), no page, no console lines.
            driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
            driver.get("about:blank")
            driver.get_log("browser")
            driver.get_log("performance")
        except Exception:
            driver.quit()
            self.all.remove(driver)
            return
        self.idle[viewport].append(driver)

    def close(self) -> None:
        for driver in self.all:
            driver.quit()


@pytest.fixture(scope="session")
def driver_pool():
    pool = DriverPool()
    yield pool
    pool.close()


class BrowserPool:
    """Gives a browser per person; returns them to the driver pool when its owner (test or module) ends."""

    def __init__(self, owner, drivers: DriverPool, base_url, audit_log, artifacts, test_name):
        self.browsers: list[support.Browser] = []
        owner._browsers = self.browsers  # read by the failure hook below
        self.drivers = drivers
        self.args = (base_url, audit_log, artifacts, test_name)

    def __call__(self, who: str, viewport: str = "desktop") -> support.Browser:
        base_url, audit_log, artifacts, test_name = self.args
        browser = support.Browser(self.drivers.acquire(viewport), base_url, viewport, who, audit_log, artifacts, test_name)
        self.browsers.append(browser)
        return browser

    def close(self) -> None:
        for browser in self.browsers:
            self.drivers.release(browser.driver, browser.viewport)
        self.browsers.clear()


@pytest.fixture
def open_browser(request, driver_pool, base_url, audit_log, artifacts):
    """`open_browser("employee", "phone")` gives a clean browser for one person in this test."""
    pool = BrowserPool(request.node, driver_pool, base_url, audit_log, artifacts, request.node.name)
    yield pool
    pool.close()


@pytest.fixture(scope="module")
def module_browsers(request, driver_pool, base_url, audit_log, artifacts):
    """Browsers shared by the tests of one module (for scenarios set up once)."""
    pool = BrowserPool(request.node, driver_pool, base_url, audit_log, artifacts, request.node.name.removesuffix(".py"))
    yield pool
    pool.close()


# ---------------------------------------------------------------------------
# A screenshot and the page source of every failing step.


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and call.when in ("setup", "call"):
        # Browsers shared by a module matter only when setting up the module's scenario failed.
        for node in item.listchain() if call.when == "setup" else [item]:
            for browser in getattr(node, "_browsers", []):
                step = browser.current_step or f"on {safe(lambda: browser.path)}"
                shot = browser.save_artifacts(f"FAILED-{step}", test=item.name)
                report.sections.append(
                    (
                        f"browser of the {browser.who} ({browser.viewport})",
                        f"failing step: {step}\nurl: {safe(lambda: browser.driver.current_url)}\n"
                        f"title: {safe(lambda: browser.title)}\nscreenshot: {shot} (page source next to it)",
                    )
                )
    return report


def safe(read):
    try:
        return read()
    except Exception as error:
        return f"({error.__class__.__name__})"


def pytest_terminal_summary(terminalreporter):
    folder = Path(os.environ.get("EENLOKET_BROWSER_ARTIFACTS", "/tmp/eenloket-browser-artifacts"))
    summary = folder / "standards-summary.txt"
    if summary.is_file():
        for line in summary.read_text(encoding="utf-8").splitlines():
            terminalreporter.write_line(line)
    if folder.is_dir() and any(folder.glob("*.png")):
        terminalreporter.write_line(f"Screenshots and page sources of failing steps: {folder}")

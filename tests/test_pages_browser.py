"""The served pages in a real headless browser: Debian's `chromium` driven through
`chromium-driver` by Selenium (both installed by .ci/run; nothing is downloaded at test
time). Screenshots of the resolution, actor, query and SPARQL pages are kept in
test-artefacts/ for a person to look at."""

from __future__ import annotations

import itertools
import shutil
import urllib.parse

import pytest
from servers import missing, serving

from resgraph.corpus import build_corpus

from conftest import REPO, SEED

BASE = "https://w3id.org/resgraph/id/"
RESOLUTION = "/resgraph/id/2022-2505-RSP/joint-motion"
ARTEFACTS = REPO / "test-artefacts"
PAGES = {
    "resolution": RESOLUTION,
    "actor": "/resgraph/id/person/kassym-jomart-tokayev",
    "body": "/resgraph/id/entity/council-eu",
    "query": "/queries/demands?limit=20",
    "sparql": "/sparql",
    "home": "/",
    "search": "/search?q=kazakh",
    "timeline": "/timeline?resolution=https%3A%2F%2Fw3id.org%2Fresgraph%2Fid%2F2022-2505-RSP"
                "%2Fjoint-motion",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    build_corpus([SEED], folder / "out", base=BASE, formats=("nquads",), jobs=1)
    with serving(folder / "out" / "store") as root:
        yield root


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        missing("chromium and chromium-driver are not installed (apt-get install chromium "
                "chromium-driver; .ci/run does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1600", "--no-proxy-server"):
        options.add_argument(flag)
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    session.set_page_load_timeout(30)
    try:
        yield session
    finally:
        session.quit()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_has_a_language_headings_and_a_screenshot(server, browser, name) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + PAGES[name])
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    levels = [int(h.tag_name[1]) for h in browser.find_elements(
        By.CSS_SELECTOR, "h1, h2, h3, h4, h5, h6")]
    assert levels and levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # none skipped
    assert all(img.get_attribute("alt") for img in browser.find_elements(By.TAG_NAME, "img"))
    assert not browser.find_elements(By.CSS_SELECTOR, "script:not([type='application/ld+json'])")
    ARTEFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTEFACTS / f"{name}.png"))


def test_the_keyboard_reaches_the_content_first(server, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(server + RESOLUTION)
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    first = browser.switch_to.active_element
    assert first.text == "Skip to the content" and first.is_displayed()
    first.send_keys(Keys.ENTER)
    assert urllib.parse.urlsplit(browser.current_url).fragment == "main"
    # then the site's navigation, in order, by the keyboard alone
    browser.get(server + RESOLUTION)
    body = browser.find_element(By.TAG_NAME, "body")
    reached = []
    for _ in range(5):
        body.send_keys(Keys.TAB) if not reached else browser.switch_to.active_element.send_keys(
            Keys.TAB)
        reached.append(browser.switch_to.active_element.text)
    assert reached == ["Skip to the content", "Resolutions", "Stored queries", "SPARQL",
                       "Search"]


def test_a_person_is_followed_from_the_text_to_the_actor_page(server, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + RESOLUTION)
    link = browser.find_element(By.CSS_SELECTOR,
                                'a[href="/resgraph/id/person/kassym-jomart-tokayev"]')
    assert link.text.endswith("Kassym-Jomart Tokayev")
    link.click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kassym-Jomart Tokayev"

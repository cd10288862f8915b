"""The whole login flow in a real browser: headless Chromium (Debian's chromium + chromium-driver)
driven by Selenium through nginx (auth_request) and the sidecar.

Chromium resolves the tenant's host names to 127.0.0.1 (--host-resolver-rules), so the browser
talks to nginx on its loopback port with the real host names and the cookie domain applies.
Screenshots go to out/test/.
"""
import json
import re
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

import jwt
import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from harness import ROOT, SECRET, TENANTS, protected_nginx

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = ROOT / "out" / "test"
COOKIE = "uitsmijter-sso"
HOSTS = ("shop.example.net", "login.example.net")
WAIT = 15  # seconds for any one step; the whole test takes a few


def write_tenant(directory):
    """shop.yaml without `interceptor.domain`: the login page is then on the forwarded host
    (`shop.example.net:<port>`), which the browser can reach. The cookie domain stays."""
    text = (TENANTS / "shop.yaml").read_text()
    patched, count = re.subn(r"(?m)^    domain: login\.example\.net\n", "", text)
    assert count == 1, "Tests/EndToEnd/tenants/shop.yaml changed: update the browser test"
    directory.mkdir()
    (directory / "shop.yaml").write_text(patched)
    return directory


@pytest.fixture(params=["login-on-the-site", "separate-login-host"])
def site(request, tmp_path, start_sidecar, upstream):
    """nginx on a loopback port in front of the echo upstream, protected by the sidecar; and the
    origin of the login page: the site's own host, or (as with `interceptor.domain` in
    production) login.example.net on the same port, named by PUBLIC_DOMAIN."""
    tenants = write_tenant(tmp_path / "tenants")
    # nginx first, for its port; it needs only the socket's path, which the sidecar then takes.
    nginx = protected_nginx(tmp_path, SimpleNamespace(socket=tmp_path / "interceptor.sock"), upstream.port)
    try:
        env = {"SECURE": "false"}
        login_host = f"shop.example.net:{nginx.port}"
        if request.param == "separate-login-host":
            login_host = env["PUBLIC_DOMAIN"] = f"login.example.net:{nginx.port}"
        sidecar = start_sidecar(args=("--tenants", str(tenants)), env=env)
        prefix = "" if request.param == "login-on-the-site" else request.param + "-"
        yield SimpleNamespace(nginx=nginx, sidecar=sidecar, login_origin=f"http://{login_host}", prefix=prefix)
    finally:
        nginx.stop()


@pytest.fixture
def browser(tmp_path):
    for path in (CHROMIUM, CHROMEDRIVER):
        assert Path(path).exists(), f"{path} is missing: run `scripts/deps.sh test` (make test does)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,800",
                     # The tenant's names go to nginx on loopback; nothing else resolves.
                     "--host-resolver-rules=" + ",".join([f"MAP {host} 127.0.0.1" for host in HOSTS] + ["MAP * ~NOTFOUND"]),
                     "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--lang=en-US", f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(argument)
    # The performance log carries the network events: the only way to see HTTP statuses.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    service = Service(executable_path=CHROMEDRIVER, log_output=str(tmp_path / "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.set_page_load_timeout(WAIT)
        driver.set_script_timeout(WAIT)
        yield driver
    finally:
        driver.quit()


def wait(driver, condition, what):
    try:
        return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(condition)
    except TimeoutException:
        screenshot(driver, "failure.png")
        raise AssertionError(f"timed out waiting for {what}; the browser is at {driver.current_url}\n"
                             f"{driver.page_source[:2000]}") from None


def screenshot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(SCREENSHOTS / name)), name


def statuses(driver, method, path):
    """Statuses of the document responses to `method path` since the last call (the performance
    log is drained on every read)."""
    requests, found = {}, []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            redirect = params.get("redirectResponse")  # a redirect keeps the request's id
            if redirect and urllib.parse.urlsplit(redirect["url"]).path == path \
                    and requests.get(params["requestId"]) == method:
                found.append(redirect["status"])
            requests[params["requestId"]] = params["request"]["method"]
        elif message["method"] == "Network.responseReceived" and params.get("type") == "Document":
            response = params["response"]
            if (urllib.parse.urlsplit(response["url"]).path == path
                    and requests.get(params["requestId"]) == method):
                found.append(response["status"])
    return found


def on_login_page(driver):
    url = urllib.parse.urlsplit(driver.current_url)
    return url.path == "/login" and driver.find_elements(By.CSS_SELECTOR, "form[action='/login']")


def login_cookie(driver):
    return driver.get_cookie(COOKIE)


def active_id(driver):
    return driver.execute_script("return document.activeElement && document.activeElement.id")


def submit_credentials(driver, username, password):
    """Types like a user: into the username field, Tab to the password field, Enter submits."""
    field = driver.find_element(By.ID, "username")
    field.clear()
    field.send_keys(username)
    field.send_keys(Keys.TAB)
    assert active_id(driver) == "password", "Tab from the username field must reach the password field"
    password_field = driver.switch_to.active_element
    password_field.send_keys(password)
    old_page = driver.find_element(By.TAG_NAME, "html")
    password_field.send_keys(Keys.ENTER)
    wait(driver, EC.staleness_of(old_page), "the login form to be submitted")


def test_login_and_logout_in_a_real_browser(site, browser):
    nginx, sidecar, login_origin = site.nginx, site.sidecar, site.login_origin
    origin = f"http://shop.example.net:{nginx.port}"
    protected = f"{origin}/orders?id=7&sort=asc"
    driver = browser

    # 1. Not logged in: the protected URL ends on the login page, which knows where to go back to.
    driver.get(protected)
    wait(driver, on_login_page, "the login page")
    url = urllib.parse.urlsplit(driver.current_url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{login_origin}/login"
    query = urllib.parse.parse_qs(url.query)
    assert query["for"] == [protected] and query["mode"] == ["interceptor"]
    assert statuses(driver, "GET", "/orders") == [302]
    assert "shop" in driver.title and driver.find_element(By.TAG_NAME, "h1").text == "shop"
    form = driver.find_element(By.CSS_SELECTOR, "form[action='/login']")
    assert form.get_attribute("method") == "post"
    assert form.find_element(By.NAME, "location").get_attribute("value") == protected
    username = form.find_element(By.ID, "username")
    password = form.find_element(By.ID, "password")
    assert (username.get_attribute("name"), username.get_attribute("type")) == ("username", "text")
    assert (password.get_attribute("name"), password.get_attribute("type")) == ("password", "password")
    # Labels as the browser's accessibility tree sees them, visible on screen.
    assert username.accessible_name == "Username" and password.accessible_name == "Password"
    for label in form.find_elements(By.TAG_NAME, "label"):
        assert label.is_displayed()
    button = form.find_element(By.CSS_SELECTOR, "button[type='submit']")
    assert button.is_displayed() and button.text == "Log in"
    assert not driver.find_elements(By.CSS_SELECTOR, "[role='alert']")
    # The card is centred in the window.
    card = driver.find_element(By.TAG_NAME, "main").rect
    width = driver.execute_script("return document.documentElement.clientWidth")
    assert abs(card["x"] + card["width"] / 2 - width / 2) <= 2, card
    screenshot(driver, site.prefix + "login-page.png")
    # Keyboard: focus starts in the username field.
    wait(driver, lambda d: active_id(d) == "username", "autofocus on the username field")

    # 2. Wrong password: the generic error, status 403, no cookie; the username stays, the password not.
    submit_credentials(driver, "alice@example.net", "looking-glass")
    alert = wait(driver, EC.visibility_of_element_located((By.CSS_SELECTOR, "[role='alert']")), "the error line")
    assert alert.text == "Wrong username or password."
    assert statuses(driver, "POST", "/login") == [403]
    assert urllib.parse.urlsplit(driver.current_url).path == "/login"
    assert driver.find_element(By.ID, "username").get_attribute("value") == "alice@example.net"
    assert driver.find_element(By.ID, "password").get_attribute("value") == ""
    assert driver.find_element(By.NAME, "location").get_attribute("value") == protected
    assert login_cookie(driver) is None
    screenshot(driver, site.prefix + "login-failed.png")

    # 3. Right password: back on the original URL, query intact, and the upstream got the cookie's token.
    submit_credentials(driver, "alice@example.net", "wonderland")
    wait(driver, EC.url_to_be(protected), "the protected page")
    assert statuses(driver, "POST", "/login") == [303]
    cookie = login_cookie(driver)
    assert cookie, driver.get_cookies()
    assert cookie["domain"] == ".example.net" and cookie["path"] == "/"
    assert cookie["httpOnly"] is True and cookie["secure"] is False and cookie.get("sameSite") == "Lax"
    assert COOKIE not in driver.execute_script("return document.cookie")  # HttpOnly: not for scripts
    seen = json.loads(driver.find_element(By.TAG_NAME, "pre").text)  # Chromium shows JSON in a <pre>
    assert seen["path"] == "/orders?id=7&sort=asc"
    assert seen["headers"]["authorization"] == f"Bearer {cookie['value']}"
    assert seen["headers"]["remote-user"] == "alice@example.net"
    claims = jwt.decode(cookie["value"], SECRET, algorithms=["HS256"], audience="unknown")
    assert (claims["sub"], claims["role"], claims["tenant"], claims["user"]) == \
        ("user-alice", "customer", "shop", "alice@example.net")
    assert claims["iss"] == login_origin
    screenshot(driver, site.prefix + "protected-page.png")
    # The cookie keeps working: another page of the site without a login.
    driver.get(f"{origin}/account")
    assert json.loads(driver.find_element(By.TAG_NAME, "pre").text)["path"] == "/account"

    # 4. Logout with POST /logout?location=, as a page's logout button would send it.
    driver.execute_script("""
        const form = document.createElement("form");
        form.method = "post";
        form.action = "/logout?location=" + encodeURIComponent(arguments[0]);
        document.body.appendChild(form);
        form.submit();
    """, f"{origin}/")
    # location is the site's / which needs a login again: the browser ends on the login page.
    wait(driver, on_login_page, "the login page after logout")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)["for"] == [f"{origin}/"]
    assert statuses(driver, "POST", "/logout") == [303]
    assert login_cookie(driver) is None, driver.get_cookies()
    driver.get(protected)
    wait(driver, on_login_page, "the login page for the protected URL after logout")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)["for"] == [protected]

    # 5. Log in again, then log out with GET /logout?post_logout_redirect_uri=: the page forwards
    # itself to /logout/finalize with <meta http-equiv=refresh> under the page CSP.
    submit_credentials(driver, "alice@example.net", "wonderland")
    wait(driver, EC.url_to_be(protected), "the protected page after the second login")
    assert login_cookie(driver)
    driver.get(f"{origin}/logout?post_logout_redirect_uri=" + urllib.parse.quote(f"{origin}/orders", safe=""))
    wait(driver, on_login_page, "the login page after the logout page")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)["for"] == [f"{origin}/orders"]
    assert login_cookie(driver) is None, driver.get_cookies()
    assert "login succeeded" in sidecar.logs() and "logged out" in sidecar.logs()
    assert nginx.process.poll() is None and sidecar.process.poll() is None

#!/usr/bin/env python3
"""End-to-end browser tests of the console (issue 19), run by scripts/test.

    console_e2e.py BASE_URL ADMIN_EMAIL ARTIFACTS_DIR   (admin password in SHEAF_E2E_ADMIN_PASSWORD,
                                                         Chromium in SHEAF_E2E_CHROMIUM)

Drives Debian's Chromium through Playwright (PyPI; no browser is downloaded) against a
running `sheaf serve`. The agency is set up over the JSON API (people, a client with a
project, a client validation request); everything a person does is done in the
browser, through the console's pages and forms:

  1. a collaborator logs a week in the grid, edits a cell and submits the week, then
     logs an expense with its receipt (a file upload) and submits it;
  2. their lead approves it from the approval queue;
  3. the client's contact validates the timesheet in the portal;
  3b. the lead opens the project (budget chart), delivers a milestone, quotes a change
     request and reads the missing-time list;
  4. the admin drafts an invoice from the unbilled queue, previews, issues it and
     records a payment, and reads the revenue chart of the reports page; the contact
     downloads its PDF and UBL;
  5. a member gets the 403 page on an admin page, the contact the 404 page for another
     client's project;
  6. the admin picks the kinds of work of a draft, adds and edits a line, issues it,
     credits one line with a credit note, closes a client's month, creates an account and a client with a contact, and saves the agency settings;
and on every main page: an accessibility check (every control has an accessible name
in Chromium's accessibility tree, one h1 and headings in order, text contrast of the
rendered palette >= 4.5:1, or 3:1 for large text; every POST form carries a CSRF
token), and screenshots at desktop (1280 px) and phone (390 px) widths in ARTIFACTS_DIR.
Exit status 0 when everything passed, 1 otherwise.
"""
import datetime
import json
import os
import re
import ssl
import sys
import urllib.error
import urllib.request

from playwright.sync_api import sync_playwright

BASE = sys.argv[1].rstrip("/")
ADMIN_EMAIL = sys.argv[2]
ARTIFACTS = sys.argv[3]
ADMIN_PASSWORD = os.environ["SHEAF_E2E_ADMIN_PASSWORD"]
CHROMIUM = os.environ.get("SHEAF_E2E_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "console-e2e-" + os.urandom(6).hex()
INSECURE = ssl._create_unverified_context()

failures = []
checks = 0


def check(condition, what):
    global checks
    checks += 1
    if condition:
        print(f"  ok   {what}")
    else:
        print(f"  FAIL {what}")
        failures.append(what)


# --- the agency, over the API ------------------------------------------------------

def call(method, path, token=None, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + "/api/v1" + path, data=data, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=60, context=INSECURE) as response:
            raw = response.read()
            return (json.loads(raw) if raw else None), response.headers
    except urllib.error.HTTPError as error:
        sys.exit(f"setup: {method} {path} answered {error.code}: {error.read().decode(errors='replace')}")


def token(email, password):
    return call("POST", "/sessions", body={"email": email, "password": password})[0]["token"]


SELLER = {
    "default_vat_rate_bp": 2100,
    "seller": {
        "legal_name": "Atelier Nord", "trading_name": "Atelier Nord", "legal_form": "SRL", "register_mention": "RPM Bruxelles",
        "address": {"street": "Rue de la Loi 16", "city": "Bruxelles", "postal_code": "1000", "country": "BE"},
        "vat_number": "BE0403170701", "company_number": "0403170701", "email": "billing@atelier.example",
        "iban": "BE68539007547034", "bic": "GKCCBEBB", "electronic_address": {"scheme": "0208", "identifier": "0403170701"}}}
BUYER = {
    "address": {"street": "Avenue Louise 54", "city": "Bruxelles", "postal_code": "1050", "country": "BE"},
    "vat_number": "BE0879454161", "company_number": "0879454161", "electronic_address": {"scheme": "0208", "identifier": "0879454161"},
    "language": "en", "vat_treatment": {"kind": "domestic"}}


def set_up(monday):
    admin = token(ADMIN_EMAIL, ADMIN_PASSWORD)
    settings, headers = call("GET", "/settings", admin)
    call("PATCH", "/settings", admin, SELLER, {"If-Match": headers["ETag"]})
    client, _ = call("POST", "/clients", admin, {"name": "Lumen Bank", "currency": "EUR"})
    _, headers = call("GET", f"/clients/{client['id']}", admin)
    call("PATCH", f"/clients/{client['id']}", admin, BUYER, {"If-Match": headers["ETag"]})
    other, _ = call("POST", "/clients", admin, {"name": "Other Client", "currency": "EUR"})
    team, _ = call("POST", "/teams", admin, {"name": "Studio"})
    people = {}
    for role, email, name in (("manager", "lena@atelier.example", "Lena Roy"), ("member", "mia@atelier.example", "Mia Lopes")):
        people[role], _ = call("POST", "/users", admin, {"email": email, "name": name, "role": role, "password": PASSWORD})
    people["client"], _ = call("POST", "/users", admin, {
        "email": "cleo@lumen.example", "name": "Cleo Martin", "role": "client", "password": PASSWORD, "client_id": client["id"]})
    call("POST", f"/teams/{team['id']}/members", admin, {"user_id": people["manager"]["id"], "lead": True})
    call("POST", f"/teams/{team['id']}/members", admin, {"user_id": people["member"]["id"]})
    project, _ = call("POST", "/projects", admin, {
        "client_id": client["id"], "team_id": team["id"], "name": "Website relaunch", "code": "WEB",
        "billing_model": "time_and_materials", "budget_hours": "120", "requires_client_validation": True})
    other_project, _ = call("POST", "/projects", admin, {
        "client_id": other["id"], "team_id": team["id"], "name": "Other app", "code": "OTH", "billing_model": "time_and_materials"})
    for name in ("Design", "Development"):
        call("POST", f"/projects/{project['id']}/tasks", admin, {"name": name})
    for user in (people["manager"], people["member"]):
        call("POST", f"/projects/{project['id']}/members", admin, {"user_id": user["id"]})
    start = (monday - datetime.timedelta(days=60)).isoformat()
    call("POST", f"/users/{people['member']['id']}/rates", admin, {"kind": "billable", "effective_from": start, "rate": "95.00"})
    call("POST", f"/users/{people['member']['id']}/rates", admin, {"kind": "cost", "effective_from": start, "rate": "45.00"})
    # Work to hand over to the client from the lead's project page.
    call("POST", f"/projects/{project['id']}/milestones", admin, {"name": "Prototype", "amount": {"amount_minor": 250000}})
    call("POST", f"/projects/{project['id']}/change-requests", admin, {
        "title": "Extra landing page", "pricing": "fixed", "amount": {"amount_minor": 80000}})
    return {"admin": admin, "project": project, "other_project": other_project, "client": client}


# --- the browser --------------------------------------------------------------------

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PHONE_STRICT = {"validations"}  # pages whose phone width is checked without the table-wrapper excuse

AUDIT = r"""
() => {
  const problems = [];
  const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]));
  if (headings.filter(l => l === 1).length !== 1) problems.push(`expected one h1, found ${headings.filter(l => l === 1).length}`);
  if (headings[0] !== 1) problems.push('the first heading is not an h1');
  for (let i = 1; i < headings.length; i++) {
    if (headings[i] > headings[i - 1] + 1) problems.push(`heading level jumps from h${headings[i - 1]} to h${headings[i]}`);
  }
  for (const form of document.querySelectorAll('form')) {
    if ((form.getAttribute('method') || 'get').toLowerCase() === 'post' && !form.querySelector('input[name="csrf"]')) {
      problems.push(`a POST form to ${form.getAttribute('action')} has no CSRF token`);
    }
  }
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(',').map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = ({ r, g, b }) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0.5) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
  let measured = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || seen.has(el) || !walker.currentNode.textContent.trim()) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || style.display === 'none' || box.width < 2 || box.height < 2) continue;
    if (el.closest('.sr-only') || el.closest('.skip')) continue;
    const fg = parse(style.color); if (!fg) continue;
    const bg = background(el);
    const l1 = lum(fg), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
    measured++;
    if (ratio + 1e-6 < need && !el.closest('button[disabled]')) {
      problems.push(`contrast ${ratio.toFixed(2)}:1 < ${need}:1 for "${walker.currentNode.textContent.trim().slice(0, 40)}" (${style.color} on rgb(${bg.r},${bg.g},${bg.b}))`);
    }
  }
  return { problems, measured };
}
"""

NAMED_ROLES = {"textbox", "combobox", "checkbox", "button", "link", "spinbutton", "radio", "listbox", "searchbox", "slider", "meter", "progressbar"}


def audit(page, name):
    """Accessibility of the page as rendered; screenshots at both widths."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    unnamed = []
    for node in nodes:
        if node.get("ignored"):
            continue
        role = (node.get("role") or {}).get("value")
        if role in NAMED_ROLES and not ((node.get("name") or {}).get("value") or "").strip():
            unnamed.append(role)
    check(not unnamed, f"{name}: every control has an accessible name {unnamed if unnamed else ''}")
    result = page.evaluate(AUDIT)
    for problem in result["problems"]:
        print(f"       {problem}")
    check(not result["problems"] and result["measured"] > 0, f"{name}: headings in order, CSRF on forms, contrast of {result['measured']} texts")
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}-phone.png"), full_page=True)
    wide = page.evaluate("document.documentElement.scrollWidth")
    # Pages known to fit are held to it strictly; the others may scroll inside a table wrapper.
    excused = name not in PHONE_STRICT and page.locator(".table-wrap").count() > 0
    check(wide <= PHONE["width"] + 1 or excused, f"{name}: no page-wide horizontal scroll on a phone ({wide}px)")
    page.set_viewport_size(DESKTOP)


def sign_in(browser, email, password):
    context = browser.new_context(ignore_https_errors=True, viewport=DESKTOP, locale="en-GB", accept_downloads=True)
    page = context.new_page()
    page.goto(BASE + "/app/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return context, page


def flash(page):
    locator = page.locator("p.flash")
    return locator.inner_text() if locator.count() else ""


def staff_steps(browser, world):
    """Issue 19 items 2, 3 and 5 (stop 25): the running timer, the filtered approval
    queue with an expense decided in it, and a change request agreed to in the portal.
    Run after the invoice is paid, so nothing here changes what steps 1-5 check."""
    print("6. the member runs a timer; the entry appears on their week")
    context, page = sign_in(browser, "mia@atelier.example", PASSWORD)
    page.goto(BASE + "/app/timer")
    page.locator("#timer-task").select_option(label="Website relaunch — Development")
    page.locator("#timer-note").fill("Accessibility fixes")
    page.get_by_role("button", name="Start", exact=True).click()
    check("Timer started." in flash(page) and "Accessibility fixes" in page.content(), "the member starts a timer on a task with a note")
    page.wait_for_function("document.getElementById('timer-elapsed').textContent.split(':').length === 3", timeout=5000)
    check(page.get_by_role("timer").count() == 1, "the running clock ticks (the page's own script, allowed by its policy)")
    page.reload()
    check("Accessibility fixes" in page.content() and page.get_by_role("button", name="Stop and log").count() == 1,
          "the timer still runs after a reload")
    audit(page, "timer")
    page.get_by_role("button", name="Stop and log").click()
    page.wait_for_load_state()
    check("/app/week?date=" in page.url and "Timer stopped: 0:01 logged" in flash(page), "stopping logs the minute it ran")
    check("Accessibility fixes" in page.content() and "Website relaunch — Development" in page.content(),
          "… and the entry is on the member's week")
    context.close()

    print("7. the lead filters the queue to expenses and sends one back")
    context, page = sign_in(browser, "lena@atelier.example", PASSWORD)
    page.goto(BASE + "/app/approvals")
    page.locator("#f-kind").select_option(label="Expense")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    check("kind=expense" in page.url and page.locator("input[name=expense]").count() == 1 and page.locator("input[name=time]").count() == 0,
          "the expenses view lists the submitted expense and no time")
    audit(page, "approvals-filtered")
    page.locator("input[name=expense]").first.check()
    page.locator("#reason").fill("Add the ticket number")
    page.get_by_role("button", name="Reject selected").click()
    page.wait_for_load_state()
    check("1 items sent back." in flash(page) and "kind=expense" in page.url, "the lead sends the expense back and stays in the expenses view")
    context.close()

    print("8. the client's contact agrees to the quoted change request")
    context, page = sign_in(browser, "cleo@lumen.example", PASSWORD)
    # Two quotes wait (CR-1 and the lead's drafted CR-2): the contact opens CR-1's.
    links = page.locator("a[href^='/portal/validations/']", has_text="Change request")
    for href in [links.nth(index).get_attribute("href") for index in range(links.count())]:
        page.goto(BASE + href)
        if "Extra landing page" in page.content():
            break
    content = page.content()
    check("Extra landing page" in content and "€800.00" in content, "the portal shows what is agreed to: the change and its price")
    audit(page, "portal-change-request")
    page.locator("#comment").fill("Go ahead")
    page.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    check("acceptance is recorded" in flash(page) and "Go ahead" in page.content(), "the contact agrees; the decision and its comment are kept")
    context.close()


def admin_drafts_credits_and_closes(browser, world):
    """9. The admin picks items for a draft, edits its lines, issues it, credits part of
    it, and closes a period. Its own work: a milestone delivered and accepted over the API."""
    print("9. the admin picks items, edits a draft's lines, issues it, credits one line and closes a period")
    admin = world["admin"]
    milestone, _ = call("POST", f"/projects/{world['project']['id']}/milestones", admin, {"name": "Launch", "amount": {"amount_minor": 180000}})
    call("POST", f"/milestones/{milestone['id']}/deliver", admin, {})
    call("POST", f"/milestones/{milestone['id']}/accept", token("cleo@lumen.example", PASSWORD), {})
    context, page = sign_in(browser, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto(BASE + "/app/billable")
    page.get_by_role("link", name="Pick the items of Lumen Bank").click()
    page.wait_for_load_state()
    check("Launch" in page.content() and page.locator("input[name=kind][value=milestone]").count() == 1,
          "the client's page lists the accepted milestone among the unbilled items")
    audit(page, "pick-items")
    for box in page.locator("input[name=kind]").all():
        if box.get_attribute("value") != "milestone":
            box.uncheck()
    page.get_by_role("button", name="Draft invoice from the picked items").click()
    page.wait_for_load_state()
    check("Draft created" in flash(page) and "Launch" in page.content(), "a draft is made of the picked kind of work")
    draft_url = page.url
    page.locator("#new-line-description").fill("Travel")
    page.locator("#new-line-quantity").fill("2")
    page.locator("#new-line-price").fill("60.00")
    page.get_by_role("button", name="Add a line", exact=True).click()
    page.wait_for_load_state()
    check("Line added" in flash(page), "the admin adds a typed line")
    page.locator("input[id^=line-description-]").last.fill("Travel to Brussels")
    page.locator("input[id^=line-quantity-]").last.fill("1.5")
    page.locator("button[aria-label^='Save line']").last.click()
    page.wait_for_load_state()
    check("Line saved" in flash(page) and "€90.00" in page.content(), "… and edits it: 1.5 × 60.00 = €90.00")
    audit(page, "invoice-edit")
    page.get_by_role("button", name="Issue invoice").click()
    page.wait_for_load_state()
    check("issued" in flash(page) and page.locator("#credit-reason").count() == 1, "the edited draft is issued, and can be credited")
    page.get_by_label(re.compile("Travel to Brussels")).check()
    page.locator("#credit-reason").fill("Travel is included in the fixed price")
    page.get_by_role("button", name="Issue credit note").click()
    page.wait_for_load_state()
    check("Credit note" in flash(page) and "€108.90" in flash(page), "a credit note of the travel line only (€90.00 + 21 % VAT)")
    audit(page, "credit-note")
    page.goto(draft_url)
    check("Travel is included in the fixed price" in page.content(),
          "the invoice lists its credit note")
    check(page.get_by_label(re.compile("Travel to Brussels")).count() == 0 and page.get_by_label(re.compile("Launch")).count() == 1,
          "… and offers only the line not yet credited")
    audit(page, "invoice-credited")
    page.goto(BASE + "/app/invoices")
    check("credit note" in page.content(), "the invoice list marks the credit note")
    page.goto(BASE + "/app/periods")
    page.locator("#period-client").select_option(label="Other Client")
    page.locator("#period-month").fill("2025-01")
    page.get_by_role("button", name="Close the month").click()
    page.wait_for_load_state()
    check("2025-01 closed" in flash(page) and page.get_by_role("button", name="Reopen 2025-01 of Other Client").count() == 1,
          "the admin closes a month, listed with its reopen form")
    audit(page, "periods")
    page.goto(BASE + "/app/users")
    page.locator("#user-name").fill("Noor Haddad")
    page.locator("#user-email").fill("noor@atelier.example")
    page.locator("#user-role").select_option(value="member")
    page.locator("#user-password").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    page.wait_for_load_state()
    check("Account of Noor Haddad created" in flash(page) and "noor@atelier.example" in page.content(), "the admin creates an account")
    audit(page, "users")
    page.get_by_role("link", name="Open the account of Noor Haddad").click()
    page.wait_for_load_state()
    page.locator("#user-name").fill("Noor H. Haddad")
    page.get_by_role("button", name="Save the account").click()
    page.wait_for_load_state()
    check("Account of Noor H. Haddad saved" in flash(page), "… and renames it")
    page.locator("#rate-kind").select_option(value="billable")
    page.locator("#rate-from").fill("2026-01-01")
    page.locator("#rate-rate").fill("85.00")
    page.get_by_role("button", name="Add a rate").click()
    page.wait_for_load_state()
    check("Rate of €85.00 from 2026-01-01 added" in flash(page), "… and gives it an effective-dated billable rate")
    audit(page, "user")
    page.goto(BASE + "/app/teams")
    page.locator("#team-name").fill("Design studio")
    page.get_by_role("button", name="Create the team").click()
    page.wait_for_load_state()
    check("Team created" in flash(page) and page.locator("h1").inner_text() == "Team Design studio", "the admin creates a team")
    page.locator("#member-user").select_option(label="Noor H. Haddad (Member)")
    page.get_by_role("button", name="Add a member", exact=True).click()
    page.wait_for_load_state()
    check("Noor H. Haddad added to the team" in flash(page) and "noor@atelier.example" in page.content(), "… and adds a member")
    audit(page, "team")
    page.goto(BASE + "/app/teams")
    check(page.get_by_role("link", name="Open the team Design studio").count() == 1, "the team list shows the new team")
    audit(page, "teams")
    page.goto(BASE + "/app/clients")
    page.locator("#client-name").fill("Vega Foods")
    page.locator("#client-terms").fill("45")
    page.get_by_role("button", name="Create the client").click()
    page.wait_for_load_state()
    check("Client created" in flash(page) and page.locator("h1").inner_text() == "Client Vega Foods", "the admin creates a client")
    page.locator("#contact-name").fill("Iris Blom")
    page.locator("#contact-email").fill("iris@vega.example")
    page.get_by_role("button", name="Add a contact", exact=True).click()
    page.wait_for_load_state()
    check("Contact Iris Blom added" in flash(page) and "iris@vega.example" in page.content(), "… with a contact")
    audit(page, "client")
    page.goto(BASE + "/app/clients")
    check("Vega Foods" in page.content(), "the client list shows the new client")
    audit(page, "clients")
    page.goto(BASE + "/app/agency")
    check(page.locator("#agency-legal_name").input_value() == "Atelier Nord", "the agency page shows the seller's legal data")
    page.locator("#agency-rates").fill("21 12 6 0")
    page.get_by_role("button", name="Save the settings").click()
    page.wait_for_load_state()
    check("Agency settings saved" in flash(page) and page.locator("#agency-rates").input_value() == "21.00 12.00 6.00 0.00",
          "the admin saves the VAT rates")
    audit(page, "agency")
    context.close()


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday()) - datetime.timedelta(days=7)
    world = set_up(monday)
    days = [monday + datetime.timedelta(days=i) for i in range(5)]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        anonymous = browser.new_context(ignore_https_errors=True, viewport=DESKTOP, locale="en-GB").new_page()
        anonymous.goto(BASE + "/app/login")
        audit(anonymous, "login")

        print("1. a collaborator logs and submits a week")
        context, page = sign_in(browser, "mia@atelier.example", PASSWORD)
        check(page.url.endswith("/app/week"), "the member lands on their week")
        page.goto(f"{BASE}/app/week?date={monday.isoformat()}")
        page.locator("#new_task").select_option(label="Website relaunch — Design")
        for day, hours in zip(days, ["7:30", "8", "6,5", "7:45", "4"]):
            page.locator(f"#new-{day.isoformat()}").fill(hours)
        page.locator("#new_note").fill("Homepage and navigation")
        page.get_by_role("button", name="Save hours").click()
        check("Hours saved" in flash(page), "the grid saves five days")
        wednesday = page.locator("table.grid tbody tr").first.locator("input[inputmode=decimal]").nth(2)
        wednesday.fill("7:00")
        page.get_by_role("button", name="Save hours").click()
        check("34:15" in page.locator("table.grid tfoot").inner_text(), "the week total follows the edited cell (34:15)")
        audit(page, "my-week")
        page.get_by_role("button", name="Submit week for approval").click()
        check("5 entries submitted" in flash(page), "the week is submitted")
        page.goto(BASE + "/app/expenses")
        page.locator("#expense-project").select_option(label="Website relaunch (WEB)")
        page.locator("#expense-date").fill(days[1].isoformat())
        page.locator("#expense-amount").fill("42.50")
        page.locator("#expense-note").fill("Train to the client")
        page.locator("#expense-receipt").set_input_files(files=[{
            "name": "ticket.pdf", "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"}])
        page.get_by_role("button", name="Save expense").click()
        check("Expense of €42.50 saved." in flash(page) and "Receipts: 1" in page.content(),
              "the member logs an expense with its receipt in one form")
        audit(page, "my-expenses")
        page.get_by_role("button", name=f"Submit the expense of {days[1].isoformat()} €42.50 for approval").click()
        check("submitted for approval" in flash(page), "… and submits it")
        context.close()

        print("2. the lead approves it")
        context, page = sign_in(browser, "lena@atelier.example", PASSWORD)
        page.goto(BASE + "/app/approvals")
        rows = page.locator("input[name=time]")
        check(rows.count() == 5, f"the queue holds the five entries ({rows.count()})")
        audit(page, "approvals")
        for index in range(rows.count()):
            rows.nth(index).check()
        page.get_by_role("button", name="Approve selected").click()
        check("5 items approved" in flash(page), "the lead approves the week")
        # The lead asks the client to validate the week from the project's validations page.
        page.goto(f"{BASE}/app/projects/{world['project']['id']}/validations")
        page.locator("#v-from").fill(days[0].isoformat())
        page.locator("#v-to").fill((monday + datetime.timedelta(days=6)).isoformat())
        page.get_by_role("button", name="Send the request").click()
        page.wait_for_load_state()
        check("/api/v1/validation-links/" in flash(page) and "waiting for the client" in page.content(),
              "the lead asks the client to validate the week; the signed link is shown once")
        audit(page, "validations")
        context.close()

        print("3. the client's contact validates the timesheet")
        context, page = sign_in(browser, "cleo@lumen.example", PASSWORD)
        check(page.url.endswith("/portal"), "the contact lands on the portal")
        audit(page, "portal")
        page.locator("a[href^='/portal/validations/']").first.click()
        page.wait_for_load_state()
        check("34.25" in page.content() or "34:15" in page.content(), "the validation shows the week's hours")
        audit(page, "portal-validation")
        page.get_by_role("button", name="Accept").click()
        check("acceptance is recorded" in flash(page), "the contact accepts the hours")
        page.goto(f"{BASE}/portal/projects/{world['project']['id']}")
        check(page.locator(f"#chart-title-{world['project']['id']}").count() == 1 and "34:15 h" in page.content(), "the project page draws the budget chart with its table")
        check(page.locator(f"#chart-title-burn-{world['project']['id']}").count() == 1 and "34:15 h consumed so far" in page.content(),
              "… and the budget burn per week with its forecast and its table")
        audit(page, "budget-chart")
        page.goto(f"{BASE}/portal/projects/{world['other_project']['id']}")
        check(page.locator("h1").inner_text() == "Page not found", "another client's project is the 404 page")
        response = page.goto(f"{BASE}/portal/projects/{world['other_project']['id']}")
        check(response.status == 404, "… with status 404")
        audit(page, "not-found")
        context.close()

        print("3b. the lead follows the project and hands work over to the client")
        context, page = sign_in(browser, "lena@atelier.example", PASSWORD)
        page.goto(BASE + "/app/projects")
        audit(page, "projects")
        page.get_by_role("link", name="Open project Website relaunch").click()
        page.wait_for_load_state()
        check(page.locator(f"#chart-title-{world['project']['id']}").count() == 1 and "34:15 / 120:00 h" in page.content(),
              "the lead's project page draws the budget burn with its figures")
        check(page.locator(f"#chart-title-burn-{world['project']['id']}").count() == 1
              and page.locator("svg rect.bar-forecast").count() >= 1,
              "… and the burn over time: consumed per week, then the forecast")
        audit(page, "project")
        page.get_by_role("button", name="Deliver milestone Prototype to the client").click()
        check("Prototype delivered" in flash(page), "the lead delivers the milestone")
        check(page.get_by_role("button", name="Deliver milestone Prototype to the client").count() == 0, "… which cannot be delivered twice")
        page.get_by_role("button", name="Send the quote of CR-1 Extra landing page to the client").click()
        check("CR-1 quoted" in flash(page), "the lead sends the change request's quote")
        page.get_by_label("Title", exact=True).fill("Blog section")
        page.get_by_label("Description", exact=True).fill("A blog with categories")
        page.get_by_label("Estimated hours").fill("8")
        page.get_by_label("Pricing", exact=True).select_option("fixed")
        page.get_by_label("Price (fixed, excluding VAT)").fill("1,200.00")
        page.get_by_role("button", name="Save the draft").click()
        page.wait_for_load_state()
        check("CR-2 drafted" in flash(page) and "Blog section" in page.content(), "the lead drafts a change request on the project page")
        page.get_by_role("button", name="Send the quote of CR-2 Blog section to the client").click()
        check("CR-2 quoted" in flash(page), "… then sends its quote")
        page.goto(f"{BASE}/app/missing-time?date={monday.isoformat()}")
        check("Lena Roy" in page.content() and "Mia Lopes" not in page.content(),
              "the missing-time list names the lead, who logged nothing, and not the member")
        audit(page, "missing-time")
        context.close()

        print("4. the admin drafts, issues and records a payment")
        context, page = sign_in(browser, ADMIN_EMAIL, ADMIN_PASSWORD)
        page.goto(BASE + "/app/billable")
        check("Lumen Bank" in page.content(), "the unbilled queue lists the client")
        audit(page, "unbilled")
        page.get_by_role("button", name="Draft invoice — Lumen Bank").click()
        page.wait_for_load_state()
        check("Draft created" in flash(page), "a draft is made from the queue")
        audit(page, "invoice-draft")
        draft_url = page.url
        preview = page.context.new_page()
        response = preview.goto(draft_url + "/document")
        check(response.status == 200 and "DRAFT" in preview.content().upper(), "the document preview opens")
        preview.screenshot(path=os.path.join(ARTIFACTS, "invoice-preview-desktop.png"), full_page=True)
        preview.close()
        page.get_by_role("button", name="Issue invoice").click()
        page.wait_for_load_state()
        check("issued" in flash(page), "the invoice is issued")
        number = page.locator("h1").inner_text()
        audit(page, "invoice-issued")
        page.get_by_role("button", name="Record a payment").click()
        page.wait_for_load_state()
        check("recorded" in flash(page) and "paid" in page.locator("h1 .badge").inner_text(), "the payment settles the invoice")
        page.goto(BASE + "/app/invoices")
        audit(page, "invoices")
        page.goto(BASE + "/app/reports")
        check(page.locator("figure.chart svg[role=img]").count() >= 1 and "€3,253.75" in page.content(),
              "the reports page charts revenue per month (34:15 h at 95.00 = €3,253.75) with its table")
        check("No unpaid invoice." in page.content(), "… and, the invoice paid, no receivables")
        audit(page, "reports")
        page.goto(BASE + "/app/settings")
        audit(page, "settings")
        context.close()

        print("5. the contact downloads the invoice; a member meets the 403 page")
        context, page = sign_in(browser, "cleo@lumen.example", PASSWORD)
        page.goto(BASE + "/portal/invoices")
        audit(page, "portal-invoices")
        with page.expect_download() as download:
            page.locator("a[href$='/pdf']").first.click()
        pdf = open(download.value.path(), "rb").read()
        check(pdf.startswith(b"%PDF"), f"the contact downloads the PDF ({len(pdf)} bytes, {number})")
        with page.expect_download() as download:
            page.locator("a[href$='/ubl']").first.click()
        ubl = open(download.value.path(), "rb").read()
        check(b"<Invoice" in ubl or b":Invoice" in ubl, "… and the UBL")
        context.close()
        context, page = sign_in(browser, "mia@atelier.example", PASSWORD)
        response = page.goto(BASE + "/app/billable")
        check(response.status == 403 and page.locator("h1").inner_text() == "Not allowed", "a member gets the 403 page on an admin page")
        audit(page, "forbidden")
        context.close()
        staff_steps(browser, world)
        admin_drafts_credits_and_closes(browser, world)
        browser.close()

    print(f"{checks - len(failures)} of {checks} checks passed; screenshots in {ARTIFACTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""The client side of scripts/e2e: drives Sheaf over HTTPS through nginx and prints figures.

Usage: e2e_driver.py CONFIG.json PHASE   (PHASE: scenario | instances | stop-instance |
       reports | failover; each prints `figure: …` lines and exits 1 on a failed check)

CONFIG (written by scripts/e2e) names the nginx origin, its CA file, the two instances'
direct origins and pids, the admin's credentials and the shell commands that stop,
start and promote the database servers. State shared between phases (tokens, ids) is
kept in CONFIG's directory as state.json. Standard library only (Debian's python3).

Every loop here is bounded in count and time, and every address is on loopback.
"""
import datetime
import http.client
import json
import os
import ssl
import subprocess
import sys
import threading
import time
import uuid

CONFIG = json.load(open(sys.argv[1]))
STATE_FILE = os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), "state.json")
STATE = json.load(open(STATE_FILE)) if os.path.exists(STATE_FILE) else {}
TLS = ssl.create_default_context(cafile=CONFIG["ca_file"])
FAILURES = []


def check(condition, message):
    print(("ok: " if condition else "FAILED: ") + message, flush=True)
    if not condition:
        FAILURES.append(message)


def figure(text):
    print("figure: " + text, flush=True)


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body) if self.body else None


def request(method, path, token=None, body=None, headers=None, origin="nginx", source="127.0.0.2", form=None, timeout=30):
    """One request on a new connection. origin `nginx` is HTTPS through nginx, from the
    loopback address `source` (so the client's address differs from nginx's 127.0.0.1);
    `a`/`b` are the instances' plain-HTTP ports. Connection errors raise OSError."""
    if origin == "nginx" and CONFIG.get("default_origin"):
        # The upgrade check drives the scenario on one instance directly, as the trusted
        # proxy would (127.0.0.1 is in SHEAF_TRUSTED_PROXIES) for an HTTPS client.
        origin, source = CONFIG["default_origin"], "127.0.0.1"
        headers = {"X-Forwarded-Proto": "https", **(headers or {})}
    if origin == "nginx":
        connection = http.client.HTTPSConnection(
            "127.0.0.1", CONFIG["https_port"], context=TLS, timeout=timeout, source_address=(source, 0))
    else:
        connection = http.client.HTTPConnection("127.0.0.1", CONFIG["instances"][origin]["port"], timeout=timeout, source_address=(source, 0))
    all_headers = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    if form is not None:
        data = form.encode()
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        all_headers["Authorization"] = "Bearer " + token
    try:
        connection.request(method, path if path.startswith("/") else "/api/v1/" + path, body=data, headers=all_headers)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def api(method, path, token=None, body=None, expect=(200, 201), **options):
    answer = request(method, "/api/v1" + path, token, body, **options)
    if answer.status not in expect:
        sys.exit(f"e2e: {method} {path} answered {answer.status}: {answer.body[:400]!r}")
    return answer.json()


def login(email, password, **options):
    return api("POST", "/sessions", body={"email": email, "password": password}, expect=(201,), **options)["token"]


def save():
    json.dump(STATE, open(STATE_FILE, "w"))


def sh(command):
    subprocess.run(command, shell=True, check=True)


# --- the product's scenario ---------------------------------------------------------
def scenario():
    admin = login(CONFIG["admin_email"], CONFIG["admin_password"])
    password = "e2e-" + uuid.uuid4().hex
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    last_week = monday - datetime.timedelta(days=7)

    team = api("POST", "/teams", admin, {"name": "Studio"})
    lead = api("POST", "/users", admin, {"email": "lead@e2e.test", "name": "Lea Lead", "role": "manager", "password": password})
    member = api("POST", "/users", admin, {"email": "member@e2e.test", "name": "Mo Member", "role": "member", "password": password})
    client = api("POST", "/clients", admin, {"name": "Acme", "currency": "EUR"})
    api("POST", f"/teams/{team['id']}/members", admin, {"user_id": lead["id"], "lead": True})
    api("POST", f"/teams/{team['id']}/members", admin, {"user_id": member["id"]})
    project = api("POST", "/projects", admin, {
        "client_id": client["id"], "team_id": team["id"], "name": "Website", "code": "WEB", "billing_model": "time_and_materials",
        "requires_client_validation": True})
    task = api("POST", f"/projects/{project['id']}/tasks", admin, {"name": "Design"})
    api("POST", f"/projects/{project['id']}/members", admin, {"user_id": member["id"]})
    api("POST", f"/users/{member['id']}/rates", admin, {"kind": "billable", "effective_from": last_week.isoformat(), "rate": "90.00"})
    lead_token = login("lead@e2e.test", password)
    member_token = login("member@e2e.test", password)

    # Time: a week logged and submitted by the member, approved by the lead.
    entries = [api("POST", "/time-entries", member_token, {
        "project_id": project["id"], "task_id": task["id"], "work_date": (last_week + datetime.timedelta(days=d)).isoformat(),
        "minutes": m, "note": "Design work"}) for d, m in ((0, 120), (1, 90), (2, 60))]
    submitted = api("POST", "/timesheets/submit", member_token, {"week": last_week.isoformat()})
    check(submitted.get("submitted") == 3, f"the member submitted the week ({submitted.get('submitted')} entries)")
    api("POST", "/approvals", lead_token, {"time_entry_ids": [e["id"] for e in entries], "decision": "approve"})

    # The client accepts the hours through the signed link (no account).
    asked = api("POST", f"/projects/{project['id']}/validations", lead_token,
                {"from": last_week.isoformat(), "to": (last_week + datetime.timedelta(days=6)).isoformat()})
    link = asked["link"]
    link_path = link[link.index("/api/v1/"):]
    page = request("GET", link_path, headers={"Accept": "text/html"})
    check(page.status == 200, f"the client opens the validation link over HTTPS ({page.status})")
    decided = request("POST", link_path, headers={"Accept": "text/html"}, form="decision=accept&name=Wile+E.+Coyote&comment=")
    check(decided.status == 200, f"the client accepts the hours through the link ({decided.status})")
    listed = api("GET", f"/time-entries?project_id={project['id']}", admin)
    check(all(i["status"] == "client_validated" for i in listed["items"]), "every entry is client_validated")

    # Invoice: parties complete, a draft of the billable work, issued, paid.
    settings = api("GET", "/settings", admin)
    api("PATCH", "/settings", admin, json.loads(SELLER), headers={"If-Match": f"\"{settings['version']}\""})
    current = api("GET", f"/clients/{client['id']}", admin)
    api("PATCH", f"/clients/{client['id']}", admin, json.loads(BUYER), headers={"If-Match": f"\"{current['version']}\""})
    draft = api("POST", "/invoices", admin, {"client_id": client["id"]})
    invoice = api("POST", f"/invoices/{draft['id']}/issue", admin, headers={"If-Match": f"\"{draft['version']}\""})
    check(invoice["status"] == "issued" and invoice["number"] == f"{today.year}-0001", f"invoice issued as {invoice['number']}")
    payable = invoice["totals"]["payable"]["amount_minor"]
    paid = api("POST", f"/invoices/{invoice['id']}/payments", admin, {
        "paid_on": today.isoformat(), "amount": {"amount_minor": payable, "currency": "EUR"}, "method": "transfer", "reference": "e2e"})
    check(paid["invoice"]["status"] == "paid", f"the payment of {payable / 100:.2f} EUR makes it {paid['invoice']['status']}")

    STATE.update(admin=admin, member=member_token, lead=lead_token, project=project["id"], task=task["id"],
                 client=client["id"], team=team["id"], monday=monday.isoformat(), last_week=last_week.isoformat())
    save()


SELLER = """{"default_vat_rate_bp":2100,"seller":{"legal_name":"Sheaf Studio","trading_name":"Sheaf","legal_form":"SRL",
"register_mention":"RPM Bruxelles","address":{"street":"Rue de la Loi 16","city":"Bruxelles","postal_code":"1000","country":"BE"},
"vat_number":"BE0403170701","company_number":"0403170701","email":"billing@sheaf.example","iban":"BE68539007547034","bic":"GKCCBEBB",
"electronic_address":{"scheme":"0208","identifier":"0403170701"}}}"""
BUYER = """{"address":{"street":"Avenue Louise 54","city":"Bruxelles","postal_code":"1050","country":"BE"},
"vat_number":"BE0879454161","company_number":"0879454161","electronic_address":{"scheme":"0208","identifier":"0879454161"},
"language":"fr","vat_treatment":{"kind":"domestic"}}"""


# --- several instances, forwarding headers ----------------------------------------------
def instances():
    # A session made on instance A works on instance B (sessions live in PostgreSQL).
    token = api("POST", "/sessions", body={"email": CONFIG["admin_email"], "password": CONFIG["admin_password"]},
                expect=(201,), origin="a", source="127.0.0.1", headers={"X-Forwarded-Proto": "https"})["token"]
    on_b = request("GET", "/api/v1/me", token, origin="b", source="127.0.0.1")
    check(on_b.status == 200, f"a session created on instance A answers on instance B ({on_b.status})")
    spread = set()
    for _ in range(20):
        answer = request("GET", "/api/v1/me", token)
        spread.add(answer.status)
    check(spread == {200}, f"20 requests through nginx with that session: statuses {sorted(spread)}")

    # The audit trail records the real client (127.0.0.2, nginx is 127.0.0.1), and a
    # forged X-Forwarded-For is not believed, through nginx or sent to Sheaf directly.
    admin = STATE["admin"]
    forged = {"X-Forwarded-For": "203.0.113.9", "Forwarded": "for=203.0.113.10"}
    via_nginx = api("POST", "/users", admin, {"email": "audit1@e2e.test", "name": "Audit One", "role": "member",
                                             "password": "e2e-" + uuid.uuid4().hex}, headers=forged, source="127.0.0.2")
    direct = api("POST", "/users", admin, {"email": "audit2@e2e.test", "name": "Audit Two", "role": "member",
                                          "password": "e2e-" + uuid.uuid4().hex}, headers=forged, origin="b", source="127.0.0.3")
    for user, expected, how in ((via_nginx, "127.0.0.2", "through nginx"), (direct, "127.0.0.3", "straight to an instance")):
        events = api("GET", f"/audit-events?subject_id={user['id']}", admin)["items"]
        addresses = {e.get("client_address") for e in events}
        check(addresses == {expected}, f"audit of a user created {how} with a forged X-Forwarded-For: client_address {sorted(map(str, addresses))}")


# --- SIGTERM one instance under write load -------------------------------------------------
def write_load(duration, workers, label, on_second=None):
    """Posts time entries with Idempotency-Key from `workers` threads for `duration`
    seconds; a failed attempt (connection error or 5xx) is retried with the same key.
    Returns (acknowledged entry ids, failed attempts, writes given up, first-success log)."""
    acknowledged, failed, abandoned, successes = [], [0], [0], []
    lock = threading.Lock()
    stop_at = time.monotonic() + duration
    # Spread over today and the 7 days ahead the default settings allow: a day holds
    # at most 1440 minutes per collaborator.
    today = datetime.date.today()

    def worker(n):
        i = 0
        while time.monotonic() < stop_at:
            i += 1
            key = f"{label}-{n}-{i}-{uuid.uuid4().hex[:8]}"
            day = today + datetime.timedelta(days=(n + i) % 8)
            body = {"project_id": STATE["project"], "task_id": STATE["task"], "work_date": day.isoformat(), "minutes": 1,
                    "note": key}
            for attempt in range(60):  # at most 60 tries, 0.25 s apart: bounded
                try:
                    answer = request("POST", "/api/v1/time-entries", STATE["member"], body, headers={"Idempotency-Key": key}, timeout=15)
                    status = answer.status
                except OSError:
                    status = 0
                if status == 201:
                    with lock:
                        acknowledged.append(answer.json()["id"])
                        successes.append(time.monotonic())
                    break
                with lock:
                    failed[0] += 1
                if status not in (0, 409, 500, 502, 503, 504):
                    sys.exit(f"e2e: a write answered {status}: {answer.body[:300]!r}")
                time.sleep(0.25)
            else:
                with lock:
                    abandoned[0] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    if on_second:
        on_second()
    for thread in threads:
        thread.join()
    return acknowledged, failed[0], abandoned[0], successes


def lost(acknowledged):
    """Acknowledged entries not in the database, asked of every id through nginx."""
    missing = 0
    for entry in acknowledged:
        if request("GET", f"/api/v1/time-entries/{entry}", STATE["admin"]).status != 200:
            missing += 1
    return missing


def stop_instance():
    pid = CONFIG["instances"]["a"]["pid"]

    def stop():
        time.sleep(3)
        os.kill(pid, 15)
        print(f"sent SIGTERM to instance A (pid {pid}) under load", flush=True)

    acknowledged, failed, abandoned, _ = write_load(9, 4, "sigterm", stop)
    missing = lost(acknowledged)
    figure(f"instance stop: {len(acknowledged)} writes acknowledged, {failed} requests failed and were retried with their "
           f"Idempotency-Key, {abandoned} writes given up, {missing} acknowledged writes lost")
    check(missing == 0 and abandoned == 0, "no acknowledged write lost, every write eventually acknowledged")


# --- reports on the standby ------------------------------------------------------------
def readyz(origin="a"):
    return request("GET", "/readyz", origin=origin, source="127.0.0.1").json()


def report(token):
    last_week = datetime.date.fromisoformat(STATE["last_week"])
    return request("GET", f"/api/v1/reports/missing-time?from={last_week}&to={last_week + datetime.timedelta(days=6)}", token)


def reports():
    admin = STATE["admin"]
    state = readyz()
    check(state["reports"]["source"] == "standby" and state["reports"]["standby_lag_seconds"] is not None,
          f"/readyz: reports read the standby, lag {state['reports']['standby_lag_seconds']} s (bound {state['reports']['max_lag_seconds']} s)")
    figure(f"standby lag shown by /readyz: {state['reports']['standby_lag_seconds']} s")
    before = int(subprocess.run(CONFIG["standby_sessions_query"], shell=True, check=True, capture_output=True, text=True).stdout.strip() or 0)
    answer = report(admin)
    check(answer.status == 200, f"GET /reports/missing-time with the standby up: {answer.status}")
    budget = request("GET", f"/api/v1/projects/{STATE['project']}/budget", admin)
    check(budget.status == 200, f"GET /projects/{{id}}/budget with the standby up: {budget.status}")
    after = int(subprocess.run(CONFIG["standby_sessions_query"], shell=True, check=True, capture_output=True, text=True).stdout.strip() or 0)
    check(after >= 1, f"the standby has {after} connection(s) from Sheaf's reports pool (application_name sheaf-reports; {before} before)")

    sh(CONFIG["standby_stop"])
    answer = report(admin)
    check(answer.status == 200, f"GET /reports/missing-time with the standby stopped: {answer.status} (fell back to the primary)")
    write = request("POST", "/api/v1/time-entries", STATE["member"], {
        "project_id": STATE["project"], "task_id": STATE["task"], "work_date": STATE["monday"], "minutes": 5, "note": "standby down"})
    check(write.status == 201, f"writes go on with the standby stopped: {write.status}")
    state = readyz()
    check(state["status"] == "ready" and state["reports"]["source"] == "primary"
          and state["reports"]["fallback_reason"] == "standby_unreachable", f"/readyz with the standby stopped: {state}")
    sh(CONFIG["standby_start"])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and readyz()["reports"]["source"] != "standby":
        time.sleep(0.5)
    state = readyz()
    check(state["reports"]["source"] == "standby", f"reports back on the standby once it runs again: {state['reports']}")


# --- failover --------------------------------------------------------------------------
def failover():
    events = {}

    def act():
        time.sleep(2)
        events["stop"] = time.monotonic()
        sh(CONFIG["primary_stop"])
        events["stopped"] = time.monotonic()
        sh(CONFIG["standby_promote"])
        events["promoted"] = time.monotonic()
        print("primary stopped, standby promoted", flush=True)

    acknowledged, failed, abandoned, successes = write_load(14, 2, "failover", act)
    after = [t for t in successes if t > events["promoted"]]
    back = (min(after) - events["promoted"]) if after else None
    outage = None
    before = [t for t in successes if t < events["stop"]]
    if after and before:
        outage = min(after) - max(before)
    missing = lost(acknowledged)
    figure(f"failover: writes succeeded again {back:.2f} s after the promotion (and {outage:.2f} s after the last write on the old primary), "
           f"without restarting Sheaf" if back is not None else "failover: writes never succeeded again")
    figure(f"failover: {failed} requests failed and were retried with their Idempotency-Key, {abandoned} writes given up, "
           f"{missing} of {len(acknowledged)} acknowledged writes lost")
    check(back is not None and missing == 0 and abandoned == 0, "writes resume after promotion with nothing acknowledged lost")
    answer = report(STATE["admin"])
    check(answer.status == 200, f"reports answer after the failover: {answer.status}")


# --- backup round trip helpers --------------------------------------------------------------
def draft():
    """Leaves a draft deposit invoice open, for the next-number check of the backup round trip."""
    made = api("POST", "/invoices", STATE["admin"], {"kind": "deposit", "project_id": STATE["project"], "amount": {"amount_minor": 50000}})
    STATE["draft"] = {"id": made["id"], "version": made["version"]}
    save()


def issue_draft(origin):
    """Issues the saved draft on `origin` (nginx, or `restored`: an instance serving the
    restored database) and prints its number."""
    token = STATE["admin"]
    if origin != "nginx":
        token = api("POST", "/sessions", body={"email": CONFIG["admin_email"], "password": CONFIG["admin_password"]},
                    expect=(201,), origin=origin, source="127.0.0.1", headers={"X-Forwarded-Proto": "https"})["token"]
    answer = api("POST", f"/invoices/{STATE['draft']['id']}/issue", token, headers={"If-Match": f"\"{STATE['draft']['version']}\""},
                 origin=origin, source="127.0.0.1" if origin != "nginx" else "127.0.0.2")
    print(answer["number"])


# --- rolling upgrade: the previous release on the new schema --------------------------------
# What the scenario reads back, as the roles that read it. Each path is asked of the
# previous release's instance (`old`) and of this release's (`new`), both serving the
# database this release has just migrated.
def upgrade_reads():
    admin, lead, member = STATE["admin"], STATE["lead"], STATE["member"]
    invoices = api("GET", "/invoices", admin, origin="new", source="127.0.0.1", headers={"X-Forwarded-Proto": "https"})["items"]
    check(len(invoices) == 1, f"the scenario's invoice is listed by the new release ({len(invoices)})")
    invoice = invoices[0]["id"] if invoices else "00000000-0000-0000-0000-000000000000"
    reads = [
        (admin, "/me"), (admin, "/settings"), (admin, "/clients"), (admin, f"/clients/{STATE['client']}"),
        (admin, "/projects"), (admin, f"/projects/{STATE['project']}"), (admin, f"/projects/{STATE['project']}/tasks"),
        (admin, f"/time-entries?project_id={STATE['project']}"), (member, f"/time-entries?from={STATE['last_week']}"),
        (lead, f"/projects/{STATE['project']}/validations"), (admin, "/invoices"), (admin, f"/invoices/{invoice}"),
        (admin, f"/invoices/{invoice}/payments"), (admin, f"/invoices/{invoice}/document"), (admin, f"/invoices/{invoice}/ubl"),
        (admin, f"/billable?client_id={STATE['client']}"), (admin, "/audit-events?limit=20"),
        (lead, f"/projects/{STATE['project']}/budget"), (admin, "/reports/receivables"),
    ]
    same = 0
    for token, path in reads:
        answers = {}
        for origin in ("old", "new"):
            answers[origin] = request("GET", "/api/v1" + path, token, origin=origin, source="127.0.0.1",
                                      headers={"X-Forwarded-Proto": "https"})
        old, new = answers["old"], answers["new"]
        check(old.status == 200 and new.status == 200, f"GET {path}: previous release {old.status}, this release {new.status}")
        if old.status != 200 or new.status != 200:
            continue
        if old.headers.get("Content-Type", "").startswith("application/json"):
            # The new release may add fields (expand); every field the old one shows must
            # read the same.
            differing = sorted(differences(old.json(), new.json()))
            check(not differing, f"GET {path}: the previous release reads what this release reads"
                  + (f" (differs at {', '.join(differing[:5])})" if differing else ""))
            same += not differing
        elif path.endswith("/document"):
            # The printable HTML may gain markup (the optional time annex); what it says
            # of the invoice must be there on both.
            number = invoices[0]["number"].encode() if invoices else b"?"
            both = number in old.body and number in new.body
            check(both, f"GET {path}: both documents show invoice {number.decode()}")
            same += both
        else:
            check(old.body == new.body, f"GET {path}: identical bytes")
            same += old.body == new.body
    figure(f"rolling upgrade: {same} of {len(reads)} scenario reads answer alike on the previous release and this one")

    # Writes through the previous release still work on the new schema, and the new
    # release reads them.
    day = (datetime.date.fromisoformat(STATE["monday"]) - datetime.timedelta(days=1)).isoformat()
    entry = api("POST", "/time-entries", member, {"project_id": STATE["project"], "task_id": STATE["task"], "work_date": day,
                                                  "minutes": 30, "note": "logged on the previous release"},
                origin="old", source="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
    read = request("GET", f"/api/v1/time-entries/{entry['id']}", member, origin="new", source="127.0.0.1",
                   headers={"X-Forwarded-Proto": "https"})
    check(read.status == 200 and read.json()["minutes"] == 30, f"an entry written by the previous release reads on this one ({read.status})")
    ready = request("GET", "/readyz", origin="old", source="127.0.0.1")
    check(ready.status == 200, f"the previous release stays ready on the newer schema (/readyz {ready.status})")


def differences(old, new, at="$"):
    """The paths where `new` does not show what `old` shows (fields `new` adds are fine)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [d for key in old for d in (differences(old[key], new[key], f"{at}.{key}") if key in new else [f"{at}.{key} (missing)"])]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [d for i, (o, n) in enumerate(zip(old, new)) for d in differences(o, n, f"{at}[{i}]")]
    return [] if old == new else [at]


PHASES = {"scenario": scenario, "upgrade-reads": upgrade_reads, "instances": instances, "stop-instance": stop_instance, "reports": reports,
          "failover": failover, "draft": draft}

if __name__ == "__main__":
    phase = sys.argv[2]
    if phase.startswith("issue-draft:"):
        issue_draft(phase.split(":", 1)[1])
    else:
        PHASES[phase]()
    if FAILURES:
        sys.exit(f"e2e {phase}: {len(FAILURES)} check(s) failed")

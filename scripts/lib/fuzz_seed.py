#!/usr/bin/env python3
"""Seeds a fresh Sheaf over its API for scripts/fuzz and prints one bearer token per role.

Usage: fuzz_seed.py BASE_URL ADMIN_EMAIL (the admin's password in SHEAF_FUZZ_ADMIN_PASSWORD)

What it makes, so that the fuzzer meets real rows and not only 404s: a team led by a
manager with a member, a client with a contact who has a login, a time-and-materials
project with a task and both staff on it, rates, a few time entries (draft, submitted),
an expense, a milestone and a change request. Prints lines `ROLE TOKEN` for admin,
manager, member and client on stdout. Standard library only (Debian's python3).
"""
import datetime
import json
import os
import ssl
import sys
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip("/")
API = BASE + "/api/v1"
PASSWORD = "fuzz-password-" + os.urandom(6).hex()
# scripts/fuzz serves a throwaway self-signed certificate.
INSECURE = ssl._create_unverified_context()


def call(method, path, token=None, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(API + path, data=data, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=60, context=INSECURE) as response:
            raw = response.read()
            return json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        sys.exit(f"seed: {method} {path} answered {error.code}: {error.read().decode(errors='replace')}")


def login(email, password):
    return call("POST", "/sessions", body={"email": email, "password": password})["token"]


def main():
    admin = login(sys.argv[2], os.environ["SHEAF_FUZZ_ADMIN_PASSWORD"])
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    last_week = monday - datetime.timedelta(days=7)

    client = call("POST", "/clients", admin, {"name": "Acme Fuzz", "currency": "EUR"})
    team = call("POST", "/teams", admin, {"name": "Studio"})
    manager = call("POST", "/users", admin, {"email": "manager@fuzz.test", "name": "Max Manager", "role": "manager", "password": PASSWORD})
    member = call("POST", "/users", admin, {"email": "member@fuzz.test", "name": "Mia Member", "role": "member", "password": PASSWORD})
    contact_user = call("POST", "/users", admin, {
        "email": "contact@fuzz.test", "name": "Cleo Client", "role": "client", "password": PASSWORD, "client_id": client["id"]})
    call("POST", f"/teams/{team['id']}/members", admin, {"user_id": manager["id"], "lead": True})
    call("POST", f"/teams/{team['id']}/members", admin, {"user_id": member["id"]})
    call("POST", f"/clients/{client['id']}/contacts", admin, {"name": "Cleo Client", "email": "cleo@fuzz.test"})

    project = call("POST", "/projects", admin, {
        "client_id": client["id"], "team_id": team["id"], "name": "Website", "code": "WEB", "billing_model": "time_and_materials"})
    task = call("POST", f"/projects/{project['id']}/tasks", admin, {"name": "Design"})
    for user in (manager, member):
        call("POST", f"/projects/{project['id']}/members", admin, {"user_id": user["id"]})

    call("POST", f"/users/{member['id']}/rates", admin, {"kind": "billable", "effective_from": last_week.isoformat(), "rate": "90.00"})
    call("POST", f"/users/{member['id']}/rates", admin, {"kind": "cost", "effective_from": last_week.isoformat(), "rate": "40.00"})

    manager_token = login("manager@fuzz.test", PASSWORD)
    member_token = login("member@fuzz.test", PASSWORD)
    client_token = login("contact@fuzz.test", PASSWORD)

    # Time: last week submitted (so the approver's queue has rows), this week a draft.
    for offset, minutes in ((0, 120), (1, 90), (2, 60)):
        call("POST", "/time-entries", member_token, {
            "project_id": project["id"], "task_id": task["id"],
            "work_date": (last_week + datetime.timedelta(days=offset)).isoformat(), "minutes": minutes, "note": "Seeded"})
    call("POST", "/timesheets/submit", member_token, {"week": last_week.isoformat()})
    call("POST", "/time-entries", member_token, {
        "project_id": project["id"], "task_id": task["id"], "work_date": monday.isoformat(), "minutes": 45, "note": "Draft"})

    call("POST", "/expenses", member_token, {
        "project_id": project["id"], "expense_date": monday.isoformat(), "category": "travel",
        "amount": {"amount_minor": 4200}, "note": "Train"})
    call("POST", f"/projects/{project['id']}/milestones", manager_token, {"name": "Launch", "amount": {"amount_minor": 100000}})
    call("POST", f"/projects/{project['id']}/change-requests", manager_token, {
        "title": "Extra page", "pricing": "fixed", "amount": {"amount_minor": 50000}})

    for role, token in (("admin", admin), ("manager", manager_token), ("member", member_token), ("client", client_token)):
        print(role, token)


if __name__ == "__main__":
    main()

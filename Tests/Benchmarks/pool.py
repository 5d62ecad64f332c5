"""Creates the benchmark's staff through the API (standard library only):
an intake officer and a realistic national pool of panel members, one in ten
affiliated with one of the employers the load files for.
Usage: python3 pool.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD PHYSICIANS_PER_DISCIPLINE
Prints the intake officer's bearer token."""

import concurrent.futures
import json
import random
import sys
import urllib.request

base, admin_email, admin_password, per_discipline = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def call(method, path, body, token=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


admin = call("POST", "/api/v1/sessions", {"email": admin_email, "password": admin_password})["token"]
rng = random.Random(7)


def member(n, discipline):
    panel = {"discipline": discipline, "max_open_cases": 50, "affiliations": []}
    if rng.random() < 0.1:
        employer = rng.randint(1, 1000)
        panel["affiliations"] = [f"{10000000 + employer:08d}"]
    if discipline != "arbeidsdeskundige":
        panel["big_number"] = f"{49000000000 + n:011d}"
        panel["registered_since"] = "2010-01-01"
    body = {"email": f"{discipline}-{n}@bench.example", "name": f"{discipline.title()} {n}", "password": "benchmark-wachtwoord",
            "role": "panel_member", "panel": panel}
    call("POST", "/api/v1/staff", body, admin)


jobs = [(n, d) for d in ("bedrijfsarts", "verzekeringsarts") for n in range(per_discipline)]
jobs += [(n, "arbeidsdeskundige") for n in range(per_discipline // 6)]
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    list(pool.map(lambda job: member(*job), jobs))

call("POST", "/api/v1/staff", {"email": "intake@bench.example", "name": "Intake", "password": "benchmark-wachtwoord",
                               "role": "intake_officer"}, admin)
print(call("POST", "/api/v1/sessions", {"email": "intake@bench.example", "password": "benchmark-wachtwoord"})["token"])

#!/usr/bin/env python3
"""Real traffic for the local suite, straight to the services on loopback (used by bin/check-dashboards).

    traffic.py setup STATE                      a product, funded users and a coupon; ids into STATE
    traffic.py orders STATE RATE SECONDS [STOP] orders through the saga at RATE/s for SECONDS
                                                (or until the file STOP exists)
    traffic.py coupons STATE COUNT              coupon issue requests for COUNT users
    traffic.py gateway COUNT                    requests through the gateway (any answer); the
                                                bearer token in $TOKEN when set

Every command prints one summary line with the HTTP answers it got. Standard library only.
"""
import collections
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

HOST = "http://127.0.0.1"
PRODUCT, BALANCE, COUPON, ORDER, GATEWAY = 8101, 8102, 8103, 8104, 8080
USERS = range(5001, 5041)


def call(method, port, path, body=None, headers=None):
    """(status, parsed JSON or None); connection errors count as status 0."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{HOST}:{port}{path}", data=data, method=method)
    request.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        return e.code, None
    except (urllib.error.URLError, OSError):
        return 0, None


def setup(state_file):
    status, product = call("POST", PRODUCT, "/api/products", {"name": "dashboard check lamp", "price": 1.00, "stock": 10_000_000})
    if status != 201:
        sys.exit(f"traffic: creating a product answered {status}")
    run = uuid.uuid4().hex[:8]
    funded = 0
    for user in USERS:
        status, _ = call("POST", BALANCE, f"/api/balances/{user}/charges", {"amount": 100000.00},
                         {"Idempotency-Key": f"dashboards-{run}-{user}"})
        funded += status == 200
    status, coupon = call("POST", COUPON, "/api/coupons", {
        "name": "dashboard check", "quantity": 100000, "discountType": "FIXED", "discountValue": 0.10,
        "validFrom": "2020-01-01T00:00:00Z", "validUntil": "2099-01-01T00:00:00Z"})
    if status != 201:
        sys.exit(f"traffic: creating a coupon answered {status}")
    with open(state_file, "w") as f:
        json.dump({"product": product["id"], "coupon": coupon["id"]}, f)
    print(f"traffic setup: product {product['id']}, coupon {coupon['id']}, {funded}/{len(USERS)} users funded")


def orders(state_file, rate, seconds, stop_file=None):
    state = json.load(open(state_file))
    answers = collections.Counter()
    lock = threading.Lock()
    slots = threading.Semaphore(16)

    def place(user):
        try:
            status, _ = call("POST", ORDER, "/api/orders",
                             {"userId": user, "items": [{"productId": state["product"], "quantity": 1}]},
                             {"Idempotency-Key": str(uuid.uuid4())})
            with lock:
                answers[status] += 1
        finally:
            slots.release()

    started, sent = time.monotonic(), 0
    while time.monotonic() - started < seconds and not (stop_file and os.path.exists(stop_file)):
        # Paced to RATE from the start, so a slow answer does not lower the rate.
        due = started + sent / rate
        if due > time.monotonic():
            time.sleep(due - time.monotonic())
        slots.acquire()
        threading.Thread(target=place, args=(USERS[sent % len(USERS)],), daemon=True).start()
        sent += 1
    for _ in range(16):
        slots.acquire()
    elapsed = time.monotonic() - started
    print(f"traffic orders: {sent} in {elapsed:.1f}s ({sent / elapsed:.1f}/s), answers {dict(sorted(answers.items()))}")


def coupons(state_file, count):
    state = json.load(open(state_file))
    answers = collections.Counter()
    run_base = 900000 + int(time.time()) % 90000 * 10
    for i in range(count):
        status, _ = call("POST", COUPON, f"/api/coupons/{state['coupon']}/issue", {"userId": run_base + i})
        answers[status] += 1
    print(f"traffic coupons: {count} issue requests, answers {dict(sorted(answers.items()))}")


def gateway(count):
    headers = {"Authorization": f"Bearer {os.environ['TOKEN']}"} if os.environ.get("TOKEN") else {}
    answers = collections.Counter()
    paths = ["/api/products?page=0&size=5", "/api/products/1", "/api/orders/1", "/api/no-such-route"]
    for i in range(count):
        status, _ = call("GET", GATEWAY, paths[i % len(paths)], headers=headers)
        answers[status] += 1
    print(f"traffic gateway: {count} requests{' with a token' if headers else ''}, answers {dict(sorted(answers.items()))}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["setup"]:
        setup(args[1])
    elif args[:1] == ["orders"]:
        orders(args[1], float(args[2]), float(args[3]), args[4] if len(args) > 4 else None)
    elif args[:1] == ["coupons"]:
        coupons(args[1], int(args[2]))
    elif args[:1] == ["gateway"]:
        gateway(int(args[1]))
    else:
        sys.exit(__doc__)

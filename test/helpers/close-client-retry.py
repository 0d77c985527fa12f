#!/usr/bin/env python3
"""What Close's official Python client (closeio_api) does on a 429, with the standard library
only: sleep the seconds the `RateLimit` header's `reset` says (else `Retry-After`, else the
body's `rate_reset`, else 2 s) and send the same request again, up to 5 times.

Usage: close-client-retry.py API_BASE API_KEY COUNT
Sends COUNT `GET /me/` one after another; prints one JSON line
{"ok": <answered 200>, "rate_limited": <429s seen>, "slept": <seconds>} and exits 0, or prints
{"error": <status>} and exits 1 on any other answer or when the retries run out.
"""
import base64
import json
import re
import sys
import time
import urllib.error
import urllib.request

MAX_RETRIES = 5
DEFAULT_DELAY = 2.0


def sleep_time(error):
    header = error.headers.get("RateLimit")
    if header:
        match = re.match(r"limit=(\d+), remaining=(\d+), reset=(\d+)", header)
        if match:
            return float(match.group(3))
    if error.headers.get("Retry-After"):
        return float(error.headers["Retry-After"])
    try:
        return float(json.loads(error.read())["error"]["rate_reset"])
    except (ValueError, KeyError, TypeError):
        return DEFAULT_DELAY


def main():
    base, key, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    auth = "Basic " + base64.b64encode(f"{key}:".encode()).decode()
    ok = limited = 0
    slept = 0.0
    for _ in range(count):
        for attempt in range(MAX_RETRIES + 1):
            request = urllib.request.Request(base + "/me/", headers={"Authorization": auth})
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    json.load(response)
                ok += 1
                break
            except urllib.error.HTTPError as error:
                if error.code != 429 or attempt == MAX_RETRIES:
                    print(json.dumps({"error": error.code}))
                    return 1
                limited += 1
                delay = sleep_time(error)
                slept += delay
                time.sleep(delay)
    print(json.dumps({"ok": ok, "rate_limited": limited, "slept": slept}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

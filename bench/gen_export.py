#!/usr/bin/env python3
"""gen_export.py: a realistic bank export of a music producer, for bench/import.sh.

Usage: gen_export.py N OUT.csv [SEED]

Deterministic for a given seed.  Columns: Date,Description,Amount,Balance
with ISO dates in order over about 25 years, signed amounts with a decimal
point, and the end-of-day running balance.  Small card payments repeat, so
some rows are legitimately identical (same day, payee and amount).
"""
import datetime
import random
import sys

EXPENSES = [
    ("SPLICE.COM SUBSCRIPTION", 799, 1299), ("PLUGIN BOUTIQUE", 1900, 14900),
    ("SWEETWATER SOUND", 2500, 89900), ("STUDIO RENT BROOKLYN", 85000, 120000),
    ("COFFEE SHOP", 350, 350), ("SUBWAY MTA", 275, 275), ("WHOLE FOODS", 1200, 9800),
    ("CON EDISON", 4500, 12000), ("VERIZON WIRELESS", 6500, 6500), ("DISTROKID", 1999, 1999),
    ("ASCAP DUES", 5000, 5000), ("GUITAR CENTER", 999, 45000), ("UBER TRIP", 900, 4500),
]
INCOME = [
    ("BLUE ROOM STUDIOS PAYMENT", 40000, 250000), ("ECHO PARK RECORDS", 25000, 150000),
    ("SPOTIFY ROYALTIES", 300, 9000), ("BANDCAMP PAYOUT", 1000, 20000),
    ("PRIVATE LESSON", 6000, 6000), ("SYNC LICENSE FEE", 100000, 500000),
]


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20240601)
    day = datetime.date(2000, 1, 1)
    span_days = 25 * 365
    per_day = max(1.0, n / span_days)
    balance = 500000
    written = 0
    with open(out, "w", newline="") as f:
        f.write("Date,Description,Amount,Balance\n")
        while written < n:
            k = min(n - written, max(1, int(rng.expovariate(1.0 / per_day))))
            rows = []
            for _ in range(k):
                if rng.random() < 0.12:
                    name, lo, hi = rng.choice(INCOME)
                    amount = rng.randint(lo, hi)
                else:
                    name, lo, hi = rng.choice(EXPENSES)
                    amount = -rng.randint(lo, hi)
                rows.append((name, amount))
            for name, amount in rows:
                balance += amount
            for name, amount in rows:
                sign = "-" if amount < 0 else ""
                a = abs(amount)
                b = abs(balance)
                f.write("%s,%s,%s%d.%02d,%s%d.%02d\n" % (
                    day.isoformat(), name, sign, a // 100, a % 100,
                    "-" if balance < 0 else "", b // 100, b % 100))
            written += k
            day += datetime.timedelta(days=1)


if __name__ == "__main__":
    main()

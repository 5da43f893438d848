#!/usr/bin/env python3
"""check.py: verifies the gigledger sample data and prints its hand-checkable facts.

Independent of generate.py (it only reads the CSV files).  python3 stdlib only,
integer cents throughout.

    python3 sample-data/check.py                 # verify + print the facts (text)
    python3 sample-data/check.py --markdown      # the facts as README markdown
    python3 sample-data/check.py --update-readme # rewrite the facts block in README.md

Exit status 0 when every check passes and README.md's facts block is current,
1 otherwise.  The definitions used for every figure are in README.md.
"""

import csv
import datetime as dt
import io
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = dt.date(2026, 11, 24)
FIRST, LAST = dt.date(2024, 11, 1), dt.date(2026, 11, 20)
OPENING_DATE = "2024-10-31"
ACCOUNTS = [  # (file, account name, kind, opening balance in cents)
    ("bank-checking.csv", "Checking", "checking", 420000),
    ("savings.csv", "Savings", "savings", 850000),
    ("tax-reserve.csv", "Tax Reserve", "tax-reserve", 135000),
]
OWN = {"CHECKING": "bank-checking.csv", "SAVINGS": "savings.csv",
       "TAX RESERVE": "tax-reserve.csv"}
BANK_HEADER = ["Date", "Description", "Amount", "Balance"]
GIG_HEADER = ["client", "stream", "amount", "currency", "performed_on", "invoiced_on",
              "due_on", "description"]
STREAMS = ["session", "production", "mixing", "mastering", "royalty", "sync", "beats",
           "teaching", "live", "other"]

# Categorisation rules: case-insensitive substring of the description, first
# match wins.  Category names are those seeded by sql/0001_init.sql.  Rows that
# pay a logged invoice are categorised by the invoice's stream instead.
RULES = [
    ("TRANSFER TO ", "Transfer"), ("TRANSFER FROM ", "Transfer"),
    ("LANDLORD", "Rent"), ("STUDIO RENT", "Studio Rent"),
    ("STADTWERKE", "Utilities"), ("RUNDFUNK", "Utilities"),
    ("VODAFONE", "Phone & Internet"), ("KRANKENKASSE", "Health Insurance"),
    ("HISCOX", "Insurance"), ("DEUTSCHLANDTICKET", "Transport"), ("TEILAUTO", "Transport"),
    ("DB FERNVERKEHR", "Travel"), ("AIRBNB", "Travel"), ("FINANZAMT", "Taxes"),
    ("SPLICE", "Samples"), ("SLATE DIGITAL", "Software & Plugins"),
    ("FABFILTER", "Software & Plugins"), ("PLUGIN BOUTIQUE", "Software & Plugins"),
    ("DROPBOX", "Subscriptions"), ("SPOTIFY", "Subscriptions"),
    ("THOMANN", "Gear"), ("JUST MUSIC", "Gear"),
    ("GEMA MITGLIEDSBEITRAG", "PRO & Union Fees"), ("DISTROKID YEARLY", "Distribution"),
    ("GEMA AUSSCHUETTUNG", "Income: Royalties"), ("DISTROKID PAYOUT", "Income: Royalties"),
    ("BEATSTARS", "Income: Beats"), ("INTEREST CREDIT", "Interest"),
    ("ACCOUNT MAINTENANCE FEE", "Bank & Payment Fees"),
    ("STEUERBERATUNG", "Accounting & Legal"),
    ("REWE", "Groceries"), ("ALDI", "Groceries"), ("LIDL", "Groceries"),
    ("EDEKA", "Groceries"), ("DM DROGERIE", "Groceries"),
    ("CAFE KRANZ", "Dining Out"), ("PIZZERIA", "Dining Out"), ("PHO HANOI", "Dining Out"),
    ("BISTRO", "Dining Out"), ("CINEMA", "Entertainment"),
    ("AMAZON", "Shopping"), ("THALIA", "Shopping"), ("APOTHEKE", "Shopping"),
    ("ATM WITHDRAWAL", "Other Expense"),
]
STREAM_CATEGORY = {s: f"Income: {s.title()}" for s in STREAMS}
STREAM_CATEGORY["royalty"] = "Income: Royalties"
INVOICE_RE = re.compile(r"\b(\d{4}-\d{3})\b")

failures = []


def fail(msg):
    failures.append(msg)


def cents(text, where):
    m = re.fullmatch(r"(-?)(\d+)\.(\d{2})", text)
    if not m:
        fail(f"{where}: bad amount {text!r}")
        return 0
    v = int(m.group(2)) * 100 + int(m.group(3))
    return -v if m.group(1) else v


def fmt(c):
    s = f"{abs(c) // 100:,}.{abs(c) % 100:02d}"
    return "-" + s if c < 0 else s


def date(text, where):
    try:
        d = dt.date.fromisoformat(text)
        if d.isoformat() == text:
            return d
    except ValueError:
        pass
    fail(f"{where}: bad date {text!r}")
    return FIRST


def read_csv(name, header):
    path = os.path.join(HERE, name)
    raw = open(path, "rb").read()
    if b"\r" in raw:
        fail(f"{name}: CR characters (must be LF only)")
    if not raw.endswith(b"\n"):
        fail(f"{name}: no final newline")
    if raw.startswith(b"\xef\xbb\xbf"):
        fail(f"{name}: has a BOM")
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if rows[0] != header:
        fail(f"{name}: header {rows[0]} != {header}")
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != len(header):
            fail(f"{name}:{i}: {len(r)} fields")
    return rows[1:]


def month_key(d):
    return f"{d.year:04d}-{d.month:02d}"


def all_months():
    y, m = FIRST.year, FIRST.month
    while (y, m) <= (LAST.year, LAST.month):
        yield f"{y:04d}-{m:02d}"
        y, m = y + (m == 12), m % 12 + 1


def categorise(desc):
    up = desc.upper()
    for pat, cat in RULES:
        if pat in up:
            return cat
    return None


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in ("", "--markdown", "--update-readme"):
        sys.exit(__doc__)

    # ---- bank accounts: format, order, balance chain --------------------------
    accounts = {}
    for name, label, kind, opening in ACCOUNTS:
        rows = []
        bal = opening
        prev = None
        for i, (d, desc, amt, b) in enumerate(read_csv(name, BANK_HEADER), start=2):
            where = f"{name}:{i}"
            day = date(d, where)
            a, bb = cents(amt, where), cents(b, where)
            if prev and day < prev:
                fail(f"{where}: date {d} before previous row")
            if not FIRST <= day <= LAST:
                fail(f"{where}: date {d} outside {FIRST}..{LAST}")
            if desc != desc.strip() or not desc:
                fail(f"{where}: description has stray spaces or is empty")
            bal += a
            if bal != bb:
                fail(f"{where}: balance {fmt(bb)} but chain gives {fmt(bal)}")
                bal = bb
            prev = day
            rows.append({"date": day, "desc": desc, "amount": a, "balance": bb,
                         "line": i, "file": name})
        accounts[name] = {"label": label, "kind": kind, "opening": opening,
                          "rows": rows, "final": bal}

    # ---- transfers between own accounts mirror each other -----------------------
    def transfer_of(row):
        m = re.fullmatch(r"TRANSFER (TO|FROM) (CHECKING|SAVINGS|TAX RESERVE)", row["desc"])
        return (m.group(1), OWN[m.group(2)]) if m else None

    legs = {}
    for name, acc in accounts.items():
        for r in acc["rows"]:
            t = transfer_of(r)
            if r["desc"].startswith("TRANSFER") and not t:
                fail(f"{name}:{r['line']}: unrecognised transfer text {r['desc']!r}")
            if not t:
                continue
            direction, other = t
            if (direction == "TO") != (r["amount"] < 0):
                fail(f"{name}:{r['line']}: transfer sign does not match its text")
            src, dst = (name, other) if direction == "TO" else (other, name)
            key = (r["date"], src, dst, abs(r["amount"]))
            legs.setdefault(key, []).append(direction)
    n_transfers = 0
    for key, dirs in legs.items():
        if dirs.count("TO") != dirs.count("FROM"):
            fail(f"transfer {key} has no matching counterpart ({dirs})")
        n_transfers += dirs.count("TO")

    # ---- identical rows (same date, description, amount) --------------------------
    dups = []
    for name, acc in accounts.items():
        seen = {}
        for r in acc["rows"]:
            seen.setdefault((r["date"], r["desc"], r["amount"]), []).append(r["line"])
        dups += [(name, k, v) for k, v in seen.items() if len(v) > 1]

    # ---- invoices ------------------------------------------------------------------
    gigs = []
    numbers = set()
    for i, r in enumerate(read_csv("gigs.csv", GIG_HEADER), start=2):
        where = f"gigs.csv:{i}"
        client, stream, amt, cur, perf, inv, due, desc = r
        m = re.search(r"\(INV (\d{4}-\d{3})\)$", desc)
        if not m:
            fail(f"{where}: description lacks '(INV yyyy-nnn)'")
            continue
        if m.group(1) in numbers:
            fail(f"{where}: duplicate invoice number {m.group(1)}")
        numbers.add(m.group(1))
        if stream not in STREAMS:
            fail(f"{where}: unknown stream {stream!r}")
        if cur != "EUR":
            fail(f"{where}: currency {cur}")
        g = {"client": client, "stream": stream, "amount": cents(amt, where),
             "performed_on": date(perf, where), "invoiced_on": date(inv, where),
             "due_on": date(due, where), "no": m.group(1), "desc": desc, "payments": []}
        if g["amount"] <= 0:
            fail(f"{where}: amount must be positive")
        if not g["performed_on"] <= g["invoiced_on"] <= g["due_on"]:
            fail(f"{where}: dates out of order")
        gigs.append(g)
    by_no = {g["no"]: g for g in gigs}

    checking = accounts["bank-checking.csv"]["rows"]
    for r in checking:
        r["gig"] = None
        for no in INVOICE_RE.findall(r["desc"]):
            g = by_no.get(no)
            if not g:
                fail(f"bank-checking.csv:{r['line']}: names unknown invoice {no}")
                continue
            bank_name = re.sub(r"^THE ", "", g["client"].upper())
            if bank_name not in r["desc"].upper():
                fail(f"bank-checking.csv:{r['line']}: payment text lacks client name {bank_name!r}")
            if r["amount"] <= 0:
                fail(f"bank-checking.csv:{r['line']}: payment of {no} is not a credit")
            r["gig"] = g
            g["payments"].append(r)
    for name, acc in accounts.items():
        if name != "bank-checking.csv":
            for r in acc["rows"]:
                r["gig"] = None
    open_gigs, partial, late = [], [], []
    for g in gigs:
        paid = sum(p["amount"] for p in g["payments"])
        g["paid"] = paid
        if paid == 0:
            open_gigs.append(g)
        elif paid < g["amount"]:
            partial.append(g)
        elif paid > g["amount"]:
            fail(f"invoice {g['no']} overpaid ({fmt(paid)} of {fmt(g['amount'])})")
        if g["payments"]:
            last = max(p["date"] for p in g["payments"])
            g["paid_on"] = last
            if last > g["due_on"]:
                late.append((g, (last - g["due_on"]).days))
    if partial:
        fail("partly paid invoices at the end: " + ", ".join(g["no"] for g in partial))

    # ---- categories ------------------------------------------------------------------
    for acc in accounts.values():
        for r in acc["rows"]:
            if r["gig"]:
                r["cat"] = STREAM_CATEGORY[r["gig"]["stream"]]
            else:
                r["cat"] = categorise(r["desc"])
                if r["cat"] is None:
                    fail(f"{r['file']}:{r['line']}: no rule categorises {r['desc']!r}")
                elif r["cat"].startswith("Income") and r["amount"] < 0:
                    fail(f"{r['file']}:{r['line']}: income rule on a debit")

    # ---- monthly figures ---------------------------------------------------------------
    def monthly(rows):
        t = {m: {"inc": 0, "exp": 0, "gig": 0, "n": 0} for m in all_months()}
        for r in rows:
            x = t[month_key(r["date"])]
            x["n"] += 1
            if r["cat"] == "Transfer":
                continue
            if r["amount"] > 0:
                x["inc"] += r["amount"]
            else:
                x["exp"] += r["amount"]
            if r["gig"]:
                x["gig"] += r["amount"]
        return t

    chk = monthly(checking)
    allrows = [r for acc in accounts.values() for r in acc["rows"]]
    tot = monthly(allrows)
    performed = {m: 0 for m in all_months()}
    for g in gigs:
        k = month_key(g["performed_on"])
        if k in performed:
            performed[k] += 1
    zero_gig = [m for m in all_months() if chk[m]["gig"] == 0]
    no_performed = [m for m in all_months() if performed[m] == 0]

    # ---- report --------------------------------------------------------------------
    md = []
    w = md.append
    w("Opening balances (close of %s) and final balances (last row of each file):" % OPENING_DATE)
    w("")
    w("| Account | File | Rows | Opening | Final | Last row |")
    w("|---|---|---:|---:|---:|---|")
    for name, acc in accounts.items():
        w(f"| {acc['label']} ({acc['kind']}) | {name} | {len(acc['rows'])} | "
          f"{fmt(acc['opening'])} | {fmt(acc['final'])} | {acc['rows'][-1]['date']} |")
    net_worth = sum(a["final"] for a in accounts.values())
    w(f"| **All accounts** | | {sum(len(a['rows']) for a in accounts.values())} | "
      f"{fmt(sum(a['opening'] for a in accounts.values()))} | {fmt(net_worth)} | |")
    w("")
    w(f"Transfers between own accounts: {n_transfers} (each appears twice: once per account, "
      "same date, opposite sign).")
    w("")
    w("Monthly figures. *Income* = positive amounts that are not transfers between own "
      "accounts; *Expenses* = negative amounts that are not such transfers; *Net* = "
      "Income + Expenses; *Gig pay* = the part of Income that pays a logged invoice "
      "(bank row naming its invoice number); *Other* = the rest of Income (royalties, "
      "beat-store payouts; interest in All accounts); *Performed* = invoices in "
      "gigs.csv whose performed_on falls in the month; *Rows* = checking rows posted in the month.  "
      "Nov 2026 runs to 2026-11-20.")
    w("")
    w("| Month | Checking income | Checking expenses | Checking net | Gig pay | Other | "
      "All-accounts income | All-accounts expenses | All-accounts net | Performed | Rows |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    sums = {k: 0 for k in ("ci", "ce", "g", "ti", "te", "p", "n")}
    for m in all_months():
        c, t = chk[m], tot[m]
        w(f"| {m} | {fmt(c['inc'])} | {fmt(c['exp'])} | {fmt(c['inc'] + c['exp'])} | "
          f"{fmt(c['gig'])} | {fmt(c['inc'] - c['gig'])} | {fmt(t['inc'])} | {fmt(t['exp'])} | "
          f"{fmt(t['inc'] + t['exp'])} | {performed[m]} | {c['n']} |")
        for k, v in (("ci", c["inc"]), ("ce", c["exp"]), ("g", c["gig"]), ("ti", t["inc"]),
                     ("te", t["exp"]), ("p", performed[m]), ("n", c["n"])):
            sums[k] += v
    w(f"| **Total** | {fmt(sums['ci'])} | {fmt(sums['ce'])} | {fmt(sums['ci'] + sums['ce'])} | "
      f"{fmt(sums['g'])} | {fmt(sums['ci'] - sums['g'])} | {fmt(sums['ti'])} | "
      f"{fmt(sums['te'])} | {fmt(sums['ti'] + sums['te'])} | {sums['p']} | {sums['n']} |")
    w("")
    w("Months with zero gig pay (no logged invoice paid into checking): "
      + (", ".join(zero_gig) or "none") + ".")
    w("Months in which no invoiced gig was performed: " + (", ".join(no_performed) or "none") + ".")
    w("")
    n_paid = sum(1 for g in gigs if g["paid"] == g["amount"])
    w(f"Invoices (gigs.csv): {len(gigs)} in all, {fmt(sum(g['amount'] for g in gigs))} EUR; "
      f"{n_paid} fully paid; {len(partial)} partly paid; {len(open_gigs)} open.  "
      f"Invoices paid in more than one bank row: "
      + ", ".join(f"{g['no']} ({len(g['payments'])} rows)" for g in gigs if len(g["payments"]) > 1)
      + ".")
    w("Paid after the due date: "
      + ", ".join(f"{g['no']} {g['client']} {fmt(g['amount'])} due {g['due_on']} paid "
                  f"{g['paid_on']} ({days} days late)" for g, days in late) + ".")
    w("")
    w(f"Open invoices on {TODAY} (total {fmt(sum(g['amount'] for g in open_gigs))} EUR):")
    w("")
    w("| Invoice | Client | Stream | Amount | Invoiced | Due | Overdue on %s |" % TODAY)
    w("|---|---|---|---:|---|---|---|")
    for g in open_gigs:
        od = (TODAY - g["due_on"]).days
        w(f"| {g['no']} | {g['client']} | {g['stream']} | {fmt(g['amount'])} | "
          f"{g['invoiced_on']} | {g['due_on']} | {f'yes, {od} days' if od > 0 else 'no'} |")
    w("")
    w("Invoiced amount by stream and by client (all invoices in gigs.csv):")
    w("")
    w("| Stream | Invoices | Amount |")
    w("|---|---:|---:|")
    for s in STREAMS:
        gs = [g for g in gigs if g["stream"] == s]
        if gs:
            w(f"| {s} | {len(gs)} | {fmt(sum(g['amount'] for g in gs))} |")
    w("")
    w("| Client | Invoices | Amount |")
    w("|---|---:|---:|")
    for c in sorted({g["client"] for g in gigs}):
        gs = [g for g in gigs if g["client"] == c]
        w(f"| {c} | {len(gs)} | {fmt(sum(g['amount'] for g in gs))} |")
    w("")
    w("Totals by category over the whole period, all three accounts (rules above; gig "
      "payments by their invoice's stream):")
    w("")
    w("| Category | Rows | Amount |")
    w("|---|---:|---:|")
    cats = {}
    for r in allrows:
        n, a = cats.get(r["cat"], (0, 0))
        cats[r["cat"]] = (n + 1, a + r["amount"])
    for cat in sorted(cats, key=lambda c: (not c.startswith("Income"), c)):
        if cat != "Transfer":
            w(f"| {cat} | {cats[cat][0]} | {fmt(cats[cat][1])} |")
    w("")
    w("Identical rows (same date, description and amount; both are genuine purchases): "
      + "; ".join(f"{n} {k[0]} {k[1]} {fmt(k[2])} at lines {', '.join(map(str, v))}" for n, k, v in dups) + ".")
    block = "\n".join(md) + "\n"

    readme = os.path.join(HERE, "README.md")
    begin, end = "<!-- facts:begin (written by check.py --update-readme) -->\n", "<!-- facts:end -->\n"
    text = open(readme, encoding="utf-8").read() if os.path.exists(readme) else ""
    if mode == "--update-readme" and not failures:
        if begin in text and end in text:
            head, rest = text.split(begin, 1)
            tail = rest.split(end, 1)[1]
            open(readme, "w", encoding="utf-8", newline="\n").write(head + begin + block + end + tail)
            text = open(readme, encoding="utf-8").read()
        else:
            fail("README.md has no facts markers")
    if begin + block + end not in text:
        fail("README.md facts block is out of date (run check.py --update-readme)")

    if mode == "--markdown":
        sys.stdout.write(block)
    else:
        plain = re.sub(r"\*\*", "", block)
        sys.stdout.write(plain)
    if failures:
        print("\nFAILED:", file=sys.stderr)
        for f in failures[:50]:
            print("  " + f, file=sys.stderr)
        if len(failures) > 50:
            print(f"  ... and {len(failures) - 50} more", file=sys.stderr)
        return 1
    print("\nOK: balance chains, transfer mirrors, invoice payments and categories all check out.",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""generate.py: writes the gigledger sample data set (see README.md).

Deterministic: python3 stdlib only, fixed seed, integer cents throughout.
Running it again rewrites bank-checking.csv, savings.csv, tax-reserve.csv and
gigs.csv byte for byte.  Run check.py afterwards to verify and print the facts.

    python3 sample-data/generate.py        # writes next to this file
"""

import datetime as dt
import os
import random

SEED = 20261124
rng = random.Random(SEED)

D = dt.date
START = D(2024, 11, 1)       # first day covered by the bank exports
END = D(2026, 11, 20)        # last day covered by the bank exports
OPENING_DATE = D(2024, 10, 31)
OPENING = {                  # balances at the close of OPENING_DATE, cents
    "checking": 420000,
    "savings": 850000,
    "tax-reserve": 135000,
}
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN",
          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

OUT = os.path.dirname(os.path.abspath(__file__))


def eur(s):
    """'1,249.00' or '12.99' -> cents (int); no floats anywhere."""
    s = s.replace(",", "")
    whole, _, frac = s.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def fmt(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def cents_between(lo, hi):
    return rng.randint(eur(lo), eur(hi))


# ---- calendar ---------------------------------------------------------------

# TARGET2 closing days: no SEPA bookings (card purchases still happen).
BANK_HOLIDAYS = {
    D(2024, 12, 25), D(2024, 12, 26), D(2025, 1, 1), D(2025, 4, 18),
    D(2025, 4, 21), D(2025, 5, 1), D(2025, 12, 25), D(2025, 12, 26),
    D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 1),
}


def is_bank_day(d):
    return d.weekday() < 5 and d not in BANK_HOLIDAYS


def bank_day(d):
    """The first bank day on or after d."""
    while not is_bank_day(d):
        d += dt.timedelta(days=1)
    return d


def last_bank_day(year, month):
    d = month_end(year, month)
    while not is_bank_day(d):
        d -= dt.timedelta(days=1)
    return d


def month_end(year, month):
    nxt = D(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def months():
    y, m = START.year, START.month
    while (y, m) <= (END.year, END.month):
        yield y, m
        y, m = y + (m == 12), m % 12 + 1


def days(a, b):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


# ---- clients and invoices ---------------------------------------------------

# client -> (text the client's bank puts in the transfer, reference word,
#            payment terms in days, (min, max) days from invoice to payment)
CLIENTS = {
    "Blue Room Studios":     ("BLUE ROOM STUDIOS LTD", "INV", 30, (18, 29)),
    "Kranich Records":       ("KRANICH RECORDS GMBH", "RE", 30, (21, 30)),
    "Nora Feld":             ("NORA FELD", "RECHNUNG", 14, (3, 11)),
    "The Velvet Static":     ("VELVET STATIC GBR", "INV", 14, (8, 14)),
    "Musikschule Lindenau":  ("MUSIKSCHULE LINDENAU E.V.", "RE", 14, (8, 12)),
    "Northbound Publishing": ("NORTHBOUND PUBLISHING LTD", "INV", 30, (20, 26)),
    "Ostwerk Club":          ("OSTWERK CLUB GMBH GAGE", "RE", 14, (6, 13)),
    "Jules Amari":           ("JULES AMARI", "INV", 14, (2, 9)),
    "Sunday Tapes":          ("SUNDAY TAPES UG", "RE", 21, (12, 20)),
    "Parallax Film":         ("PARALLAX FILM GMBH", "INV", 30, (24, 30)),
    "Hafenklang Tonstudio":  ("HAFENKLANG TONSTUDIO KG", "INV", 21, (10, 18)),
}

# (performed_on, client, stream, amount, description, payment)
# payment: None = normal; "late40" = paid 40 days after due; "halves" = two
# equal transfers a few weeks apart; "open" = still unpaid at the end.
GIGS = [
    ("2024-10-14", "Blue Room Studios", "mixing", "1,150.00", "Mix 3 tracks, Halden 'Lowlands' EP", None),
    ("2024-11-06", "Kranich Records", "mastering", "480.00", "Master 'Nachtfahrt' EP, 4 tracks", None),
    ("2024-11-15", "Nora Feld", "production", "1,800.00", "Co-production single 'Glass Hours'", None),
    ("2024-11-22", "Ostwerk Club", "live", "300.00", "Live set, Ostwerk Friday", None),
    ("2024-11-28", "Blue Room Studios", "session", "420.00", "Session keys, 2 days (Halden)", None),
    ("2024-12-05", "Sunday Tapes", "mastering", "560.00", "Master 'Winter Tapes' compilation, 7 tracks", None),
    ("2024-12-12", "Jules Amari", "beats", "600.00", "Exclusive license, beat 'Ferro'", None),
    ("2024-12-14", "Ostwerk Club", "live", "350.00", "Live set, Ostwerk Xmas night", None),
    ("2025-01-17", "Blue Room Studios", "mixing", "1,600.00", "Mix 4 tracks, Mareike Lenz album (part 1)", None),
    ("2025-01-29", "Kranich Records", "production", "2,400.00", "Production single 'Stadtrand' (Kollektiv Nord)", "late40"),
    ("2025-02-10", "Blue Room Studios", "mixing", "1,600.00", "Mix 4 tracks, Mareike Lenz album (part 2)", None),
    ("2025-02-21", "The Velvet Static", "mixing", "950.00", "Mix 2 songs, 'Static Bloom'", None),
    ("2025-03-07", "Hafenklang Tonstudio", "session", "540.00", "Session synths, 2 days in Hamburg", None),
    ("2025-03-20", "Nora Feld", "mixing", "1,400.00", "Mix EP 'Soft Machinery', 4 tracks", "halves"),
    ("2025-03-28", "Kranich Records", "mastering", "520.00", "Master 'Kollektiv Nord' EP, 5 tracks", None),
    ("2025-04-09", "The Velvet Static", "production", "1,200.00", "Pre-production, 3 songs", None),
    ("2025-04-11", "Ostwerk Club", "live", "300.00", "Live set, Ostwerk spring opener", None),
    ("2025-04-16", "Blue Room Studios", "mixing", "780.00", "Mix 2 tracks, Kid Ferro", None),
    ("2025-04-30", "Sunday Tapes", "mastering", "400.00", "Master single 'Pale Fire'", None),
    ("2025-05-23", "Blue Room Studios", "session", "380.00", "Session bass synth, 1 day", None),
    # --- drought: nothing performed June..August 2025 ---
    ("2025-09-19", "Sunday Tapes", "mastering", "240.00", "Master single 'Late Bloom'", None),
    ("2025-10-08", "Kranich Records", "mastering", "450.00", "Master 'Ufer' EP, 4 tracks", None),
    ("2025-10-22", "Ostwerk Club", "live", "320.00", "Live set, Ostwerk autumn night", None),
    ("2025-10-30", "Jules Amari", "production", "900.00", "Production 'Ferro II' (2 tracks)", None),
    ("2025-11-12", "Blue Room Studios", "mixing", "1,250.00", "Mix 3 tracks, Kid Ferro EP", None),
    ("2025-11-26", "Parallax Film", "sync", "800.00", "Sync license 'Glass Hours' in short film 'Kalte Ufer'", None),
    ("2025-12-05", "Nora Feld", "production", "2,000.00", "Production 2 songs, album 'Fieldnotes'", "halves"),
    ("2025-12-13", "Ostwerk Club", "live", "400.00", "Live set, Ostwerk Xmas night", None),
    ("2025-12-17", "Sunday Tapes", "mastering", "640.00", "Master 'Winter Tapes II', 8 tracks", None),
    ("2026-01-16", "Blue Room Studios", "mixing", "2,100.00", "Mix 6 tracks, Halden album 'Northway'", None),
    ("2026-01-28", "The Velvet Static", "mixing", "1,100.00", "Mix 3 songs, 'Signal Fade'", None),
    ("2026-02-06", "Northbound Publishing", "sync", "6,500.00", "Sync fee 'Low Sun', TV campaign Nordlicht Brauerei", None),
    ("2026-02-18", "Kranich Records", "production", "2,400.00", "Production 'Hafenlichter' EP (part 1)", None),
    ("2026-02-25", "Hafenklang Tonstudio", "session", "600.00", "Session synths, 2 days in Hamburg", None),
    ("2026-03-06", "Blue Room Studios", "mixing", "2,400.00", "Mix 5 tracks, Mareike Lenz album 2", None),
    ("2026-03-13", "Nora Feld", "mixing", "1,800.00", "Mix album 'Fieldnotes', 6 tracks", "halves"),
    ("2026-03-27", "Kranich Records", "production", "2,400.00", "Production 'Hafenlichter' EP (part 2)", None),
    ("2026-04-10", "Sunday Tapes", "mastering", "720.00", "Master 'Spring Tapes', 9 tracks", None),
    ("2026-04-17", "Ostwerk Club", "live", "450.00", "Live set, Ostwerk festival warm-up", None),
    ("2026-04-24", "Jules Amari", "production", "1,200.00", "Production 3 tracks, mixtape 'Ferro III'", None),
    ("2026-05-08", "Blue Room Studios", "session", "480.00", "Session keys, 2 days (Mareike Lenz)", None),
    ("2026-05-22", "Parallax Film", "sync", "1,100.00", "Sync license 'Low Sun' in short film 'Nebenan'", None),
    ("2026-05-29", "The Velvet Static", "production", "1,500.00", "Production 2 songs, 'Signal Fade' deluxe", None),
    ("2026-06-12", "Kranich Records", "mastering", "560.00", "Master 'Hafenlichter' EP, 5 tracks", None),
    ("2026-06-20", "Ostwerk Club", "live", "380.00", "Live set, Fete de la Musique", None),
    ("2026-06-26", "Blue Room Studios", "mixing", "950.00", "Mix 2 tracks, Kid Ferro", None),
    ("2026-07-10", "Nora Feld", "mixing", "600.00", "Mix single 'Fieldnotes (Reprise)'", None),
    ("2026-07-24", "Hafenklang Tonstudio", "session", "540.00", "Session synths, 2 days in Hamburg", None),
    ("2026-08-21", "Sunday Tapes", "mastering", "400.00", "Master single 'August'", None),
    ("2026-09-04", "Blue Room Studios", "mixing", "1,350.00", "Mix 4 tracks, Halden 'Northway' deluxe", None),
    ("2026-09-18", "Kranich Records", "production", "1,900.00", "Production single 'Leuchtturm'", None),
    ("2026-09-26", "Ostwerk Club", "live", "350.00", "Live set, Ostwerk 10th birthday", None),
    ("2026-10-07", "Blue Room Studios", "mixing", "1,450.00", "Mix 4 tracks, Mareike Lenz EP", "open"),
    ("2026-10-16", "Jules Amari", "beats", "700.00", "Exclusive license, beats 'Kobalt' and 'Rost'", None),
    ("2026-10-23", "The Velvet Static", "mixing", "850.00", "Mix 2 songs, 'Afterglow'", None),
    ("2026-11-03", "Kranich Records", "mastering", "640.00", "Master 'Leuchtturm' EP, 5 tracks", "open"),
    ("2026-11-10", "Nora Feld", "production", "2,200.00", "Production 3 songs, EP 'Salt'", "open"),
    ("2026-11-14", "Ostwerk Club", "live", "350.00", "Live set, Ostwerk Friday", "open"),
]

# Music school: one course on Tuesdays (school years 2024/25 and 2025/26+),
# a second one on Thursdays from October 2025.  Saxony school holidays.
SCHOOL_HOLIDAYS = [
    (D(2024, 10, 7), D(2024, 10, 18)), (D(2024, 12, 23), D(2025, 1, 3)),
    (D(2025, 2, 17), D(2025, 3, 1)), (D(2025, 4, 18), D(2025, 4, 25)),
    (D(2025, 6, 28), D(2025, 8, 8)), (D(2025, 10, 6), D(2025, 10, 18)),
    (D(2025, 12, 22), D(2026, 1, 2)), (D(2026, 2, 9), D(2026, 2, 21)),
    (D(2026, 4, 3), D(2026, 4, 10)), (D(2026, 7, 4), D(2026, 8, 14)),
    (D(2026, 10, 12), D(2026, 10, 24)),
]
LESSONS_CANCELLED = {D(2024, 11, 19), D(2025, 3, 25), D(2025, 11, 20),
                     D(2026, 1, 27), D(2026, 6, 4)}
TUESDAY_RATE = eur("105.00")     # 3 lessons x 35.00
THURSDAY_RATE = eur("70.00")     # 2 lessons x 35.00


def teaching_months():
    """(year, month) the school was taught: Oct 2024..May 2025 (course cut
    for budget reasons), then Oct 2025..Oct 2026."""
    out = [(2024, 10)] + [(2024, m) for m in (11, 12)]
    out += [(2025, m) for m in range(1, 6)]
    out += [(2025, m) for m in (10, 11, 12)] + [(2026, m) for m in range(1, 11)]
    return out


def teaching_gigs():
    res = []
    for y, m in teaching_months():
        sessions = []
        for d in days(D(y, m, 1), month_end(y, m)):
            if any(a <= d <= b for a, b in SCHOOL_HOLIDAYS) or d in LESSONS_CANCELLED:
                continue
            if d in BANK_HOLIDAYS or d == D(2025, 5, 1) or d == D(2026, 5, 14) or d == D(2025, 5, 29):
                continue  # public holidays (incl. Ascension Day)
            if d.weekday() == 1:
                sessions.append((d, TUESDAY_RATE))
            elif d.weekday() == 3 and (y, m) >= (2025, 10):
                sessions.append((d, THURSDAY_RATE))
        if not sessions:
            continue
        amount = sum(r for _, r in sessions)
        last = sessions[-1][0]
        desc = f"Teaching: production course, {len(sessions)} sessions {MONTHS[m - 1].title()} {y}"
        res.append((last, "Musikschule Lindenau", "teaching", amount, desc, None,
                    month_end(y, m)))
    return res


def build_invoices():
    rows = []
    for perf, client, stream, amount, desc, pay in GIGS:
        perf = D.fromisoformat(perf)
        # invoiced 1-3 days after the job (Fridays' jobs on Monday)
        inv = perf + dt.timedelta(days=rng.randint(1, 3))
        while inv.weekday() >= 5:
            inv += dt.timedelta(days=1)
        rows.append([perf, client, stream, eur(amount), desc, pay, inv])
    for perf, client, stream, amount, desc, pay, inv in teaching_gigs():
        rows.append([perf, client, stream, amount, desc, pay, inv])
    rows.sort(key=lambda r: (r[6], r[0], r[1]))
    counters = {2024: 38, 2025: 1, 2026: 1}   # 2024 numbering was already running
    invoices = []
    for perf, client, stream, amount, desc, pay, inv in rows:
        no = f"{inv.year}-{counters[inv.year]:03d}"
        counters[inv.year] += 1
        terms = CLIENTS[client][2]
        invoices.append({
            "no": no, "client": client, "stream": stream, "amount": amount,
            "performed_on": perf, "invoiced_on": inv,
            "due_on": inv + dt.timedelta(days=terms),
            "description": f"{desc} (INV {no})", "pay": pay,
        })
    return invoices


# ---- the ledger ---------------------------------------------------------------

class Ledger:
    def __init__(self):
        # date -> list of (order, account, description, cents, tag)
        self.sched = {}
        self.seq = 0

    def add(self, date, account, desc, cents, tag, order=50):
        assert START <= date <= END, (date, desc)
        self.seq += 1
        self.sched.setdefault(date, []).append((order, self.seq, account, desc, cents, tag))


L = Ledger()


def payments(invoices):
    """Schedule the client payments for the invoices."""
    for iv in invoices:
        name, ref, _, (lo, hi) = CLIENTS[iv["client"]]
        text = f"{name} {ref} {iv['no']}"
        if iv["client"] == "Musikschule Lindenau":
            text = f"{name} HONORAR {iv['performed_on'].month:02d}/{iv['performed_on'].year} RE {iv['no']}"
        if iv["pay"] == "open":
            continue
        if iv["pay"] == "late40":
            when = bank_day(iv["due_on"] + dt.timedelta(days=40))
            while (when - iv["due_on"]).days != 40:   # keep it exactly 40 days
                when += dt.timedelta(days=1)
            assert is_bank_day(when)
            L.add(when, "checking", text, iv["amount"], ("gig", iv["no"]), 10)
        elif iv["pay"] == "halves":
            half = iv["amount"] // 2
            assert half * 2 == iv["amount"]
            first = bank_day(iv["invoiced_on"] + dt.timedelta(days=rng.randint(lo, hi)))
            second = bank_day(first + dt.timedelta(days=rng.randint(26, 33)))
            L.add(first, "checking", f"{text} TEIL 1/2", half, ("gig", iv["no"]), 10)
            L.add(second, "checking", f"{text} TEIL 2/2", half, ("gig", iv["no"]), 10)
        else:
            when = bank_day(iv["invoiced_on"] + dt.timedelta(days=rng.randint(lo, hi)))
            L.add(when, "checking", text, iv["amount"], ("gig", iv["no"]), 10)


def other_income():
    gema = [  # quarterly GEMA statements (royalty), not logged as gigs
        ("2025-01-15", "Q3 2024", "214.37"), ("2025-04-15", "Q4 2024", "168.90"),
        ("2025-07-15", "Q1 2025", "131.12"), ("2025-10-15", "Q2 2025", "402.55"),
        ("2026-01-15", "Q3 2025", "287.60"), ("2026-04-15", "Q4 2025", "356.18"),
        ("2026-07-15", "Q1 2026", "598.44"), ("2026-10-15", "Q2 2026", "471.03"),
    ]
    for d, q, a in gema:
        L.add(bank_day(D.fromisoformat(d)), "checking", f"GEMA AUSSCHUETTUNG {q}", eur(a),
              ("royalty",), 10)
    # DistroKid withdrawals (streaming royalties of the own releases)
    for d, a in [("2025-02-04", "38.12"), ("2025-05-06", "44.71"), ("2025-08-05", "29.40"),
                 ("2025-11-04", "41.88"), ("2026-02-03", "52.09"), ("2026-05-05", "67.35"),
                 ("2026-08-04", "73.90"), ("2026-11-03", "61.24")]:
        L.add(bank_day(D.fromisoformat(d)), "checking", "DISTROKID PAYOUT", eur(a), ("royalty",), 10)
    # BeatStars payouts: monthly when there is a balance (leases net of fees)
    leases = [eur("24.99"), eur("34.99"), eur("74.99"), eur("149.99")]
    for y, m in months():
        drought = (2025, 6) <= (y, m) <= (2025, 9)
        n = rng.choice([0, 1, 1, 2]) if drought else rng.choice([0, 1, 2, 2, 3, 4])
        if n == 0:
            continue
        gross = sum(rng.choice(leases[:2] if drought else leases) for _ in range(n))
        net = gross - gross * 10 // 100
        d = bank_day(D(y, m, 20))
        if d <= END:
            L.add(d, "checking", "BEATSTARS PAYOUT", net, ("beats",), 10)


def fixed_costs():
    for y, m in months():
        mon = MONTHS[m - 1]
        rent = eur("985.00") if y >= 2026 else eur("950.00")
        L.add(bank_day(D(y, m, 1)), "checking", f"LANDLORD J MEYER RENT {mon}", -rent, ("x",), 20)
        L.add(bank_day(D(y, m, 3)), "checking", "K HOFFMANN STUDIO RENT SHARE", -eur("280.00"), ("x",), 20)
        L.add(bank_day(D(y, m, 1)), "checking", "TECHNIKER KRANKENKASSE BEITRAG",
              -(eur("246.80") if y >= 2026 else eur("231.45")), ("x",), 21)
        ticket = eur("49.00") if y == 2024 else eur("58.00") if y == 2025 else eur("63.00")
        L.add(bank_day(D(y, m, 2)), "checking", "LVB DEUTSCHLANDTICKET ABO", -ticket, ("x",), 22)
        L.add(bank_day(D(y, m, 7)), "checking", "SPLICE.COM SUBSCRIPTION", -eur("12.99"), ("x",), 30)
        if not ((2025, 7) <= (y, m) <= (2025, 10)):   # cancelled during the drought
            L.add(bank_day(D(y, m, 12)), "checking", "SLATE DIGITAL ALL ACCESS", -eur("14.99"), ("x",), 30)
        d = bank_day(D(y, m, 15))
        strom = eur("92.00") if (y, m) >= (2025, 4) else eur("86.00")
        L.add(d, "checking", "STADTWERKE LEIPZIG ABSCHLAG STROM GAS", -strom, ("x",), 30)
        L.add(bank_day(D(y, m, 18)), "checking", "DROPBOX PLUS", -eur("11.99"), ("x",), 30)
        L.add(bank_day(D(y, m, 20)), "checking", "VODAFONE GMBH MOBILE DSL", -eur("54.98"), ("x",), 30)
        if D(y, m, 22) <= END:
            L.add(D(y, m, 22), "checking", "SPOTIFY PREMIUM", -eur("10.99"), ("x",), 30)
        fee_day = last_bank_day(y, m)
        if fee_day <= END:
            L.add(fee_day, "checking", "ACCOUNT MAINTENANCE FEE", -eur("4.90"), ("x",), 90)
        if m in (1, 4, 7, 10):
            L.add(bank_day(D(y, m, 15)), "checking", "RUNDFUNK ARD ZDF DRADIO BEITRAG",
                  -eur("55.08"), ("x",), 30)
        if m in (3, 6, 9, 12):
            pre = eur("560.00") if (y, m) >= (2025, 12) else eur("420.00")
            L.add(bank_day(D(y, m, 10)), "checking",
                  f"FINANZAMT LEIPZIG EST-VORAUSZAHLUNG Q{(m - 1) // 3 + 1} {y}", -pre, ("x",), 30)
    once = [
        ("2025-01-06", "GEMA MITGLIEDSBEITRAG 2025", "50.00"),
        ("2026-01-06", "GEMA MITGLIEDSBEITRAG 2026", "50.00"),
        ("2025-02-14", "HISCOX EQUIPMENT INSURANCE ANNUAL", "146.00"),
        ("2026-02-16", "HISCOX EQUIPMENT INSURANCE ANNUAL", "152.00"),
        ("2025-03-14", "DISTROKID YEARLY MUSICIAN PLAN", "22.99"),
        ("2026-03-16", "DISTROKID YEARLY MUSICIAN PLAN", "22.99"),
        ("2025-03-17", "STADTWERKE LEIPZIG JAHRESABRECHNUNG NACHZAHLUNG", "63.40"),
        ("2026-03-16", "STADTWERKE LEIPZIG JAHRESABRECHNUNG NACHZAHLUNG", "18.72"),
        ("2025-05-12", "STEUERBERATUNG A KLEIN HONORAR EST 2024", "380.00"),
        ("2026-05-11", "STEUERBERATUNG A KLEIN HONORAR EST 2025", "395.00"),
        # gear and software
        ("2025-01-22", "THOMANN GMBH ORDER 4471203 AUDIO INTERFACE", "899.00"),
        ("2025-04-08", "THOMANN GMBH ORDER 4529817 CABLES", "46.80"),
        ("2025-11-24", "PLUGIN BOUTIQUE ORDER 88213", "49.00"),
        ("2026-03-19", "THOMANN GMBH ORDER 4810552 STUDIO MONITORS", "1,249.00"),
        ("2026-04-14", "FABFILTER SOFTWARE INSTRUMENTS", "169.00"),
        ("2026-06-09", "JUST MUSIC BERLIN HEADPHONES", "189.00"),
        ("2026-09-08", "THOMANN GMBH ORDER 4962078 MIC STAND", "34.90"),
        # travel to sessions, carsharing for live gigs
        ("2025-03-05", "DB FERNVERKEHR TICKET LEIPZIG-HAMBURG", "79.80"),
        ("2026-02-23", "DB FERNVERKEHR TICKET LEIPZIG-HAMBURG", "83.80"),
        ("2026-07-21", "DB FERNVERKEHR TICKET LEIPZIG-HAMBURG", "87.80"),
        ("2024-11-22", "TEILAUTO CARSHARING LEIPZIG", "34.60"),
        ("2024-12-14", "TEILAUTO CARSHARING LEIPZIG", "38.20"),
        ("2025-04-11", "TEILAUTO CARSHARING LEIPZIG", "31.90"),
        ("2025-10-22", "TEILAUTO CARSHARING LEIPZIG", "36.40"),
        ("2025-12-13", "TEILAUTO CARSHARING LEIPZIG", "41.10"),
        ("2026-04-17", "TEILAUTO CARSHARING LEIPZIG", "44.80"),
        ("2026-06-20", "TEILAUTO CARSHARING LEIPZIG", "39.50"),
        ("2026-09-26", "TEILAUTO CARSHARING LEIPZIG", "42.30"),
        ("2026-11-14", "TEILAUTO CARSHARING LEIPZIG", "40.70"),
        # holiday, summer 2026
        ("2026-08-03", "AIRBNB * HMQ8ZT2K", "412.00"),
        ("2026-08-10", "DB FERNVERKEHR TICKET LEIPZIG-ROSTOCK", "89.90"),
        # Christmas shopping
        ("2024-12-09", "AMAZON EU SARL MKTP DE", "64.97"),
        ("2024-12-16", "THALIA BUCHHANDLUNG LEIPZIG", "42.50"),
        ("2025-12-08", "AMAZON EU SARL MKTP DE", "38.49"),
        ("2025-12-15", "THALIA BUCHHANDLUNG LEIPZIG", "27.90"),
        # misc
        ("2025-02-26", "APOTHEKE AM KOLONNADENHOF", "17.45"),
        ("2025-09-30", "APOTHEKE AM KOLONNADENHOF", "8.90"),
        ("2026-01-19", "AMAZON EU SARL MKTP DE", "23.99"),
        ("2026-10-05", "APOTHEKE AM KOLONNADENHOF", "12.35"),
        ("2026-05-27", "MOSQUITO CINEMA LEIPZIG", "19.00"),
        ("2025-11-29", "MOSQUITO CINEMA LEIPZIG", "18.00"),
    ]
    for d, text, a in once:
        L.add(D.fromisoformat(d), "checking", text, -eur(a), ("x",), 40)
    # cash, roughly every six weeks
    d = D(2024, 11, 9)
    while d <= END:
        L.add(d, "checking", "ATM WITHDRAWAL SPARKASSE LEIPZIG",
              -rng.choice([eur("50.00"), eur("100.00"), eur("60.00"), eur("80.00")]), ("x",), 40)
        d += dt.timedelta(days=rng.randint(36, 50))
    # tax reserve pays the 2024 income tax assessment
    L.add(D(2025, 10, 6), "tax-reserve", "FINANZAMT LEIPZIG EST 2024 NACHZAHLUNG",
          -eur("1,874.00"), ("x",), 40)


def everyday():
    grocers = [("REWE MARKT LEIPZIG", 5), ("ALDI SUED", 3), ("LIDL SAGT DANKE", 2),
               ("EDEKA CENTER", 1)]
    names = [g for g, w in grocers for _ in range(w)]
    dining = [("CAFE KRANZ LEIPZIG", ["3.20", "3.20", "6.40", "4.90"]),
              ("PIZZERIA DA LUCA", ["16.50", "24.80", "31.00"]),
              ("PHO HANOI LEIPZIG", ["13.90", "15.40", "27.30"]),
              ("BISTRO ZUR ECKE", ["12.80", "21.60", "38.90"])]
    for y, m in months():
        drought = (2025, 6) <= (y, m) <= (2025, 10)
        first, last = D(y, m, 1), min(month_end(y, m), END)
        # weekly big shop, sometimes a small one (shops close on Sundays)
        wk = first
        while wk <= last:
            span = [d for d in days(wk, min(wk + dt.timedelta(days=6), last)) if d.weekday() < 6]
            if span:
                lo, hi = ("28.00", "64.00") if drought else ("34.00", "92.00")
                L.add(rng.choice(span), "checking", rng.choice(names), -cents_between(lo, hi), ("x",), 60)
                if rng.random() < 0.1:
                    L.add(rng.choice(span), "checking", rng.choice(names),
                          -cents_between("4.00", "22.00"), ("x",), 61)
            wk += dt.timedelta(days=7)
        if rng.random() < 0.4:
            d = rng.choice([d for d in days(first, last) if d.weekday() < 6])
            L.add(d, "checking", "DM DROGERIE MARKT", -cents_between("7.00", "29.00"), ("x",), 62)
        # dining out: less of it during the drought
        n = rng.choice([0, 1, 1]) if drought else rng.choice([1, 1, 2, 2, 3])
        for _ in range(n):
            place, amounts = rng.choice(dining)
            d = rng.choice(list(days(first, last)))
            L.add(d, "checking", place, -eur(rng.choice(amounts)), ("x",), 70)
    # two genuinely identical purchases: coffee for a client and for herself
    for _ in range(2):
        L.add(D(2025, 3, 14), "checking", "CAFE KRANZ LEIPZIG", -eur("3.20"), ("x",), 70)


# ---- simulate: fixed items + adaptive transfers ---------------------------------

def simulate(invoices):
    bal = dict(OPENING)
    out = {"checking": [], "savings": [], "tax-reserve": []}
    gig_received = {}   # (y, m) -> cents received for logged invoices
    inv_by_no = {iv["no"]: iv for iv in invoices}

    def post(d, account, text, cents):
        bal[account] += cents
        out[account].append((d, text, cents, bal[account]))

    def transfer(d, src, dst, cents):
        names = {"checking": "CHECKING", "savings": "SAVINGS", "tax-reserve": "TAX RESERVE"}
        post(d, src, f"TRANSFER TO {names[dst]}", -cents)
        post(d, dst, f"TRANSFER FROM {names[src]}", cents)

    for d in days(START, END):
        y, m = d.year, d.month
        # standing order to savings on the 2nd bank day-ish; paused in the drought
        if d == bank_day(D(y, m, 2)):
            if (y, m) <= (2025, 5):
                transfer(d, "checking", "savings", eur("250.00"))
            elif (y, m) >= (2026, 1):
                transfer(d, "checking", "savings", eur("300.00"))
        # 15 % of last month's invoice payments go to the tax reserve
        if d == bank_day(D(y, m, 6)):
            py, pm = (y, m - 1) if m > 1 else (y - 1, 12)
            amt = gig_received.get((py, pm), 0) * 15 // 100 // 1000 * 1000
            if amt >= eur("50.00"):
                transfer(d, "checking", "tax-reserve", amt)
        for _, _, account, text, cents, tag in sorted(L.sched.get(d, [])):
            post(d, account, text, cents)
            if tag[0] == "gig":
                gig_received[(y, m)] = gig_received.get((y, m), 0) + cents
                assert inv_by_no[tag[1]]
        # sweep the surplus to savings once the good times are back
        if (y, m) >= (2026, 1) and d == bank_day(D(y, m, 10)) and bal["checking"] > eur("7,000.00"):
            transfer(d, "checking", "savings", (bal["checking"] - eur("6,000.00")) // 50000 * 50000)
        # lump sum to savings after the sync fee
        if d == D(2026, 3, 9):
            transfer(d, "checking", "savings", eur("3,000.00"))
        # top up from savings before the rent when checking runs low
        if d == bank_day(D(y, m, 25)) and bal["checking"] < eur("2,200.00"):
            need = eur("3,000.00") - bal["checking"]
            amt = -(-need // eur("500.00")) * eur("500.00")
            transfer(d, "savings", "checking", amt)
        # savings interest at quarter end: 2.00 % p.a. in 2024/25, 1.50 % in 2026
        if m in (3, 6, 9, 12) and d == last_bank_day(y, m):
            rate_bp = 150 if y >= 2026 else 200
            interest = bal["savings"] * rate_bp // 10000 // 4
            post(d, "savings", "INTEREST CREDIT", interest)
        for acc in bal:
            assert bal[acc] >= 0, (d, acc, bal[acc])
    return out, gig_received


def write_bank(name, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("Date,Description,Amount,Balance\n")
        for d, text, cents, b in rows:
            assert "," not in text and '"' not in text
            f.write(f"{d.isoformat()},{text},{fmt(cents)},{fmt(b)}\n")


def write_gigs(invoices):
    def q(s):
        return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"') else s
    rows = sorted(invoices, key=lambda iv: (iv["invoiced_on"], iv["no"]))
    with open(os.path.join(OUT, "gigs.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("client,stream,amount,currency,performed_on,invoiced_on,due_on,description\n")
        for iv in rows:
            f.write(",".join([q(iv["client"]), iv["stream"], fmt(iv["amount"]), "EUR",
                              iv["performed_on"].isoformat(), iv["invoiced_on"].isoformat(),
                              iv["due_on"].isoformat(), q(iv["description"])]) + "\n")


def main():
    invoices = build_invoices()
    payments(invoices)
    other_income()
    fixed_costs()
    everyday()
    out, _ = simulate(invoices)
    write_bank("bank-checking.csv", out["checking"])
    write_bank("savings.csv", out["savings"])
    write_bank("tax-reserve.csv", out["tax-reserve"])
    write_gigs(invoices)
    print(f"checking {len(out['checking'])} rows, savings {len(out['savings'])}, "
          f"tax-reserve {len(out['tax-reserve'])}, gigs {len(invoices)}")


if __name__ == "__main__":
    main()

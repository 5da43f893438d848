#!/usr/bin/env python3
"""Regenerate tests/data/bank-csv-2/ORACLE.tsv from the bytes of each file.

Every file has an explicit spec below: encoding, delimiter, which rows are
transactions, which date column and format, how the amount and its sign are
read.  Nothing here calls gig or reads its output; the figures come from the
files alone, following the judgement calls written in MANIFEST.md.

Usage: python3 tests/tools/corpus2_oracle.py [--check]
  (no option) rewrites ORACLE.tsv; --check exits 1 if ORACLE.tsv differs.
"""
import csv
import datetime as dt
import io
import os
import re
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "data", "bank-csv-2")


def num(s, dec="."):
    """Decimal from a money cell: strips currency marks, spaces, tabs and
    the thousands separator (the one that is not the decimal mark)."""
    s = s.strip().replace("\t", "")
    s = re.sub(r"^(CNY|JPY|USD|EUR)\s*", "", s)
    s = re.sub(r"\((CN)\)$", "", s)
    s = re.sub(r"\s*kr$", "", s)
    s = s.replace("\\", "").replace("¥", "").replace("\u00a5", "").replace("$", "")
    s = s.replace(" ", "").replace("\u00a0", "")
    if dec == ",":
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", "")
    if s in ("", "-", "+"):
        return None
    return Decimal(s)


def d(s, fmt):
    return dt.datetime.strptime(s.strip(), fmt).date()


def rows(path, enc, delim=","):
    with open(path, "rb") as f:
        text = f.read().decode(enc)
    if text.startswith("\ufeff"):
        text = text[1:]
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))


# A spec returns a list of (status, date or None, Decimal amount) and the
# stated closing balance (Decimal or None).  status: "posted" or "pending".
SPECS = {}


def spec(name, currency):
    def wrap(fn):
        SPECS[name] = (currency, fn)
        return fn

    return wrap


def simple(r, skip, date_col, fmt, amount, keep=lambda row: True):
    out = []
    for row in r[skip:]:
        if not any(c.strip() for c in row) or not keep(row):
            continue
        out.append(("posted", d(row[date_col], fmt), amount(row)))
    return out


def inout(row, cin, cout, dec="."):
    """Separate unsigned in/out columns: in is +, out is -."""
    a = num(row[cin], dec) if cin < len(row) else None
    b = num(row[cout], dec) if cout < len(row) else None
    return (a or Decimal(0)) - (b or Decimal(0))


@spec("au-woolworthsmoney.csv", "AUD")
def _(p):
    out = []
    for row in rows(p, "ascii")[1:]:
        amt = inout(row, 3, 4)
        if row[1] == "Pending":
            out.append(("pending", None, amt))
        else:
            out.append(("posted", d(row[0], "%d %b %y"), amt))
    return out, None


@spec("b2y-20171001-20171106.csv", "EUR")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%Y-%m-%d", lambda r: num(r[6])), None


@spec("b2y-2018-04-14_10-52-13_bunq-transactieoverzicht.csv", "EUR")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%Y-%m-%d", lambda r: num(r[1], ",")), None


@spec("b2y-2019-03-02_11-50-46_bunq-statement.csv", "EUR")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%Y-%m-%d", lambda r: num(r[1], ",")), None


@spec("b2y-20180226-1000594757-umsatz.CSV", "EUR")
def _(p):
    return simple(rows(p, "latin-1", ";"), 1, 1, "%d.%m.%y", lambda r: num(r[8], ",")), None


@spec("b2y-20180226_12345678.csv", "GBP")
def _(p):
    # one row, 10/02/2018 read day-first (UK); see MANIFEST
    return simple(rows(p, "ascii"), 1, 0, "%d/%m/%Y", lambda r: num(r[2])), None


@spec("b2y-CSV_A_20180414_112204.csv", "EUR")
def _(p):
    out = []
    for row in rows(p, "latin-1")[1:]:
        if not any(c.strip() for c in row):
            continue
        out.append(("posted", d(row[4], "%Y-%m-%d"), num(row[6], ",")))
    return out, None


@spec("b2y-Movements_1234512345_201805271848.csv", "CZK")
def _(p):
    return simple(rows(p, "cp1250", ";"), 1, 0, "%d.%m.%Y", lambda r: num(r[13], ",")), None


@spec("b2y-Umsaetze_KtoNr538917600_EUR_02-03-2018_1503.CSV", "EUR")
def _(p):
    return simple(rows(p, "utf-8", ";"), 1, 0, "%d.%m.%Y", lambda r: num(r[4], ",")), None


@spec("b2y-dba33fceecd62c3c727893361e0ba4d3.P000000027355791.csv", "SGD")
def _(p):
    # headerless: date, code, debit, credit, description
    return simple(rows(p, "ascii"), 0, 0, "%d %b %Y", lambda r: inout(r, 3, 2)), None


@spec("b2y-export_KBC-Mastercard_Business_Essential_20200204_1604.csv", "EUR")
def _(p):
    return simple(rows(p, "utf-8", ";"), 1, 3, "%d/%m/%Y", lambda r: num(r[5], ",")), None


@spec("b2y-statement_1.csv", "GBP")
def _(p):
    # headerless Barclaycard row: the last column is the outflow
    return simple(rows(p, "ascii"), 0, 0, "%d %b %y", lambda r: inout(r, 5, 6)), None


def _raiffeisen_date(row):
    return re.fullmatch(r"\d\d\.\d\d\.\d{4}", row[0].strip()) is not None


@spec("b2y-test_delimiter_tab.csv", "EUR")
def _(p):
    r = rows(p, "latin-1", "\t")
    return simple(r, 0, 0, "%d.%m.%Y", lambda x: inout(x, 3, 4, ","), _raiffeisen_date), None


@spec("b2y-test_row_format_CD_flag.csv", "EUR")
def _(p):
    def amt(x):
        v = num(x[3], ",")
        return v if x[4].strip() == "I" else -v  # O, and the 3 "EUR" rows

    r = rows(p, "utf-8", ";")
    return simple(r, 0, 0, "%d.%m.%Y", amt, _raiffeisen_date), None


@spec("b2y-umsatz-1234________1234-20180227.CSV", "EUR")
def _(p):
    return simple(rows(p, "latin-1", ";"), 1, 1, "%d.%m.%y", lambda r: num(r[6], ",")), None


@spec("deb-abc_debit-example-abc_debit-records.csv", "CNY")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%Y%m%d", lambda r: num(r[3])), None


@spec("deb-bocom_credit-example-bocom_credit-records.csv", "CNY")
def _(p):
    def amt(r):
        v = num(r[4])
        return v if r[2].startswith(("退货", "信用卡还款")) else -v

    return simple(rows(p, "utf-8"), 1, 0, "%Y-%m-%d", amt), None


@spec("deb-bocom_debit-example-bocom_debit-records.csv", "CNY")
def _(p):
    def amt(r):
        v = num(r[5])
        return v if "Cr" in r[4] else -v

    return simple(rows(p, "utf-8"), 1, 1, "%Y-%m-%d", amt), None


@spec("deb-cgb_credit-example-cgb_credit-records.csv", "CNY")
def _(p):
    # card statement: positive = charge (out of the account)
    return simple(rows(p, "utf-8"), 1, 0, "%Y/%m/%d", lambda r: -num(r[5])), None


@spec("deb-credit-example-bmo-records.csv", "CAD")
def _(p):
    return simple(rows(p, "utf-8"), 3, 2, "%Y%m%d", lambda r: -num(r[4])), None


@spec("deb-credit-example-boc-records.csv", "CNY")
def _(p):
    out = []
    for row in rows(p, "utf-8")[2:]:
        if row[6].strip() != "CNY":
            continue  # the USD row belongs to the card's USD account
        out.append(("posted", d(row[0], "%Y-%m-%d"), inout(row, 4, 5)))
    return out, None


@spec("deb-credit-example-cmb-records.csv", "CNY")
def _(p):
    # statement of 2024-01: 12/xx is 2023, 01/xx is 2024; an empty
    # transaction date falls back to the posting date.
    out = []
    for row in rows(p, "utf-8")[2:]:
        md = row[0].strip() or row[1].strip()
        year = 2023 if md.startswith("12/") else 2024
        out.append(("posted", d(f"{year}/{md}", "%Y/%m/%d"), -num(row[3])))
    return out, None


@spec("deb-credit-example-hsbchk-credit-records.csv", "CNY")
def _(p):
    out = []
    for row in rows(p, "utf-8")[1:]:
        if row[4].strip() != "CNY":
            continue  # one HKD-billed row: not this account's currency
        st = "posted" if row[5].strip() == "POSTED" else "pending"
        out.append((st, d(row[0], "%d/%m/%Y"), num(row[3])))
    return out, None


def _icbc(p, skip, cin, cout):
    out = []
    for row in rows(p, "utf-8")[skip:]:
        if not re.match(r"\d{4}-\d\d-\d\d", row[0].strip()):
            continue  # blank line and the 合计 totals row
        out.append(("posted", d(row[0], "%Y-%m-%d"), inout(row, cin, cout)))
    return out, None


@spec("deb-credit-example-icbc-credit-records.csv", "CNY")
def _(p):
    return _icbc(p, 7, 8, 9)


@spec("deb-debit-v1-example-icbc-debit-v1-records.csv", "CNY")
def _(p):
    return _icbc(p, 7, 8, 9)


@spec("deb-debit-v2-example-icbc-debit-v2-records.csv", "CNY")
def _(p):
    return _icbc(p, 7, 9, 10)


@spec("deb-debit-example-bmo-records.csv", "CAD")
def _(p):
    return simple(rows(p, "utf-8"), 4, 2, "%Y%m%d", lambda r: num(r[3])), None


@spec("deb-debit-example-boc-records.csv", "CNY")
def _(p):
    return simple(rows(p, "utf-8"), 2, 0, "%Y-%m-%d", lambda r: num(r[3])), None


@spec("deb-debit-example-cmb-records.csv", "CNY")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%Y-%m-%d", lambda r: num(r[2])), None


@spec("deb-debit-example-hsbchk-debit-records.csv", "HKD")
def _(p):
    out = []
    for row in rows(p, "utf-8")[1:]:
        if row[3].strip() != "HKD":
            continue  # the CNY row belongs to another currency account
        out.append(("posted", d(row[0], "%d/%m/%Y"), num(row[2])))
    return out, None


@spec("deb-td-example-td-records.csv", "CAD")
def _(p):
    # headerless: date (MM/DD/YYYY), description, withdrawal, deposit, balance
    return simple(rows(p, "utf-8"), 0, 0, "%m/%d/%Y", lambda r: inout(r, 3, 2)), None


@spec("jp-data-chase_sp_card.csv", "USD")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%m/%d/%Y", lambda r: num(r[5])), None


@spec("jp-data-ja_bank.csv", "JPY")
def _(p):
    # dates have no year (4月30日): not checked
    out = []
    for row in rows(p, "cp932")[1:]:
        out.append(("posted", None, inout(row, 5, 4)))
    return out, None


@spec("jp-data-rakuten_bank.csv", "JPY")
def _(p):
    return simple(rows(p, "cp932"), 1, 0, "%Y%m%d", lambda r: num(r[1])), None


@spec("jp-data-rakuten_card.csv", "JPY")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%Y/%m/%d", lambda r: -num(r[4])), None


@spec("jp-data-shinsei_bank.csv", "JPY")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%Y/%m/%d", lambda r: inout(r, 3, 2)), None


@spec("jp-data-sumishin_net_bank.csv", "JPY")
def _(p):
    return simple(rows(p, "cp932"), 1, 0, "%Y/%m/%d", lambda r: inout(r, 3, 2)), None


@spec("lt-danske.csv", "LTL")
def _(p):
    # Address, City and Country share one quoted cell in the rows, so the
    # amount is the next-to-last cell (each row ends in a comma)
    return simple(rows(p, "cp1257"), 1, 0, "%Y:%m:%d", lambda r: num(r[-2])), None


@spec("lt-swedbank.csv", "LTL")
def _(p):
    # record type 20 = transaction; 10/86 = opening/closing balance,
    # 82 = turnover.  The EUR section holds balances only.
    out, closing = [], None
    for row in rows(p, "utf-8")[1:]:
        if len(row) < 8:
            continue
        if row[1] == "86" and row[6] == "LTL":
            closing = num(row[5])
        if row[1] != "20":
            continue
        v = num(row[5])
        out.append(("posted", d(row[2], "%Y-%m-%d"), v if row[7] == "K" else -v))
    return out, closing


@spec("oca-balance.csv", "USD")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%m/%d/%Y", lambda r: num(r[2])), None


@spec("oca-debit_credit.csv", "USD")
def _(p):
    def amt(r):
        v = abs(num(r[2]))
        return v if r[3] == "C" else -v

    return simple(rows(p, "utf-8"), 1, 0, "%m/%d/%Y", amt), None


@spec("oca-debit_credit_amount.csv", "USD")
def _(p):
    # the column says the direction; the cells' own signs are ignored
    def amt(r):
        return abs(num(r[3])) - abs(num(r[2]))

    return simple(rows(p, "utf-8"), 1, 0, "%m/%d/%Y", amt), None


@spec("oca-meta_data_separated_credit_debit.csv", "EUR")
def _(p):
    r = rows(p, "utf-8")
    out = []
    for row in r[5:]:
        if row[0].startswith("Balance"):
            continue
        # Debit cells already carry a minus sign; Credit cells are positive
        amt = num(row[4], ",") or num(row[3], ",")
        out.append(("posted", d(row[0], "%d/%m/%y"), amt))
    return out, num(r[3][4], ",")


@spec("oca-original_currency.csv", "USD")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%m/%d/%Y", lambda r: num(r[3])), None


@spec("ru-alfabank.csv", "RUB")
def _(p):
    r = rows(p, "cp1251", ";")
    return simple(r, 1, 3, "%d.%m.%y", lambda x: inout(x, 6, 7, ",")), None


@spec("ru-sberbank.csv", "RUB")
def _(p):
    return simple(rows(p, "utf-8", ";"), 1, 2, "%d.%m.%Y", lambda r: num(r[11], ",")), None


def _vtb(p):
    r = rows(p, "cp1251", ";")
    out = []
    for row in r[12:]:
        if len(row) < 9:
            continue
        st = "posted" if row[8] == "Исполнено" else "pending"
        date = d(row[1][:10], "%Y-%m-%d") if st == "posted" else None
        out.append((st, date, num(row[5], ",")))
    return out, num(r[8][1], ",")


@spec("ru-vtb.csv", "RUB")
def _(p):
    return _vtb(p)


@spec("ru-vtb_user_date.csv", "RUB")
def _(p):
    return _vtb(p)


@spec("bci-1234567-cash-transactions-contribution.csv", "USD")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%Y-%m-%d", lambda r: num(r[2])), None


@spec("bci-importers-bank.csv", "USD")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%Y-%m-%d", lambda r: num(r[2])), None


@spec("bci-importers-creditcard.csv", "USD")
def _(p):
    # line 1 is a preamble (card number); amounts already signed
    return simple(rows(p, "utf-8"), 2, 0, "%Y-%m-%d", lambda r: num(r[2])), None


@spec("ch-CertoOne_Sample.csv", "CHF")
def _(p):
    # the BALANCE row is the card's balance, not a transaction
    r = rows(p, "utf-8", ";")
    keep = lambda row: row[2].strip() != "BALANCE"
    return simple(r, 1, 0, "%Y-%m-%d", lambda x: num(x[1]), keep), None


@spec("ch-N26_Sample.csv", "EUR")
def _(p):
    return simple(rows(p, "utf-8"), 1, 0, "%Y-%m-%d", lambda r: num(r[7])), None


@spec("ch-Neon_Sample.csv", "CHF")
def _(p):
    return simple(rows(p, "utf-8", ";"), 1, 0, "%Y-%m-%d", lambda r: num(r[1])), None


@spec("ch-Revolut_CHF_Sample.csv", "CHF")
def _(p):
    # the fee is taken on top of the amount (the Balance column shows it)
    out = []
    for row in rows(p, "utf-8")[1:]:
        st = "posted" if row[8] == "COMPLETED" else "pending"
        out.append((st, d(row[2][:10], "%Y-%m-%d"), num(row[5]) - num(row[6])))
    return out, None


@spec("ch-ZKB_Sample.csv", "CHF")
def _(p):
    r = rows(p, "utf-8", ";")
    return simple(r, 1, 0, "%d.%m.%Y", lambda x: inout(x, 7, 6)), None


@spec("hl-csb43.csv", "EUR")
def _(p):
    r = rows(p, "utf-8")
    out = simple(r, 1, 23, "%Y-%m-%d", lambda x: num(x[25]))
    return out, num(r[1][10])


@spec("hl-sample.tsv", "USD")
def _(p):
    # headerless: date (%d/%Y/%m, per the file's hledger rules), payee,
    # amount in, amount out
    r = rows(p, "utf-8", "\t")
    return simple(r, 0, 0, "%d/%Y/%m", lambda x: inout(x, 2, 3)), None


@spec("no-sparebank1-sb1.csv", "NOK")
def _(p):
    # Inn is positive; Ut already carries its minus sign
    r = rows(p, "utf-8", ";")
    return simple(r, 1, 0, "%d.%m.%Y", lambda x: num(x[3], ",") or num(x[4], ",")), None


@spec("se-icabanken-export.csv", "SEK")
def _(p):
    # line 1 is the account number; Belopp like "-1 000,00 kr"
    r = rows(p, "utf-8", ";")
    return simple(r, 2, 0, "%Y-%m-%d", lambda x: num(x[4], ",")), None


@spec("zm-stanbic-sample.csv", "ZMW")
def _(p):
    # header split over lines 1-3; opening/closing balance rows and the
    # Debits/Credits totals are not transactions.  Date: the transaction
    # date, else the value date (DD/MM/YYYY).
    r = rows(p, "utf-8")
    out, closing = [], None
    for row in r[3:]:
        if row[2].strip() == "Closing balance":
            closing = num(row[6], ",")
        if row[0].strip() in ("Debits", "Credits"):
            continue
        if not row[1].strip() or row[2].strip().endswith("balance"):
            continue
        date = d(row[0].strip() or row[1], "%d/%m/%Y")
        out.append(("posted", date, inout(row, 5, 4, ",")))
    return out, closing


EXP = {"JPY": 0}


def minor(v, cur):
    q = v * (10 ** EXP.get(cur, 2))
    assert q == q.to_integral_value(), (v, cur)
    return int(q)


def main():
    lines = ["set\tfile\tcurrency\tposted\tsum_minor\tpending\tfirst_date\tlast_date\tstated_balance_minor"]
    seen = set()
    for st in ("dev", "holdout"):
        for name in sorted(os.listdir(os.path.join(ROOT, st))):
            if name == "XFAIL":
                continue
            if name not in SPECS:
                sys.exit(f"no spec for {st}/{name}")
            seen.add(name)
            cur, fn = SPECS[name]
            txns, stated = fn(os.path.join(ROOT, st, name))
            posted = [t for t in txns if t[0] == "posted"]
            dates = [t[1] for t in posted if t[1] is not None]
            total = sum(minor(t[2], cur) for t in posted)
            lines.append("\t".join([
                st, name, cur, str(len(posted)), str(total),
                str(len(txns) - len(posted)),
                min(dates).isoformat() if dates and len(dates) == len(posted) else "",
                max(dates).isoformat() if dates and len(dates) == len(posted) else "",
                "" if stated is None else str(minor(stated, cur)),
            ]))
    missing = set(SPECS) - seen
    if missing:
        sys.exit(f"specs without a file: {sorted(missing)}")
    text = "\n".join(lines) + "\n"
    out = os.path.join(ROOT, "ORACLE.tsv")
    if "--check" in sys.argv:
        with open(out) as f:
            sys.exit(0 if f.read() == text else 1)
    with open(out, "w") as f:
        f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()

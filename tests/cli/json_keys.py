#!/usr/bin/env python3
"""json_keys.py: every key gig's JSON documents carry is listed in docs/json.md, and
every key listed there is carried (tests/cli/test_json_keys.sh).

Usage: json_keys.py GIG DOCS_JSON_MD DATA_DIR   (GIG_DB etc. set by the caller, the
ledger already built).  Runs each document's commands (COMMANDS below), collects the
key paths of what they print ("accounts[].name": member name of each element of the
array "accounts"), expands docs/json.md's tables (an entity type in the type column,
"[account](#account)", brings in the entity's own table under that path) and compares
both ways.  Prints one line per difference, naming the document, the command and the
key, and exits 1 when there is any.
"""
import json
import os
import re
import shlex
import subprocess
import sys

GIG, DOC, DATA = sys.argv[1], sys.argv[2], sys.argv[3]

# The commands that write each document of docs/json.md (its "### " heading), run in
# this order on the sample ledger test_json_keys.sh built.  Side effects are intended:
# later commands see what earlier ones recorded.
COMMANDS = [
    ("accounts", ["accounts --json", "account list --json", "balance --json",
                  "balance --as-of 2025-06-30 --json"]),
    ("balance --assert", ["balance --assert Checking 4000.00 --on 2026-11-24 --json"]),
    ("invoices", ["invoices --json", "invoices --all --json"]),
    ("log", ["log 350 'Json Test Client' --stream mixing -d 2026-11-20 --json",
             "log --from {DATA}/gigs.csv --json"]),
    ("paid", ["paid 79 --on 2026-11-23 --json",
              "paid {GIG_OPEN:Json Sync} --account Checking --received 95.50 --on 2026-11-23"
              " --json"]),
    ("spend / earn", ["spend 12.99 Splice -c 'Software & Plugins' -d 2026-11-22 --json",
                      "earn 40 'Json Interest' -d 2026-11-22 --json"]),
    ("categories", ["categories --json"]),
    ("txn list", ["txn list --json", "register --json", "txn list --limit 3 --json"]),
    ("txn show", ["txn show 1 --json", "txn show 78 --json"]),
    ("import", ["import {DATA}/bank.csv --account Checking --json"]),
    ("txn merge", ["txn merge '{TXN_FIRST:Refund by hand}' '{TXN_FIRST:JSON KEYS REFUND}' --json"]),
    ("import list", ["import list --json"]),
    ("categorize", ["categorize --json"]),
    ("rules", ["rules list --json"]),
    ("recurring", ["recurring list --json"]),
    ("scenario", ["scenario list --json"]),
    ("budget", ["budget list --json"]),
    ("config", ["config list --json"]),
    ("check", ["check --json", "check --quick --json"]),
    ("restore --list", ["restore --list --json"]),
    ("history", ["history --json --limit 200"]),
    ("runway", ["runway --json", "runway --json --what-if 'pause 2027-01..2027-02'"]),
    ("reserve", ["reserve --json"]),
    ("report", ["report --json", "report -Q --by stream --json"]),
    ("tax", ["tax --json"]),
    ("tax set-aside", ["tax set-aside --json"]),
    ("rates", ["rates list --json"]),
    ("rates convert", ["rates convert 100 USD EUR --on 2024-01-05 --json"]),
    ("statements import", ["statements import {DATA}/distrokid.tsv --json"]),
    ("statements list", ["statements list --json"]),
    ("royalties", ["royalties --json", "royalties --by work --json"]),
    ("royalties match", ["royalties match --json"]),
    ("split add", ["split add 'JSON Keys Work' --with me=60 --with 'Json Alex=40' --json"]),
    ("split pay", ["split pay 'Json Alex' 10 --on 2026-11-20 --json"]),
    ("split list", ["split list --json"]),
    ("advance add", ["advance add 'JSON Keys Label' 25 --on 2026-11-01 --json"]),
    ("advance list", ["advance list --json"]),
    ("export", ["export --format json -o -"]),
    ("forecast", ["forecast {DATA}/series.txt --json"]),
]


def txn_id(m):
    """{TXN_FIRST:PAYEE} / {TXN_LAST:PAYEE}: the lowest / highest id of the transactions
    with that payee, at the time the command runs."""
    r = subprocess.run([GIG, "txn", "list", "--json"], capture_output=True, text=True)
    ids = [t["id"] for t in json.loads(r.stdout)["transactions"] if t["payee"] == m.group(2)]
    return str(min(ids) if m.group(1) == "FIRST" else max(ids))


def gig_open(m):
    """{GIG_OPEN:CLIENT}: the id of that client's first open invoice."""
    r = subprocess.run([GIG, "invoices", "--json"], capture_output=True, text=True)
    return str(min(g["id"] for g in json.loads(r.stdout)["invoices"] if g["client"] == m.group(1)))


def paths(value, prefix, out):
    if isinstance(value, dict):
        for k, v in value.items():
            p = prefix + "." + k if prefix else k
            out.add(p)
            paths(v, p, out)
    elif isinstance(value, list):
        for v in value:
            paths(v, prefix + "[]", out)


def parse_doc(text):
    """{section: [(key, type)]} for the "### " sections under "## Documents" and
    "## Entities"."""
    docs, ents, cur, part = {}, {}, None, None
    for line in text.splitlines():
        if line.startswith("## "):
            part = line[3:].strip().lower()
            cur = None
            continue
        m = re.match(r"### (.+)$", line)
        if m:
            name = m.group(1).strip().strip("`")
            name = re.sub(r"^gig ", "", name)
            cur = (docs if part == "documents" else ents).setdefault(name, [])
            continue
        m = re.match(r"\|\s*`([^`]+)`\s*\|([^|]*)\|", line)
        if m and cur is not None:
            cur.append((m.group(1), m.group(2).strip()))
    return docs, ents


def expand(rows, ents, prefix="", depth=0):
    out = set()
    for key, typ in rows:
        p = prefix + "." + key if prefix else key
        out.add(p)
        m = re.search(r"\[(\w+)\]\(#\w+\)", typ)
        if m and depth < 5:
            if m.group(1) not in ents:
                raise SystemExit("docs/json.md: %s refers to unknown entity %s" % (p, m.group(1)))
            out |= expand(ents[m.group(1)], ents, p, depth + 1)
    return out


def documented(key, doc):
    """True when `key` is in `doc` or falls under a documented wildcard "x.*"."""
    if key in doc:
        return True
    parts = key.split(".")
    for i in range(len(parts)):
        if ".".join(parts[:i] + ["*"]) in doc:
            return True
    # a parent of a documented key ("tax" for "tax.year") is implied
    return any(d.startswith(key + ".") or d.startswith(key + "[]") for d in doc)


def main():
    docs, ents = parse_doc(open(DOC, encoding="utf-8").read())
    problems = []
    names = [n for n, _ in COMMANDS]
    for name in docs:
        if name not in names:
            problems.append("docs/json.md documents '%s' but the test runs no command for it"
                            " (add it to COMMANDS in tests/cli/json_keys.py)" % name)
    for name, cmds in COMMANDS:
        if name not in docs:
            problems.append("'%s' (gig %s) is not a section of docs/json.md" % (name, cmds[0]))
            continue
        doc = expand(docs[name], ents)
        emitted = set()
        undocumented = {}
        for c in cmds:
            c = c.replace("{DATA}", DATA)
            c = re.sub(r"\{TXN_(FIRST|LAST):([^}]*)\}", txn_id, c)
            c = re.sub(r"\{GIG_OPEN:([^}]*)\}", gig_open, c)
            argv = [GIG] + shlex.split(c)
            r = subprocess.run(argv, capture_output=True, text=True)
            try:
                j = json.loads(r.stdout)
            except ValueError as e:
                # a failing `gig check` still prints its JSON; anything else must work
                problems.append("gig %s exited %d, not JSON (%s): %s %s" % (
                    c, r.returncode, e, r.stdout[:200], r.stderr.strip()))
                continue
            if not isinstance(j, dict) or next(iter(j), None) != "schema_version":
                problems.append("gig %s: the document does not start with schema_version" % c)
            got = set()
            paths(j, "", got)
            for k in sorted(got):
                if not documented(k, doc):
                    undocumented.setdefault(k, []).append(c)
            emitted |= got
        for k in sorted(undocumented):
            problems.append("emitted but not documented: '%s' in the '%s' document (gig %s);"
                            " add a row for it to docs/json.md"
                            % (k, name, " / gig ".join(undocumented[k])))
        for k in sorted(doc):
            if k.endswith("*") or k.endswith(".*"):
                if not any(e.startswith(k[:-1]) for e in emitted):
                    problems.append("documented but never emitted: '%s' in '%s'" % (k, name))
                continue
            if k not in emitted and not (k.endswith("[]") and k[:-2] in emitted):
                problems.append("documented but never emitted: '%s' in the '%s' document"
                                " (gig %s)" % (k, name, " / gig ".join(cmds)))
    for p in problems:
        print("json_keys: " + p)
    print("json_keys: %d document(s), %d problem(s)" % (len(COMMANDS), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

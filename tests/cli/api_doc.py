#!/usr/bin/env python3
"""api_doc.py SOURCE_DIR: the manual says what the code does (tests/cli/test_api_doc.sh).

- every public `bool` function that takes a GError takes it last, as `GError **error`,
  and orders its parameters as include/gigledger/error.h says: a function on a handle
  has the handle first and its out-parameters after its inputs; a function without a
  handle that has an out-parameter has it first;
- every environment variable the sources read is in the README's Environment table;
- no comment cites a file the project does not have (PERF-NOTES);
- the library never clears the caller's GError (g_clear_error(error) on a parameter);
- the spec structs whose dates mean "none" as GIG_DATE_NONE have an _INIT macro.
"""
import glob
import os
import re
import sys

SRC = sys.argv[1]
problems = []

# error.h names these: functions without a handle that read a file or text given
# first and return what they read last
INPUTS_FIRST = {"gig_csv_parse_file", "gig_ledger_snapshots", "gig_statement_detect",
                "gig_payer_calendar_load", "gig_payer_calendars_load", "gig_whatif_parse"}


def is_out(p):
    """An out-parameter: named out*, a T ** (not a list of strings), a char buffer
    named out_*, or a non-const pointer to a plain value (int64_t *n, bool *has)."""
    name = re.sub(r"\[\d*\]$", "", p.split()[-1].lstrip("*"))
    if name.startswith("out"):
        return True
    if "**" in p and "const char *const *" not in p and "char **argv" not in p:
        return True
    m = re.match(r"(int64_t|int|bool|size_t|gig_date|double|uint64_t|unsigned) \*\s*\w+$", p)
    return bool(m)


def is_handle(p):
    return bool(re.match(r"(const )?(gig_ledger|gig_report|gig_period_report) \*\s*\w+$", p))


def is_callback(p):
    return "_cb " in p or p.endswith("payload") or "progress" in p


headers = sorted(glob.glob(os.path.join(SRC, "include/gigledger/*.h")))
text = {h: open(h, encoding="utf-8").read() for h in headers}
for h, t in text.items():
    for name, params in re.findall(r"GIG_API\s+bool\s+(\w+)\(([^;]*?)\);", t, re.S):
        ps = [p.strip() for p in " ".join(params.split()).split(",")]
        if not any("GError" in p for p in ps):
            continue
        where = "%s: %s" % (os.path.basename(h), name)
        if ps[-1] != "GError **error":
            problems.append("%s: GError is not the last parameter 'GError **error'" % where)
            continue
        ps = ps[:-1]
        outs = [i for i, p in enumerate(ps) if is_out(p)]
        handle = bool(ps) and is_handle(ps[0])
        if handle:
            ins = [i for i in range(1, len(ps)) if i not in outs and not is_callback(ps[i])]
            if outs and ins and min(outs) < max(ins):
                problems.append("%s: an out-parameter before an input (%s)" % (where, ", ".join(ps)))
        elif outs and outs[0] != 0 and name not in INPUTS_FIRST:
            problems.append("%s: no handle, but the out-parameter is not first (%s)"
                            % (where, ", ".join(ps)))

error_h = text[os.path.join(SRC, "include/gigledger/error.h")]
for name in sorted(INPUTS_FIRST):
    if name not in error_h:
        problems.append("error.h does not name %s among the inputs-first functions" % name)

readme = open(os.path.join(SRC, "README.md"), encoding="utf-8").read()
env_table = readme[readme.find("### Environment"):]
env_table = env_table[:env_table.find("\n## ", 1) if "\n## " in env_table else None]
sources = glob.glob(os.path.join(SRC, "src/**/*.c"), recursive=True)
for f in sources:
    for var in re.findall(r'getenv\("([A-Z_]+)"\)', open(f, encoding="utf-8").read()):
        if "`%s`" % var not in env_table:
            problems.append("%s reads $%s, which the README's Environment table does not list"
                            % (os.path.relpath(f, SRC), var))
    body = open(f, encoding="utf-8").read()
    if "/src/lib/" in f and re.search(r"g_clear_error\(\s*error\s*\)", body):
        problems.append("%s clears the caller's GError (g_clear_error(error))"
                        % os.path.relpath(f, SRC))
for f in sources + headers + glob.glob(os.path.join(SRC, "sql/*.sql")) + \
        glob.glob(os.path.join(SRC, "bench/*")):
    if os.path.isfile(f) and "PERF-NOTES" in open(f, encoding="utf-8", errors="replace").read():
        problems.append("%s cites PERF-NOTES, which is not in the project" % os.path.relpath(f, SRC))

ledger_h = text[os.path.join(SRC, "include/gigledger/ledger.h")]
for spec in ("GIG_ACCOUNT_SPEC_INIT", "GIG_GIG_SPEC_INIT", "GIG_TXN_SPEC_INIT",
             "GIG_RECURRING_SPEC_INIT"):
    if "#define " + spec not in ledger_h:
        problems.append("ledger.h has no %s" % spec)

for p in problems:
    print("api_doc: " + p)
print("api_doc: %d problem(s)" % len(problems))
sys.exit(1 if problems else 0)

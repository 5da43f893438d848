# A file whose rows carry a currency column goes into the account of each row's
# currency (issue 14): gig import FILE --account Wise --account-for USD=Wise-USD
# --account-for GBP=Wise-GBP.  Hand-made Wise-like export, worked by hand:
#   Wise-USD: +1500.00 - 12.99 - 1000.00 (converted) = 487.01
#   Wise-GBP: +785.20 (converted) - 20.00 = 765.20
#   Wise (EUR): +250.00
. "$(dirname "$0")/lib.sh"
py() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $1" "$T/out"; }
expect_rc 0 "$GIG" init --currency EUR
expect_rc 0 "$GIG" account add Wise --currency EUR
expect_rc 0 "$GIG" account add Wise-USD --currency USD
cat >"$T/wise.csv" <<'CSV'
"TransferWise ID",Date,Amount,Currency,Description,"Payment Reference","Running Balance","Exchange From","Exchange To","Exchange Rate","Payer Name","Payee Name",Merchant,"Total fees"
TRANSFER-1001,13-03-2026,1500.00,USD,"Received money from ACME MUSIC LLC",INV-7,1500.00,,,,"ACME MUSIC LLC",,,0.00
CARD-2001,14-03-2026,-12.99,USD,"Card transaction of 12.99 USD issued by Splice",,1487.01,,,,,,Splice,0.00
BALANCE-3001,16-03-2026,-1000.00,USD,"Converted 1000.00 USD to 785.20 GBP",,487.01,USD,GBP,0.7852,,,,0.00
BALANCE-3001,16-03-2026,785.20,GBP,"Converted 1000.00 USD to 785.20 GBP",,785.20,USD,GBP,0.7852,,,,0.00
CARD-2002,17-03-2026,-20.00,GBP,"Card transaction of 20.00 GBP issued by PRS",,765.20,,,,,,PRS,0.00
TRANSFER-1002,18-03-2026,250.00,EUR,"Received money from Studio Berlin",,250.00,,,,"Studio Berlin",,,0.00
CSV
# no GBP account yet: exit 3, naming the file, line, currency and what to pass;
# nothing written
expect_rc 3 "$GIG" import "$T/wise.csv" --account Wise
expect_in "$T/err" "wise.csv:5: the row is in GBP"
expect_in "$T/err" "--account-for GBP=ACCOUNT"
expect_rc 0 "$GIG" txn list --json
py 'sys.exit(0 if len(d["transactions"]) == 0 else 1)' || fail "the failed import wrote rows"
expect_rc 0 "$GIG" account add Wise-GBP --currency GBP
expect_rc 0 "$GIG" import "$T/wise.csv" --account Wise --account-for USD=Wise-USD \
	--account-for GBP=Wise-GBP --json
py '
a = {x["account"]: x for x in d["accounts"]}
assert d["inserted"] == 6, d["inserted"]
assert [x["account"] for x in d["accounts"]] == ["Wise", "Wise-USD", "Wise-GBP"], a
assert (a["Wise-USD"]["inserted"], a["Wise-USD"]["sum_minor"]) == (3, 48701), a
assert (a["Wise-GBP"]["inserted"], a["Wise-GBP"]["sum_minor"]) == (2, 76520), a
assert (a["Wise"]["inserted"], a["Wise"]["sum_minor"]) == (1, 25000), a
for k in ("Wise-USD", "Wise-GBP"):
    r = a[k]["reconciliation"]
    assert r is not None and r["difference_minor"] == 0, (k, r)
assert a["Wise-USD"]["reconciliation"]["stated_minor"] == 48701
assert a["Wise-USD"]["transfers"] == 1 and a["Wise-GBP"]["transfers"] == 1, a
' || fail "first import: $(head -c 1500 "$T/out")"
expect_rc 0 "$GIG" balance --json
expect_in "$T/out" '"balance_minor" : 48701'
expect_in "$T/out" '"balance_minor" : 76520'
expect_in "$T/out" '"balance_minor" : 25000'
# the conversion pair is a transfer between the two currency accounts
expect_rc 0 "$GIG" txn list
grep -c "Transfer" "$T/out" | grep -qx 2 || fail "conversion not a transfer: $(cat "$T/out")"
# re-import adds nothing, in any account; the text names each account
expect_rc 0 "$GIG" import "$T/wise.csv" --account Wise --account-for USD=Wise-USD \
	--account-for GBP=Wise-GBP
expect_in "$T/out" "0 new, 6 duplicates"
expect_in "$T/out" "Wise-GBP: 0 new, 2 duplicates"
expect_in "$T/out" "balance for Wise-USD: 487.01 USD at the end of 2026-03-16"
# a bad --account-for is a usage of the input: exit 3 with the entry named
expect_rc 3 "$GIG" import "$T/wise.csv" --account Wise --account-for GBP=Wise-USD
expect_in "$T/err" "the account 'Wise-USD' is in USD, not GBP"
expect_rc 0 "$GIG" check
finish

/*
 * examples/runway_min.c: the smallest complete program on libgigledger.
 * Creates a ledger at argv[1], opens a checking account with 1,000.00,
 * records a rent payment and prints the account's balance.  Built by
 * tests/install/test_install.sh against an installed copy of the library
 * (with pkg-config and with CMake's find_package), built and run by every build
 * (test example_runway_min), and shown whole in the README.
 *
 *   cc runway_min.c $(pkg-config --cflags --libs gigledger) -o runway_min
 */
#include <stdio.h>

#include <gigledger/gigledger.h>

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s NEW-LEDGER-FILE\n", argv[0]);
		return 2;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_ledger_create(&ledger, argv[1], "EUR", &error))
		goto fail;

	/* a spec starts from its _INIT: a date left alone is GIG_DATE_NONE, not 1970 */
	gig_account_spec account = GIG_ACCOUNT_SPEC_INIT;
	account.name = "Checking"; /* kind checking, the ledger's currency (EUR) */
	account.opening_minor = 100000;
	gig_date_from_ymd(&account.opening_date, 2026, 11, 1);
	if (!gig_ledger_account_add(ledger, &account, NULL, &error))
		goto fail;

	gig_txn_spec rent = GIG_TXN_SPEC_INIT;
	rent.account = "Checking";
	rent.amount_minor = -65000; /* money out */
	rent.payee = "Landlord";
	gig_date_from_ymd(&rent.posted_on, 2026, 11, 3);
	if (!gig_ledger_txn_add(ledger, &rent, NULL, &error))
		goto fail;

	g_autoptr(gig_account) checking = NULL;
	if (!gig_ledger_account_find(ledger, "Checking", &checking, &error))
		goto fail;
	char buf[GIG_MONEY_BUFSZ];
	printf("%s: %s %s\n", checking->name,
	       gig_money_format(buf, checking->balance_minor,
	                        gig_currency_exponent(checking->currency), true),
	       checking->currency);
	return 0;
fail:
	fprintf(stderr, "%s\n", error->message);
	return 1;
}

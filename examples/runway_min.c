/*
 * examples/runway_min.c: the smallest complete program on libgigledger.
 * Creates a ledger at argv[1], opens a checking account with 1,000.00,
 * records a rent payment and prints the account's balance.  Built by
 * tests/install/test_install.sh against an installed copy of the library
 * (with pkg-config and with CMake's find_package), and shown in the README.
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

	gig_date opened;
	gig_date_from_ymd(&opened, 2026, 11, 1);
	gig_account_spec account = {.name = "Checking",
	                            .kind = GIG_ACCOUNT_CHECKING,
	                            .currency = NULL, /* the ledger's EUR */
	                            .opening_minor = 100000,
	                            .opening_date = opened};
	if (!gig_ledger_account_add(ledger, &account, NULL, &error))
		goto fail;

	gig_txn_spec rent = {.account = "Checking",
	                     .amount_minor = -65000, /* money out */
	                     .payee = "Landlord",
	                     .category = NULL};
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

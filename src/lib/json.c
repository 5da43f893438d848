/*
 * json.c: the one JSON shape of each entity (json.h).  The CLI and the JSON export
 * both call these, so a key changes in one place; docs/json.md lists them all.
 */
#include "gigledger/json.h"

#include "gigledger/money.h"

void
gig_json_begin_document(JsonBuilder *b)
{
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "schema_version");
	json_builder_add_int_value(b, GIG_JSON_SCHEMA_VERSION);
}

void
gig_json_date(JsonBuilder *b, const char *key, gig_date date)
{
	char buf[GIG_DATE_BUFSZ];
	json_builder_set_member_name(b, key);
	if (date == GIG_DATE_NONE)
		json_builder_add_null_value(b);
	else
		json_builder_add_string_value(b, gig_date_format(buf, date));
}

void
gig_json_money(JsonBuilder *b, const char *key, int64_t minor, const char *currency)
{
	char buf[GIG_MONEY_BUFSZ];
	g_autofree char *minor_key = g_strconcat(key, "_minor", NULL);
	json_builder_set_member_name(b, minor_key);
	json_builder_add_int_value(b, minor);
	json_builder_set_member_name(b, key);
	json_builder_add_string_value(
	    b, gig_money_format(buf, minor, gig_currency_exponent(currency), false));
}

static void
text_or_null(JsonBuilder *b, const char *key, const char *value)
{
	json_builder_set_member_name(b, key);
	if (value)
		json_builder_add_string_value(b, value);
	else
		json_builder_add_null_value(b);
}

static void
id_or_null(JsonBuilder *b, const char *key, int64_t id)
{
	json_builder_set_member_name(b, key);
	if (id > 0)
		json_builder_add_int_value(b, id);
	else
		json_builder_add_null_value(b);
}

static void
int_member(JsonBuilder *b, const char *key, int64_t v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_int_value(b, v);
}

void
gig_json_account(JsonBuilder *b, const gig_account *a)
{
	int_member(b, "id", a->id);
	text_or_null(b, "name", a->name);
	text_or_null(b, "kind", gig_account_kind_name(a->kind));
	text_or_null(b, "currency", a->currency);
	gig_json_money(b, "opening", a->opening_minor, a->currency);
	gig_json_date(b, "opened_on", a->opening_date);
	gig_json_money(b, "balance", a->balance_minor, a->currency);
	int_member(b, "transaction_count", a->transactions);
	int_member(b, "pending_count", a->pending);
	int_member(b, "pending_minor", a->pending_minor);
	int_member(b, "scheduled_count", a->scheduled);
	int_member(b, "scheduled_minor", a->scheduled_minor);
}

void
gig_json_category(JsonBuilder *b, const gig_category *c)
{
	int_member(b, "id", c->id);
	text_or_null(b, "name", c->name);
	text_or_null(b, "kind", gig_category_kind_name(c->kind));
	json_builder_set_member_name(b, "essential");
	json_builder_add_boolean_value(b, c->essential);
	json_builder_set_member_name(b, "deductible");
	json_builder_add_boolean_value(b, c->deductible);
	text_or_null(b, "stream", c->stream);
}

void
gig_json_gig(JsonBuilder *b, const gig_gig *g)
{
	int_member(b, "id", g->id);
	text_or_null(b, "client", g->client);
	text_or_null(b, "stream", gig_stream_name(g->stream));
	text_or_null(b, "description", g->description);
	text_or_null(b, "currency", g->currency);
	gig_json_money(b, "amount", g->amount_minor, g->currency);
	gig_json_money(b, "paid", g->paid_minor, g->currency);
	gig_json_date(b, "performed_on", g->performed_on);
	gig_json_date(b, "invoiced_on", g->invoiced_on);
	gig_json_date(b, "due_on", g->due_on);
	text_or_null(b, "status", gig_status_name(g->status));
}

void
gig_json_txn(JsonBuilder *b, const gig_txn *t)
{
	int_member(b, "id", t->id);
	gig_json_date(b, "date", t->posted_on);
	text_or_null(b, "account", t->account);
	id_or_null(b, "account_id", t->account_id);
	text_or_null(b, "currency", t->currency);
	gig_json_money(b, "amount", t->amount_minor, t->currency);
	text_or_null(b, "payee", t->payee);
	text_or_null(b, "memo", t->memo);
	text_or_null(b, "category", t->category);
	json_builder_set_member_name(b, "pending");
	json_builder_add_boolean_value(b, t->pending);
	id_or_null(b, "gig_id", t->gig_id);
	id_or_null(b, "batch_id", t->batch_id);
}

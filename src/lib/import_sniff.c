/*
 * import_sniff.c: what each column of a bank export means, from its header name.
 *
 * Header names are normalised (casefolded, accents dropped, punctuation to
 * blanks) and looked up in a table of names used by banks in English,
 * German, Dutch, French, Portuguese, Spanish and Hungarian.  A trailing
 * currency code ("Amount (EUR)", "Withdrawals (SGD)") is remembered and
 * dropped before the lookup.  When several columns claim one role the one
 * with the better rank wins (a booking date beats a transaction date), then
 * the leftmost.  The scanner later checks every claim against the values.
 */
#include <string.h>

#include "import_internal.h"

const char *const gig__col_role_names[GIG__COL_ROLES] = {
    "date",  "date_fallback", "value_date", "payee",     "from",     "to",      "amount", "net",
    "debit", "credit",        "fee",        "direction", "currency", "balance", "id",     "status",
};

#define ROLE_MEMO GIG__COL_ROLES
#define ROLE_IGNORE (GIG__COL_ROLES + 1)

static const struct {
	const char *name;
	int role;
	int rank; /* lower wins */
} names[] = {
    /* names that look like a role but are not it */
    {"original amount", ROLE_IGNORE, 0},
    {"transfer amount", ROLE_IGNORE, 0},
    {"lastschrift ursprungsbetrag", ROLE_IGNORE, 0},
    {"auslagenersatz ruecklastschrift", ROLE_IGNORE, 0},
    {"local amount", ROLE_IGNORE, 0},
    {"amount fee", ROLE_IGNORE, 0},
    {"exchange to amount", ROLE_IGNORE, 0},
    {"total fees", ROLE_IGNORE, 0},
    {"fees", ROLE_IGNORE, 0},
    {"exchange rate", ROLE_IGNORE, 0},
    {"quantity", ROLE_IGNORE, 0},
    {"price", ROLE_IGNORE, 0},
    {"commission", ROLE_IGNORE, 0},
    {"accrued interest", ROLE_IGNORE, 0},
    {"settlement date", ROLE_IGNORE, 0},
    {"data do balancete", ROLE_IGNORE, 0},
    {"umsatzzeit", ROLE_IGNORE, 0},
    {"time", ROLE_IGNORE, 0},
    {"uhrzeit", ROLE_IGNORE, 0},
    {"transaction time", ROLE_IGNORE, 0},
    {"date time", ROLE_IGNORE, 0},
    {"reference txn id", ROLE_IGNORE, 0},
    {"zugehoriger transaktionscode", ROLE_IGNORE, 0},
    {"original currency", ROLE_IGNORE, 0},
    {"local currency", ROLE_IGNORE, 0},
    {"transfer amount currency", ROLE_IGNORE, 0},
    {"versicherungsbetrag", ROLE_IGNORE, 0},
    {"umsatzsteuer", ROLE_IGNORE, 0},
    {"versand und bearbeitungsgebuhr", ROLE_IGNORE, 0},
    {"exchange from", ROLE_IGNORE, 0},
    {"exchange to", ROLE_IGNORE, 0},
    /* dates */
    {"available on", GIG__COL_DATE, 0},
    {"available on utc", GIG__COL_DATE, 0},
    {"buchungstag", GIG__COL_DATE, 1},
    {"buchung", GIG__COL_DATE, 1},
    {"buchungsdatum", GIG__COL_DATE, 1},
    {"booking date", GIG__COL_DATE, 1},
    {"posting date", GIG__COL_DATE, 1},
    {"posted date", GIG__COL_DATE, 1},
    {"date processed", GIG__COL_DATE, 1},
    {"completed date", GIG__COL_DATE, 1},
    {"boekdatum", GIG__COL_DATE, 1},
    {"boekingsdatum", GIG__COL_DATE, 1},
    {"date", GIG__COL_DATE, 2},
    {"datum", GIG__COL_DATE, 2},
    {"data", GIG__COL_DATE, 2},
    {"fecha", GIG__COL_DATE, 2},
    {"transaction date", GIG__COL_DATE, 2},
    {"transactiedatum", GIG__COL_DATE, 2},
    {"run date", GIG__COL_DATE, 2},
    {"datetime", GIG__COL_DATE, 2},
    {"date de l operation", GIG__COL_DATE, 2},
    {"tranzakcio datuma", GIG__COL_DATE, 2},
    {"created", GIG__COL_DATE, 3},
    {"created utc", GIG__COL_DATE, 3},
    {"trans date", GIG__COL_DATE, 2},
    {"started date", GIG__COL_DATE_FALLBACK, 1},
    {"valutadatum", GIG__COL_VALUE_DATE, 1},
    {"wertstellungsdatum", GIG__COL_VALUE_DATE, 1},
    {"wertstellung", GIG__COL_VALUE_DATE, 1},
    {"value date", GIG__COL_VALUE_DATE, 1},
    {"date de valeur", GIG__COL_VALUE_DATE, 1},
    {"valuta", GIG__COL_VALUE_DATE, 2},
    {"erteknap", GIG__COL_VALUE_DATE, 1},
    /* who */
    {"payee", GIG__COL_PAYEE, 1},
    {"partner name", GIG__COL_PAYEE, 1},
    {"naam tegenpartij", GIG__COL_PAYEE, 1},
    {"tegenrekeninghouder", GIG__COL_PAYEE, 1},
    {"beguenstigter zahlungspflichtiger", GIG__COL_PAYEE, 1},
    {"auftraggeber empfanger", GIG__COL_PAYEE, 1},
    {"auftraggeber zahlungsempfanger", GIG__COL_PAYEE, 1},
    {"name", GIG__COL_PAYEE, 1},
    {"empfanger", GIG__COL_PAYEE, 1},
    {"empfaenger", GIG__COL_PAYEE, 1},
    {"zahlungsempfanger", GIG__COL_PAYEE, 1},
    {"beguenstigter", GIG__COL_PAYEE, 1},
    {"naam", GIG__COL_PAYEE, 2},
    {"partner neve", GIG__COL_PAYEE, 1},
    {"merchant description", GIG__COL_PAYEE, 1},
    {"counterparty", GIG__COL_PAYEE, 1},
    {"naam omschrijving", GIG__COL_PAYEE, 1},
    {"description", GIG__COL_PAYEE, 2},
    {"transaction description", GIG__COL_PAYEE, 2},
    {"details", GIG__COL_PAYEE, 3},
    {"libelle", GIG__COL_PAYEE, 2},
    {"historico", GIG__COL_PAYEE, 2},
    {"remarque", GIG__COL_PAYEE, 2},
    {"description 1", GIG__COL_PAYEE, 1},
    {"beschreibung", GIG__COL_PAYEE, 2},
    {"descripcion", GIG__COL_PAYEE, 2},
    {"action", GIG__COL_PAYEE, 3},
    {"from", GIG__COL_FROM, 1},
    {"to", GIG__COL_TO, 1},
    /* what for */
    {"memo", ROLE_MEMO, 1},
    {"verwendungszweck", ROLE_MEMO, 1},
    {"mededelingen", ROLE_MEMO, 1},
    {"omschrijving", ROLE_MEMO, 1},
    {"note", ROLE_MEMO, 1},
    {"notes", ROLE_MEMO, 1},
    {"payment reference", ROLE_MEMO, 1},
    {"detail de l ecriture", ROLE_MEMO, 1},
    {"vorgang verwendungszweck", ROLE_MEMO, 1},
    {"kozlemeny", ROLE_MEMO, 1},
    {"umsatztext", ROLE_MEMO, 1},
    {"betreff", ROLE_MEMO, 1},
    {"description 2", ROLE_MEMO, 1},
    {"description 3", ROLE_MEMO, 1},
    {"vrije mededeling", ROLE_MEMO, 1},
    /* how much */
    {"amount", GIG__COL_AMOUNT, 1},
    {"betrag", GIG__COL_AMOUNT, 1},
    {"bedrag", GIG__COL_AMOUNT, 1},
    {"montant", GIG__COL_AMOUNT, 1},
    {"valor", GIG__COL_AMOUNT, 1},
    {"importe", GIG__COL_AMOUNT, 1},
    {"importo", GIG__COL_AMOUNT, 1},
    {"umsatz", GIG__COL_AMOUNT, 1},
    {"amount total", GIG__COL_AMOUNT, 1},
    {"tranzakcio osszege", GIG__COL_AMOUNT, 1},
    {"montant de l operation", GIG__COL_AMOUNT, 1},
    {"debit credit", GIG__COL_AMOUNT, 2},
    {"transaction amount", GIG__COL_AMOUNT, 1},
    {"gross", GIG__COL_AMOUNT, 3},
    {"brutto", GIG__COL_AMOUNT, 3},
    {"net", GIG__COL_NET, 1},
    {"netto", GIG__COL_NET, 1},
    {"net amount", GIG__COL_NET, 1},
    {"debit", GIG__COL_DEBIT, 1},
    {"debit amount", GIG__COL_DEBIT, 1},
    {"paid out", GIG__COL_DEBIT, 1},
    {"withdrawal", GIG__COL_DEBIT, 1},
    {"withdrawals", GIG__COL_DEBIT, 1},
    {"outflow", GIG__COL_DEBIT, 1},
    {"debet", GIG__COL_DEBIT, 1},
    {"soll", GIG__COL_DEBIT, 1},
    {"money out", GIG__COL_DEBIT, 1},
    {"credit", GIG__COL_CREDIT, 1},
    {"credit amount", GIG__COL_CREDIT, 1},
    {"paid in", GIG__COL_CREDIT, 1},
    {"deposit", GIG__COL_CREDIT, 1},
    {"deposits", GIG__COL_CREDIT, 1},
    {"inflow", GIG__COL_CREDIT, 1},
    {"haben", GIG__COL_CREDIT, 1},
    {"money in", GIG__COL_CREDIT, 1},
    {"fee", GIG__COL_FEE, 1},
    {"gebuhr", GIG__COL_FEE, 1},
    {"af bij", GIG__COL_DIRECTION, 1},
    {"creditdebet", GIG__COL_DIRECTION, 1},
    {"credit debet", GIG__COL_DIRECTION, 1},
    {"credit debit", GIG__COL_DIRECTION, 1},
    {"cr dr", GIG__COL_DIRECTION, 1},
    {"soll haben", GIG__COL_DIRECTION, 1},
    {"auswirkung auf guthaben", GIG__COL_DIRECTION, 1},
    {"bevetel kiadas", GIG__COL_DIRECTION, 1},
    {"transaction type", GIG__COL_DIRECTION, 2},
    {"type", GIG__COL_DIRECTION, 3},
    /* other */
    {"currency", GIG__COL_CURRENCY, 1},
    {"wahrung", GIG__COL_CURRENCY, 1},
    {"waehrung", GIG__COL_CURRENCY, 1},
    {"devise", GIG__COL_CURRENCY, 1},
    {"munt", GIG__COL_CURRENCY, 1},
    {"valutacode", GIG__COL_CURRENCY, 1},
    {"monn", GIG__COL_CURRENCY, 1},
    {"tranzakcio devizaneme", GIG__COL_CURRENCY, 1},
    {"devizanem", GIG__COL_CURRENCY, 2},
    {"ccy", GIG__COL_CURRENCY, 1},
    {"balance", GIG__COL_BALANCE, 1},
    {"saldo", GIG__COL_BALANCE, 1},
    {"running balance", GIG__COL_BALANCE, 1},
    {"current balance", GIG__COL_BALANCE, 1},
    {"solde", GIG__COL_BALANCE, 1},
    {"guthaben", GIG__COL_BALANCE, 1},
    {"egyenleg", GIG__COL_BALANCE, 1},
    {"runningbalance", GIG__COL_BALANCE, 1},
    {"kontostand", GIG__COL_BALANCE, 1},
    {"id", GIG__COL_ID, 1},
    {"transaction id", GIG__COL_ID, 1},
    {"transaktionscode", GIG__COL_ID, 1},
    {"transferwise id", GIG__COL_ID, 1},
    {"balance transaction id", GIG__COL_ID, 1},
    {"n de transaction", GIG__COL_ID, 1},
    {"referentie", GIG__COL_ID, 2},
    {"status", GIG__COL_STATUS, 1},
    {"state", GIG__COL_STATUS, 1},
    {"info", GIG__COL_STATUS, 2},
};

/*
 * More names, in the banks' own spelling (normalised once, on first use): de fr
 * nl es it pt pl sv no da fi lt lv et ru uk zh ja tr, and the English of
 * royalty and sales reports.  Looked up after `names`.
 */
static const struct {
	const char *name;
	int role;
	int rank;
} more_names[] = {
    /* dates */
    {"Date de comptabilisation", GIG__COL_DATE, 1},
    {"Date comptable", GIG__COL_DATE, 1},
    {"Date opération", GIG__COL_DATE, 2},
    {"Fecha operación", GIG__COL_DATE, 2},
    {"Fecha contable", GIG__COL_DATE, 1},
    {"Fecha valor", GIG__COL_VALUE_DATE, 1},
    {"F. valor", GIG__COL_VALUE_DATE, 1},
    {"Data operazione", GIG__COL_DATE, 2},
    {"Data contabile", GIG__COL_DATE, 1},
    {"Data registrazione", GIG__COL_DATE, 1},
    {"Data valuta", GIG__COL_VALUE_DATE, 1},
    {"Data lançamento", GIG__COL_DATE, 1},
    {"Data movimento", GIG__COL_DATE, 2},
    {"Data valor", GIG__COL_VALUE_DATE, 1},
    {"Data operacji", GIG__COL_DATE, 2},
    {"Data księgowania", GIG__COL_DATE, 1},
    {"Data transakcji", GIG__COL_DATE, 2},
    {"Data waluty", GIG__COL_VALUE_DATE, 1},
    {"Bokföringsdag", GIG__COL_DATE, 1},
    {"Bokföringsdatum", GIG__COL_DATE, 1},
    {"Transaktionsdag", GIG__COL_DATE, 2},
    {"Transaktionsdatum", GIG__COL_DATE, 2},
    {"Valutadag", GIG__COL_VALUE_DATE, 1},
    {"Dato", GIG__COL_DATE, 2},
    {"Bokføringsdato", GIG__COL_DATE, 1},
    {"Bogføringsdato", GIG__COL_DATE, 1},
    {"Utført dato", GIG__COL_DATE, 2},
    {"Rentedato", GIG__COL_VALUE_DATE, 1},
    {"Kirjauspäivä", GIG__COL_DATE, 1},
    {"Maksupäivä", GIG__COL_DATE, 2},
    {"Päivämäärä", GIG__COL_DATE, 2},
    {"Arvopäivä", GIG__COL_VALUE_DATE, 1},
    {"Operacijos data", GIG__COL_DATE, 2},
    {"Datums", GIG__COL_DATE, 2},
    {"Grāmatošanas datums", GIG__COL_DATE, 1},
    {"Kuupäev", GIG__COL_DATE, 2},
    {"Kande kuupäev", GIG__COL_DATE, 1},
    {"Дата", GIG__COL_DATE, 2},
    {"Дата операции", GIG__COL_DATE, 2},
    {"Дата проводки", GIG__COL_DATE, 1},
    {"Дата операції", GIG__COL_DATE, 2},
    {"日期", GIG__COL_DATE, 2},
    {"交易日期", GIG__COL_DATE, 2},
    {"记账日期", GIG__COL_DATE, 1},
    {"入账日期", GIG__COL_DATE, 1},
    {"日付", GIG__COL_DATE, 2},
    {"取引日", GIG__COL_DATE, 2},
    {"ご利用日", GIG__COL_DATE, 2},
    {"Tarih", GIG__COL_DATE, 2},
    {"İşlem tarihi", GIG__COL_DATE, 2},
    {"Reporting date", GIG__COL_DATE, 2},
    {"Sale date", GIG__COL_DATE, 2},
    {"Transaction posted date", GIG__COL_DATE, 1},
    /* who and what */
    {"Bénéficiaire", GIG__COL_PAYEE, 1},
    {"Tiers", GIG__COL_PAYEE, 1},
    {"Libellé opération", GIG__COL_PAYEE, 2},
    {"Concepto", GIG__COL_PAYEE, 2},
    {"Beneficiario", GIG__COL_PAYEE, 1},
    {"Movimiento", GIG__COL_PAYEE, 2},
    {"Descrizione", GIG__COL_PAYEE, 2},
    {"Controparte", GIG__COL_PAYEE, 1},
    {"Causale", ROLE_MEMO, 1},
    {"Descrição", GIG__COL_PAYEE, 2},
    {"Opis", GIG__COL_PAYEE, 2},
    {"Opis operacji", GIG__COL_PAYEE, 2},
    {"Kontrahent", GIG__COL_PAYEE, 1},
    {"Odbiorca", GIG__COL_PAYEE, 1},
    {"Mottagare", GIG__COL_PAYEE, 1},
    {"Beskrivning", GIG__COL_PAYEE, 2},
    {"Text", GIG__COL_PAYEE, 2},
    {"Meddelande", ROLE_MEMO, 1},
    {"Mottaker", GIG__COL_PAYEE, 1},
    {"Beskrivelse", GIG__COL_PAYEE, 2},
    {"Tekst", GIG__COL_PAYEE, 2},
    {"Modtager", GIG__COL_PAYEE, 1},
    {"Saaja/Maksaja", GIG__COL_PAYEE, 1},
    {"Saaja", GIG__COL_PAYEE, 1},
    {"Selite", GIG__COL_PAYEE, 2},
    {"Viesti", ROLE_MEMO, 1},
    {"Gavėjas", GIG__COL_PAYEE, 1},
    {"Aprašymas", GIG__COL_PAYEE, 2},
    {"Mokėjimo paskirtis", ROLE_MEMO, 1},
    {"Apraksts", GIG__COL_PAYEE, 2},
    {"Saņēmējs", GIG__COL_PAYEE, 1},
    {"Selgitus", GIG__COL_PAYEE, 2},
    {"Saaja/maksja", GIG__COL_PAYEE, 1},
    {"Описание", GIG__COL_PAYEE, 2},
    {"Описание операции", GIG__COL_PAYEE, 2},
    {"Контрагент", GIG__COL_PAYEE, 1},
    {"Получатель", GIG__COL_PAYEE, 1},
    {"Назначение платежа", ROLE_MEMO, 1},
    {"Опис", GIG__COL_PAYEE, 2},
    {"Призначення платежу", ROLE_MEMO, 1},
    {"摘要", GIG__COL_PAYEE, 2},
    {"交易对方", GIG__COL_PAYEE, 1},
    {"对方户名", GIG__COL_PAYEE, 1},
    {"交易说明", GIG__COL_PAYEE, 2},
    {"备注", ROLE_MEMO, 1},
    {"内容", GIG__COL_PAYEE, 2},
    {"取引先", GIG__COL_PAYEE, 1},
    {"ご利用先", GIG__COL_PAYEE, 1},
    {"Açıklama", GIG__COL_PAYEE, 2},
    {"Alıcı", GIG__COL_PAYEE, 1},
    {"Counter party", GIG__COL_PAYEE, 1},
    {"Narrative", GIG__COL_PAYEE, 2},
    {"Particulars", GIG__COL_PAYEE, 2},
    {"Store", GIG__COL_PAYEE, 3},
    /* amounts */
    {"Cantidad", GIG__COL_AMOUNT, 2},
    {"Ammontare", GIG__COL_AMOUNT, 1},
    {"Montante", GIG__COL_AMOUNT, 1},
    {"Kwota", GIG__COL_AMOUNT, 1},
    {"Kwota operacji", GIG__COL_AMOUNT, 1},
    {"Belopp", GIG__COL_AMOUNT, 1},
    {"Beløp", GIG__COL_AMOUNT, 1},
    {"Beløb", GIG__COL_AMOUNT, 1},
    {"Määrä", GIG__COL_AMOUNT, 1},
    {"Summa", GIG__COL_AMOUNT, 1},
    {"Suma", GIG__COL_AMOUNT, 1},
    {"Сумма", GIG__COL_AMOUNT, 1},
    {"Сумма операции", GIG__COL_AMOUNT, 1},
    {"Сумма платежа", GIG__COL_AMOUNT, 1},
    {"Сума", GIG__COL_AMOUNT, 1},
    {"金额", GIG__COL_AMOUNT, 1},
    {"交易金额", GIG__COL_AMOUNT, 1},
    {"金額", GIG__COL_AMOUNT, 1},
    {"利用金額", GIG__COL_AMOUNT, 1},
    {"Tutar", GIG__COL_AMOUNT, 1},
    {"Earnings", GIG__COL_AMOUNT, 2},
    {"Net sales", GIG__COL_AMOUNT, 2},
    {"Proceeds", GIG__COL_AMOUNT, 2},
    {"Royalty", GIG__COL_AMOUNT, 2},
    {"Revenue", GIG__COL_AMOUNT, 2},
    {"Cargo", GIG__COL_DEBIT, 1},
    {"Cargos", GIG__COL_DEBIT, 1},
    {"Debe", GIG__COL_DEBIT, 1},
    {"Uscite", GIG__COL_DEBIT, 1},
    {"Addebiti", GIG__COL_DEBIT, 1},
    {"Dare", GIG__COL_DEBIT, 1},
    {"Débito", GIG__COL_DEBIT, 1},
    {"Saída", GIG__COL_DEBIT, 1},
    {"Obciążenia", GIG__COL_DEBIT, 1},
    {"Uttag", GIG__COL_DEBIT, 1},
    {"Ut", GIG__COL_DEBIT, 1},
    {"Uttak", GIG__COL_DEBIT, 1},
    {"Ud", GIG__COL_DEBIT, 1},
    {"Veloitus", GIG__COL_DEBIT, 1},
    {"Debetas", GIG__COL_DEBIT, 1},
    {"Debets", GIG__COL_DEBIT, 1},
    {"Deebet", GIG__COL_DEBIT, 1},
    {"Расход", GIG__COL_DEBIT, 1},
    {"Списание", GIG__COL_DEBIT, 1},
    {"Дебет", GIG__COL_DEBIT, 1},
    {"Видаток", GIG__COL_DEBIT, 1},
    {"支出", GIG__COL_DEBIT, 1},
    {"借方", GIG__COL_DEBIT, 1},
    {"支出金额", GIG__COL_DEBIT, 1},
    {"出金", GIG__COL_DEBIT, 1},
    {"お引出し", GIG__COL_DEBIT, 1},
    {"支払金額", GIG__COL_DEBIT, 1},
    {"お支払金額", GIG__COL_DEBIT, 1},
    {"Borç", GIG__COL_DEBIT, 1},
    {"Abono", GIG__COL_CREDIT, 1},
    {"Abonos", GIG__COL_CREDIT, 1},
    {"Haber", GIG__COL_CREDIT, 1},
    {"Entrate", GIG__COL_CREDIT, 1},
    {"Accrediti", GIG__COL_CREDIT, 1},
    {"Avere", GIG__COL_CREDIT, 1},
    {"Crédito", GIG__COL_CREDIT, 1},
    {"Entrada", GIG__COL_CREDIT, 1},
    {"Uznania", GIG__COL_CREDIT, 1},
    {"Insättning", GIG__COL_CREDIT, 1},
    {"Inn", GIG__COL_CREDIT, 1},
    {"Innskudd", GIG__COL_CREDIT, 1},
    {"Ind", GIG__COL_CREDIT, 1},
    {"Hyvitys", GIG__COL_CREDIT, 1},
    {"Kreditas", GIG__COL_CREDIT, 1},
    {"Kredīts", GIG__COL_CREDIT, 1},
    {"Kreedit", GIG__COL_CREDIT, 1},
    {"Приход", GIG__COL_CREDIT, 1},
    {"Зачисление", GIG__COL_CREDIT, 1},
    {"Кредит", GIG__COL_CREDIT, 1},
    {"Надходження", GIG__COL_CREDIT, 1},
    {"收入", GIG__COL_CREDIT, 1},
    {"贷方", GIG__COL_CREDIT, 1},
    {"收入金额", GIG__COL_CREDIT, 1},
    {"入金", GIG__COL_CREDIT, 1},
    {"預り金額", GIG__COL_CREDIT, 1},
    {"お預り金額", GIG__COL_CREDIT, 1},
    {"お預かり金額", GIG__COL_CREDIT, 1},
    {"お預入れ", GIG__COL_CREDIT, 1},
    {"Alacak", GIG__COL_CREDIT, 1},
    /* balance, currency, status */
    {"Likutis", GIG__COL_BALANCE, 1},
    {"Atlikums", GIG__COL_BALANCE, 1},
    {"Остаток", GIG__COL_BALANCE, 1},
    {"Баланс", GIG__COL_BALANCE, 1},
    {"Залишок", GIG__COL_BALANCE, 1},
    {"余额", GIG__COL_BALANCE, 1},
    {"账户余额", GIG__COL_BALANCE, 1},
    {"残高", GIG__COL_BALANCE, 1},
    {"差引残高", GIG__COL_BALANCE, 1},
    {"Bakiye", GIG__COL_BALANCE, 1},
    {"Moneda", GIG__COL_CURRENCY, 1},
    {"Divisa", GIG__COL_CURRENCY, 1},
    {"Moeda", GIG__COL_CURRENCY, 1},
    {"Waluta", GIG__COL_CURRENCY, 1},
    {"Valuutta", GIG__COL_CURRENCY, 1},
    {"Valiuta", GIG__COL_CURRENCY, 1},
    {"Valūta", GIG__COL_CURRENCY, 1},
    {"Valuuta", GIG__COL_CURRENCY, 1},
    {"Валюта", GIG__COL_CURRENCY, 1},
    {"币种", GIG__COL_CURRENCY, 1},
    {"货币", GIG__COL_CURRENCY, 1},
    {"通貨", GIG__COL_CURRENCY, 1},
    {"Para birimi", GIG__COL_CURRENCY, 1},
    {"Döviz", GIG__COL_CURRENCY, 1},
    {"Estado", GIG__COL_STATUS, 1},
    {"Stato", GIG__COL_STATUS, 1},
    {"Statut", GIG__COL_STATUS, 1},
    {"Situação", GIG__COL_STATUS, 1},
    {"Tillstånd", GIG__COL_STATUS, 1},
    {"Tila", GIG__COL_STATUS, 1},
    {"Būsena", GIG__COL_STATUS, 1},
    {"Статус", GIG__COL_STATUS, 1},
    {"Состояние", GIG__COL_STATUS, 1},
    {"状态", GIG__COL_STATUS, 1},
    {"状態", GIG__COL_STATUS, 1},
    {"Durum", GIG__COL_STATUS, 1},
};

/* Normalised more_names -> index + 1, built once. */
static GHashTable *
more_index(void)
{
	static gsize once = 0;
	static GHashTable *index = NULL;
	if (g_once_init_enter(&once)) {
		GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		for (size_t i = 0; i < G_N_ELEMENTS(more_names); i++) {
			char *k = gig__header_norm(more_names[i].name);
			if (g_hash_table_contains(h, k))
				g_free(k);
			else
				g_hash_table_insert(h, k, GSIZE_TO_POINTER(i + 1));
		}
		index = h;
		g_once_init_leave(&once, 1);
	}
	return index;
}

/* Words that say a role inside a name we do not know, surest first. */
static const struct {
	const char *word;
	int role;
} loose_words[] = {
    {"balance", GIG__COL_BALANCE}, {"saldo", GIG__COL_BALANCE},  {"solde", GIG__COL_BALANCE},
    {"date", GIG__COL_DATE},       {"datum", GIG__COL_DATE},     {"data", GIG__COL_DATE},
    {"fecha", GIG__COL_DATE},      {"dato", GIG__COL_DATE},      {"tarih", GIG__COL_DATE},
    {"дата", GIG__COL_DATE},       {"amount", GIG__COL_AMOUNT},  {"betrag", GIG__COL_AMOUNT},
    {"importo", GIG__COL_AMOUNT},  {"importe", GIG__COL_AMOUNT}, {"montant", GIG__COL_AMOUNT},
    {"kwota", GIG__COL_AMOUNT},    {"belopp", GIG__COL_AMOUNT},  {"сумма", GIG__COL_AMOUNT},
};

static const char *const currency_words[] = {"eur", "usd", "gbp", "sgd", "chf", "jpy",
                                             "huf", "jod", "brl", "nzd", "aud", "cad",
                                             "sek", "nok", "dkk", "pln", "czk"};

size_t
gig__ascii_norm(const char *name, char *buf, size_t cap)
{
	size_t n = 0;
	bool blank = true;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		unsigned char c = *p;
		if (c >= 0x80)
			return (size_t)-1;
		if (g_ascii_isalnum(c)) {
			if (n + 1 >= cap)
				return (size_t)-1;
			buf[n++] = (char)g_ascii_tolower(c);
			blank = false;
		} else if (!blank) {
			if (n + 1 >= cap)
				return (size_t)-1;
			buf[n++] = ' ';
			blank = true;
		}
	}
	if (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return n;
}

char *
gig__header_norm(const char *name)
{
	/* ASCII (nearly every cell) needs neither case folding nor NFD */
	char small[128];
	if (gig__ascii_norm(name, small, sizeof(small)) != (size_t)-1)
		return g_strdup(small);
	g_autofree char *fold = g_utf8_casefold(name, -1);
	g_autofree char *nfd = g_utf8_normalize(fold, -1, G_NORMALIZE_NFD);
	if (nfd == NULL)
		return g_strdup("");
	GString *out = g_string_new(NULL);
	bool blank = true;
	for (const char *p = nfd; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_type(c) == G_UNICODE_NON_SPACING_MARK)
			continue;
		if (g_unichar_isalnum(c)) {
			g_string_append_unichar(out, c);
			blank = false;
		} else if (!blank) {
			g_string_append_c(out, ' ');
			blank = true;
		}
	}
	if (out->len > 0 && out->str[out->len - 1] == ' ')
		g_string_truncate(out, out->len - 1);
	return g_string_free(out, FALSE);
}

/* Role and rank of one header name; -1 when unknown.  *cur gets a currency word. */
static int
lookup(const char *raw, int *rank, char cur[4])
{
	g_autofree char *n = gig__header_norm(raw);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
			if (strcmp(names[i].name, n) == 0) {
				*rank = names[i].rank;
				return names[i].role;
			}
		}
		/* "amount eur" -> "amount" with currency EUR */
		char *sp = strrchr(n, ' ');
		if (pass > 0 || sp == NULL)
			break;
		bool is_cur = false;
		for (size_t i = 0; i < G_N_ELEMENTS(currency_words); i++)
			is_cur |= strcmp(sp + 1, currency_words[i]) == 0;
		if (!is_cur)
			break;
		if (cur != NULL) {
			for (int i = 0; i < 3; i++)
				cur[i] = g_ascii_toupper(sp[1 + i]);
			cur[3] = '\0';
		}
		*sp = '\0';
	}
	void *hit = g_hash_table_lookup(more_index(), n);
	if (hit != NULL) {
		size_t i = GPOINTER_TO_SIZE(hit) - 1;
		*rank = more_names[i].rank;
		return more_names[i].role;
	}
	/* a looser look at the words, for names we have not seen */
	g_auto(GStrv) words = g_strsplit(n, " ", -1);
	for (size_t i = 0; words[i]; i++) {
		const char *w = words[i];
		*rank = 5;
		if (strcmp(w, "date") == 0 || strcmp(w, "datum") == 0)
			return GIG__COL_DATE;
		if (strcmp(w, "amount") == 0 || strcmp(w, "betrag") == 0)
			return GIG__COL_AMOUNT;
		if (strcmp(w, "balance") == 0 || strcmp(w, "saldo") == 0)
			return GIG__COL_BALANCE;
	}
	/* the same with the words of other languages, and whole names of the second
	 * table inside a longer one ("Importo Uscite" says debit) */
	for (size_t i = 0; words[i]; i++) {
		hit = g_hash_table_lookup(more_index(), words[i]);
		if (hit != NULL && more_names[GPOINTER_TO_SIZE(hit) - 1].role != ROLE_MEMO) {
			*rank = 5;
			return more_names[GPOINTER_TO_SIZE(hit) - 1].role;
		}
	}
	/* CJK names have no blanks between words: a known CJK name inside one
	 * ("入金金額(円)" holds 入金, money in) */
	int cjk = -1;
	size_t cjk_len = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(more_names); i++) {
		const char *m = more_names[i].name;
		size_t len = strlen(m);
		int role = more_names[i].role;
		if ((unsigned char)m[0] < 0xE3 || role == ROLE_MEMO || strstr(n, m) == NULL)
			continue;
		/* the longest; at equal length a side (出金, 入金) beats 金額 */
		bool side = role == GIG__COL_DEBIT || role == GIG__COL_CREDIT;
		if (cjk < 0 || len > cjk_len ||
		    (len == cjk_len && side && more_names[cjk].role == GIG__COL_AMOUNT)) {
			cjk = (int)i;
			cjk_len = len;
		}
	}
	if (cjk >= 0) {
		*rank = 5;
		return more_names[cjk].role;
	}
	for (size_t j = 0; j < G_N_ELEMENTS(loose_words); j++) {
		for (size_t i = 0; words[i]; i++) {
			if (strcmp(words[i], loose_words[j].word) == 0) {
				*rank = 5;
				return loose_words[j].role;
			}
		}
	}
	return -1;
}

bool
gig__header_currency(const char *name, char cur[4])
{
	g_autofree char *n = gig__header_norm(name);
	const char *sp = strrchr(n, ' ');
	const char *w = sp ? sp + 1 : n;
	for (size_t i = 0; sp != NULL && i < G_N_ELEMENTS(currency_words); i++) {
		if (strcmp(w, currency_words[i]) == 0) {
			for (int k = 0; k < 3; k++)
				cur[k] = g_ascii_toupper(w[k]);
			cur[3] = '\0';
			return true;
		}
	}
	return false;
}

int
gig__header_role(const char *name, int *rank)
{
	int role = lookup(name, rank, NULL);
	return role == ROLE_IGNORE ? -1 : role;
}

int
gig__header_score(char **fields, size_t n)
{
	int score = 0;
	for (size_t i = 0; i < n; i++) {
		int rank;
		int role = lookup(fields[i], &rank, NULL);
		if (role >= 0 && role != ROLE_IGNORE && rank < 5)
			score++;
	}
	return score;
}

void
gig__layout_clear(gig__layout *l)
{
	g_strfreev(l->names);
	g_free(l->date_format);
	g_free(l->currency);
	g_free(l->profile);
	memset(l, 0, sizeof(*l));
	for (int i = 0; i < GIG__COL_ROLES; i++)
		l->col[i] = -1;
	l->header_index = -1;
}

const char *
gig__layout_name(const gig__layout *l, int c)
{
	/* bounded by the header, not by ncols: rows can be wider than their header */
	if (l->names == NULL || c < 0 || (size_t)c >= l->n_names)
		return NULL;
	return l->names[c];
}

bool
gig__layout_from_header(gig__layout *l, char **fields, size_t n)
{
	int best[GIG__COL_ROLES];
	for (int i = 0; i < GIG__COL_ROLES; i++) {
		best[i] = 100;
		l->col[i] = -1;
	}
	l->n_memo = 0;
	l->ncols = n;
	g_strfreev(l->names);
	l->names = g_new0(char *, n + 1);
	l->n_names = n;
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		l->names[i] = g_strstrip(g_strdup(fields[i]));
		int rank;
		char cur[4] = "";
		int role = lookup(fields[i], &rank, cur);
		if (role < 0 || role == ROLE_IGNORE)
			continue;
		found++;
		if (cur[0] != '\0' && (role == GIG__COL_AMOUNT || role == GIG__COL_DEBIT ||
		                       role == GIG__COL_CREDIT || role == GIG__COL_NET))
			memcpy(l->header_currency, cur, 4);
		if (role == ROLE_MEMO) {
			if (l->n_memo < GIG__MAX_MEMO)
				l->memo[l->n_memo++] = (int)i;
		} else if (rank < best[role]) {
			best[role] = rank;
			l->col[role] = (int)i;
		}
	}
	bool money = l->col[GIG__COL_AMOUNT] >= 0 || l->col[GIG__COL_NET] >= 0 ||
	             l->col[GIG__COL_DEBIT] >= 0 || l->col[GIG__COL_CREDIT] >= 0;
	bool date = l->col[GIG__COL_DATE] >= 0 || l->col[GIG__COL_VALUE_DATE] >= 0;
	return found >= 2 && money && date;
}

char *
gig__layout_describe(const gig__layout *l)
{
	GString *s = g_string_new(NULL);
	for (int i = 0; i < GIG__COL_ROLES; i++) {
		int c = l->col[i];
		if (c < 0)
			continue;
		const char *nm = gig__layout_name(l, c);
		if (nm != NULL && *nm)
			g_string_append_printf(s, "%s%s='%s'", s->len ? " " : "",
			                       gig__col_role_names[i], nm);
		else
			g_string_append_printf(s, "%s%s=#%d", s->len ? " " : "",
			                       gig__col_role_names[i], c + 1);
	}
	for (size_t i = 0; i < l->n_memo; i++) {
		int c = l->memo[i];
		const char *nm = gig__layout_name(l, c);
		if (nm != NULL && *nm)
			g_string_append_printf(s, " memo='%s'", nm);
		else
			g_string_append_printf(s, " memo=#%d", c + 1);
	}
	return g_string_free(s, FALSE);
}

void
gig__text_norm_append(GString *out, const char *text)
{
	const char *t = text ? text : "";
	const unsigned char *p = (const unsigned char *)t;
	size_t start = out->len;
	bool blank = true;
	/* ASCII (nearly every cell) needs no Unicode case folding: lower-case it in place */
	for (; *p && *p < 0x80; p++) {
		if (g_ascii_isspace(*p)) {
			if (!blank)
				g_string_append_c(out, ' ');
			blank = true;
		} else {
			g_string_append_c(out, (char)g_ascii_tolower(*p));
			blank = false;
		}
	}
	if (*p != '\0') {
		g_string_truncate(out, start);
		g_autofree char *fold = g_utf8_casefold(t, -1);
		blank = true;
		for (const char *q = fold; *q; q++) {
			if (g_ascii_isspace(*q)) {
				if (!blank)
					g_string_append_c(out, ' ');
				blank = true;
			} else {
				g_string_append_c(out, *q);
				blank = false;
			}
		}
	}
	if (out->len > start && out->str[out->len - 1] == ' ')
		g_string_truncate(out, out->len - 1);
}

char *
gig__text_norm(const char *text)
{
	GString *out = g_string_sized_new(text ? strlen(text) : 0);
	gig__text_norm_append(out, text);
	return g_string_free(out, FALSE);
}

/* gigledger.h: umbrella header for libgigledger. */
#ifndef GIGLEDGER_H
#define GIGLEDGER_H

#include "gigledger/common.h"
#include "gigledger/error.h"
#include "gigledger/money.h"
#include "gigledger/date.h"
#include "gigledger/ledger.h"
#include "gigledger/import.h"
#include "gigledger/rules.h"
#include "gigledger/forecast.h"
#include "gigledger/report.h"
#include "gigledger/tax.h"
#include "gigledger/integrity.h"
#include "gigledger/scenario.h"
#include "gigledger/reconcile.h"
#include "gigledger/register.h"
#include "gigledger/report_period.h"
#include "gigledger/config.h"
#include "gigledger/history.h"
#include "gigledger/edit.h"
#include "gigledger/rates.h"

#endif

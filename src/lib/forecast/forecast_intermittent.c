/*
 * forecast_intermittent.c: methods and statistics for lumpy income: Croston, SBA, TSB,
 * the Syntetos-Boylan-Croston classification, windfall detection and dry-spell figures.
 *
 * A "payment month" (a demand, in the literature) is a month with y > 0.  These methods
 * model income only; a negative value means the caller passed a net flow, which they
 * refuse rather than silently treating refunds as dry months.
 */
#include "forecast_internal.h"

#include <math.h>

void
gig__croston_core(const double *y, size_t n, double alpha, bool sba, double *fitted, size_t from,
                  gig_intermittent *out)
{
	double factor = sba ? 1 - alpha / 2 : 1;
	double z = NAN, p = NAN, rate = 0;
	size_t demands = 0, last_pos = 0;

	for (size_t t = 0; t < n; t++) {
		if (fitted != NULL && t >= from)
			fitted[t - from] = t == 0 ? NAN : rate;
		if (!(y[t] > 0))
			continue;
		size_t pos = t + 1;

		if (demands == 0) {
			/* The first interval counts from the start of the series, so a
			 * payment in month 5 of 12 means "one every 5 months" so far. */
			z = y[t];
			p = (double)pos;
		} else {
			z += alpha * (y[t] - z);
			p += alpha * ((double)(pos - last_pos) - p);
		}
		last_pos = pos;
		demands++;
		rate = factor * z / p;
	}
	if (out != NULL) {
		out->forecast = rate;
		out->demand_level = z;
		out->interval_level = p;
		out->demands = demands;
	}
}

void
gig__tsb_core(const double *y, size_t n, double alpha_d, double alpha_p, double *fitted,
              size_t from, gig_intermittent *out)
{
	double z = 0, p = 0, rate = 0;
	size_t demands = 0;

	for (size_t t = 0; t < n; t++) {
		bool paid = y[t] > 0;

		if (fitted != NULL && t >= from)
			fitted[t - from] = t == 0 ? NAN : rate;
		/* Unlike Croston, the probability decays in every dry month, so a client
		 * who stopped paying fades out of the forecast. */
		if (t == 0)
			p = paid ? 1 : 0;
		else
			p += alpha_p * ((paid ? 1.0 : 0.0) - p);
		if (paid) {
			z = demands == 0 ? y[t] : z + alpha_d * (y[t] - z);
			demands++;
		}
		rate = p * z;
	}
	if (out != NULL) {
		out->forecast = rate;
		out->demand_level = z;
		out->interval_level = p;
		out->demands = demands;
	}
}

bool
gig_forecast_croston(const double *y, size_t n, double alpha, bool sba, double *fitted,
                     gig_intermittent *out)
{
	if (y == NULL || n == 0 || !(alpha > 0 && alpha <= 1) || !gig__forecast_all_finite(y, n) ||
	    gig__forecast_any_negative(y, n))
		return false;
	gig__croston_core(y, n, alpha, sba, fitted, 0, out);
	return true;
}

bool
gig_forecast_tsb(const double *y, size_t n, double alpha_d, double alpha_p, double *fitted,
                 gig_intermittent *out)
{
	if (y == NULL || n == 0 || !(alpha_d > 0 && alpha_d <= 1) ||
	    !(alpha_p > 0 && alpha_p <= 1) || !gig__forecast_all_finite(y, n) ||
	    gig__forecast_any_negative(y, n))
		return false;
	gig__tsb_core(y, n, alpha_d, alpha_p, fitted, 0, out);
	return true;
}

bool
gig_forecast_sbc(const double *y, size_t n, gig_sbc *out)
{
	size_t demands = 0, last_pos = 0;
	double sum = 0, mean, ss = 0;

	if ((y == NULL && n > 0) || out == NULL || !gig__forecast_all_finite(y, n) ||
	    gig__forecast_any_negative(y, n))
		return false;
	for (size_t t = 0; t < n; t++) {
		if (y[t] > 0) {
			demands++;
			sum += y[t];
			last_pos = t + 1;
		}
	}
	if (demands == 0) {
		out->adi = 0;
		out->cv2 = NAN;
		out->cls = GIG_SBC_NO_DEMAND;
		return true;
	}
	/* The intervals telescope: pos_1 + (pos_2 - pos_1) + ... = the last position. */
	out->adi = (double)last_pos / (double)demands;
	mean = sum / (double)demands;
	if (demands >= 2) {
		for (size_t t = 0; t < n; t++) {
			if (y[t] > 0)
				ss += (y[t] - mean) * (y[t] - mean);
		}
		double var = ss / (double)(demands - 1);
		out->cv2 = var / (mean * mean);
	} else {
		out->cv2 = NAN;
	}
	/* NaN compares false, so with one payment ADI alone decides. */
	out->cls = out->adi > 1.32 || out->cv2 > 0.49 ? GIG_SBC_SBA : GIG_SBC_CROSTON_OR_SES;
	return true;
}

const char *
gig_sbc_class_name(gig_sbc_class cls)
{
	switch (cls) {
	case GIG_SBC_NO_DEMAND:
		return "no_demand";
	case GIG_SBC_CROSTON_OR_SES:
		return "croston_or_ses";
	case GIG_SBC_SBA:
		return "sba";
	}
	return "unknown";
}

/*
 * k-th smallest (0-based) of the positive values of y, by counting rather than sorting a
 * copy: O(n^2), which for monthly series (a century is 1200 values) costs less than an
 * allocation and keeps the function free of scratch memory.
 */
static double
positive_order_stat(const double *y, size_t n, size_t k)
{
	for (size_t i = 0; i < n; i++) {
		size_t less = 0, leq = 0;

		if (!(y[i] > 0))
			continue;
		for (size_t j = 0; j < n; j++) {
			if (!(y[j] > 0))
				continue;
			less += y[j] < y[i];
			leq += y[j] <= y[i];
		}
		if (less <= k && k < leq)
			return y[i];
	}
	return 0;
}

size_t
gig_forecast_windfalls(const double *y, size_t n, double factor, bool *flags, double *cleaned,
                       double *total)
{
	size_t payments = 0, flagged = 0;
	double median = 0, sum = 0;

	if (factor <= 0 || !isfinite(factor))
		factor = GIG_WINDFALL_FACTOR;
	for (size_t t = 0; y != NULL && t < n; t++)
		payments += y[t] > 0;
	if (payments > 0) {
		median = positive_order_stat(y, n, (payments - 1) / 2);
		if (payments % 2 == 0)
			median = (median + positive_order_stat(y, n, payments / 2)) / 2;
	}
	for (size_t t = 0; y != NULL && t < n; t++) {
		bool windfall = payments > 0 && y[t] > factor * median;

		if (flags != NULL)
			flags[t] = windfall;
		if (windfall) {
			flagged++;
			sum += y[t];
		}
		if (cleaned != NULL)
			cleaned[t] = windfall ? 0 : y[t];
	}
	if (total != NULL)
		*total = sum;
	return flagged;
}

void
gig_forecast_dry_spells(const double *y, size_t n, gig_dry_spells *out)
{
	size_t run = 0, zeros = 0, gaps = 0;

	if (out == NULL)
		return;
	*out = (gig_dry_spells){0};
	out->months = n;
	for (size_t t = 0; y != NULL && t < n; t++) {
		if (y[t] > 0) {
			if (out->payments > 0)
				gaps++;
			out->payments++;
			run = 0;
			continue;
		}
		zeros++;
		run++;
		if (run > out->longest_dry)
			out->longest_dry = run;
	}
	if (n > 0)
		out->zero_share = (double)zeros / (double)n;
	if (gaps == 0)
		return;
	out->have_gap = true;

	/* Gaps are whole months in 1..n-1: find the median by counting how many gaps are
	 * at most v for growing v, without storing them. */
	size_t k_lo = (gaps - 1) / 2, k_hi = gaps / 2;
	double lo_val = 0, hi_val = 0;
	size_t below = 0;

	for (size_t v = 1; v < n && below <= k_hi; v++) {
		size_t count = 0, last = 0;
		bool seen = false;

		for (size_t t = 0; t < n; t++) {
			if (!(y[t] > 0))
				continue;
			if (seen && t - last == v)
				count++;
			seen = true;
			last = t;
		}
		if (below <= k_lo && k_lo < below + count)
			lo_val = (double)v;
		if (below <= k_hi && k_hi < below + count)
			hi_val = (double)v;
		below += count;
	}
	out->median_gap = (lo_val + hi_val) / 2;
}

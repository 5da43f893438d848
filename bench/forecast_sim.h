/*
 * forecast_sim.h: simulated producers for the forecast evaluation harness
 * (bench/forecast_eval.c) and its short version in the long tests.
 *
 * A producer is a mix of income streams (steady teaching/session income, Poisson jobs
 * with lognormal fees, quarterly royalties paid two months after the quarter, rare
 * large sync fees), shaped by December/summer seasonality, dry spells and a trend up or
 * down, plus monthly expenses and a starting cash.  Its history (18-120 months) and
 * 120 months of future come from the same process.  Everything is driven by SplitMix64
 * from (seed, producer index): the same seed always gives the same producers.
 */
#ifndef GIG_FORECAST_SIM_H
#define GIG_FORECAST_SIM_H

#include <stddef.h>
#include <stdint.h>

#define SIM_FUTURE 120
#define SIM_MAX_HISTORY 120
#define SIM_MAX_MONTHS (SIM_MAX_HISTORY + SIM_FUTURE)

typedef enum {
	SIM_SMOOTH = 0,
	SIM_INTERMITTENT,
	SIM_SEASONAL,
	SIM_TRENDING,
	SIM_CLASSES
} sim_class;

typedef struct {
	sim_class cls;
	size_t n;                       /* history months; then SIM_FUTURE future months */
	double income[SIM_MAX_MONTHS];  /* every payment, windfalls included */
	double cleaned[SIM_MAX_MONTHS]; /* without payments > 5 x the history's median */
	double expense[SIM_MAX_MONTHS];
	double cash0; /* cash at the end of the history */
} sim_producer;

const char *sim_class_name(sim_class cls);

/* Producer @index of the set drawn with @seed. */
void sim_producer_make(uint64_t seed, uint32_t index, sim_producer *p);

/* Months until cash0 + cumulative (income - expense) over the future first goes below
 * 0, interpolated as the bootstrap does; SIM_FUTURE if never. */
double sim_realised_runway(const sim_producer *p);

#endif

/* ---- evaluation ---- */

/* The fixed methods scored next to the automatic choice (the backtest's rows). */
#define SIM_METHODS 10
extern const char *const sim_method_names[SIM_METHODS];

/* What a runway model predicts for one producer. */
typedef struct {
	double q[3];    /* P10, P50, P90 of the runway, months (SIM_FUTURE at most) */
	double ruin[3]; /* P(ruin within 3, 6, 12 months) */
	double ruin_h;  /* P(ruin within the simulated horizon, SIM_FUTURE months) */
} sim_runway_out;

/* A model under test: the automatic income forecast and the runway simulation. */
typedef struct {
	const char *name;
	/* 12 forecasts of the (cleaned) income history y[0..n-1]; false on failure */
	int (*choose)(const double *y, size_t n, double *forecast12);
	/* P10/P50/P90, P(ruin within 3, 6, 12 months) and P(ruin within the horizon)
	   from the net history */
	int (*runway)(const double *net, size_t n, double cash0, uint32_t paths, uint64_t seed,
	              sim_runway_out *out);
	/* the net history the runway sees: 0 income without windfalls, 1 every payment */
	int windfalls_in_net;
} sim_model;

typedef struct {
	sim_class cls;
	size_t n;
	/* RMSSE at h = 6 and 12: [0] the automatic choice, [1 + i] sim_method_names[i];
	   NaN where undefined (no scale, or the method needs more history) */
	double rmsse6[1 + SIM_METHODS], rmsse12[1 + SIM_METHODS];
	double q[3], ruin[3], ruin_h, realised;
} sim_record;

/* Evaluates @model on producers 0..count-1 of @seed; rec holds count records. */
void sim_evaluate(const sim_model *model, uint64_t seed, uint32_t count, uint32_t paths,
                  sim_record *rec);

/* Summary figures. */
typedef struct {
	size_t count[SIM_CLASSES + 1]; /* per class, [SIM_CLASSES] overall */
	double below[SIM_CLASSES + 1], inside[SIM_CLASSES + 1], above[SIM_CLASSES + 1];
	double below_p50[SIM_CLASSES + 1];
	/* The same four shares counted with censoring (sim_summarise): where neither the
	   quantile nor the realised runway is known below the horizon, the model's own
	   conditional probability stands in for the unobserved comparison. */
	double c_below[SIM_CLASSES + 1], c_inside[SIM_CLASSES + 1], c_above[SIM_CLASSES + 1];
	double c_below_p50[SIM_CLASSES + 1];
	double censored[SIM_CLASSES + 1]; /* share of realised runways beyond the horizon */
	/* the censoring-aware below P10 / above P90 by history length: < 36, 36-71, >= 72 */
#define SIM_LENGTHS 3
	size_t len_count[SIM_LENGTHS][SIM_CLASSES + 1];
	double len_below[SIM_LENGTHS][SIM_CLASSES + 1], len_above[SIM_LENGTHS][SIM_CLASSES + 1];
	double mean6[1 + SIM_METHODS], mean12[1 + SIM_METHODS]; /* over common producers */
	double median6[1 + SIM_METHODS], median12[1 + SIM_METHODS];
	double auto6[1 + SIM_METHODS], auto12[1 + SIM_METHODS]; /* auto on the same set */
	size_t scored[1 + SIM_METHODS];
	double brier[3]; /* P(ruin within 3, 6, 12 months) */
	                 /* reliability: bins of predicted P(ruin) */
#define SIM_BINS 8
	size_t bin_n[3][SIM_BINS];
	double bin_pred[3][SIM_BINS], bin_obs[3][SIM_BINS];
	double worst_bin_gap;   /* largest |pred - obs| over bins with >= 30 producers */
	double worst_gap_at[3]; /* the same per horizon (3, 6, 12 months) */
} sim_summary;

extern const double sim_bin_edges[SIM_BINS + 1];

void sim_summarise(const sim_record *rec, size_t count, sim_summary *s);

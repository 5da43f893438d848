#!/usr/bin/env python3
"""Independent re-implementation of gig_runway_bootstrap with draw_mean = true (and
mean_block), the small-sample correction n / (n - Lm) and the damped per-path trend,
written from the description in include/gigledger/forecast.h, to give test_forecast and
test_report their expected P10/P50/P90, ruin probabilities, CFaR90 and balance bands.
Usage: runway_draw_mean.py (prints the figures for the series those tests use);
bootstrap(..., correction=False, phi=0) is the previous model."""
import math

M64 = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & M64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def index(self, n):
        return ((self.next() >> 32) * n) >> 32


def q7(xs, q):
    xs = sorted(xs)
    pos = (len(xs) - 1) * q
    lo = math.floor(pos)
    if lo + 1 >= len(xs):
        return xs[-1]
    return xs[lo] + (pos - lo) * (xs[lo + 1] - xs[lo])


def median7(xs):
    return q7(xs, 0.5)


def trend_of(net, lm):
    """The damped-trend part of the model (forecast.h, gig_runway_bootstrap): the
    Theil-Sen slope over pairs of months at least a year apart among the last 240,
    shrunk by
    w = b^2 / (b^2 + se^2), se^2 = 4 x Bartlett long-run variance / Sxx."""
    n = len(net)
    tbar = (n - 1) / 2
    sxx = sum((t - tbar) ** 2 for t in range(n))
    b = median7([(net[j] - net[i]) / (j - i)
                 for i in range(max(0, n - 240), n) for j in range(i + 12, n)])
    d = [net[t] - b * (t - tbar) for t in range(n)]
    m = sum(net) / n
    r = [x - m for x in d]
    lrv = 0.0
    for k in range(lm):
        g = sum(r[t] * r[t - k] for t in range(k, n)) / n
        lrv += (1 if k == 0 else 2 * (1 - k / lm)) * g
    se2 = 4 * max(0.0, lrv) / sxx
    w = b * b / (b * b + se2) if b * b > 0 else 0.0
    return d, w * b, math.sqrt(w), sxx


def bootstrap(net, cash0, paths, block, horizon, seed, mean_block, correction=True,
              phi=0.98):
    n = len(net)
    L = min(block, n)
    Lm = min(mean_block if mean_block > 0 else block, max(1, n // 2))
    scale = n / (n - Lm) if correction else 1.0
    trend = phi > 0 and n >= 24
    if trend:
        flows, beta, noise, sxx = trend_of(net, Lm)
    else:
        flows, beta, noise, sxx = list(net), 0.0, 0.0, 1.0
    mean = sum(flows) / n
    tbar = (n - 1) / 2
    rng = SplitMix64(seed)
    runways, shifts, shortfalls, balances = [], [], [], []
    for _ in range(paths):
        s, sb, m = 0.0, 0.0, 0
        for _ in range(-(-n // Lm)):
            st = rng.index(n)
            for j in range(Lm):
                if m < n:
                    v = flows[(st + j) % n]
                    s += v
                    sb += (m - tbar) * v
                    m += 1
        shift = scale * (s / n - mean)
        shifts.append(shift)
        slope = beta + noise * scale * sb / sxx if trend else 0.0
        level = slope * tbar if trend else 0.0
        damp = 1.0
        cash, k, rw = cash0, 0, float(horizon)
        cum, worst, total, bal = 0.0, 0.0, 0.0, []
        ruined = cash0 < 0
        if ruined:
            rw = 0.0
        for _ in range(-(-horizon // L)):
            st = rng.index(n)
            for j in range(L):
                if k >= horizon:
                    break
                flow = flows[(st + j) % n] + shift
                if trend:
                    damp *= phi
                    level += slope * damp
                    flow += level
                k += 1
                total += flow
                bal.append(cash0 + total)
                if k <= min(12, horizon):
                    cum += flow
                    worst = max(worst, -cum)
                if not ruined:
                    prev = cash
                    cash += flow
                    if cash < 0:
                        rw = (k - 1) + prev / (prev - cash)
                        ruined = True
        runways.append(rw)
        shortfalls.append(worst)
        balances.append(bal)
    probs = [sum(r < m for r in runways) / paths for m in (3, 6, 12, 24)]
    bootstrap.cfar90 = q7(shortfalls, 0.9)
    # the balance band: quantiles across paths of the balance after each month
    bootstrap.band = [[q7([b[k] for b in balances], q) for q in (0.1, 0.5, 0.9)]
                      for k in range(horizon)]
    return [q7(runways, q) for q in (0.1, 0.5, 0.9)], probs, shifts


if __name__ == "__main__":
    net = [-500, 300, -1200, 800, -100, -900, 400, -300, -700, 200, -50, -600]
    q, p, _ = bootstrap(net, 4000, 500, 3, 120, 20240601, 3)
    print("mean block 3, 12 months:")
    print("p10 p50 p90 %.17g %.17g %.17g" % tuple(q))
    print("ruin3/6/12/24 %.17g %.17g %.17g %.17g" % tuple(p))
    print("cfar90 %.17g" % bootstrap.cfar90)
    # 30 months, the default mean block (12): a dry spell and a good run
    net30 = net + [-800, -900, -700, -1000, 600, 900, 1200, 700, -200, -300, 100, -400,
                   -600, 250, -150, -350, 50, -450]
    q, p, _ = bootstrap(net30, 6000, 500, 3, 120, 20240601, 12)
    print("mean block 12, 30 months:")
    print("p10 p50 p90 %.17g %.17g %.17g" % tuple(q))
    print("ruin3/6/12/24 %.17g %.17g %.17g %.17g" % tuple(p))
    for k in (0, 2, 11):
        print("band month %d: %.17g %.17g %.17g" % ((k + 1,) + tuple(bootstrap.band[k])))
    print("cfar90 %.17g" % bootstrap.cfar90)
    # tests/test_report.c's fixture: three months, from the buffer and from cash
    for cash in (105500, 149000):
        q, p, _ = bootstrap([105000, -90000, 14000], cash, 10000, 3, 120, 20240601, 12)
        print("report fixture from %d:" % cash)
        print("p10 p50 p90 %.17g %.17g %.17g" % tuple(q))
        print("ruin3/6/12/24 %.17g %.17g %.17g %.17g" % tuple(p))
        print("cfar90 %.17g" % bootstrap.cfar90)
        for k in range(6):
            print("band month %d: %.17g %.17g %.17g" % ((k + 1,) + tuple(bootstrap.band[k])))

// docs/model.md, "Timing" and "Sales capacity", written again from the
// document (not from the Rust code), on top of the oracle plan of model.mjs:
// the quarters, the plan-year figures and the budget cut over a phased
// budget, and what sales can work.
//
// It takes the plan's segments as arguments rather than importing
// model.mjs, which calls it.

export const QUARTER_METRIC_IDS = [
  'quarter_goal',
  'quarter_booked_revenue',
  'quarter_attainment',
  'quarter_leads_needed',
  'quarter_funded_leads',
];

/** Top-level ids of "Timing" the page always shows (the When section). */
export const TIMING_PLAN_IDS = ['leads_needed_before_year'];

/** The capacity outputs, each shown only when its inputs are given. */
export const CAPACITY_METRIC_IDS = ['aes_needed', 'ae_capacity_coverage', 'sdrs_needed', 'sdr_load'];

/** The capacity inputs, blank (undefined) by default, and their link parameters. */
export const CAPACITY_INPUTS = ['ae_count', 'ae_quota', 'sdr_count', 'sdr_mqls_per_month'];

const EVEN = [0.25, 0.25, 0.25, 0.25];

/** Month m's share (1..12) of a quarter set: the quarter's share / 3; 0 outside the year. */
function monthShare(shares, m) {
  return m >= 1 && m <= 12 ? shares[Math.floor((m - 1) / 3)] / 3 : 0;
}

/** Σ_{k = from..to} of a month share (an empty sum is 0). */
function shareBetween(shares, from, to) {
  let total = 0;
  for (let k = from; k <= to; k++) total += monthShare(shares, k);
  return total;
}

/** The pieces of the plan every part below uses. */
function parts(s, segs, p) {
  const rows = p.segments;
  const cycles = segs.map((g) => g.sales_cycle_months);
  return {
    season: s.seasonality ?? EVEN,
    phase: s.budget_phasing ?? EVEN,
    cycles,
    longest: Math.max(...cycles),
    marketing: (g) => rows[g].segment_projected_marketing_revenue,
    sumG: (f) => rows.reduce((t, _, g) => t + f(g), 0),
    salesSourced: rows.reduce(
      (t, r, g) => t + (r.segment_required_wins - r.segment_marketing_wins) * segs[g].deal_size,
      0,
    ),
    pipeline: s.pipeline_revenue ?? 0,
    newRevenue: Math.max(0, s.revenue_goal - s.recurring_revenue),
  };
}

/**
 * The plan `p` of scenario `s` (segments `segs`, each with its effective
 * values) with the figures of "Timing" and "Sales capacity": the in-year
 * figures and the budget cut follow the budget phasing and each segment's
 * cycle, and `p` gains `leads_needed_before_year`, `leads_needed_by_month`,
 * `quarters` (four objects of QUARTER_METRIC_IDS), `capacity`
 * (CAPACITY_METRIC_IDS, each a number, null for undefined, or undefined
 * when not planned: absent from the page) and `binding`.
 */
export function withTiming(s, segs, p) {
  const x = parts(s, segs, p);
  // An even year is the "Timeline" formulas model.mjs applied: kept.
  if (x.phase.some((share) => share !== 0.25)) phaseThePlanYear(s, p, x);
  quarters(s, p, x);
  p.capacity = capacity(s, p, x);
  p.binding = bindingConstraint(s, p);
  return p;
}

/** In-year revenue, earlier leads and the budget cut over a phased budget. */
function phaseThePlanYear(s, p, { phase, cycles, longest, marketing, sumG, salesSourced, pipeline }) {
  p.in_year_marketing_revenue = sumG((g) => marketing(g) * shareBetween(phase, 1, 12 - cycles[g]));
  p.next_year_marketing_revenue = p.projected_marketing_revenue - p.in_year_marketing_revenue;
  p.in_year_revenue = s.recurring_revenue + salesSourced + p.in_year_marketing_revenue + pipeline;
  p.in_year_attainment = p.in_year_revenue / s.revenue_goal;
  p.in_year_shortfall = Math.max(0, s.revenue_goal - p.in_year_revenue);
  // Earlier leads: the first min(k, L_g) lead months whose deals land after
  // the year, at the phased pace (the year's average before it).
  const pace = (j) => (j >= 1 ? monthShare(phase, j) : 1 / 12);
  if (p.in_year_shortfall === 0) {
    p.earlier_lead_months = 0;
  } else {
    p.earlier_lead_months = null;
    for (let k = 1; k <= longest; k++) {
      const gained = sumG((g) => {
        let share = 0;
        for (let i = 1; i <= Math.min(k, cycles[g]); i++) share += pace(12 - cycles[g] + i);
        return marketing(g) * share;
      });
      if (gained >= p.in_year_shortfall * (1 - 1e-12)) {
        p.earlier_lead_months = k;
        break;
      }
    }
  }
  const cutShare = shareBetween(phase, s.cut_from_month, 12);
  p.budget_saved = p.spend * s.cut * cutShare;
  p.lost_wins = p.projected_wins * s.cut * cutShare;
  p.lost_revenue = p.projected_marketing_revenue * s.cut * cutShare;
  p.lost_in_year_revenue = sumG(
    (g) => marketing(g) * s.cut * shareBetween(phase, s.cut_from_month, 12 - cycles[g]),
  );
  p.lost_next_year_revenue = p.lost_revenue - p.lost_in_year_revenue;
  p.lost_gross_profit = p.lost_revenue * s.gross_margin;
  p.in_year_attainment_after_cut = (p.in_year_revenue - p.lost_in_year_revenue) / s.revenue_goal;
}

/** Leads needed by month (from before the year) and the four quarters. */
function quarters(s, p, x) {
  const { season, phase, cycles, longest, marketing, sumG, salesSourced, pipeline, newRevenue } = x;
  const recurring = s.recurring_revenue;
  const pipelineMonths = Math.min(12, Math.max(1, longest));
  const goal = (m) => recurring / 12 + newRevenue * monthShare(season, m);
  const leadsNeeded = (k) =>
    sumG((g) => {
      const m = k + cycles[g];
      return m >= 1 && m <= 12 ? p.segments[g].segment_required_leads * monthShare(season, m) : 0;
    });
  const booked = (m) =>
    recurring / 12 +
    salesSourced * monthShare(season, m) +
    sumG((g) => marketing(g) * monthShare(phase, m - cycles[g])) +
    (m <= pipelineMonths ? pipeline / pipelineMonths : 0);
  p.leads_needed_by_month = [];
  for (let k = 1 - longest; k <= 12; k++) p.leads_needed_by_month.push({ month: k, leads: leadsNeeded(k) });
  p.leads_needed_before_year = p.leads_needed_by_month
    .filter(({ month }) => month <= 0)
    .reduce((t, { leads }) => t + leads, 0);
  p.quarters = [1, 2, 3, 4].map((q) => {
    const months = [3 * q - 2, 3 * q - 1, 3 * q];
    const sum = (f) => months.reduce((t, m) => t + f(m), 0);
    const quarter_goal = sum(goal);
    const quarter_booked_revenue = sum(booked);
    return {
      quarter_goal,
      quarter_booked_revenue,
      quarter_attainment: quarter_goal > 0 ? quarter_booked_revenue / quarter_goal : null,
      quarter_leads_needed: sum(leadsNeeded),
      quarter_funded_leads: sum((m) => p.funded_leads * monthShare(phase, m)),
    };
  });
}

/** Whether every capacity input named is given. */
function given(s, ...ids) {
  return ids.every((id) => s[id] !== undefined && s[id] !== null);
}

/** The outputs of "Sales capacity": undefined (absent) when not planned. */
function capacity(s, p, { newRevenue }) {
  const { ae_count: aes, ae_quota: quota, sdr_count: sdrs, sdr_mqls_per_month: perSdr } = s;
  const orNull = (v, f) => (v === null ? null : f(v));
  return {
    aes_needed: given(s, 'ae_quota') ? newRevenue / quota : undefined,
    ae_capacity_coverage: given(s, 'ae_count', 'ae_quota')
      ? newRevenue === 0
        ? null
        : (aes * quota) / newRevenue
      : undefined,
    sdrs_needed: given(s, 'sdr_mqls_per_month')
      ? orNull(p.required_mqls, (v) => v / (12 * perSdr))
      : undefined,
    sdr_load: given(s, 'sdr_count', 'sdr_mqls_per_month')
      ? orNull(p.funded_mqls, (v) => v / (12 * sdrs * perSdr))
      : undefined,
  };
}

/**
 * The binding constraint: the smallest defined coverage of sales capacity,
 * SDR capacity and the budget (the first of equals in that order), and
 * whether it binds (below 1, forgiving 1e-12).
 */
function bindingConstraint(s, p) {
  const sdr =
    given(s, 'sdr_count', 'sdr_mqls_per_month') && p.required_mqls > 0
      ? (12 * s.sdr_count * s.sdr_mqls_per_month) / p.required_mqls
      : null;
  let binding = null;
  for (const [constraint, coverage] of [
    ['sales capacity', p.capacity.ae_capacity_coverage],
    ['SDR capacity', sdr],
    ['marketing budget', p.coverage],
  ]) {
    if (coverage === null || coverage === undefined) continue;
    if (binding === null || coverage < binding.coverage) binding = { constraint, coverage };
  }
  return binding && { ...binding, binds: binding.coverage < 1 - 1e-12 };
}

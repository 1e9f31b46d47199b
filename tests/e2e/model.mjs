// Independent reference implementation of docs/model.md (the test oracle).
//
// Every formula follows docs/model.md literally, with the same operand order as
// written there, so that a faithful Rust implementation produces the same
// IEEE-754 doubles in nearly all cases. Tests still compare with a relative
// tolerance (see `closeEnough`).
//
// Rates are fractions inside the model (0.22 means 22 %); money is a plain
// number in the scenario's currency. A metric that docs/model.md calls undefined
// is `null`.

import { CAPACITY_INPUTS, withTiming } from './timing_model.mjs';

/** Every scalar metric ID of docs/model.md, in the order the page contract lists them. */
export const METRIC_IDS = [
  'new_revenue',
  'required_wins',
  'marketing_wins',
  'sales_sourced_wins',
  'required_opportunities',
  'required_sqls',
  'required_mqls',
  'required_leads',
  'blended_lead_to_mql',
  'budget',
  'spend',
  'unallocated_budget',
  'funded_leads',
  'funded_mqls',
  'funded_sqls',
  'funded_opportunities',
  'projected_wins',
  'projected_marketing_revenue',
  'coverage',
  'cac',
  'required_budget',
  'required_spend_share',
  'budget_gap',
  'leads_gap',
  'blended_cpl',
  'cost_per_mql',
  'projected_revenue',
  'attainment',
  'roi',
  'lifetime_roi',
  'revenue_per_marketing_dollar',
  'ltv_to_cac',
  'payback_months',
  'in_year_marketing_revenue',
  'next_year_marketing_revenue',
  'in_year_revenue',
  'in_year_attainment',
  'in_year_shortfall',
  'earlier_lead_months',
  'lever_spend_share',
  'lever_win_rate',
  'lever_sql_to_opp',
  'lever_mql_to_sql',
  'lever_lead_quality_factor',
  'lever_deal_size',
  'lever_cost_per_lead_factor',
  'budget_saved',
  'lost_wins',
  'lost_revenue',
  'lost_in_year_revenue',
  'lost_next_year_revenue',
  'lost_gross_profit',
  'in_year_attainment_after_cut',
];

/** The lever metrics: shown only when coverage is defined and < 1. */
export const LEVER_IDS = METRIC_IDS.filter((id) => id.startsWith('lever_'));

/** The per-channel metric IDs (inside `[data-channel="i"]`). */
export const CHANNEL_METRIC_IDS = [
  'channel_budget',
  'channel_leads',
  'channel_mqls',
  'channel_wins',
  'channel_revenue',
  'channel_roi',
];

/** The app's built-in scenario (what a link falls back to for omitted parameters). */
export const DEFAULT_SCENARIO = Object.freeze({
  name: 'FY27 growth plan',
  currency: 'USD',
  revenue_goal: 12000000,
  recurring_revenue: 6000000,
  pipeline_revenue: 0,
  deal_size: 60000,
  spend: 0.09,
  marketing_sourced: 0.5,
  lead_to_mql: 0.26,
  mql_to_sql: 0.36,
  sql_to_opp: 0.44,
  win_rate: 0.22,
  sales_cycle_months: 4,
  gross_margin: 0.75,
  lifetime_value: 135000,
  cut: 0.2,
  cut_from_month: 7,
  channels: Object.freeze([
    Object.freeze({ name: 'Paid search', share: 0.35, cost_per_lead: 310, lead_to_mql: 0.26 }),
    Object.freeze({ name: 'Content & SEO', share: 0.25, cost_per_lead: 164, lead_to_mql: 0.22 }),
    Object.freeze({ name: 'Events', share: 0.2, cost_per_lead: 400, lead_to_mql: 0.3 }),
    Object.freeze({ name: 'LinkedIn ads', share: 0.2, cost_per_lead: 250, lead_to_mql: 0.18 }),
  ]),
});

/** A deep, mutable copy of the defaults with `overrides` applied on top. */
export function scenario(overrides = {}) {
  const base = {
    ...DEFAULT_SCENARIO,
    channels: DEFAULT_SCENARIO.channels.map((c) => ({ ...c })),
  };
  return { ...base, ...overrides };
}

// "Undefined when the divisor is 0": null-propagating helpers.
function div(a, b) {
  if (a === null || b === null || b === 0) return null;
  return a / b;
}
function mul(a, b) {
  if (a === null || b === null) return null;
  return a * b;
}
function sub(a, b) {
  if (a === null || b === null) return null;
  return a - b;
}

/**
 * The plan of a scenario with one segment (docs/model.md, the sections before
 * "Segments"): the formulas exactly as written there.
 */
function computeOneSegment(s) {
  const p = {};

  // ---- funded path first (the required path needs blended_lead_to_mql) ----
  const budget = s.revenue_goal * s.spend;
  const channels = s.channels.map((c) => {
    const leadToMql = c.lead_to_mql ?? s.lead_to_mql;
    const channel_budget = budget * c.share;
    const channel_leads = channel_budget / c.cost_per_lead;
    const channel_mqls = channel_leads * leadToMql;
    const channel_sqls = channel_mqls * s.mql_to_sql;
    const channel_opportunities = channel_sqls * s.sql_to_opp;
    const channel_wins = channel_opportunities * s.win_rate;
    const channel_revenue = channel_wins * s.deal_size;
    const channel_roi =
      channel_budget === 0
        ? null
        : (channel_revenue * s.gross_margin - channel_budget) / channel_budget;
    return {
      channel_budget,
      channel_leads,
      channel_mqls,
      channel_sqls,
      channel_opportunities,
      channel_wins,
      channel_revenue,
      channel_roi,
    };
  });
  const sum = (key) => channels.reduce((acc, c) => acc + c[key], 0);
  const spend = sum('channel_budget');
  const funded_leads = sum('channel_leads');
  const funded_mqls = sum('channel_mqls');
  const funded_sqls = sum('channel_sqls');
  const funded_opportunities = sum('channel_opportunities');
  const projected_wins = sum('channel_wins');
  const projected_marketing_revenue = sum('channel_revenue');

  // ---- required path ----
  const new_revenue = Math.max(0, s.revenue_goal - s.recurring_revenue);
  const required_wins = new_revenue / s.deal_size;
  const marketing_wins = required_wins * s.marketing_sourced;
  const sales_sourced_wins = required_wins - marketing_wins;
  const required_opportunities = marketing_wins / s.win_rate;
  const required_sqls = required_opportunities / s.sql_to_opp;
  const required_mqls = required_sqls / s.mql_to_sql;
  // "when no budget is allocated it is the scenario's lead_to_mql"
  const blended_lead_to_mql = funded_leads === 0 ? s.lead_to_mql : funded_mqls / funded_leads;
  const required_leads = required_mqls / blended_lead_to_mql;

  Object.assign(p, {
    new_revenue,
    required_wins,
    marketing_wins,
    sales_sourced_wins,
    required_opportunities,
    required_sqls,
    required_mqls,
    required_leads,
    blended_lead_to_mql,
    budget,
    spend,
    unallocated_budget: budget - spend,
    funded_leads,
    funded_mqls,
    funded_sqls,
    funded_opportunities,
    projected_wins,
    projected_marketing_revenue,
  });

  // ---- plan versus goal ----
  const coverage = div(projected_wins, marketing_wins);
  const cac = div(spend, projected_wins);
  const required_budget = mul(marketing_wins, cac);
  const required_spend_share = div(required_budget, s.revenue_goal);
  p.coverage = coverage;
  p.cac = cac;
  p.required_budget = required_budget;
  p.required_spend_share = required_spend_share;
  p.budget_gap = sub(required_budget, spend);
  p.leads_gap = required_leads - funded_leads;
  p.blended_cpl = div(spend, funded_leads);
  p.cost_per_mql = div(spend, funded_mqls);
  const projected_revenue =
    s.recurring_revenue + sales_sourced_wins * s.deal_size + projected_marketing_revenue;
  p.projected_revenue = projected_revenue;
  p.attainment = projected_revenue / s.revenue_goal;
  p.roi = spend === 0 ? null : (projected_marketing_revenue * s.gross_margin - spend) / spend;
  p.lifetime_roi = spend === 0 ? null : (projected_wins * s.lifetime_value - spend) / spend;
  p.revenue_per_marketing_dollar = div(projected_marketing_revenue, spend);
  p.ltv_to_cac = div(s.lifetime_value, cac);
  p.payback_months = cac === null ? null : cac / ((s.deal_size * s.gross_margin) / 12);

  // ---- timeline ----
  const L = s.sales_cycle_months;
  p.in_year_marketing_revenue = (projected_marketing_revenue * Math.max(0, 12 - L)) / 12;
  p.next_year_marketing_revenue = projected_marketing_revenue - p.in_year_marketing_revenue;
  // The goal is a plan-year goal: what is booked by month 12, pipeline included.
  const pipeline = s.pipeline_revenue ?? 0;
  p.in_year_revenue =
    s.recurring_revenue + sales_sourced_wins * s.deal_size + p.in_year_marketing_revenue + pipeline;
  p.in_year_attainment = p.in_year_revenue / s.revenue_goal;
  p.in_year_shortfall = Math.max(0, s.revenue_goal - p.in_year_revenue);
  // Leads k months earlier bring k twelfths of the marketing revenue into the year, at most L.
  if (p.in_year_shortfall === 0) {
    p.earlier_lead_months = 0;
  } else if (projected_marketing_revenue === 0) {
    p.earlier_lead_months = null;
  } else {
    const k = Math.ceil((p.in_year_shortfall * 12) / projected_marketing_revenue - 1e-9);
    p.earlier_lead_months = k <= L ? k : null;
  }

  // ---- levers ----
  const levers_shown = coverage !== null && coverage < 1;
  for (const id of LEVER_IDS) p[id] = null;
  if (levers_shown && coverage > 0) {
    const rate = (v) => (v > 1 ? null : v); // "not reachable by this lever alone"
    p.lever_spend_share = required_spend_share === null ? null : rate(required_spend_share);
    p.lever_win_rate = rate(s.win_rate / coverage);
    p.lever_sql_to_opp = rate(s.sql_to_opp / coverage);
    p.lever_mql_to_sql = rate(s.mql_to_sql / coverage);
    const factor = 1 / coverage;
    const unreachable = s.channels.some(
      (c) => c.share > 0 && (c.lead_to_mql ?? s.lead_to_mql) * factor > 1,
    );
    p.lever_lead_quality_factor = unreachable ? null : factor;
    p.lever_deal_size = s.deal_size / coverage;
    p.lever_cost_per_lead_factor = coverage;
  }

  // ---- budget cut ----
  const months_cut = 13 - s.cut_from_month;
  p.budget_saved = (spend * s.cut * months_cut) / 12;
  p.lost_wins = (projected_wins * s.cut * months_cut) / 12;
  p.lost_revenue = p.lost_wins * s.deal_size;
  p.lost_in_year_revenue =
    (projected_marketing_revenue * s.cut * Math.max(0, 13 - s.cut_from_month - L)) / 12;
  p.lost_next_year_revenue = p.lost_revenue - p.lost_in_year_revenue;
  p.lost_gross_profit = p.lost_revenue * s.gross_margin;
  p.in_year_attainment_after_cut = (p.in_year_revenue - p.lost_in_year_revenue) / s.revenue_goal;

  p.channels = channels.map((c) => ({
    channel_budget: c.channel_budget,
    channel_leads: c.channel_leads,
    channel_mqls: c.channel_mqls,
    channel_wins: c.channel_wins,
    channel_revenue: c.channel_revenue,
    channel_roi: c.channel_roi,
  }));
  p.levers_shown = levers_shown;
  return p;
}

// ---------------------------------------------------------------------------
// Segments (docs/model.md, "Segments (deal types with their own funnel)" and
// "Segment figures the page adds").
//
// A scenario may carry `segments: [{ name, share, deal_size?, marketing_sourced?,
// win_rate?, sql_to_opp?, mql_to_sql?, sales_cycle_months?, lifetime_value? }]`
// (share of new revenue and rates as fractions; an absent field is "no
// override": the scenario's value is the default) and each channel an optional
// `segment` (0-based; absent, or a segment that does not exist, feeds the first).
// No `segments` is one segment, "All deals", at 100% with no overrides.
// ---------------------------------------------------------------------------

/** The name of the one segment of a plan that defines none. */
export const ALL_DEALS = 'All deals';

/** The defaults a segment may override, by their scenario field names. */
export const SEGMENT_OVERRIDES = [
  'deal_size',
  'marketing_sourced',
  'win_rate',
  'sql_to_opp',
  'mql_to_sql',
  'sales_cycle_months',
  'lifetime_value',
];

/** Per-segment metric IDs (inside `[data-segment="g"]`, 0-based), with two or more segments. */
export const SEGMENT_METRIC_IDS = [
  'segment_new_revenue',
  'segment_required_wins',
  'segment_marketing_wins',
  'segment_required_opportunities',
  'segment_required_sqls',
  'segment_required_mqls',
  'segment_blended_lead_to_mql',
  'segment_required_leads',
  'segment_required_marketing_revenue',
  'segment_spend',
  'segment_funded_leads',
  'segment_funded_mqls',
  'segment_funded_sqls',
  'segment_funded_opportunities',
  'segment_projected_wins',
  'segment_projected_marketing_revenue',
  'segment_coverage',
  'segment_cac',
  'segment_required_budget',
];

/** A segment's own levers ("Levers with segments"), inside its `data-segment`. */
export const SEGMENT_LEVER_IDS = [
  'lever_win_rate',
  'lever_sql_to_opp',
  'lever_mql_to_sql',
  'lever_lead_quality_factor',
  'lever_deal_size',
  'lever_cost_per_lead_factor',
];

/** Plan-wide IDs the page adds only with two or more segments. */
export const MULTI_SEGMENT_PLAN_IDS = ['required_marketing_revenue'];

/** Each segment with its effective values: the override, else the scenario's default. */
export function effectiveSegments(s) {
  const list = s.segments?.length ? s.segments : [{ name: ALL_DEALS, share: 1 }];
  return list.map((g) => {
    const e = { name: g.name, share: list.length === 1 ? 1 : g.share };
    for (const k of SEGMENT_OVERRIDES) e[k] = g[k] ?? s[k];
    return e;
  });
}

/** The segment a channel feeds: its own if that segment exists, else the first. */
function segmentOf(c, n) {
  const g = c.segment ?? 0;
  return Number.isInteger(g) && g >= 0 && g < n ? g : 0;
}

/**
 * Compute every metric of docs/model.md for a (valid) scenario.
 * Returns `{ <metric id>: number|null, ..., channels: [...], segments: [...],
 * segment_count, levers_shown: boolean }`.
 * Lever IDs are always present in the returned object; they are `null` when
 * `levers_shown` is false (the page then has no lever elements at all).
 * `segments[g]` holds the SEGMENT_METRIC_IDS of segment g and `levers`
 * (SEGMENT_LEVER_IDS, or null when the plan shows no levers).
 * With one segment every plan-wide number is that of the sections before
 * "Segments", computed by their formulas with the segment's overrides as
 * the scenario's values.
 */
export function computePlan(s) {
  const segs = effectiveSegments(s);
  const multi = computeSegments(s, segs);
  if (segs.length > 1) return withTiming(s, segs, multi);
  const eff = { ...s };
  for (const k of SEGMENT_OVERRIDES) eff[k] = segs[0][k];
  const p = computeOneSegment(eff);
  p.required_marketing_revenue = multi.required_marketing_revenue;
  p.segments = multi.segments;
  p.segment_count = 1;
  return withTiming(s, segs, p);
}

/** The plan by the segment formulas (what the page shows with two or more segments; exported so a test can hold them to the earlier formulas with one segment). */
export function computeSegments(s, segs = effectiveSegments(s)) {
  const n = segs.length;
  const p = {};
  const rate = (v) => (v > 1 ? null : v); // "not reachable by this lever alone"

  // ---- each channel runs the funded path with its segment's rates ----
  const budget = s.revenue_goal * s.spend;
  const channels = s.channels.map((c) => {
    const segment = segmentOf(c, n);
    const g = segs[segment];
    const leadToMql = c.lead_to_mql ?? s.lead_to_mql;
    const channel_budget = budget * c.share;
    const channel_leads = channel_budget / c.cost_per_lead;
    const channel_mqls = channel_leads * leadToMql;
    const channel_sqls = channel_mqls * g.mql_to_sql;
    const channel_opportunities = channel_sqls * g.sql_to_opp;
    const channel_wins = channel_opportunities * g.win_rate;
    const channel_revenue = channel_wins * g.deal_size;
    const channel_roi =
      channel_budget === 0
        ? null
        : (channel_revenue * s.gross_margin - channel_budget) / channel_budget;
    return {
      segment,
      share: c.share,
      lead_to_mql: leadToMql,
      channel_budget,
      channel_leads,
      channel_mqls,
      channel_sqls,
      channel_opportunities,
      channel_wins,
      channel_revenue,
      channel_roi,
    };
  });

  // ---- each segment: what its share of new revenue needs, what its channels buy ----
  const new_revenue = Math.max(0, s.revenue_goal - s.recurring_revenue);
  const segments = segs.map((g, gi) => {
    const mine = channels.filter((c) => c.segment === gi);
    const total = (k) => mine.reduce((acc, c) => acc + c[k], 0);
    const r = {
      segment_spend: total('channel_budget'),
      segment_funded_leads: total('channel_leads'),
      segment_funded_mqls: total('channel_mqls'),
      segment_funded_sqls: total('channel_sqls'),
      segment_funded_opportunities: total('channel_opportunities'),
      segment_projected_wins: total('channel_wins'),
      segment_projected_marketing_revenue: total('channel_revenue'),
    };
    r.segment_new_revenue = new_revenue * g.share;
    r.segment_required_wins = r.segment_new_revenue / g.deal_size;
    r.segment_marketing_wins = r.segment_required_wins * g.marketing_sourced;
    r.sales_sourced_wins = r.segment_required_wins - r.segment_marketing_wins;
    r.segment_required_opportunities = r.segment_marketing_wins / g.win_rate;
    r.segment_required_sqls = r.segment_required_opportunities / g.sql_to_opp;
    r.segment_required_mqls = r.segment_required_sqls / g.mql_to_sql;
    // "the default lead → MQL when g has no budget"
    r.segment_blended_lead_to_mql =
      r.segment_spend === 0 ? s.lead_to_mql : r.segment_funded_mqls / r.segment_funded_leads;
    r.segment_required_leads = r.segment_required_mqls / r.segment_blended_lead_to_mql;
    r.segment_required_marketing_revenue = r.segment_marketing_wins * g.deal_size;
    r.segment_coverage = div(r.segment_projected_wins, r.segment_marketing_wins);
    r.segment_cac = div(r.segment_spend, r.segment_projected_wins);
    // "0 when g needs no marketing-sourced wins, funded or not"
    r.segment_required_budget =
      r.segment_marketing_wins === 0 ? 0 : mul(r.segment_marketing_wins, r.segment_cac);
    r.levers = null;
    return r;
  });
  const sumG = (k) => segments.reduce((acc, r) => acc + r[k], 0);
  const sumGBy = (f) => segments.reduce((acc, r, gi) => acc + f(r, segs[gi]), 0);

  // ---- the plan's totals are sums over segments ----
  const required_wins = sumG('segment_required_wins');
  const marketing_wins = sumG('segment_marketing_wins');
  const sales_sourced_wins = sumG('sales_sourced_wins');
  const spend = sumG('segment_spend');
  const funded_leads = sumG('segment_funded_leads');
  const funded_mqls = sumG('segment_funded_mqls');
  const projected_wins = sumG('segment_projected_wins');
  const projected_marketing_revenue = sumG('segment_projected_marketing_revenue');
  const required_leads = sumG('segment_required_leads');
  Object.assign(p, {
    new_revenue,
    required_wins,
    marketing_wins,
    sales_sourced_wins,
    required_opportunities: sumG('segment_required_opportunities'),
    required_sqls: sumG('segment_required_sqls'),
    required_mqls: sumG('segment_required_mqls'),
    required_leads,
    blended_lead_to_mql: funded_leads === 0 ? s.lead_to_mql : funded_mqls / funded_leads,
    budget,
    spend,
    unallocated_budget: budget - spend,
    funded_leads,
    funded_mqls,
    funded_sqls: sumG('segment_funded_sqls'),
    funded_opportunities: sumG('segment_funded_opportunities'),
    projected_wins,
    projected_marketing_revenue,
  });

  // ---- plan versus goal, where deals differ in size ----
  const required_marketing_revenue = sumG('segment_required_marketing_revenue');
  p.required_marketing_revenue = required_marketing_revenue;
  const coverage = div(projected_marketing_revenue, required_marketing_revenue);
  const cac = div(spend, projected_wins);
  // "undefined, with the segment named, when a segment that needs marketing wins has none funded"
  const required_budget = segments.some((r) => r.segment_required_budget === null)
    ? null
    : sumG('segment_required_budget');
  p.coverage = coverage;
  p.cac = cac;
  p.required_budget = required_budget;
  p.required_spend_share = div(required_budget, s.revenue_goal);
  p.budget_gap = sub(required_budget, spend);
  p.leads_gap = required_leads - funded_leads;
  p.blended_cpl = div(spend, funded_leads);
  p.cost_per_mql = div(spend, funded_mqls);
  const sales_sourced_revenue = sumGBy((r, g) => r.sales_sourced_wins * g.deal_size);
  p.projected_revenue = s.recurring_revenue + sales_sourced_revenue + projected_marketing_revenue;
  p.attainment = p.projected_revenue / s.revenue_goal;
  p.roi = spend === 0 ? null : (projected_marketing_revenue * s.gross_margin - spend) / spend;
  const lifetime_gross_profit = sumGBy((r, g) => r.segment_projected_wins * g.lifetime_value);
  p.lifetime_roi = spend === 0 ? null : (lifetime_gross_profit - spend) / spend;
  p.revenue_per_marketing_dollar = div(projected_marketing_revenue, spend);
  p.ltv_to_cac = projected_wins === 0 ? null : div(lifetime_gross_profit / projected_wins, cac);
  p.payback_months =
    cac === null
      ? null
      : cac / (((projected_marketing_revenue / projected_wins) * s.gross_margin) / 12);

  // ---- timeline: each segment's revenue lands after its own cycle ----
  p.in_year_marketing_revenue = sumGBy(
    (r, g) => (r.segment_projected_marketing_revenue * Math.max(0, 12 - g.sales_cycle_months)) / 12,
  );
  p.next_year_marketing_revenue = projected_marketing_revenue - p.in_year_marketing_revenue;
  const pipeline = s.pipeline_revenue ?? 0;
  p.in_year_revenue =
    s.recurring_revenue + sales_sourced_revenue + p.in_year_marketing_revenue + pipeline;
  p.in_year_attainment = p.in_year_revenue / s.revenue_goal;
  p.in_year_shortfall = Math.max(0, s.revenue_goal - p.in_year_revenue);
  // docs/model.md, "Segment figures the page adds": leads k months earlier
  // bring each segment's revenue forward by at most its own cycle; the
  // smallest whole k up to the longest cycle that closes the shortfall.
  if (p.in_year_shortfall === 0) {
    p.earlier_lead_months = 0;
  } else {
    const longest = Math.max(...segs.map((g) => g.sales_cycle_months));
    p.earlier_lead_months = null;
    for (let k = 1; k <= longest; k++) {
      const gained = sumGBy(
        (r, g) => (r.segment_projected_marketing_revenue * Math.min(k, g.sales_cycle_months)) / 12,
      );
      if (gained >= p.in_year_shortfall * (1 - 1e-12)) {
        p.earlier_lead_months = k;
        break;
      }
    }
  }

  // ---- levers: the budget lever is plan-wide, the rest each segment's ----
  const levers_shown = coverage !== null && coverage < 1;
  for (const id of LEVER_IDS) p[id] = null;
  if (levers_shown) {
    if (coverage > 0) p.lever_spend_share = rate(spend / coverage / s.revenue_goal);
    segments.forEach((r, gi) => {
      const g = segs[gi];
      const l = {};
      for (const id of SEGMENT_LEVER_IDS) l[id] = null;
      r.levers = l;
      const funded = r.segment_projected_marketing_revenue;
      if (funded === 0) return; // "undefined when g buys nothing"
      const f = 1 + (required_marketing_revenue - projected_marketing_revenue) / funded;
      l.lever_win_rate = rate(g.win_rate * f);
      l.lever_sql_to_opp = rate(g.sql_to_opp * f);
      l.lever_mql_to_sql = rate(g.mql_to_sql * f);
      const unreachable = channels.some(
        (c) => c.segment === gi && c.share > 0 && c.lead_to_mql * f > 1,
      );
      l.lever_lead_quality_factor = unreachable ? null : f;
      l.lever_deal_size = g.deal_size * f;
      l.lever_cost_per_lead_factor = 1 / f;
    });
  }

  // ---- budget cut: lost revenue at each segment's deal size and cycle ----
  const months_cut = 13 - s.cut_from_month;
  p.budget_saved = (spend * s.cut * months_cut) / 12;
  p.lost_wins = (projected_wins * s.cut * months_cut) / 12;
  p.lost_revenue = sumGBy(
    (r, g) => ((r.segment_projected_wins * s.cut * months_cut) / 12) * g.deal_size,
  );
  p.lost_in_year_revenue = sumGBy(
    (r, g) =>
      (r.segment_projected_marketing_revenue *
        s.cut *
        Math.max(0, 13 - s.cut_from_month - g.sales_cycle_months)) /
      12,
  );
  p.lost_next_year_revenue = p.lost_revenue - p.lost_in_year_revenue;
  p.lost_gross_profit = p.lost_revenue * s.gross_margin;
  p.in_year_attainment_after_cut = (p.in_year_revenue - p.lost_in_year_revenue) / s.revenue_goal;

  p.channels = channels.map((c) => ({
    channel_budget: c.channel_budget,
    channel_leads: c.channel_leads,
    channel_mqls: c.channel_mqls,
    channel_wins: c.channel_wins,
    channel_revenue: c.channel_revenue,
    channel_roi: c.channel_roi,
  }));
  p.segments = segments.map((r) => {
    const out = { levers: r.levers };
    for (const id of SEGMENT_METRIC_IDS) out[id] = r[id];
    return out;
  });
  p.segment_count = n;
  p.levers_shown = levers_shown;
  return p;
}

/** Relative tolerance 1e-9, absolute 1e-9 near zero. */
export function closeEnough(actual, expected, rel = 1e-9, abs = 1e-9) {
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  const diff = Math.abs(actual - expected);
  return diff <= abs || diff <= rel * Math.max(Math.abs(actual), Math.abs(expected));
}

/**
 * Compare one page data-value string with an oracle value.
 * Returns null when they agree, else a human-readable reason.
 * Empty string <=> null; otherwise the string must be a plain finite decimal.
 */
export function compareValue(dataValue, expected) {
  if (dataValue === undefined) return `missing on the page (expected ${fmt(expected)})`;
  if (dataValue === null) return `has no data-value attribute (expected ${fmt(expected)})`;
  if (expected === null) {
    return dataValue === '' ? null : `expected empty (undefined), got "${dataValue}"`;
  }
  if (dataValue === '') return `expected ${fmt(expected)}, got empty (undefined)`;
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(dataValue.trim())) {
    return `expected ${fmt(expected)}, got a non-numeric data-value "${dataValue}"`;
  }
  const actual = parseFloat(dataValue);
  return closeEnough(actual, expected) ? null : `expected ${fmt(expected)}, got "${dataValue}"`;
}

function fmt(v) {
  return v === null ? 'empty (undefined)' : String(v);
}

/** A fraction as the percentage string a link carries: 0.22 -> "22", 0.225 -> "22.5". */
export function pct(fraction) {
  return String(Number((fraction * 100).toPrecision(12)));
}

/** The fraction the app gets back from a link's percentage: what the oracle should use. */
export function fromPct(pctString) {
  // The app reads a percentage by moving the decimal point two places
  // ("33.3" is exactly the double nearest 0.333), not by dividing by 100.
  const [mantissa, exponent = '0'] = String(pctString).trim().split(/[eE]/);
  return Number(`${mantissa}e${Number(exponent) - 2}`);
}

/**
 * A scenario as the app sees it after a round trip through a share link: every
 * rate becomes the fraction its percentage text denotes, read as the app reads a link.
 */
export function viaLink(s) {
  const r = (f) => fromPct(pct(f));
  return {
    ...s,
    spend: r(s.spend),
    marketing_sourced: r(s.marketing_sourced),
    lead_to_mql: r(s.lead_to_mql),
    mql_to_sql: r(s.mql_to_sql),
    sql_to_opp: r(s.sql_to_opp),
    win_rate: r(s.win_rate),
    gross_margin: r(s.gross_margin),
    cut: r(s.cut),
    ...(s.seasonality === undefined ? {} : { seasonality: s.seasonality.map(r) }),
    ...(s.budget_phasing === undefined ? {} : { budget_phasing: s.budget_phasing.map(r) }),
    channels: s.channels.map((c) => ({
      ...c,
      share: r(c.share),
      ...(c.lead_to_mql === undefined ? {} : { lead_to_mql: r(c.lead_to_mql) }),
    })),
    ...(s.segments === undefined
      ? {}
      : {
          segments: s.segments.map((g) => {
            const out = { ...g, share: r(g.share) };
            for (const k of ['marketing_sourced', 'win_rate', 'sql_to_opp', 'mql_to_sql']) {
              if (g[k] !== undefined) out[k] = r(g[k]);
            }
            return out;
          }),
        }),
  };
}

/**
 * Build a share-link query string (without the leading "?") for a scenario.
 * Percent parameters are percentages (22 for 0.22). A channel is
 * NAME~SHARE_PCT~CPL~MQL_PCT; MQL_PCT is left out when the channel has no
 * lead_to_mql of its own. Values are percent-encoded with encodeURIComponent.
 * A segment is NAME~SHARE_PCT~DEAL_SIZE~MS_PCT~WIN_PCT~SO_PCT~MS2S_PCT~CYCLE~LTV
 * (empty for no override), and a channel with a `segment` gets a fifth part,
 * its segment's 1-based number (the fourth then empty if it has no rate).
 */
export function scenarioToQuery(s) {
  const parts = [];
  const add = (k, v) => parts.push(`${k}=${encodeURIComponent(String(v))}`);
  if (s.name !== undefined) add('name', s.name);
  if (s.currency !== undefined) add('currency', s.currency);
  if (s.revenue_goal !== undefined) add('revenue_goal', s.revenue_goal);
  if (s.recurring_revenue !== undefined) add('recurring_revenue', s.recurring_revenue);
  if (s.pipeline_revenue) add('pipeline_revenue', s.pipeline_revenue);
  if (s.deal_size !== undefined) add('deal_size', s.deal_size);
  if (s.spend !== undefined) add('spend_pct', pct(s.spend));
  if (s.marketing_sourced !== undefined) add('marketing_sourced_pct', pct(s.marketing_sourced));
  if (s.lead_to_mql !== undefined) add('lead_to_mql_pct', pct(s.lead_to_mql));
  if (s.mql_to_sql !== undefined) add('mql_to_sql_pct', pct(s.mql_to_sql));
  if (s.sql_to_opp !== undefined) add('sql_to_opp_pct', pct(s.sql_to_opp));
  if (s.win_rate !== undefined) add('win_rate_pct', pct(s.win_rate));
  if (s.sales_cycle_months !== undefined) add('sales_cycle_months', s.sales_cycle_months);
  if (s.gross_margin !== undefined) add('gross_margin_pct', pct(s.gross_margin));
  if (s.lifetime_value !== undefined) add('lifetime_value', s.lifetime_value);
  for (const g of s.segments ?? []) {
    const money = (v) => (v === undefined ? '' : String(v));
    const rate = (v) => (v === undefined ? '' : pct(v));
    const fields = [
      g.name,
      pct(g.share),
      money(g.deal_size),
      rate(g.marketing_sourced),
      rate(g.win_rate),
      rate(g.sql_to_opp),
      rate(g.mql_to_sql),
      money(g.sales_cycle_months),
      money(g.lifetime_value),
    ];
    // Trailing parts with no override are left out ("a missing part").
    while (fields.length > 2 && fields[fields.length - 1] === '') fields.pop();
    add('segment', fields.join('~'));
  }
  for (const c of s.channels ?? []) {
    const fields = [c.name, pct(c.share), String(c.cost_per_lead)];
    if (c.lead_to_mql !== undefined) fields.push(pct(c.lead_to_mql));
    if (c.segment !== undefined) {
      if (c.lead_to_mql === undefined) fields.push('');
      fields.push(String(c.segment + 1)); // the link's segment number is 1-based
    }
    add('channel', fields.join('~'));
  }
  // Quarter shares as percentages, Q1~Q2~Q3~Q4 (docs/model.md, "Timing").
  if (s.seasonality !== undefined) add('seasonality', s.seasonality.map(pct).join('~'));
  if (s.budget_phasing !== undefined) add('budget_phasing', s.budget_phasing.map(pct).join('~'));
  for (const id of CAPACITY_INPUTS) if (s[id] !== undefined) add(id, s[id]);
  if (s.cut !== undefined) add('cut_pct', pct(s.cut));
  if (s.cut_from_month !== undefined) add('cut_from_month', s.cut_from_month);
  return parts.join('&');
}

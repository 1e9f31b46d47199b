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
 * Compute every metric of docs/model.md for a (valid) scenario.
 * Returns `{ <metric id>: number|null, ..., channels: [...], levers_shown: boolean }`.
 * Lever IDs are always present in the returned object; they are `null` when
 * `levers_shown` is false (the page then has no lever elements at all).
 */
export function computePlan(s) {
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
    channels: s.channels.map((c) => ({
      ...c,
      share: r(c.share),
      ...(c.lead_to_mql === undefined ? {} : { lead_to_mql: r(c.lead_to_mql) }),
    })),
  };
}

/**
 * Build a share-link query string (without the leading "?") for a scenario.
 * Percent parameters are percentages (22 for 0.22). A channel is
 * NAME~SHARE_PCT~CPL~MQL_PCT; MQL_PCT is left out when the channel has no
 * lead_to_mql of its own. Values are percent-encoded with encodeURIComponent.
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
  for (const c of s.channels ?? []) {
    const fields = [c.name, pct(c.share), String(c.cost_per_lead)];
    if (c.lead_to_mql !== undefined) fields.push(pct(c.lead_to_mql));
    add('channel', fields.join('~'));
  }
  if (s.cut !== undefined) add('cut_pct', pct(s.cut));
  if (s.cut_from_month !== undefined) add('cut_from_month', s.cut_from_month);
  return parts.join('&');
}

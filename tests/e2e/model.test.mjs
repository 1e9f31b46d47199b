// Unit tests of the test oracle (tests/e2e/model.mjs) against hand-computed cases.
// Run: node --test tests/e2e/model.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computePlan,
  closeEnough,
  compareValue,
  DEFAULT_SCENARIO,
  LEVER_IDS,
  METRIC_IDS,
  scenario,
  scenarioToQuery,
  viaLink,
} from './model.mjs';

function near(actual, expected, label) {
  if (expected === null) {
    assert.equal(actual, null, `${label}: expected null, got ${actual}`);
    return;
  }
  assert.ok(
    actual !== null && closeEnough(actual, expected),
    `${label}: expected ${expected}, got ${actual}`,
  );
}

function checkAll(plan, expected) {
  for (const [id, v] of Object.entries(expected)) near(plan[id], v, id);
}

// ---------------------------------------------------------------------------
// Case A, worked by hand (coverage >= 1, unallocated budget, no levers)
//
//   goal 1,000,000; recurring 200,000; deal 10,000; spend 10 %; marketing 50 %
//   funnel 50 % / 50 % / 50 % / win 50 %; cycle 3; margin 80 %; LTV 40,000
//   cut 25 % from month 7
//   channel A: share 50 %, CPL 100, lead->MQL 50 %
//   channel B: share 25 %, CPL  50, lead->MQL 25 %  (25 % unallocated)
//
// Required: new revenue 800,000 -> 80 wins -> 40 marketing, 40 sales-sourced
//   -> 80 opps -> 160 SQLs -> 320 MQLs.
// Funded: budget 100,000.
//   A: 50,000 -> 500 leads -> 250 MQL -> 125 SQL -> 62.5 opp -> 31.25 wins
//      -> 312,500 revenue; ROI (312,500*0.8 - 50,000)/50,000 = 4
//   B: 25,000 -> 500 leads -> 125 MQL -> 62.5 SQL -> 31.25 opp -> 15.625 wins
//      -> 156,250 revenue; ROI (125,000 - 25,000)/25,000 = 4
//   spend 75,000, unallocated 25,000, leads 1,000, MQL 375, SQL 187.5,
//   opps 93.75, wins 46.875, marketing revenue 468,750.
//   blended lead->MQL 375/1000 = 0.375 -> required leads 320/0.375 = 853.33..
// Plan vs goal: coverage 46.875/40 = 1.171875; CAC 75,000/46.875 = 1,600;
//   required budget 40*1,600 = 64,000 (6.4 % of goal); gap -11,000;
//   leads gap 853.33 - 1000 = -146.67; CPL 75; cost/MQL 200;
//   projected revenue 200,000 + 40*10,000 + 468,750 = 1,068,750 (106.875 %);
//   ROI (468,750*0.8 - 75,000)/75,000 = 4; lifetime ROI (46.875*40,000 - 75,000)/75,000 = 24;
//   revenue per $ 6.25; LTV:CAC 25; payback 1,600/(10,000*0.8/12) = 2.4 months.
// Timeline: in-year 468,750*9/12 = 351,562.5; next year 117,187.5.
// Cut: months cut 6; saved 75,000*0.25*6/12 = 9,375; lost wins 46.875*0.125 = 5.859375;
//   lost revenue 58,593.75; lost in-year 468,750*0.25*(13-7-3)/12 = 29,296.875;
//   next year 29,296.875; lost gross profit 46,875.
// ---------------------------------------------------------------------------
const caseA = {
  name: 'Case A',
  currency: 'USD',
  revenue_goal: 1_000_000,
  recurring_revenue: 200_000,
  deal_size: 10_000,
  spend: 0.1,
  marketing_sourced: 0.5,
  lead_to_mql: 0.5,
  mql_to_sql: 0.5,
  sql_to_opp: 0.5,
  win_rate: 0.5,
  sales_cycle_months: 3,
  gross_margin: 0.8,
  lifetime_value: 40_000,
  cut: 0.25,
  cut_from_month: 7,
  channels: [
    { name: 'A', share: 0.5, cost_per_lead: 100, lead_to_mql: 0.5 },
    { name: 'B', share: 0.25, cost_per_lead: 50, lead_to_mql: 0.25 },
  ],
};

test('oracle: hand-computed case A (coverage >= 1, unallocated budget)', () => {
  const p = computePlan(caseA);
  checkAll(p, {
    new_revenue: 800_000,
    required_wins: 80,
    marketing_wins: 40,
    sales_sourced_wins: 40,
    required_opportunities: 80,
    required_sqls: 160,
    required_mqls: 320,
    blended_lead_to_mql: 0.375,
    required_leads: 320 / 0.375,
    budget: 100_000,
    spend: 75_000,
    unallocated_budget: 25_000,
    funded_leads: 1000,
    funded_mqls: 375,
    funded_sqls: 187.5,
    funded_opportunities: 93.75,
    projected_wins: 46.875,
    projected_marketing_revenue: 468_750,
    coverage: 1.171875,
    cac: 1600,
    required_budget: 64_000,
    required_spend_share: 0.064,
    budget_gap: -11_000,
    leads_gap: 320 / 0.375 - 1000,
    blended_cpl: 75,
    cost_per_mql: 200,
    projected_revenue: 1_068_750,
    attainment: 1.06875,
    roi: 4,
    lifetime_roi: 24,
    revenue_per_marketing_dollar: 6.25,
    ltv_to_cac: 25,
    payback_months: 2.4,
    in_year_marketing_revenue: 351_562.5,
    next_year_marketing_revenue: 117_187.5,
    budget_saved: 9375,
    lost_wins: 5.859375,
    lost_revenue: 58_593.75,
    lost_in_year_revenue: 29_296.875,
    lost_next_year_revenue: 29_296.875,
    lost_gross_profit: 46_875,
  });
  assert.equal(p.levers_shown, false);
  for (const id of LEVER_IDS) assert.equal(p[id], null, id);
  assert.equal(p.channels.length, 2);
  checkAll(p.channels[0], {
    channel_budget: 50_000,
    channel_leads: 500,
    channel_mqls: 250,
    channel_wins: 31.25,
    channel_revenue: 312_500,
    channel_roi: 4,
  });
  checkAll(p.channels[1], {
    channel_budget: 25_000,
    channel_leads: 500,
    channel_mqls: 125,
    channel_wins: 15.625,
    channel_revenue: 156_250,
    channel_roi: 4,
  });
  // Exact in binary floating point too (all values are dyadic here).
  assert.equal(p.coverage, 1.171875);
  assert.equal(p.cac, 1600);
});

// Case B: case A with spend 5 % -> every funded number halves.
//   wins 23.4375, coverage 23.4375/40 = 0.5859375 < 1 -> levers shown.
//   CAC 37,500/23.4375 = 1,600 (unchanged) -> required budget 64,000 -> lever spend share 0.064.
//   lever win rate = sql->opp = mql->sql = 0.5/0.5859375 = 0.85333..
//   lead-quality factor 1/0.5859375 = 1.70666..; A: 0.5*1.7067 = 0.853 <= 1 -> reachable.
//   lever deal size 10,000/0.5859375 = 17,066.67; CPL factor 0.5859375.
test('oracle: hand-computed case B (coverage < 1, all levers reachable)', () => {
  const p = computePlan({ ...caseA, spend: 0.05 });
  assert.equal(p.levers_shown, true);
  checkAll(p, {
    budget: 50_000,
    spend: 37_500,
    projected_wins: 23.4375,
    coverage: 0.5859375,
    cac: 1600,
    required_budget: 64_000,
    budget_gap: 26_500,
    lever_spend_share: 0.064,
    lever_win_rate: 0.5 / 0.5859375,
    lever_sql_to_opp: 0.5 / 0.5859375,
    lever_mql_to_sql: 0.5 / 0.5859375,
    lever_lead_quality_factor: 1 / 0.5859375,
    lever_deal_size: 10_000 / 0.5859375,
    lever_cost_per_lead_factor: 0.5859375,
  });
});

// Case B2: spend 2 % -> wins 9.375, coverage 0.234375.
//   win rate 0.5/0.234375 = 2.13 > 1 -> not reachable (null); same for SQL->opp, MQL->SQL.
//   factor 4.2667: channel A 0.5*4.27 > 1 -> not reachable.
//   spend share stays 0.064 (reachable); deal size 42,666.67.
test('oracle: unreachable levers are null, the others keep values', () => {
  const p = computePlan({ ...caseA, spend: 0.02 });
  assert.equal(p.levers_shown, true);
  checkAll(p, {
    coverage: 0.234375,
    lever_spend_share: 0.064,
    lever_win_rate: null,
    lever_sql_to_opp: null,
    lever_mql_to_sql: null,
    lever_lead_quality_factor: null,
    lever_deal_size: 10_000 / 0.234375,
    lever_cost_per_lead_factor: 0.234375,
  });
  // Lead-quality factor ignores channels with share 0: budget 100,000; A gets 50,000
  // -> 500 leads -> 100 MQL -> 12.5 wins; coverage 12.5/40 = 0.3125; factor 3.2;
  // A: 0.2*3.2 = 0.64 (reachable); Z: 0.9*3.2 > 1 but Z has no budget.
  const q = computePlan({
    ...caseA,
    channels: [
      { name: 'A', share: 0.5, cost_per_lead: 100, lead_to_mql: 0.2 },
      { name: 'Z', share: 0, cost_per_lead: 100, lead_to_mql: 0.9 },
    ],
  });
  near(q.coverage, 0.3125, 'coverage');
  near(q.lever_lead_quality_factor, 3.2, 'lever_lead_quality_factor');
  assert.equal(q.channels[1].channel_roi, null, 'zero-budget channel has undefined ROI');
  // Spend share above 100 % of the goal is not reachable.
  const r = computePlan({ ...caseA, spend: 0.01, deal_size: 100, recurring_revenue: 0 });
  assert.ok(r.required_spend_share > 1);
  assert.equal(r.lever_spend_share, null);
});

// The budget-cut sentence of docs/model.md: "Cutting 20% from month 7 saves $80,000 and
// loses 14 deals: $700,000 of revenue ...". Shape: spend 800,000 (8 % of 10M, one
// channel with 100 % share), 140 projected wins at 50,000 per deal.
//   One channel, CPL 100: 8,000 leads *0.25 = 2,000 MQL *0.4 = 800 SQL *0.5 = 400 opps
//   *0.35 = 140 wins -> 7,000,000 marketing revenue.
//   months cut = 13 - 7 = 6: saved 800,000*0.2*6/12 = 80,000; lost wins 140*0.1 = 14;
//   lost revenue 700,000; with a 3-month cycle, in-year 7,000,000*0.2*(13-7-3)/12 = 350,000,
//   next year 350,000; lost gross profit 700,000*0.75 = 525,000.
// (The MODEL's "$175,000 of it this year" would need a 4.5-month cycle: the example
// sentence is illustrative; whole-month cycles give 350,000 (L=3) or 233,333 (L=4).)
test('oracle: docs/model.md budget-cut example shape (20 % from month 7)', () => {
  const s = {
    ...scenario(),
    revenue_goal: 10_000_000,
    recurring_revenue: 0,
    deal_size: 50_000,
    spend: 0.08,
    lead_to_mql: 0.25,
    mql_to_sql: 0.4,
    sql_to_opp: 0.5,
    win_rate: 0.35,
    sales_cycle_months: 3,
    gross_margin: 0.75,
    cut: 0.2,
    cut_from_month: 7,
    channels: [{ name: 'All', share: 1, cost_per_lead: 100 }],
  };
  const p = computePlan(s);
  checkAll(p, {
    spend: 800_000,
    funded_leads: 8000,
    funded_mqls: 2000, // channel lead->MQL omitted: the scenario's 25 % applies
    projected_wins: 140,
    projected_marketing_revenue: 7_000_000,
    budget_saved: 80_000,
    lost_wins: 14,
    lost_revenue: 700_000,
    lost_in_year_revenue: 350_000,
    lost_next_year_revenue: 350_000,
    lost_gross_profit: 525_000,
  });
  const p4 = computePlan({ ...s, sales_cycle_months: 4 });
  near(p4.lost_in_year_revenue, (7_000_000 * 0.2 * 2) / 12, 'lost_in_year_revenue L=4');
  // A cut from month 12 with a cycle that ends the year: nothing lost this year.
  const late = computePlan({ ...s, cut_from_month: 12, sales_cycle_months: 1 });
  near(late.budget_saved, (800_000 * 0.2 * 1) / 12, 'budget_saved month 12');
  assert.equal(late.lost_in_year_revenue, 0);
});

test('oracle: default scenario, spot values worked by hand', () => {
  const p = computePlan(DEFAULT_SCENARIO);
  // 12M - 6M = 6M new; /60k = 100 wins; 50 % marketing = 50.
  near(p.new_revenue, 6_000_000, 'new_revenue');
  near(p.required_wins, 100, 'required_wins');
  near(p.marketing_wins, 50, 'marketing_wins');
  near(p.required_opportunities, 50 / 0.22, 'required_opportunities');
  near(p.budget, 1_080_000, 'budget');
  near(p.spend, 1_080_000, 'spend (shares add to 100 %)');
  near(p.unallocated_budget, 0, 'unallocated_budget');
  // Paid search: 378,000/310 = 1,219.35 leads; content 270,000/164 = 1,646.34;
  // events 216,000/400 = 540; LinkedIn 216,000/250 = 864.
  near(p.funded_leads, 378_000 / 310 + 270_000 / 164 + 540 + 864, 'funded_leads');
  // Wins: MQLs * 0.36 * 0.44 * 0.22 -> about 34.7: coverage about 0.69 -> levers shown.
  assert.ok(p.projected_wins > 34 && p.projected_wins < 35.5, `wins ${p.projected_wins}`);
  assert.ok(p.coverage > 0.68 && p.coverage < 0.71, `coverage ${p.coverage}`);
  assert.equal(p.levers_shown, true);
  for (const id of LEVER_IDS) assert.notEqual(p[id], null, `${id} reachable by default`);
  near(p.in_year_marketing_revenue, (p.projected_marketing_revenue * 8) / 12, 'in-year (cycle 4)');
  for (const id of METRIC_IDS) assert.ok(id in p, `${id} present`);
  assert.equal(p.channels.length, 4);
});

test('oracle: marketing_sourced 0 or recurring >= goal -> coverage undefined, no levers', () => {
  const p = computePlan(scenario({ marketing_sourced: 0 }));
  assert.equal(p.marketing_wins, 0);
  assert.equal(p.required_leads, 0);
  assert.equal(p.coverage, null);
  assert.equal(p.levers_shown, false);
  near(p.required_budget, 0, 'required_budget = 0 * cac');
  near(p.budget_gap, -p.spend, 'budget_gap');
  const q = computePlan(scenario({ recurring_revenue: 13_000_000 }));
  assert.equal(q.new_revenue, 0);
  assert.equal(q.coverage, null);
  assert.equal(q.levers_shown, false);
});

test('oracle: all shares 0 -> nothing funded, coverage 0, every lever undefined', () => {
  const s = scenario();
  s.channels = s.channels.map((c) => ({ ...c, share: 0 }));
  const p = computePlan(s);
  assert.equal(p.spend, 0);
  assert.equal(p.funded_leads, 0);
  assert.equal(p.blended_lead_to_mql, s.lead_to_mql);
  near(p.required_leads, p.required_mqls / s.lead_to_mql, 'required_leads');
  assert.equal(p.coverage, 0);
  assert.equal(p.levers_shown, true);
  for (const id of LEVER_IDS) assert.equal(p[id], null, id);
  for (const id of [
    'cac',
    'required_budget',
    'required_spend_share',
    'budget_gap',
    'blended_cpl',
    'cost_per_mql',
    'roi',
    'lifetime_roi',
    'revenue_per_marketing_dollar',
    'ltv_to_cac',
    'payback_months',
  ]) {
    assert.equal(p[id], null, id);
  }
  near(p.unallocated_budget, p.budget, 'unallocated_budget');
  assert.equal(p.budget_saved, 0);
  for (const c of p.channels) assert.equal(c.channel_roi, null);
});

test('oracle: 24-month cycle puts all marketing revenue into next year', () => {
  const p = computePlan(scenario({ sales_cycle_months: 24 }));
  assert.equal(p.in_year_marketing_revenue, 0);
  assert.equal(p.next_year_marketing_revenue, p.projected_marketing_revenue);
  assert.equal(p.lost_in_year_revenue, 0);
  near(p.lost_next_year_revenue, p.lost_revenue, 'lost_next_year_revenue');
});

test('scenarioToQuery: percentages, channel encoding, round trip through URLSearchParams', () => {
  const q = scenarioToQuery(DEFAULT_SCENARIO);
  assert.match(q, /(^|&)spend_pct=9(&|$)/);
  assert.match(q, /(^|&)win_rate_pct=22(&|$)/);
  assert.match(q, /(^|&)marketing_sourced_pct=50(&|$)/);
  assert.match(q, /(^|&)name=FY27%20growth%20plan(&|$)/);
  assert.ok(q.includes('channel=Content%20%26%20SEO~25~164~22'), q);
  const sp = new URLSearchParams(q);
  assert.deepEqual(sp.getAll('channel'), [
    'Paid search~35~310~26',
    'Content & SEO~25~164~22',
    'Events~20~400~30',
    'LinkedIn ads~20~250~18',
  ]);
  assert.equal(sp.get('cut_pct'), '20');
  assert.equal(sp.get('cut_from_month'), '7');
  const hostile = scenarioToQuery({
    channels: [{ name: '100% <img src=x onerror=alert(1)> & ü', share: 0.5, cost_per_lead: 12.5 }],
  });
  assert.deepEqual(new URLSearchParams(hostile).getAll('channel'), [
    '100% <img src=x onerror=alert(1)> & ü~50~12.5',
  ]);
  // Link percentages divide back to the same fractions for the defaults.
  assert.deepEqual(viaLink(DEFAULT_SCENARIO), {
    ...DEFAULT_SCENARIO,
    channels: DEFAULT_SCENARIO.channels.map((c) => ({ ...c })),
  });
});

test('compareValue: empty <=> null, tolerance, rejects non-numbers', () => {
  assert.equal(compareValue('', null), null);
  assert.notEqual(compareValue('0', null), null);
  assert.notEqual(compareValue('', 0), null);
  assert.equal(compareValue('0.1', 0.1), null);
  assert.equal(compareValue('1000000.0000001', 1_000_000), null);
  assert.notEqual(compareValue('1000001', 1_000_000), null);
  assert.equal(compareValue('0.0000000000001', 0), null);
  assert.notEqual(compareValue('NaN', 1), null);
  assert.notEqual(compareValue('inf', 1), null);
  assert.notEqual(compareValue(undefined, 1), null);
});

//! Tracking the plan: check-ins of actuals to date, compared with the plan
//! to date ("Check-ins").
//!
//! The plan year starts on the first day of [`Tracking::plan_start`]
//! ("YYYY-MM"); a check-in dated D counts actuals up to the end of day D.
//! The plan to date is the plan's monthly timeline (docs/model.md, "Timeline")
//! pro-rated by day within the month: spend, leads, MQLs, SQLs and
//! opportunities arrive evenly from month 0; deals and marketing-sourced
//! revenue arrive evenly from month L (the sales cycle).

use super::{Field, Metric, Plan, Scenario, Undefined};
use serde::{Deserialize, Serialize};

/// At most this many check-ins per scenario (older ones are kept first).
pub const MAX_CHECK_INS: usize = 100;
/// The largest actual the planner accepts, like every other amount.
pub const ACTUAL_MAX: f64 = super::MONEY_MAX;
/// A stage is "on track" within this fraction of its plan to date.
pub const ON_TRACK_TOLERANCE: f64 = 0.10;

/// The plan-year start and the check-ins recorded against it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tracking {
    /// First month of the plan year, "YYYY-MM", kept as typed.
    pub plan_start: String,
    /// Check-ins in the order they were recorded.
    pub check_ins: Vec<CheckIn>,
}

impl Default for Tracking {
    fn default() -> Self {
        Tracking {
            plan_start: "2026-01".into(),
            check_ins: vec![],
        }
    }
}

/// One check-in: a date and the actuals to date. `None` is left blank.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckIn {
    /// "YYYY-MM-DD", kept as typed.
    pub date: String,
    pub spend: Option<f64>,
    pub leads: Option<f64>,
    pub mqls: Option<f64>,
    pub sqls: Option<f64>,
    pub opportunities: Option<f64>,
    pub wins: Option<f64>,
    /// Marketing-sourced revenue booked to date.
    pub revenue: Option<f64>,
}

/// The measures of a check-in, in funnel order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    Spend,
    Leads,
    Mqls,
    Sqls,
    Opportunities,
    Wins,
    Revenue,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Spend,
        Stage::Leads,
        Stage::Mqls,
        Stage::Sqls,
        Stage::Opportunities,
        Stage::Wins,
        Stage::Revenue,
    ];

    /// The id used in `data-metric` ids (`actual_leads`, `pace_wins`, …).
    pub fn id(self) -> &'static str {
        match self {
            Stage::Spend => "spend",
            Stage::Leads => "leads",
            Stage::Mqls => "mqls",
            Stage::Sqls => "sqls",
            Stage::Opportunities => "opportunities",
            Stage::Wins => "wins",
            Stage::Revenue => "revenue",
        }
    }

    /// The label a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Spend => "Spend",
            Stage::Leads => "Leads",
            Stage::Mqls => "MQLs",
            Stage::Sqls => "SQLs",
            Stage::Opportunities => "Opportunities",
            Stage::Wins => "Deals won",
            Stage::Revenue => "Marketing-sourced revenue",
        }
    }

    /// The plural in a sentence ("more MQLs than leads").
    pub fn noun(self) -> &'static str {
        match self {
            Stage::Spend => "spend",
            Stage::Leads => "leads",
            Stage::Mqls => "MQLs",
            Stage::Sqls => "SQLs",
            Stage::Opportunities => "opportunities",
            Stage::Wins => "deals won",
            Stage::Revenue => "revenue",
        }
    }

    /// Money rather than a count.
    pub fn is_money(self) -> bool {
        matches!(self, Stage::Spend | Stage::Revenue)
    }

    /// Arrives a sales cycle after its leads.
    pub fn is_delayed(self) -> bool {
        matches!(self, Stage::Wins | Stage::Revenue)
    }
}

impl CheckIn {
    /// The recorded actual for `stage`.
    pub fn actual(&self, stage: Stage) -> Option<f64> {
        match stage {
            Stage::Spend => self.spend,
            Stage::Leads => self.leads,
            Stage::Mqls => self.mqls,
            Stage::Sqls => self.sqls,
            Stage::Opportunities => self.opportunities,
            Stage::Wins => self.wins,
            Stage::Revenue => self.revenue,
        }
    }

    /// Records (or blanks) the actual for `stage`. Invalid values are kept.
    pub fn set_actual(&mut self, stage: Stage, value: Option<f64>) {
        let slot = match stage {
            Stage::Spend => &mut self.spend,
            Stage::Leads => &mut self.leads,
            Stage::Mqls => &mut self.mqls,
            Stage::Sqls => &mut self.sqls,
            Stage::Opportunities => &mut self.opportunities,
            Stage::Wins => &mut self.wins,
            Stage::Revenue => &mut self.revenue,
        };
        *slot = value;
    }

    /// Why the actual for `stage` is invalid: it must be a number from 0.
    pub fn actual_error(&self, stage: Stage) -> Option<String> {
        let v = self.actual(stage)?;
        (!(v.is_finite() && (0.0..=ACTUAL_MAX).contains(&v))).then(|| {
            format!(
                "{} must be a number from 0 to 10 trillion, or left blank",
                stage.label()
            )
        })
    }

    /// Why the date is invalid, given the plan-year start.
    pub fn date_error(&self, plan_start: &str) -> Option<String> {
        let Some(date) = Date::parse(&self.date) else {
            return Some("Date must be a real date written YYYY-MM-DD".into());
        };
        let (year, month) = parse_month(plan_start)?;
        if elapsed_months(year, month, date).is_some() {
            return None;
        }
        let end_year = year + (month as i32 + 10) / 12;
        let end_month = (month + 10) % 12 + 1;
        Some(format!(
            "Date must be within the plan year, {year:04}-{month:02}-01 to {end_year:04}-{end_month:02}-{:02}",
            days_in_month(end_year, end_month)
        ))
    }

    /// Plausibility flags (allowed, but worth a second look): a later stage
    /// above the one before it, such as more MQLs than leads.
    pub fn flags(&self) -> Vec<String> {
        let pairs = [
            (Stage::Leads, Stage::Mqls),
            (Stage::Mqls, Stage::Sqls),
            (Stage::Sqls, Stage::Opportunities),
            (Stage::Opportunities, Stage::Wins),
        ];
        pairs
            .into_iter()
            .filter_map(|(before, after)| {
                let valid = |stage: Stage| {
                    self.actual(stage)
                        .filter(|_| self.actual_error(stage).is_none())
                };
                let (b, a) = (valid(before)?, valid(after)?);
                (a > b).then(|| {
                    format!(
                        "More {} than {}: allowed (stages can be counted differently), but worth checking",
                        after.noun(),
                        before.noun()
                    )
                })
            })
            .collect()
    }
}

/// Whether a stage is ahead of, on or behind its plan to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    Ahead,
    OnTrack,
    Behind,
}

impl Pace {
    /// From actual ÷ plan to date: within ±[`ON_TRACK_TOLERANCE`] is on track.
    pub fn of_ratio(ratio: f64) -> Pace {
        if ratio > 1.0 + ON_TRACK_TOLERANCE {
            Pace::Ahead
        } else if ratio < 1.0 - ON_TRACK_TOLERANCE {
            Pace::Behind
        } else {
            Pace::OnTrack
        }
    }

    /// The `data-pace` attribute value.
    pub fn id(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::OnTrack => "on-track",
            Pace::Behind => "behind",
        }
    }

    /// How it reads for a funnel stage, or for spend (where more is not better).
    pub fn label(self, stage: Stage) -> &'static str {
        match (self, stage) {
            (Pace::Ahead, Stage::Spend) => "Over plan",
            (Pace::OnTrack, Stage::Spend) => "On plan",
            (Pace::Behind, Stage::Spend) => "Under plan",
            (Pace::Ahead, _) => "Ahead",
            (Pace::OnTrack, _) => "On track",
            (Pace::Behind, _) => "Behind",
        }
    }
}

/// One stage of a check-in against the plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StageResult {
    pub stage: Stage,
    /// `actual_<stage>`.
    pub actual: Metric,
    /// `plan_to_date_<stage>`.
    pub plan_to_date: Metric,
    /// `pace_<stage>`: actual ÷ plan to date.
    pub pace: Metric,
    /// Ahead / on track / behind; `None` when either side is unknown.
    pub status: Option<Pace>,
    /// `forecast_<stage>`: the plan year at the current pace.
    pub forecast: Metric,
    /// `plan_year_<stage>`: what the plan expects in the plan year.
    pub plan_year: Metric,
}

/// A conversion rate achieved against the planned one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateResult {
    /// `lead_to_mql`, `mql_to_sql`, `sql_to_opp`, `win_rate`.
    pub id: &'static str,
    /// "MQL→SQL".
    pub label: &'static str,
    pub achieved: Metric,
    pub planned: Metric,
}

/// Where the plan is slipping most, in deals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slipping {
    /// "Lead volume" or a rate's label.
    pub label: &'static str,
    /// Achieved ÷ planned.
    pub ratio: f64,
    /// Deals of the plan year lost if it stays this way: projected wins × (1 − ratio).
    pub deals_at_risk: f64,
    /// What was recorded against what was planned.
    pub evidence: Evidence,
}

/// The figures behind a slipping stage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Evidence {
    /// Leads to date against the plan to date.
    LeadVolume { actual: f64, planned: f64 },
    /// An achieved conversion rate against the planned one.
    Rate { achieved: f64, planned: f64 },
}

/// Whether a check-in names a slipping stage, or why not.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Slip {
    /// The plan's deals are unknown, so deals at risk are too.
    PlanUnknown,
    /// Too little recorded: leads and at least one later stage are needed.
    NotEnoughRecorded,
    /// Lead volume and every recorded rate are on track or ahead.
    NothingBehind,
    /// The stage behind plan that puts the most deals at risk.
    Behind(Slipping),
}

impl Slip {
    /// The slipping stage, if one is named.
    pub fn stage(&self) -> Option<&Slipping> {
        match self {
            Slip::Behind(slipping) => Some(slipping),
            _ => None,
        }
    }
}

/// A check-in compared with the plan to date.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckInResult {
    /// Months of the plan year elapsed at the end of the check-in's day (0–12].
    pub elapsed_months: Metric,
    pub stages: Vec<StageResult>,
    pub rates: Vec<RateResult>,
    /// Spend ÷ leads to date.
    pub achieved_cpl: Metric,
    /// The plan's blended cost per lead.
    pub planned_cpl: Metric,
    /// The slipping stage, or why none is named.
    pub slipping: Slip,
}

/// A real calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Leap years of the Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(text: &str) -> Option<u32> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// "YYYY-MM", years 1900–2200: (year, month).
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (y, m) = text.trim().split_once('-')?;
    let (year, month) = (digits(y)?, digits(m)?);
    (y.len() == 4 && m.len() == 2 && (1900..=2200).contains(&year) && (1..=12).contains(&month))
        .then_some((year as i32, month))
}

impl Date {
    /// "YYYY-MM-DD", a day that exists (29 February only in leap years).
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let (month_part, d) = text.rsplit_once('-')?;
        let (year, month) = parse_month(month_part)?;
        let day = digits(d)?;
        (d.len() == 2 && (1..=days_in_month(year, month)).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (negative before), proleptic Gregorian.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// Months of the plan year (starting on the first of `year`-`month`)
/// elapsed by the end of `date`: whole months plus the day's share of its
/// month. `None` outside the plan year.
pub fn elapsed_months(year: i32, month: u32, date: Date) -> Option<f64> {
    let whole = (date.year - year) * 12 + date.month as i32 - month as i32;
    (0..12).contains(&whole).then(|| {
        f64::from(whole) + f64::from(date.day) / f64::from(days_in_month(date.year, date.month))
    })
}

impl Tracking {
    /// Why the plan start is invalid.
    pub fn plan_start_error(&self) -> Option<String> {
        parse_month(&self.plan_start)
            .is_none()
            .then(|| "Plan year start must be a month written YYYY-MM (1900–2200)".into())
    }

    /// Months elapsed at check-in `c`, or why there is no such number.
    pub fn elapsed(&self, c: &CheckIn) -> Metric {
        match (parse_month(&self.plan_start), Date::parse(&c.date)) {
            (Some((y, m)), Some(date)) => elapsed_months(y, m, date)
                .map_or(Metric::undefined(Undefined::InvalidCheckInDate), Metric::of),
            _ => Metric::undefined(Undefined::InvalidCheckInDate),
        }
    }

    /// Every check-in compared with the plan, in recorded order.
    pub fn results(&self, s: &Scenario, plan: &Plan) -> Vec<CheckInResult> {
        self.check_ins
            .iter()
            .map(|c| compare(s, plan, self.elapsed(c), c))
            .collect()
    }
}

/// The plan's cumulative value of `stage` by `elapsed` months, and for the
/// whole plan year. Leads and the stages before the deal follow the budget
/// phasing; delayed stages start after `sales_cycle` months and follow the
/// phasing of the leads they come from (docs/model.md, "Check-ins"). With
/// two or more segments each segment's deals start after its own cycle, and
/// `sales_cycle` is not used for them. An even year is a straight line.
pub fn plan_to_date(plan: &Plan, stage: Stage, elapsed: Metric, sales_cycle: Metric) -> Metric {
    let phasing = plan.phasing;
    let closed_by = |cycle: Metric| phasing.weight_to((elapsed - cycle).map(|m| m.max(0.0))) / 12.0;
    if !stage.is_delayed() {
        year_total(plan, stage) * phasing.weight_to(elapsed) / 12.0
    } else if plan.segments.len() > 1 {
        by_segment(plan, stage, closed_by)
    } else {
        year_total(plan, stage) * closed_by(sales_cycle)
    }
}

fn year_total(plan: &Plan, stage: Stage) -> Metric {
    match stage {
        Stage::Spend => plan.spend,
        Stage::Leads => plan.funded_leads,
        Stage::Mqls => plan.funded_mqls,
        Stage::Sqls => plan.funded_sqls,
        Stage::Opportunities => plan.funded_opportunities,
        Stage::Wins => plan.projected_wins,
        Stage::Revenue => plan.projected_marketing_revenue,
    }
}

/// Σ over segments of the segment's total of a delayed stage × the share of
/// the year its cycle lets close.
fn by_segment(plan: &Plan, stage: Stage, share: impl Fn(Metric) -> Metric) -> Metric {
    plan.segments.iter().fold(Metric::of(0.0), |sum, g| {
        let total = match stage {
            Stage::Revenue => g.segment_projected_marketing_revenue,
            _ => g.segment_projected_wins,
        };
        sum + total * share(g.funnel.sales_cycle)
    })
}

/// What the plan expects of `stage` within the plan year: deals and revenue
/// lose what lands after month 12 (each segment's by its own cycle).
pub fn plan_year(plan: &Plan, stage: Stage, sales_cycle: Metric) -> Metric {
    let phasing = plan.phasing;
    let in_year = |cycle: Metric| phasing.weight_to(cycle.map(|l| (12.0 - l).max(0.0))) / 12.0;
    if !stage.is_delayed() {
        year_total(plan, stage)
    } else if plan.segments.len() > 1 {
        by_segment(plan, stage, in_year)
    } else {
        year_total(plan, stage) * in_year(sales_cycle)
    }
}

fn compare(s: &Scenario, plan: &Plan, elapsed: Metric, c: &CheckIn) -> CheckInResult {
    let sales_cycle = s.input(Field::SalesCycleMonths);
    let actual = |stage: Stage| match c.actual(stage) {
        None => Metric::undefined(Undefined::NotRecorded),
        Some(_) if c.actual_error(stage).is_some() => Metric::undefined(Undefined::InvalidActual),
        Some(v) => Metric::of(v),
    };
    let stages: Vec<StageResult> = Stage::ALL
        .into_iter()
        .map(|stage| {
            let actual = actual(stage);
            let plan_to_date = plan_to_date(plan, stage, elapsed, sales_cycle);
            let pace = actual.per(plan_to_date, Undefined::NothingPlannedYet);
            let status = match (actual.0, plan_to_date.0, pace.0) {
                (_, _, Ok(ratio)) => Some(Pace::of_ratio(ratio)),
                (Ok(a), Ok(0.0), _) if a > 0.0 => Some(Pace::Ahead),
                (Ok(_), Ok(0.0), _) => Some(Pace::OnTrack),
                _ => None,
            };
            let plan_year = plan_year(plan, stage, sales_cycle);
            StageResult {
                stage,
                actual,
                plan_to_date,
                pace,
                status,
                forecast: pace * plan_year,
                plan_year,
            }
        })
        .collect();
    let get = |stage: Stage| actual(stage);
    // Deals close a sales cycle after their opportunities: only the share
    // of opportunities old enough to have closed counts towards the win rate.
    // With segments each has its own cycle: the share of the plan's
    // opportunities (as its channels mix them) old enough to have closed.
    // Opportunities arrive as the budget is phased: the share old enough
    // is the phased weight a cycle back over the weight to date (an even
    // year: (elapsed − cycle) / elapsed).
    let phasing = plan.phasing;
    let closable_share = |cycle: Metric| {
        phasing
            .weight_to((elapsed - cycle).map(|m| m.max(0.0)))
            .per(phasing.weight_to(elapsed), Undefined::NothingPlannedYet)
    };
    let closable = if plan.segments.len() > 1 {
        plan.segments
            .iter()
            .fold(Metric::of(0.0), |sum, g| {
                sum + g.segment_funded_opportunities * closable_share(g.funnel.sales_cycle)
            })
            .per(plan.funded_opportunities, Undefined::NothingFunded)
    } else {
        closable_share(sales_cycle)
    };
    // With segments a planned rate is the plan-wide one, each segment's rate
    // weighed by what its channels buy; with one it is the input itself.
    let planned = |field: Field, ratio: Metric| {
        if plan.segments.len() > 1 {
            ratio
        } else {
            s.input(field)
        }
    };
    let closable_opportunities = get(Stage::Opportunities) * closable;
    let rates = vec![
        RateResult {
            id: "lead_to_mql",
            label: "Lead→MQL",
            achieved: get(Stage::Mqls).per(get(Stage::Leads), Undefined::NoPriorStage),
            planned: plan.blended_lead_to_mql,
        },
        RateResult {
            id: "mql_to_sql",
            label: "MQL→SQL",
            achieved: get(Stage::Sqls).per(get(Stage::Mqls), Undefined::NoPriorStage),
            planned: planned(
                Field::MqlToSqlPct,
                plan.funded_sqls
                    .per(plan.funded_mqls, Undefined::NothingFunded),
            ),
        },
        RateResult {
            id: "sql_to_opp",
            label: "SQL→opportunity",
            achieved: get(Stage::Opportunities).per(get(Stage::Sqls), Undefined::NoPriorStage),
            planned: planned(
                Field::SqlToOppPct,
                plan.funded_opportunities
                    .per(plan.funded_sqls, Undefined::NothingFunded),
            ),
        },
        RateResult {
            id: "win_rate",
            label: "Win rate",
            achieved: match closable.0 {
                Ok(0.0) => Metric::undefined(Undefined::NoDealsDueYet),
                _ => get(Stage::Wins).per(closable_opportunities, Undefined::NoPriorStage),
            },
            planned: planned(
                Field::WinRatePct,
                plan.projected_wins
                    .per(plan.funded_opportunities, Undefined::NothingFunded),
            ),
        },
    ];
    let achieved_cpl = get(Stage::Spend).per(get(Stage::Leads), Undefined::NoPriorStage);
    let slipping = slipping(plan, &stages, &rates);
    CheckInResult {
        elapsed_months: elapsed,
        stages,
        rates,
        achieved_cpl,
        planned_cpl: plan.blended_cpl,
        slipping,
    }
}

/// The stage (lead volume or a conversion rate) that costs the most deals
/// when it is behind plan; wins scale linearly with each, so one running at
/// r × plan puts projected wins × (1 − r) at risk.
fn slipping(plan: &Plan, stages: &[StageResult], rates: &[RateResult]) -> Slip {
    let Some(wins) = plan.projected_wins.value() else {
        return Slip::PlanUnknown;
    };
    let mut candidates: Vec<Slipping> = vec![];
    if let Some(leads) = stages.iter().find(|r| r.stage == Stage::Leads)
        && let (Ok(ratio), Ok(actual), Ok(planned)) =
            (leads.pace.0, leads.actual.0, leads.plan_to_date.0)
    {
        candidates.push(Slipping {
            label: "Lead volume",
            ratio,
            deals_at_risk: wins * (1.0 - ratio),
            evidence: Evidence::LeadVolume { actual, planned },
        });
    }
    for rate in rates {
        if let (Ok(achieved), Ok(planned)) = (rate.achieved.0, rate.planned.0)
            && planned > 0.0
        {
            let ratio = achieved / planned;
            candidates.push(Slipping {
                label: rate.label,
                ratio,
                deals_at_risk: wins * (1.0 - ratio),
                evidence: Evidence::Rate { achieved, planned },
            });
        }
    }
    if candidates.is_empty() {
        return Slip::NotEnoughRecorded;
    }
    candidates
        .into_iter()
        .filter(|c| c.ratio.is_finite() && Pace::of_ratio(c.ratio) == Pace::Behind)
        .max_by(|a, b| a.deals_at_risk.total_cmp(&b.deals_at_risk))
        .map_or(Slip::NothingBehind, Slip::Behind)
}

//! The multi-year view: the plan year grown by a rate per year,
//! over a horizon of 1–5 years, each year planned by [`Plan::compute`] on a
//! derived scenario.
//!
//! Year n's revenue goal, and the revenue from existing customers with it,
//! are year 1's × (1 + growth)^(n − 1). Everything else is year 1's unless a
//! year changes the spend %, win rate or cost per lead; a change carries
//! forward to later years until another replaces it.

use super::{Field, Metric, Plan, Scenario, Undefined};
use serde::{Deserialize, Serialize};

/// The longest horizon, in years.
pub const MAX_YEARS: usize = 5;
/// Growth per year must be within this range (fractions).
pub const GROWTH_RANGE: (f64, f64) = (-0.5, 2.0);
/// A year's cost-per-lead change (against year 1) must be within this range.
pub const CPL_CHANGE_RANGE: (f64, f64) = (-0.9, 2.0);

/// The multi-year settings of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MultiYear {
    /// Growth of the revenue goal per year, a fraction (0.25 = +25%).
    pub growth: f64,
    /// Years shown, a whole number 1–5; kept as typed.
    pub years: f64,
    /// Changes for years 2–5 (index 0 is year 2).
    pub changes: Vec<YearChange>,
}

impl Default for MultiYear {
    fn default() -> Self {
        MultiYear {
            growth: 0.25,
            years: 3.0,
            changes: vec![],
        }
    }
}

/// What changes in one year; `None` keeps the year before's value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct YearChange {
    /// Marketing budget as a fraction of that year's goal.
    pub spend: Option<f64>,
    /// Win rate, a fraction.
    pub win_rate: Option<f64>,
    /// Every channel's cost per lead against year 1, a fraction (−0.1 = 10% cheaper).
    pub cost_per_lead_change: Option<f64>,
}

/// A per-year setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearSetting {
    Spend,
    WinRate,
    CostPerLeadChange,
}

impl YearChange {
    pub fn get(&self, setting: YearSetting) -> Option<f64> {
        match setting {
            YearSetting::Spend => self.spend,
            YearSetting::WinRate => self.win_rate,
            YearSetting::CostPerLeadChange => self.cost_per_lead_change,
        }
    }

    pub fn set(&mut self, setting: YearSetting, value: Option<f64>) {
        match setting {
            YearSetting::Spend => self.spend = value,
            YearSetting::WinRate => self.win_rate = value,
            YearSetting::CostPerLeadChange => self.cost_per_lead_change = value,
        }
    }
}

impl YearSetting {
    pub const ALL: [YearSetting; 3] = [
        YearSetting::Spend,
        YearSetting::WinRate,
        YearSetting::CostPerLeadChange,
    ];

    pub fn label(self) -> &'static str {
        match self {
            YearSetting::Spend => "Marketing budget",
            YearSetting::WinRate => "Win rate",
            YearSetting::CostPerLeadChange => "Cost per lead change",
        }
    }

    /// Why `value` is invalid, naming the setting, its year and its range.
    pub fn error(self, year: usize, value: f64) -> Option<String> {
        let ok = value.is_finite()
            && match self {
                YearSetting::Spend | YearSetting::WinRate => value > 0.0 && value <= 1.0,
                YearSetting::CostPerLeadChange => {
                    (CPL_CHANGE_RANGE.0..=CPL_CHANGE_RANGE.1).contains(&value)
                }
            };
        (!ok).then(|| match self {
            YearSetting::Spend | YearSetting::WinRate => format!(
                "Year {year} {} must be above 0% and at most 100%, or left blank",
                self.label().to_ascii_lowercase()
            ),
            YearSetting::CostPerLeadChange => format!(
                "Year {year} cost per lead change must be from −90% to +200%, or left blank"
            ),
        })
    }
}

impl MultiYear {
    /// Why the growth rate is invalid.
    pub fn growth_error(&self) -> Option<String> {
        let g = self.growth;
        (!(g.is_finite() && (GROWTH_RANGE.0..=GROWTH_RANGE.1).contains(&g)))
            .then(|| "Growth per year must be from −50% to 200%".into())
    }

    /// Why the horizon is invalid.
    pub fn years_error(&self) -> Option<String> {
        let y = self.years;
        (!(y.is_finite() && y.fract() == 0.0 && (1.0..=MAX_YEARS as f64).contains(&y)))
            .then(|| "Years must be a whole number from 1 to 5".into())
    }

    /// The horizon, when valid.
    pub fn horizon(&self) -> Option<usize> {
        self.years_error().is_none().then_some(self.years as usize)
    }

    /// The change recorded for `year` (2–5).
    pub fn change(&self, year: usize) -> YearChange {
        year.checked_sub(2)
            .and_then(|i| self.changes.get(i))
            .copied()
            .unwrap_or_default()
    }

    /// The scenario planned in `year` (1-based), or why it cannot be built.
    pub fn scenario_for(&self, base: &Scenario, year: usize) -> Result<Scenario, Undefined> {
        if self.growth_error().is_some() {
            return Err(Undefined::InvalidMultiYear);
        }
        let mut s = Scenario {
            tracking: Default::default(),
            multi_year: Default::default(),
            ..base.clone()
        };
        let factor = (1.0 + self.growth).powi(year.saturating_sub(1) as i32);
        s.revenue_goal *= factor;
        s.recurring_revenue *= factor;
        let mut cpl_change = 0.0;
        for y in 2..=year {
            let change = self.change(y);
            for setting in YearSetting::ALL {
                let Some(v) = change.get(setting) else {
                    continue;
                };
                if setting.error(y, v).is_some() {
                    return Err(Undefined::InvalidMultiYear);
                }
                match setting {
                    YearSetting::Spend => s.spend = v,
                    YearSetting::WinRate => s.win_rate = v,
                    YearSetting::CostPerLeadChange => cpl_change = v,
                }
            }
        }
        for c in &mut s.channels {
            c.cost_per_lead *= 1.0 + cpl_change;
        }
        Ok(s)
    }

    /// Every year of the horizon, planned; or why the view cannot be built.
    pub fn plan(&self, base: &Scenario) -> Result<Vec<YearPlan>, Undefined> {
        let years = self.horizon().ok_or(Undefined::InvalidMultiYear)?;
        (1..=years)
            .map(|year| {
                let scenario = self.scenario_for(base, year)?;
                let plan = Plan::compute(&scenario);
                Ok(YearPlan {
                    year,
                    revenue_goal: scenario.input(Field::RevenueGoal),
                    spend_share: scenario.input(Field::SpendPct),
                    win_rate: scenario.input(Field::WinRatePct),
                    cost_per_lead_factor: Metric::of(
                        scenario
                            .channels
                            .first()
                            .zip(base.channels.first())
                            .map_or(1.0, |(c, b)| c.cost_per_lead / b.cost_per_lead),
                    ),
                    plan,
                })
            })
            .collect()
    }
}

/// One year of the multi-year view. The `plan` holds every metric of
/// docs/model.md for that year's derived scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct YearPlan {
    /// 1-based.
    pub year: usize,
    /// `year_revenue_goal`.
    pub revenue_goal: Metric,
    /// The year's spend % (a fraction), after changes.
    pub spend_share: Metric,
    /// The year's win rate, after changes.
    pub win_rate: Metric,
    /// Every channel's cost per lead against year 1 (1 = unchanged).
    pub cost_per_lead_factor: Metric,
    pub plan: Plan,
}

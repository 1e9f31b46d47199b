//! Can sales work what marketing buys? (docs/model.md, "Sales capacity").
//!
//! Four optional inputs: account executives and their quota, SDRs and the
//! MQLs each works a month. A blank one is "not planned": every output
//! that uses it is undefined for that reason, so the page shows nothing.

use super::plan_year::whole_count;
use super::{Field, Metric, Plan, Scenario, Undefined};

/// The capacity figures. The first four are the `data-metric` ids of
/// docs/model.md; the rest are what a sentence about them needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Capacity {
    /// AEs the new revenue needs: new_revenue / ae_quota.
    pub aes_needed: Metric,
    /// Share of the new revenue the AEs can close: ae_count × ae_quota / new_revenue.
    pub ae_capacity_coverage: Metric,
    /// SDRs the required MQLs need: required_mqls / (12 × sdr_mqls_per_month).
    pub sdrs_needed: Metric,
    /// Funded MQLs against what the SDRs can work: above 1, MQLs go unworked.
    pub sdr_load: Metric,
    /// New revenue the AEs can close in the year: ae_count × ae_quota.
    pub ae_capacity: Metric,
    /// MQLs the SDRs can work in the year: 12 × sdr_count × sdr_mqls_per_month.
    pub sdr_capacity: Metric,
    /// Share of the required MQLs the SDRs can work: sdr_capacity / required_mqls.
    pub sdr_capacity_coverage: Metric,
    /// Whole AEs to hire so sales can close the new revenue:
    /// max(0, ⌈aes_needed⌉ − ae_count).
    pub aes_to_hire: Metric,
    /// Whole SDRs to hire so the required MQLs are worked:
    /// max(0, ⌈sdrs_needed⌉ − sdr_count).
    pub sdrs_to_hire: Metric,
}

/// An optional input: its value, undefined "not planned" when blank, or
/// invalid when out of range.
pub(super) fn planned(s: &Scenario, field: Field) -> Metric {
    if s.error(field).is_some() {
        return Metric::undefined(Undefined::Invalid(field));
    }
    match s.number(field) {
        Some(value) => Metric::of(value),
        None => Metric::undefined(Undefined::NotPlanned(field)),
    }
}

/// The first of `inputs` that is not planned or invalid, as the reason.
fn all_given(inputs: &[Metric]) -> Result<(), Undefined> {
    inputs.iter().try_for_each(|m| m.0.map(|_| ()))
}

/// Only when every capacity input it uses is given; then `value`.
fn when_given(inputs: &[Metric], value: impl FnOnce() -> Metric) -> Metric {
    match all_given(inputs) {
        Ok(()) => value(),
        Err(why) => Metric::undefined(why),
    }
}

impl Capacity {
    pub(super) fn compute(
        s: &Scenario,
        new_revenue: Metric,
        required_mqls: Metric,
        funded_mqls: Metric,
    ) -> Capacity {
        let ae_count = planned(s, Field::AeCount);
        let ae_quota = planned(s, Field::AeQuota);
        let sdr_count = planned(s, Field::SdrCount);
        let per_month = planned(s, Field::SdrMqlsPerMonth);

        let aes_needed = when_given(&[ae_quota], || new_revenue / ae_quota);
        let ae_capacity = when_given(&[ae_count, ae_quota], || ae_count * ae_quota);
        let ae_capacity_coverage = when_given(&[ae_count, ae_quota], || {
            ae_capacity.per(new_revenue, Undefined::NoNewRevenue)
        });
        let sdrs_needed = when_given(&[per_month], || required_mqls / (per_month * 12.0));
        let sdr_capacity = when_given(&[sdr_count, per_month], || {
            Metric::of(12.0) * sdr_count * per_month
        });
        let sdr_load = when_given(&[sdr_count, per_month], || funded_mqls / sdr_capacity);
        let sdr_capacity_coverage = when_given(&[sdr_count, per_month], || {
            sdr_capacity.per(required_mqls, Undefined::NoMarketingWins)
        });
        let to_hire = |needed: Metric, have: Metric| {
            when_given(&[have], || needed.map(whole_count) - have).max(0.0)
        };
        Capacity {
            aes_needed,
            ae_capacity_coverage,
            sdrs_needed,
            sdr_load,
            ae_capacity,
            sdr_capacity,
            sdr_capacity_coverage,
            aes_to_hire: to_hire(aes_needed, ae_count),
            sdrs_to_hire: to_hire(sdrs_needed, sdr_count),
        }
    }
}

/// What limits the plan: the one that lets through the smallest share of
/// what the goal needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constraint {
    /// The AEs cannot close the new revenue: `ae_capacity_coverage`.
    SalesCapacity,
    /// The SDRs cannot work the MQLs the goal needs: `sdr_capacity_coverage`.
    SdrCapacity,
    /// The budget does not buy the marketing-sourced deals: `coverage`.
    MarketingBudget,
}

/// The binding constraint and how much of the need it lets through.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Binding {
    pub constraint: Constraint,
    /// Its coverage: the share of what the goal needs it allows (below 1:
    /// it falls short, and it is what to fix first).
    pub coverage: f64,
}

/// Float noise forgiven: a coverage that is 1 but for rounding is met.
const MEETS: f64 = 1.0 - 1e-12;

impl Binding {
    /// Whether this constraint keeps the plan from its goal.
    pub fn binds(self) -> bool {
        self.coverage < MEETS
    }
}

impl Plan {
    /// The tightest of sales capacity, SDR capacity and the marketing
    /// budget: the defined coverage that is smallest (the first of equals,
    /// in that order). `None` when none is defined. A plan without
    /// capacity inputs can only be bound by its budget.
    pub fn binding_constraint(&self) -> Option<Binding> {
        [
            (
                Constraint::SalesCapacity,
                self.capacity.ae_capacity_coverage,
            ),
            (Constraint::SdrCapacity, self.capacity.sdr_capacity_coverage),
            (Constraint::MarketingBudget, self.coverage),
        ]
        .into_iter()
        .filter_map(|(constraint, m)| {
            Some(Binding {
                constraint,
                coverage: m.value()?,
            })
        })
        // `min_by` keeps the first of equals.
        .min_by(|a, b| a.coverage.total_cmp(&b.coverage))
    }
}

impl Scenario {
    /// Whether any capacity input is planned (given, valid or not): the
    /// page shows the capacity figures only then.
    pub fn plans_capacity(&self) -> bool {
        Field::CAPACITY.iter().any(|&f| self.number(f).is_some())
    }
}

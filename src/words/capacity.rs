//! The binding constraint in words (docs/model.md, "The binding
//! constraint"): what keeps the plan from its goal first, sales, SDRs or
//! the budget, and what would free it.

use crate::format::{self, Style};
use crate::model::{Binding, Constraint, Plan};

/// What binds, in one sentence: "Sales can close $4,800,000 of the
/// $6,000,000 new revenue with 8 AEs: hire 2 more, or marketing's extra
/// leads go unworked." Then, when the funded MQLs are more than the SDRs
/// can work, a second sentence says how many go unworked.
pub fn binding_sentence(plan: &Plan, currency: &str) -> String {
    let lead = match plan.binding_constraint() {
        None => "What binds the plan cannot be said yet: no coverage is known.".to_string(),
        Some(binding) if !binding.binds() => nothing_binds(plan),
        Some(binding) => binds(plan, binding, currency),
    };
    match unworked(plan) {
        Some(more) => format!("{lead} {more}"),
        None => lead,
    }
}

/// Whether a capacity constraint (sales or SDRs, not the budget) keeps the
/// plan from its goal: the headline then says so.
pub fn capacity_binds(plan: &Plan) -> bool {
    plan.binding_constraint()
        .is_some_and(|b| b.binds() && b.constraint != Constraint::MarketingBudget)
}

fn money(v: f64, currency: &str) -> String {
    format::text(v, Style::Money, currency)
}

fn count(v: f64) -> String {
    format::text(v, Style::Count, "")
}

/// "1 more AE" / "3 more AEs".
fn more(n: f64, one: &str, many: &str) -> String {
    let n = n.max(0.0);
    if n == 1.0 {
        format!("1 more {one}")
    } else {
        format!("{} more {many}", format::plain(n, 0))
    }
}

fn binds(plan: &Plan, binding: Binding, currency: &str) -> String {
    let c = &plan.capacity;
    let value = |m: crate::model::Metric| m.value().unwrap_or(0.0);
    match binding.constraint {
        Constraint::SalesCapacity => format!(
            "Sales capacity binds first: the account executives can close {} of the {} new revenue the goal needs ({}). Hire {}, or marketing's extra leads go unworked.",
            money(value(c.ae_capacity), currency),
            money(value(plan.new_revenue), currency),
            format::text(binding.coverage, Style::Percent, currency),
            more(value(c.aes_to_hire), "AE", "AEs"),
        ),
        Constraint::SdrCapacity => format!(
            "SDR capacity binds first: the SDRs can work {} MQLs a year of the {} the goal needs ({}). Hire {}, or MQLs go unworked.",
            count(value(c.sdr_capacity)),
            format::text(value(plan.required_mqls), Style::RequiredCount, currency),
            format::text(binding.coverage, Style::Percent, currency),
            more(value(c.sdrs_to_hire), "SDR", "SDRs"),
        ),
        Constraint::MarketingBudget if sized(plan) => format!(
            "The marketing budget binds first: it buys {} of the marketing-sourced deals the goal needs, while sales and SDRs as planned could take more.",
            format::text(binding.coverage, Style::Percent, currency),
        ),
        Constraint::MarketingBudget => format!(
            "The marketing budget binds: it buys {} of the marketing-sourced deals the goal needs. Plan the sales team below to see whether sales could work more.",
            format::text(binding.coverage, Style::Percent, currency),
        ),
    }
}

/// Whether sales or SDR capacity is planned well enough to have a coverage.
fn sized(plan: &Plan) -> bool {
    plan.capacity.ae_capacity_coverage.value().is_some()
        || plan.capacity.sdr_capacity_coverage.value().is_some()
}

fn nothing_binds(plan: &Plan) -> String {
    let c = &plan.capacity;
    let sales = c.ae_capacity_coverage.value().is_some();
    let sdrs = c.sdr_capacity_coverage.value().is_some();
    match (sales, sdrs) {
        (true, true) => "Nothing binds: the budget, the account executives and the SDRs are each sized for the goal.".into(),
        (true, false) => "Nothing binds: the budget and the account executives are each sized for the goal.".into(),
        (false, true) => "Nothing binds: the budget and the SDRs are each sized for the goal.".into(),
        (false, false) => "The budget is sized for the goal. Plan the sales team below to see whether sales can work it.".into(),
    }
}

/// "The funded plan brings 4,200 MQLs a year, 117% of what the SDRs can
/// work: 600 go unworked." Only when the load is above 1.
fn unworked(plan: &Plan) -> Option<String> {
    let load = plan.capacity.sdr_load.value()?;
    if load <= 1.0 + 1e-12 {
        return None;
    }
    let funded = plan.funded_mqls.value()?;
    let capacity = plan.capacity.sdr_capacity.value()?;
    Some(format!(
        "The funded plan brings {} MQLs a year, {} of what the SDRs can work: {} go unworked.",
        count(funded),
        format::text(load, Style::Percent, ""),
        count(funded - capacity),
    ))
}

//! Model results put into sentences. The model gives numbers and states;
//! the words, and how their numbers are written ([`format`]), live here.

use crate::format::{self, Style};
use crate::model::{Evidence, Slip, parse_month};

mod capacity;
pub use capacity::{binding_sentence, capacity_binds};

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month `month` (1–12) of the plan year that starts `plan_start`
/// ("YYYY-MM") as the calendar names it: "July 2026". "month 7" when the
/// start is not a valid month.
pub fn plan_month(plan_start: &str, month: u32) -> String {
    match (parse_month(plan_start), month) {
        (Some((year, first)), 1..=12) => {
            let index = first - 1 + month - 1;
            let year = year + (index / 12) as i32;
            format!("{} {year}", MONTH_NAMES[(index % 12) as usize])
        }
        _ => format!("month {month}"),
    }
}

/// The months `from`…12 of the plan year: "July–December 2026",
/// "November 2026–January 2027", "December 2026".
pub fn plan_months_from(plan_start: &str, from: u32) -> String {
    let first = plan_month(plan_start, from);
    if from >= 12 {
        return first;
    }
    let last = plan_month(plan_start, 12);
    match (first.split_once(' '), last.split_once(' ')) {
        (Some((m1, y1)), Some((m2, y2))) if y1 == y2 && !m1.starts_with("month") => {
            format!("{m1}–{m2} {y2}")
        }
        _ if first.starts_with("month") => format!("months {from}–12"),
        _ => format!("{first}–{last}"),
    }
}

/// The month of the plan year (1–12) that calendar month `month` (1–12)
/// is, for a plan year starting `plan_start`; the calendar's own number
/// when the start is not a valid month.
pub fn plan_month_of(plan_start: &str, month: u32) -> u32 {
    match parse_month(plan_start) {
        Some((_, first)) => (month + 12 - first) % 12 + 1,
        None => month,
    }
}

/// The full month names, for reading "Jul" or "July" as a month.
pub fn month_number(name: &str) -> Option<u32> {
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    if name.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| m.to_ascii_lowercase().starts_with(&name))
        .map(|i| i as u32 + 1)
}

/// The check-in's sentence on where the plan slips, or why none is named:
/// "MQL→SQL is running at 30% against 40% planned: this alone puts 16 deals
/// at risk."
pub fn slipping_sentence(slip: &Slip) -> String {
    match slip {
        Slip::PlanUnknown => {
            "Where the plan slips cannot be said: the plan's deals are unknown.".into()
        }
        Slip::NotEnoughRecorded => {
            "Record leads and at least one later stage to see where the plan is slipping.".into()
        }
        Slip::NothingBehind => "No funnel stage is slipping: lead volume and every recorded conversion rate are on track or ahead.".into(),
        Slip::Behind(stage) => {
            let percent = |v: f64| format::text(v, Style::Percent, "USD");
            let count = |v: f64| format::text(v, Style::Count, "USD");
            let what = match stage.evidence {
                Evidence::LeadVolume { actual, planned } => format!(
                    "Lead volume is running at {} of plan ({} leads against {} planned to date)",
                    percent(stage.ratio),
                    count(actual),
                    count(planned)
                ),
                Evidence::Rate { achieved, planned } => format!(
                    "{} is running at {} against {} planned",
                    stage.label,
                    percent(achieved),
                    percent(planned)
                ),
            };
            format!(
                "{what}: this alone puts {} at risk.",
                deals_text(stage.deals_at_risk)
            )
        }
    }
}

/// "31 deals", "1 deal", "less than one deal".
pub fn deals_text(deals: f64) -> String {
    let whole = deals.round();
    if whole < 1.0 {
        "less than one deal".into()
    } else if whole == 1.0 {
        "1 deal".into()
    } else {
        format!("{} deals", format::plain(whole, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slipping;

    #[test]
    fn months_are_named_from_the_plan_start() {
        assert_eq!(plan_month("2026-01", 7), "July 2026");
        assert_eq!(plan_month("2026-04", 12), "March 2027");
        assert_eq!(plan_month("bad", 7), "month 7");
        assert_eq!(plan_months_from("2026-01", 7), "July–December 2026");
        assert_eq!(plan_months_from("2026-04", 8), "November 2026–March 2027");
        assert_eq!(plan_months_from("2026-01", 12), "December 2026");
        assert_eq!(plan_months_from("2026-01", 1), "January–December 2026");
        assert_eq!(plan_months_from("", 3), "months 3–12");
        assert_eq!(month_number("Jul"), Some(7));
        assert_eq!(month_number("july"), Some(7));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Ju"), None);
        assert_eq!(month_number("Juli"), None);
    }

    #[test]
    fn every_slip_reads_as_one_sentence() {
        assert!(slipping_sentence(&Slip::PlanUnknown).contains("the plan's deals are unknown"));
        assert!(slipping_sentence(&Slip::NotEnoughRecorded).starts_with("Record leads"));
        assert!(slipping_sentence(&Slip::NothingBehind).starts_with("No funnel stage"));
        let behind = Slip::Behind(Slipping {
            label: "Win rate",
            ratio: 0.5,
            deals_at_risk: 0.7,
            evidence: Evidence::Rate {
                achieved: 0.11,
                planned: 0.22,
            },
        });
        assert_eq!(
            slipping_sentence(&behind),
            "Win rate is running at 11% against 22% planned: this alone puts 1 deal at risk."
        );
    }
}

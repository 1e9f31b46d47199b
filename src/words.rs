//! Model results put into sentences. The model gives numbers and states;
//! the words, and how their numbers are written ([`format`]), live here.

use crate::format::{self, Style};
use crate::model::{Evidence, Slip};

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

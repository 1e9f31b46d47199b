//! The ids of "Timing" and "Sales capacity" (docs/model.md). They are
//! listed by [`Plan::timing_metrics`](crate::model::Plan::timing_metrics)
//! and [`Plan::capacity_metrics`](crate::model::Plan::capacity_metrics),
//! not by `Plan::metrics`, whose listing is the page's before these
//! sections existed.

use super::super::{Capacity, Metric, Plan, QuarterResult, Undefined};
use super::MetricKey;
use crate::format::Style;

registry! {
    /// The plan-wide figures of "Timing".
    TimingMetric reads Plan {
        LeadsNeededBeforeYear = "leads_needed_before_year", "Leads needed before the plan year starts", RequiredCount, |p| p.timing.leads_needed_before_year;
    }
}

registry! {
    /// Each quarter's figures, inside `[data-quarter=Q]` (Q = 1..4).
    QuarterMetric reads QuarterResult {
        QuarterGoal = "quarter_goal", "Goal", Money, |q| q.quarter_goal;
        QuarterBookedRevenue = "quarter_booked_revenue", "Booked", Money, |q| q.quarter_booked_revenue;
        QuarterAttainment = "quarter_attainment", "Attainment", Percent, |q| q.quarter_attainment;
        QuarterLeadsNeeded = "quarter_leads_needed", "Leads needed", RequiredCount, |q| q.quarter_leads_needed;
        QuarterFundedLeads = "quarter_funded_leads", "Leads funded", Count, |q| q.quarter_funded_leads;
    }
}

registry! {
    /// The figures of "Sales capacity", each shown only when every input
    /// it uses is given.
    CapacityMetric reads Capacity {
        AesNeeded = "aes_needed", "Account executives needed", RequiredCount, |c| c.aes_needed;
        AeCapacityCoverage = "ae_capacity_coverage", "New revenue sales can close", Percent, |c| c.ae_capacity_coverage;
        SdrsNeeded = "sdrs_needed", "SDRs needed", RequiredCount, |c| c.sdrs_needed;
        SdrLoad = "sdr_load", "SDR load (funded MQLs against what SDRs can work)", Percent, |c| c.sdr_load;
    }
}

impl Plan {
    /// The "Timing" ids: `leads_needed_before_year`, then each quarter's
    /// as `quarter_goal[1]` … `quarter_funded_leads[4]`.
    pub fn timing_metrics(&self) -> Vec<(String, Metric)> {
        let mut all: Vec<(String, Metric)> = TimingMetric::ALL
            .iter()
            .map(|m| (m.id().to_string(), m.read(self)))
            .collect();
        for q in &self.timing.quarters {
            for m in QuarterMetric::ALL {
                all.push((format!("{}[{}]", m.id(), q.quarter), m.read(q)));
            }
        }
        all
    }

    /// The "Sales capacity" ids whose inputs are all given (docs/model.md:
    /// shown exactly then), with their values.
    pub fn capacity_metrics(&self) -> Vec<(String, Metric)> {
        CapacityMetric::ALL
            .iter()
            .map(|m| (m.id().to_string(), m.read(&self.capacity)))
            .filter(|(_, m)| !matches!(m.0, Err(Undefined::NotPlanned(_))))
            .collect()
    }
}

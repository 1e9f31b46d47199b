use super::{Chart, DataTable};
use crate::model::{Plan, Scenario};

/// Placeholder until the chart is drawn.
pub fn budget_cut(_plan: &Plan, _scenario: &Scenario, _width: u32) -> Chart {
    Chart {
        id: "budget_cut",
        title: String::new(),
        summary: String::new(),
        svg: None,
        table: DataTable::default(),
    }
}

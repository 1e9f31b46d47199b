use super::{Chart, DataTable};
use crate::model::{Plan, Scenario};

/// Placeholder until the chart is drawn.
pub fn levers(_plan: &Plan, _scenario: &Scenario, _width: u32) -> Chart {
    Chart {
        id: "levers",
        title: String::new(),
        summary: String::new(),
        svg: None,
        table: DataTable::default(),
    }
}

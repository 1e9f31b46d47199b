use super::{Chart, DataTable};
use crate::model::{Plan, Scenario};

/// Placeholder until the chart is drawn.
pub fn timeline(_plan: &Plan, _scenario: &Scenario, _width: u32) -> Chart {
    Chart {
        id: "timeline",
        title: String::new(),
        summary: String::new(),
        svg: None,
        table: DataTable::default(),
    }
}

#[cfg(test)]
mod scratch {
    #[test]
    fn print_default() {
        let s = crate::model::Scenario::default();
        let p = crate::model::Plan::compute(&s);
        println!("{:?}", p.projected_revenue);
        println!("{:?}", p.attainment);
        println!("{:?} {:?}", p.in_year_marketing_revenue, p.next_year_marketing_revenue);
        println!("{:?}", p.budget_cut);
        println!("{:?} {:?}", p.projected_marketing_revenue, p.sales_sourced_wins);
    }
}

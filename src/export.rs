//! Files a person can take away: the plan as CSV for a spreadsheet, and
//! scenarios as JSON to move between browsers. Pure: no browser code.

use crate::format::data_value;
use crate::model::{Field, Metric, Plan, Scenario};
use crate::share::{number_text, percent_text};
use crate::storage::{
    Decoded, MAX_STORED_CHARS, SCHEMA_VERSION, Saved, decode_saved_list, encode_saved_list,
};

/// Files larger than this are not read.
pub const MAX_FILE_BYTES: f64 = MAX_STORED_CHARS as f64;
/// At most this many scenarios are read from one file.
pub const MAX_IMPORT: usize = 1_000;

/// A CSV cell from text a person typed. Quoted when needed; a leading
/// `= + - @`, tab or carriage return is neutralised with `'` so a
/// spreadsheet never runs it as a formula.
pub fn text_cell(text: &str) -> String {
    let neutral = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

fn number_cell(metric: Metric) -> String {
    metric.value().map(data_value).unwrap_or_default()
}

fn percent_cell(metric: Metric) -> String {
    metric
        .value()
        .map(|v| data_value(v * 100.0))
        .unwrap_or_default()
}

/// The plan as CSV: inputs, the required and funded funnel, per-channel
/// results and the headline metrics. Rates are percentages (docs/model.md);
/// values are unrounded; an undefined metric is an empty cell.
pub fn plan_csv(scenario: &Scenario, plan: &Plan) -> String {
    let mut lines: Vec<String> = vec!["Inputs".into(), "Input,Value".into()];
    lines.push(format!("Scenario name,{}", text_cell(&scenario.name)));
    lines.push(format!("Currency,{}", text_cell(&scenario.currency)));
    for field in [Field::MqlDefinition, Field::SqlDefinition] {
        let text = scenario.text(field).unwrap_or_default();
        lines.push(format!("{},{}", text_cell(&field.label()), text_cell(text)));
    }
    for field in Field::SCALARS {
        let Some(value) = scenario.number(field) else {
            continue;
        };
        let percent = field.is_percent();
        let (label, text) = if percent {
            (format!("{} (%)", field.label()), percent_text(value))
        } else {
            (field.label(), number_text(value))
        };
        let text = if value.is_finite() {
            text
        } else {
            String::new()
        };
        lines.push(format!("{},{}", text_cell(&label), text));
    }
    for field in [Field::Seasonality, Field::BudgetPhasing] {
        let shares = scenario.quarter_shares(field).unwrap_or_default();
        for (q, share) in shares.0.iter().enumerate() {
            let text = if share.is_finite() {
                percent_text(*share)
            } else {
                String::new()
            };
            lines.push(format!("{} Q{} (%),{text}", field.label(), q + 1));
        }
    }
    lines.push(String::new());
    lines.push("Funnel".into());
    lines.push("Stage,Goal needs,Budget buys".into());
    for (stage, required, funded) in [
        ("Leads", plan.required_leads, plan.funded_leads),
        ("MQLs", plan.required_mqls, plan.funded_mqls),
        ("SQLs", plan.required_sqls, plan.funded_sqls),
        (
            "Opportunities",
            plan.required_opportunities,
            plan.funded_opportunities,
        ),
        (
            "Deals won (marketing-sourced)",
            plan.marketing_wins,
            plan.projected_wins,
        ),
    ] {
        lines.push(format!(
            "{stage},{},{}",
            number_cell(required),
            number_cell(funded)
        ));
    }
    if scenario.segments.len() > 1 {
        segment_lines(&mut lines, scenario, plan);
    }
    lines.push(String::new());
    lines.push("Channels".into());
    lines.push(
        "Channel,Share (%),Cost per lead,Lead to MQL (%),Budget,Leads,MQLs,Deals,Revenue,ROI (%)"
            .into(),
    );
    let segmented = scenario.segments.len() > 1;
    if let (true, Some(header)) = (segmented, lines.last_mut()) {
        header.push_str(",Segment");
    }
    for (channel, result) in scenario.channels.iter().zip(&plan.channels) {
        let rate = channel.lead_to_mql.unwrap_or(scenario.lead_to_mql);
        let segment = match scenario.segments.get(channel.segment) {
            Some(g) if segmented => format!(",{}", text_cell(&g.name)),
            _ => String::new(),
        };
        lines.push(format!(
            "{},{},{},{},{},{},{},{},{},{}{segment}",
            text_cell(&channel.name),
            percent_text(channel.share),
            number_text(channel.cost_per_lead),
            percent_text(rate),
            number_cell(result.channel_budget),
            number_cell(result.channel_leads),
            number_cell(result.channel_mqls),
            number_cell(result.channel_wins),
            number_cell(result.channel_revenue),
            percent_cell(result.channel_roi),
        ));
    }
    lines.push(String::new());
    lines.push("Results".into());
    lines.push("Metric,Value".into());
    for (label, metric, percent) in [
        ("Budget", plan.budget, false),
        ("Coverage (%)", plan.coverage, true),
        ("Budget the goal needs", plan.required_budget, false),
        ("Budget gap", plan.budget_gap, false),
        (
            "Revenue booked in the plan year",
            plan.plan_year.in_year_revenue,
            false,
        ),
        (
            "Plan-year attainment (%)",
            plan.plan_year.in_year_attainment,
            true,
        ),
        (
            "Revenue from the plan's deals, whenever they land",
            plan.projected_revenue,
            false,
        ),
        (
            "Attainment, whenever the deals land (%)",
            plan.attainment,
            true,
        ),
        ("ROI (%)", plan.roi, true),
        ("Lifetime ROI (%)", plan.lifetime_roi, true),
        ("CAC", plan.cac, false),
        ("LTV to CAC", plan.ltv_to_cac, false),
        ("Payback (months)", plan.payback_months, false),
        (
            "Marketing revenue this year",
            plan.in_year_marketing_revenue,
            false,
        ),
        (
            "Marketing revenue next year",
            plan.next_year_marketing_revenue,
            false,
        ),
    ] {
        let cell = if percent {
            percent_cell(metric)
        } else {
            number_cell(metric)
        };
        lines.push(format!("{label},{cell}"));
    }
    timing_lines(&mut lines, scenario, plan);
    lines.join("\r\n") + "\r\n"
}

/// The quarters, the leads needed before the year, and the capacity
/// figures whose inputs are given (docs/model.md, "Timing", "Sales capacity").
fn timing_lines(lines: &mut Vec<String>, scenario: &Scenario, plan: &Plan) {
    lines.push(format!(
        "Leads needed before the plan year,{}",
        number_cell(plan.timing.leads_needed_before_year)
    ));
    if scenario.plans_capacity() {
        for (id, metric) in plan.capacity_metrics() {
            let percent = matches!(id.as_str(), "ae_capacity_coverage" | "sdr_load");
            let label = crate::model::CapacityMetric::ALL
                .iter()
                .find(|m| m.id() == id)
                .map_or(id.clone(), |m| m.label().to_string());
            let (label, cell) = if percent {
                (format!("{label} (%)"), percent_cell(metric))
            } else {
                (label, number_cell(metric))
            };
            lines.push(format!("{},{cell}", text_cell(&label)));
        }
    }
    lines.push(String::new());
    lines.push("Quarters".into());
    lines.push("Quarter,Goal,Booked,Attainment (%),Leads needed,Leads funded".into());
    for q in &plan.timing.quarters {
        lines.push(format!(
            "Q{},{},{},{},{},{}",
            q.quarter,
            number_cell(q.quarter_goal),
            number_cell(q.quarter_booked_revenue),
            percent_cell(q.quarter_attainment),
            number_cell(q.quarter_leads_needed),
            number_cell(q.quarter_funded_leads),
        ));
    }
}

/// With two or more segments: each segment's effective inputs, and what it
/// needs against what its channels buy (docs/model.md, "Segments").
fn segment_lines(lines: &mut Vec<String>, scenario: &Scenario, plan: &Plan) {
    lines.push(String::new());
    lines.push("Segments".into());
    lines.push(
        "Segment,Share of new revenue (%),Deal size,Marketing-sourced (%),Win rate (%),\
         SQL to opportunity (%),MQL to SQL (%),Sales cycle (months),Lifetime value,\
         Leads needed,Leads funded,MQLs needed,MQLs funded,SQLs needed,SQLs funded,\
         Opportunities needed,Opportunities funded,Deals needed (marketing-sourced),\
         Deals funded,Spend,Coverage (%),CAC,Budget the segment needs"
            .into(),
    );
    for (segment, r) in scenario.segments.iter().zip(&plan.segments) {
        let f = &r.funnel;
        let cells = [
            percent_text(segment.revenue_share),
            number_cell(f.deal_size),
            percent_cell(f.marketing_sourced),
            percent_cell(f.win_rate),
            percent_cell(f.sql_to_opp),
            percent_cell(f.mql_to_sql),
            number_cell(f.sales_cycle),
            number_cell(f.lifetime_value),
            number_cell(r.segment_required_leads),
            number_cell(r.segment_funded_leads),
            number_cell(r.segment_required_mqls),
            number_cell(r.segment_funded_mqls),
            number_cell(r.segment_required_sqls),
            number_cell(r.segment_funded_sqls),
            number_cell(r.segment_required_opportunities),
            number_cell(r.segment_funded_opportunities),
            number_cell(r.segment_marketing_wins),
            number_cell(r.segment_projected_wins),
            number_cell(r.segment_spend),
            percent_cell(r.segment_coverage),
            number_cell(r.segment_cac),
            number_cell(r.segment_required_budget),
        ];
        lines.push(format!("{},{}", text_cell(&segment.name), cells.join(",")));
    }
}

/// Scenarios as a JSON file (the storage envelope, so the schema travels).
pub fn scenarios_json(scenarios: &[Saved]) -> String {
    encode_saved_list(scenarios)
}

/// Reads an exported file: what it would add, or why it cannot.
pub fn read_import(text: &str) -> Result<Vec<Saved>, String> {
    if text.len() > MAX_STORED_CHARS {
        return Err("the file is larger than the planner reads (5 MB)".into());
    }
    match decode_saved_list(text) {
        Decoded::Ok(list) if list.is_empty() => Err("the file holds no scenarios".into()),
        Decoded::Ok(list) if list.len() > MAX_IMPORT => Err(format!(
            "the file holds {} scenarios; at most {MAX_IMPORT} are read at once",
            list.len()
        )),
        Decoded::Ok(list) => Ok(list),
        Decoded::Newer(schema) => Err(format!(
            "it was exported by a newer version of the planner (data version {schema}, this one reads up to {SCHEMA_VERSION})"
        )),
        Decoded::Damaged(reason) => Err(format!("it is not a planner export: {reason}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Channel;

    #[test]
    fn formula_cells_are_neutralised_and_quoted() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-2"), "'-2");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(text_cell("Paid search"), "Paid search");
        assert_eq!(text_cell("Events, trade shows"), "\"Events, trade shows\"");
    }

    #[test]
    fn the_plan_csv_has_inputs_funnel_channels_and_results() {
        let scenario = Scenario {
            channels: vec![
                Channel::new("=cmd|' /C calc'!A0", 0.5, 200.0, None),
                Channel::new("Events", 0.5, 400.0, Some(0.3)),
            ],
            ..Scenario::default()
        };
        let plan = Plan::compute(&scenario);
        let csv = plan_csv(&scenario, &plan);
        assert!(csv.contains("Win rate (%),22\r\n"));
        assert!(csv.contains(&format!(
            "Leads,{},{}",
            data_value(plan.required_leads.value().unwrap_or_default()),
            data_value(plan.funded_leads.value().unwrap_or_default())
        )));
        assert!(csv.contains("'=cmd|' /C calc'!A0,50,200,26,"), "{csv}");
        assert!(
            !csv.lines().any(|line| line.starts_with('=')),
            "no line starts a formula"
        );
        assert_eq!(csv.lines().filter(|l| l.starts_with("Events,")).count(), 1);
        assert!(csv.contains("Coverage (%),"));
    }

    #[test]
    fn undefined_metrics_are_empty_cells() {
        let scenario = Scenario {
            win_rate: f64::NAN,
            ..Scenario::default()
        };
        let csv = plan_csv(&scenario, &Plan::compute(&scenario));
        assert!(csv.contains("Win rate (%),\r\n"));
        assert!(csv.contains("Leads,,"));
        assert!(!csv.contains("NaN") && !csv.contains("inf"));
    }

    #[test]
    fn an_export_reads_back_and_bad_files_say_why() {
        let saved = vec![
            Saved {
                id: "a".into(),
                modified_ms: 1.0,
                scenario: Scenario::default(),
            },
            Saved {
                id: "b".into(),
                modified_ms: 2.0,
                scenario: Scenario {
                    name: "Other".into(),
                    ..Scenario::default()
                },
            },
        ];
        assert_eq!(read_import(&scenarios_json(&saved)), Ok(saved));
        assert!(
            read_import("{\"schema\":1,\"data\":[]}").is_err_and(|e| e.contains("no scenarios"))
        );
        assert!(
            read_import("{\"schema\":9,\"data\":[]}").is_err_and(|e| e.contains("newer version"))
        );
        assert!(read_import("hello").is_err_and(|e| e.contains("not a planner export")));
    }

    fn two_segments() -> Scenario {
        let mut smb = crate::model::Segment::named("SMB", 0.4);
        smb.deal_size = Some(15_000.0);
        let mut s = Scenario {
            segments: vec![smb, crate::model::Segment::named("Enterprise", 0.6)],
            ..Scenario::default()
        };
        s.channels[1].segment = 1;
        s
    }

    #[test]
    fn with_segments_the_csv_has_a_row_per_segment_and_each_channel_names_its_own() {
        let scenario = two_segments();
        let plan = Plan::compute(&scenario);
        let csv = plan_csv(&scenario, &plan);
        let smb = &plan.segments[0];
        // SMB: 40% share, its own $15,000 deals; its leads needed and funded.
        let row = format!(
            "SMB,40,15000,{},",
            data_value(smb.funnel.marketing_sourced.value().unwrap_or(f64::NAN) * 100.0)
        );
        assert!(csv.contains(&row), "{row} in {csv}");
        let leads = format!(
            ",{},{},",
            data_value(smb.segment_required_leads.value().unwrap_or(f64::NAN)),
            data_value(smb.segment_funded_leads.value().unwrap_or(f64::NAN))
        );
        assert!(
            csv.lines()
                .any(|l| l.starts_with("SMB,") && l.contains(&leads))
        );
        assert!(csv.lines().any(|l| l.starts_with("Enterprise,60,")));
        let header = csv.lines().find(|l| l.starts_with("Channel,"));
        assert!(header.is_some_and(|h| h.ends_with(",Segment")), "{csv}");
        let second = &scenario.channels[1].name;
        assert!(
            csv.lines()
                .any(|l| l.starts_with(second.as_str()) && l.ends_with(",Enterprise"))
        );
        // One segment: the CSV reads as it always did.
        let one = Scenario::default();
        let csv = plan_csv(&one, &Plan::compute(&one));
        assert!(!csv.contains("Segments") && !csv.contains(",Segment\r\n"));
    }

    #[test]
    fn an_export_with_segments_reads_back_whole() {
        let saved = vec![Saved {
            id: "s".into(),
            modified_ms: 3.0,
            scenario: two_segments(),
        }];
        let text = scenarios_json(&saved);
        assert!(text.contains("\"schema\": 3"), "{text}");
        assert_eq!(read_import(&text), Ok(saved));
    }

    #[test]
    fn the_csv_carries_seasonality_phasing_capacity_and_quarters() {
        use crate::model::QuarterShares;
        let scenario = Scenario {
            seasonality: QuarterShares([0.1, 0.2, 0.3, 0.4]),
            ae_count: Some(8.0),
            ae_quota: Some(600_000.0),
            ..Scenario::default()
        };
        let plan = Plan::compute(&scenario);
        let csv = plan_csv(&scenario, &plan);
        assert!(csv.contains("Seasonality Q4 (%),40\r\n"), "{csv}");
        assert!(csv.contains("Budget phasing Q1 (%),25\r\n"));
        assert!(csv.contains("Number of account executives,8\r\n"));
        assert!(csv.contains("Quota per account executive,600000\r\n"));
        // 6M new revenue / 600k = 10 AEs; 8 × 600k / 6M = 80%.
        assert!(csv.contains("Account executives needed,10\r\n"), "{csv}");
        assert!(csv.contains("New revenue sales can close (%),80\r\n"));
        assert!(!csv.contains("SDRs needed"), "not planned: not written");
        assert!(csv.contains("\r\nQ4,"));
        let json = scenarios_json(&[Saved {
            id: "t".into(),
            modified_ms: 1.0,
            scenario: scenario.clone(),
        }]);
        assert_eq!(
            read_import(&json).map(|l| l[0].scenario.clone()),
            Ok(scenario)
        );
    }
}

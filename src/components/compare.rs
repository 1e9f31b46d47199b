use super::{ChartFigure, Library};
use crate::charts;
use crate::format::{self, Style};
use crate::model::{Field, Metric, Plan, PlanMetric, Scenario, Undefined};
use crate::storage::Saved;
use leptos::prelude::*;

/// Which way a row's figure should move for the plan to be better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Better {
    Higher,
    Lower,
    /// An input, or a figure that is neither better nor worse when larger.
    Neither,
}

/// A row of the comparison: one of the scenario's inputs, or a plan figure
/// of the registry.
#[derive(Clone, Copy)]
enum Row {
    Input(&'static str, fn(&Scenario) -> f64, Style),
    Output(PlanMetric, Better),
}

impl Row {
    fn label(self) -> &'static str {
        match self {
            Row::Input(label, ..) => label,
            Row::Output(m, _) => m.label(),
        }
    }

    fn read(self, s: &Scenario, p: &Plan) -> Metric {
        match self {
            Row::Input(_, pick, _) => Metric::of(pick(s)),
            Row::Output(m, _) => m.read(p),
        }
    }

    fn style(self) -> Style {
        match self {
            Row::Input(_, _, style) => style,
            Row::Output(m, _) => m.style(),
        }
    }

    fn better(self) -> Better {
        match self {
            Row::Input(..) => Better::Neither,
            Row::Output(_, better) => better,
        }
    }
}

/// Inputs and key outputs compared, in order.
const ROWS: [Row; 23] = {
    use PlanMetric::*;
    [
        Row::Input("Revenue goal", |s| s.revenue_goal, Style::Money),
        Row::Input(
            "Existing-customer revenue",
            |s| s.recurring_revenue,
            Style::Money,
        ),
        Row::Input(
            "Pipeline closing this year",
            |s| s.pipeline_revenue,
            Style::Money,
        ),
        Row::Input("Average deal size", |s| s.deal_size, Style::Money),
        Row::Input("Marketing budget (% of goal)", |s| s.spend, Style::Percent),
        Row::Input(
            "Marketing-sourced share",
            |s| s.marketing_sourced,
            Style::Percent,
        ),
        Row::Input("Win rate", |s| s.win_rate, Style::Percent),
        Row::Input("MQL → SQL", |s| s.mql_to_sql, Style::Percent),
        Row::Input("SQL → opportunity", |s| s.sql_to_opp, Style::Percent),
        Row::Input(
            "Sales cycle (months)",
            |s| s.sales_cycle_months,
            Style::Count,
        ),
        Row::Output(Budget, Better::Neither),
        Row::Output(RequiredLeads, Better::Lower),
        Row::Output(FundedLeads, Better::Higher),
        Row::Output(Coverage, Better::Higher),
        Row::Output(BudgetGap, Better::Lower),
        Row::Output(InYearRevenue, Better::Higher),
        Row::Output(InYearAttainment, Better::Higher),
        Row::Output(ProjectedRevenue, Better::Higher),
        Row::Output(Attainment, Better::Higher),
        Row::Output(Roi, Better::Higher),
        Row::Output(Cac, Better::Lower),
        Row::Output(LtvToCac, Better::Higher),
        Row::Output(PaybackMonths, Better::Lower),
    ]
};

/// One row of the comparison: a label and each scenario's value.
struct Line {
    label: String,
    values: Vec<Option<f64>>,
    style: Style,
    better: Better,
}

/// With segments in any of the scenarios: each segment, matched by name, with
/// its share, coverage and required budget (docs/model.md, "Segments"). A
/// scenario without that segment shows "—". None when every scenario is one
/// segment, so such a comparison reads as it always did.
fn segment_lines(scenarios: &[&Scenario], plans: &[Plan]) -> Vec<Line> {
    if scenarios.iter().all(|s| s.segments.len() < 2) {
        return Vec::new();
    }
    let mut names: Vec<&str> = Vec::new();
    for s in scenarios {
        for g in &s.segments {
            if !names.contains(&g.name.as_str()) {
                names.push(&g.name);
            }
        }
    }
    type Pick = fn(&Scenario, &Plan, usize) -> Metric;
    let figures: [(&str, Pick, Style, Better); 3] = [
        (
            "share of new revenue",
            |s, _, g| Metric::of(s.segments[g].revenue_share),
            Style::Percent,
            Better::Neither,
        ),
        (
            "marketing revenue funded vs needed",
            |_, p, g| {
                p.segments.get(g).map_or(
                    Metric::undefined(Undefined::Invalid(Field::Segments)),
                    |r| r.segment_coverage,
                )
            },
            Style::Percent,
            Better::Higher,
        ),
        (
            "budget it needs",
            |_, p, g| {
                p.segments.get(g).map_or(
                    Metric::undefined(Undefined::Invalid(Field::Segments)),
                    |r| r.segment_required_budget,
                )
            },
            Style::Money,
            Better::Lower,
        ),
    ];
    names
        .iter()
        .flat_map(|name| {
            figures
                .iter()
                .map(move |&(what, pick, style, better)| Line {
                    label: format!("{name}: {what}"),
                    values: scenarios
                        .iter()
                        .zip(plans)
                        .map(|(s, p)| {
                            let g = s.segments.iter().position(|g| g.name == *name)?;
                            pick(s, p, g).value()
                        })
                        .collect(),
                    style,
                    better,
                })
        })
        .collect()
}

/// How a scenario's figure stands against the baseline's.
#[derive(Clone, Debug, PartialEq)]
struct Change {
    /// `better`, `worse`, `changed` (an input), or `different` (one of the
    /// two has no value, or they are in different currencies).
    kind: &'static str,
    /// The signed difference as the page shows it ("+$360,000", "−2.5 pts").
    text: String,
}

/// `value` against the `baseline`'s, or `None` when they read the same.
fn change(
    baseline: Option<f64>,
    value: Option<f64>,
    style: Style,
    better: Better,
    currency: &str,
    same_currency: bool,
) -> Option<Change> {
    let (a, b) = match (baseline, value) {
        (Some(a), Some(b)) => (a, b),
        (None, None) => return None,
        _ => {
            return Some(Change {
                kind: "different",
                text: "not comparable".into(),
            });
        }
    };
    let money = matches!(style, Style::Money | Style::CompactMoney);
    if money && !same_currency {
        return Some(Change {
            kind: "different",
            text: "another currency".into(),
        });
    }
    // The difference of the figures as shown, so the page's arithmetic adds up.
    let (a, b) = (
        format::display_value(a, style),
        format::display_value(b, style),
    );
    let text = signed_difference(b - a, style, currency)?;
    let kind = match (better, b > a) {
        (Better::Neither, _) => "changed",
        (Better::Higher, true) | (Better::Lower, false) => "better",
        _ => "worse",
    };
    Some(Change { kind, text })
}

/// "+$360,000", "−2.5 pts", "+1 month"; `None` when it rounds to nothing.
fn signed_difference(diff: f64, style: Style, currency: &str) -> Option<String> {
    let magnitude = diff.abs();
    let style = match style {
        // A difference of required counts is a plain difference of counts.
        Style::RequiredCount => Style::Count,
        other => other,
    };
    if !diff.is_finite() || format::display_value(magnitude, style) == 0.0 {
        return None;
    }
    let shown = match style {
        // Percentages differ by percentage points.
        Style::Percent => {
            let points = format::text(magnitude * 100.0, Style::Multiple, currency);
            format!("{} pts", points.trim_end_matches('×'))
        }
        _ => format::text(magnitude, style, currency),
    };
    let sign = if diff > 0.0 { "+" } else { "\u{2212}" };
    Some(format!("{sign}{shown}"))
}

/// Two to four saved scenarios side by side: inputs and key outputs, each
/// against a baseline the person chooses (the scenario being edited, if it
/// is among them, else the first), with signed differences coloured by
/// whether they are better or worse; and their timelines next to each other.
#[component]
pub fn CompareView() -> impl IntoView {
    let library = expect_context::<Library>();
    let picked = move || -> Vec<Saved> {
        let ids = library.compare.get();
        library.entries.with(|list| {
            ids.iter()
                .filter_map(|id| list.iter().find(|e| &e.id == id).cloned())
                .collect()
        })
    };
    // The person's choice; until they choose, the scenario being edited.
    let chosen = RwSignal::new(None::<String>);
    move || {
        let picked = picked();
        (picked.len() >= 2).then(|| {
            let base = chosen
                .get()
                .or_else(|| library.active.get())
                .and_then(|id| picked.iter().position(|e| e.id == id))
                .unwrap_or(0);
            let plans: Vec<Plan> = picked.iter().map(|e| Plan::compute(&e.scenario)).collect();
            let head = picked
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    view! {
                        <th scope="col" class:baseline=i == base>
                            {e.scenario.name.clone()}
                            {(i == base)
                                .then(|| view! { <span class="baseline-tag">" (baseline)"</span> })}
                        </th>
                    }
                })
                .collect_view();
            let base_currency = picked[base].scenario.currency.clone();
            let scenarios: Vec<&Scenario> = picked.iter().map(|e| &e.scenario).collect();
            let lines = ROWS
                .iter()
                .map(|&row| Line {
                    label: row.label().into(),
                    values: scenarios
                        .iter()
                        .zip(&plans)
                        .map(|(s, p)| row.read(s, p).value())
                        .collect(),
                    style: row.style(),
                    better: row.better(),
                })
                .chain(segment_lines(&scenarios, &plans))
                .collect::<Vec<_>>();
            let rows = lines
                .into_iter()
                .map(|Line { label, values, style, better }| {
                    let cells = picked
                        .iter()
                        .zip(&values)
                        .enumerate()
                        .map(|(i, (e, v))| {
                            let currency = &e.scenario.currency;
                            let text = v
                                .map(|v| format::text(v, style, currency))
                                .unwrap_or_else(|| "—".into());
                            let change = (i != base)
                                .then(|| {
                                    change(
                                        values[base],
                                        *v,
                                        style,
                                        better,
                                        currency,
                                        *currency == base_currency,
                                    )
                                })
                                .flatten();
                            let kind = change.as_ref().map_or("", |c| c.kind);
                            let differs = change.is_some();
                            view! {
                                <td class:differs=differs data-change=kind>
                                    {text}
                                    {change
                                        .map(|c| {
                                            view! {
                                                <span class="change">{format!(" ({})", c.text)}</span>
                                            }
                                        })}
                                </td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            let timelines = picked
                .iter()
                .zip(&plans)
                .enumerate()
                .map(|(i, (e, p))| {
                    let mut chart = charts::timeline(p, &e.scenario, 360);
                    chart.title = format!("{}: revenue by month", e.scenario.name);
                    view! {
                        <div class="compare-chart">
                            <ChartFigure
                                chart=Signal::stored(chart)
                                id_suffix=format!("-compare-{i}")
                            />
                        </div>
                    }
                })
                .collect_view();
            let options = picked
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    view! {
                        <option value=e.id.clone() selected=i == base>
                            {e.scenario.name.clone()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <section id="compare" class="card compare" aria-labelledby="compare-title">
                    <div class="compare-head">
                        <h2 id="compare-title">"Scenarios side by side"</h2>
                        <button
                            type="button"
                            class="link-button"
                            on:click=move |_| library.compare.set(Vec::new())
                        >
                            "Close comparison"
                        </button>
                    </div>
                    <div class="field compare-baseline">
                        <label for="compare-baseline">"Compare against"</label>
                        <select
                            id="compare-baseline"
                            on:change=move |ev| chosen.set(Some(event_target_value(&ev)))
                        >
                            {options}
                        </select>
                    </div>
                    <p class="hint">
                        "Each figure shows its difference from the baseline: green where it is better for the plan, red where it is worse, grey for a changed assumption."
                    </p>
                    <div class="table-wrap">
                        <table class="compare-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Scenario"</th>
                                    {head}
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <div class="compare-charts">{timelines}</div>
                </section>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_is_signed_and_judged_for_its_metric() {
        let c = |a, b, style, better| change(Some(a), Some(b), style, better, "USD", true);
        let gap = c(100_000.0, 40_000.0, Style::Money, Better::Lower).expect("differs");
        assert_eq!((gap.kind, gap.text.as_str()), ("better", "\u{2212}$60,000"));
        let roi = c(0.5, 0.25, Style::Percent, Better::Higher).expect("differs");
        assert_eq!((roi.kind, roi.text.as_str()), ("worse", "\u{2212}25 pts"));
        let spend = c(0.09, 0.12, Style::Percent, Better::Neither).expect("differs");
        assert_eq!((spend.kind, spend.text.as_str()), ("changed", "+3 pts"));
        let leads = c(6_146.2, 7_000.9, Style::RequiredCount, Better::Lower).expect("differs");
        assert_eq!(leads.kind, "worse");
        assert!(leads.text.starts_with('+'), "{}", leads.text);
        // What reads the same is not marked.
        assert_eq!(c(0.22, 0.22, Style::Percent, Better::Neither), None);
        assert_eq!(c(1_000.0, 1_000.2, Style::Money, Better::Higher), None);
        assert_eq!(
            change(None, None, Style::Money, Better::Lower, "USD", true),
            None
        );
        let missing = change(Some(1.0), None, Style::Money, Better::Lower, "USD", true);
        assert_eq!(missing.map(|c| c.kind), Some("different"));
        let currency = change(
            Some(1.0),
            Some(2.0),
            Style::Money,
            Better::Lower,
            "EUR",
            false,
        );
        assert_eq!(currency.map(|c| c.text), Some("another currency".into()));
    }

    #[test]
    fn segments_are_compared_by_name_and_a_missing_one_reads_as_no_value() {
        use crate::model::Segment;
        let one = Scenario::default();
        let split = Scenario {
            segments: vec![
                Segment::named("SMB", 0.3),
                Segment::named("Enterprise", 0.7),
            ],
            ..Scenario::default()
        };
        let plans = [Plan::compute(&one), Plan::compute(&split)];
        assert!(
            segment_lines(&[&one, &one], &[Plan::compute(&one), Plan::compute(&one)]).is_empty()
        );
        let lines = segment_lines(&[&one, &split], &plans);
        let labels: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels.len(), 9, "{labels:?}");
        assert_eq!(labels[3], "SMB: share of new revenue");
        // "All deals" exists only in the first; SMB only in the second.
        assert_eq!(lines[0].values, vec![Some(1.0), None]);
        assert_eq!(lines[3].values, vec![None, Some(0.3)]);
        let coverage = plans[1].segments[1].segment_coverage.value();
        assert_eq!(lines[7].values, vec![None, coverage]);
    }
}

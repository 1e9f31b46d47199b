use super::Planner;
use crate::format::{self, Style};
use crate::model::{Field, Scenario};
use leptos::prelude::*;

/// The top of the printed plan: its name and date, every assumption in one
/// compact block, and the team's MQL and SQL definitions. Only printed; on
/// screen the assumptions are the inputs themselves.
#[component]
pub fn PrintSummary(
    /// The page is being printed (or previewed for print). The summary is
    /// built then, from the plan as it is, not on every input.
    #[prop(into)]
    printing: Signal<bool>,
) -> impl IntoView {
    let scenario = expect_context::<Planner>().scenario;
    view! {
        <section class="card print-only print-summary" aria-labelledby="print-title">
            <div class="print-head">
                <h2 id="print-title">{move || scenario.with(|s| s.name.clone())}</h2>
                <p class="muted">
                    {move || {
                        printing.get().then(|| format!("Marketing budget plan · {}", today()))
                    }}
                </p>
            </div>
            {move || printing.get().then(|| scenario.with(details))}
        </section>
    }
}

/// Today's date, YYYY-MM-DD.
fn today() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect()
}

/// Every assumption, the channels and the definitions of `s`.
fn details(s: &Scenario) -> impl IntoView + use<> {
    let assumptions = assumptions(s)
        .into_iter()
        .map(|(label, value)| {
            view! {
                <div>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                </div>
            }
        })
        .collect_view();
    let definitions = [("MQL", Field::MqlDefinition), ("SQL", Field::SqlDefinition)]
        .map(|(stage, field)| {
            let text = s.text(field).unwrap_or_default().trim().to_string();
            let shown = if text.is_empty() || s.error(field).is_some() {
                "Not recorded yet".to_string()
            } else {
                text
            };
            view! {
                <div>
                    <dt>{format!("What counts as an {stage}")}</dt>
                    <dd>{shown}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <dl class="print-assumptions">{assumptions}</dl>
        <p class="print-channels">{channel_line(s)}</p>
        {segment_line(s).map(|line| view! { <p class="print-segments">{line}</p> })}
        <dl class="print-definitions">{definitions}</dl>
    }
}

/// Each one-number assumption as (short label, display text); "—" when
/// invalid. Labels are shortened to fit four to a printed row.
fn assumptions(s: &Scenario) -> Vec<(&'static str, String)> {
    [
        ("Revenue goal", Field::RevenueGoal, Style::Money),
        (
            "From existing customers",
            Field::RecurringRevenue,
            Style::Money,
        ),
        (
            "Pipeline closing this year",
            Field::PipelineRevenue,
            Style::Money,
        ),
        ("Average deal size", Field::DealSize, Style::Money),
        ("Budget, of the goal", Field::SpendPct, Style::Percent),
        (
            "Marketing-sourced deals",
            Field::MarketingSourcedPct,
            Style::Percent,
        ),
        ("Lead → MQL", Field::LeadToMqlPct, Style::Percent),
        ("MQL → SQL", Field::MqlToSqlPct, Style::Percent),
        ("SQL → opportunity", Field::SqlToOppPct, Style::Percent),
        ("Win rate", Field::WinRatePct, Style::Percent),
        ("Sales cycle", Field::SalesCycleMonths, Style::Months),
        ("Gross margin", Field::GrossMarginPct, Style::Percent),
        ("Lifetime value", Field::LifetimeValue, Style::Money),
    ]
    .into_iter()
    .map(|(label, field, style)| {
        let value = s
            .number(field)
            .filter(|_| s.error(field).is_none())
            .map_or_else(|| "—".to_string(), |v| format::text(v, style, &s.currency));
        (label, value)
    })
    .chain(timing_and_team(s))
    .collect()
}

/// The quarter shares when they are not the even year, and the team when
/// it is planned: a plan without them prints as it did before.
fn timing_and_team(s: &Scenario) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (label, field) in [
        ("Revenue by quarter", Field::Seasonality),
        ("Budget by quarter", Field::BudgetPhasing),
    ] {
        if let Some(shares) = s.quarter_shares(field).filter(|q| !q.is_even()) {
            let text = if s.error(field).is_some() {
                "—".to_string()
            } else {
                let pct = |q: usize| format::plain(shares.quarter(q) * 100.0, 1);
                format!("{} / {} / {} / {}%", pct(0), pct(1), pct(2), pct(3))
            };
            out.push((label, text));
        }
    }
    for (label, field, style) in [
        ("Account executives", Field::AeCount, Style::Count),
        ("Quota per AE", Field::AeQuota, Style::Money),
        ("SDRs", Field::SdrCount, Style::Count),
        (
            "MQLs an SDR works a month",
            Field::SdrMqlsPerMonth,
            Style::Count,
        ),
    ] {
        if let Some(v) = s.number(field) {
            let text = if s.error(field).is_some() {
                "—".to_string()
            } else {
                format::text(v, style, &s.currency)
            };
            out.push((label, text));
        }
    }
    out
}

/// "Channels: Paid search 35% at $310 a lead (26% to MQL); …".
fn channel_line(s: &Scenario) -> String {
    let parts: Vec<String> = s
        .channels
        .iter()
        .map(|c| {
            let quality = c
                .lead_to_mql
                .map(|r| format!(", {} to MQL", format::text(r, Style::Percent, &s.currency)))
                .unwrap_or_default();
            format!(
                "{} {} at {} a lead{quality}",
                c.name.trim(),
                format::text(c.share, Style::Percent, &s.currency),
                format::text(c.cost_per_lead, Style::Money, &s.currency),
            )
        })
        .collect();
    format!("Channels: {}.", parts.join("; "))
}

/// With two or more segments: "Segments: SMB 40% ($15,000 deals, sales
/// cycle 1 month); …" with each segment's effective deal size and cycle. `None` for
/// one segment, whose figures are the assumptions above.
fn segment_line(s: &Scenario) -> Option<String> {
    if s.segments.len() < 2 {
        return None;
    }
    let parts: Vec<String> = (0..s.segments.len())
        .map(|g| {
            let segment = &s.segments[g];
            let funnel = s.funnel(g);
            let deal = funnel
                .deal_size
                .value()
                .map_or("—".into(), |d| format::text(d, Style::Money, &s.currency));
            let cycle = funnel.sales_cycle.value().map_or("—".into(), |m| {
                format::text(m, Style::Months, &s.currency)
            });
            format!(
                "{} {} ({deal} deals, sales cycle {cycle})",
                segment.name.trim(),
                format::text(segment.revenue_share, Style::Percent, &s.currency),
            )
        })
        .collect();
    Some(format!("Segments: {}.", parts.join("; ")))
}

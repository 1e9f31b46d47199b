//! "When the leads must arrive": the share of new revenue booked and of
//! the budget spent in each quarter, and what each quarter needs and books
//! (docs/model.md, "Timing").

use super::{ChartFigure, FieldError, MetricValue, NumberText, Planner, Unit};
use crate::format::{self, Style};
use crate::model::{Field, Metric, QuarterMetric, QuarterShares, TimingMetric, Undefined};
use leptos::prelude::*;

/// The quarters' names, in order.
const QUARTERS: [&str; 4] = ["Q1", "Q2", "Q3", "Q4"];

/// The quarter inputs and the quarter table.
#[component]
pub fn When() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let before_year = planner.from_plan(|p| TimingMetric::LeadsNeededBeforeYear.read(p));
    let sentence = planner.from_both(|p, s| {
        before_year_sentence(TimingMetric::LeadsNeededBeforeYear.read(p), &s.currency)
    });
    let headers = QuarterMetric::ALL
        .iter()
        .map(|m| view! { <th scope="col">{m.label()}</th> })
        .collect_view();
    let rows = (0..4)
        .map(|q| {
            let cells = QuarterMetric::ALL
                .iter()
                .map(|&m| {
                    let value = planner.metric_of(move |p| {
                        p.timing
                            .quarters
                            .get(q)
                            .map_or(Metric::undefined(Undefined::NotRecorded), |r| m.read(r))
                    });
                    view! {
                        <td data-label=m.label()>
                            <MetricValue id=m value=value />
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr data-quarter=(q + 1).to_string()>
                    <th scope="row">{QUARTERS[q]}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="when" aria-labelledby="when-title">
            <h2 id="when-title">"When the leads must arrive"</h2>
            <p class="explain before-year">{sentence}</p>
            <dl class="stats narrow">
                <div class="stat">
                    <dt>{TimingMetric::LeadsNeededBeforeYear.label()}</dt>
                    <dd>
                        <MetricValue
                            id=TimingMetric::LeadsNeededBeforeYear
                            value=Signal::from(before_year)
                        />
                    </dd>
                </div>
            </dl>
            <QuarterShareInputs field=Field::Seasonality legend="New revenue booked per quarter" />
            <QuarterShareInputs field=Field::BudgetPhasing legend="Budget spent per quarter" />
            // Focusable, so the table can be scrolled sideways with the keyboard.
            <div
                class="table-wrap"
                tabindex="0"
                role="region"
                aria-label="Each quarter's goal, booked revenue and leads, as a table"
            >
                <table class="quarters stack-narrow">
                    <thead>
                        <tr>
                            <th scope="col">"Quarter"</th>
                            {headers}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <ChartFigure chart=planner.later_chart("lead_months", crate::charts::lead_months) />
        </section>
    }
}

/// "Q1's deals need 2,000 leads before the plan year starts…", from
/// `leads_needed_before_year`.
pub fn before_year_sentence(before: Metric, currency: &str) -> String {
    match before.0 {
        Ok(v) if v > 0.0 => format!(
            "The first deals of the year need {} leads before the plan year starts: marketing's quota starts before the year does.",
            format::text(v, Style::RequiredCount, currency)
        ),
        Ok(_) => "No leads are needed before the plan year: with no sales cycle, each month's leads close in that month.".into(),
        Err(why) => format!("The leads needed before the plan year are unknown ({why})."),
    }
}

/// The four shares of one quarter set (seasonality or phasing), with its
/// error and a reset to an even year.
#[component]
fn QuarterShareInputs(field: Field, legend: &'static str) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let error = planner.error(field);
    let invalid = planner.from_scenario(move |s| s.error(field).is_some());
    let even =
        planner.from_scenario(move |s| s.quarter_shares(field).is_some_and(QuarterShares::is_even));
    let error_id = format!("err-{}", field.dom_id());
    let inputs = (0..4)
        .map(|q| {
            let id = format!("in-{}-q{}", field.param(), q + 1);
            let value =
                planner.from_scenario(move |s| s.quarter_shares(field).map(|x| x.quarter(q)));
            let set = Callback::new(move |v: Option<f64>| {
                scenario.update(|s| s.set_quarter_share(field, q, v.unwrap_or(f64::NAN)))
            });
            view! {
                <div class="quarter-share">
                    <label for=id.clone()>{QUARTERS[q]}</label>
                    <NumberText
                        id=id
                        unit=Unit::Percent
                        value=value
                        set=set
                        described_by=error_id.clone()
                        invalid=invalid
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="quarter-shares" data-field=field.param()>
            <legend>{legend}</legend>
            <div class="quarter-share-inputs">{inputs}</div>
            <button
                type="button"
                class="secondary"
                id=format!("even-{}", field.param())
                disabled=move || even.get()
                on:click=move |_| {
                    scenario
                        .update(|s| {
                            for q in 0..4 {
                                s.set_quarter_share(field, q, QuarterShares::EVEN.quarter(q));
                            }
                        })
                }
            >
                "Spread evenly"
            </button>
            <FieldError id=error_id.clone() message=error />
        </fieldset>
    }
}

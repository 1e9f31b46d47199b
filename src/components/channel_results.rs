use super::{ChartFigure, MetricValue, Planner};
use crate::format::Style;
use crate::model::{ChannelResult, Metric, Undefined};
use leptos::prelude::*;

type Pick = fn(&ChannelResult) -> Metric;

/// What each channel buys, in the scenario's channel order.
#[component]
pub fn ChannelResults() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let plan = planner.plan;
    let columns: [(&'static str, &'static str, Pick, Style); 6] = [
        (
            "Budget",
            "channel_budget",
            |c| c.channel_budget,
            Style::Money,
        ),
        ("Leads", "channel_leads", |c| c.channel_leads, Style::Count),
        ("MQLs", "channel_mqls", |c| c.channel_mqls, Style::Count),
        (
            "Expected deals",
            "channel_wins",
            |c| c.channel_wins,
            Style::Count,
        ),
        (
            "Revenue",
            "channel_revenue",
            |c| c.channel_revenue,
            Style::Money,
        ),
        ("ROI", "channel_roi", |c| c.channel_roi, Style::Percent),
    ];
    let row = move |index: usize| {
        let name = move || {
            scenario.with(|s| {
                s.channels
                    .get(index)
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            })
        };
        let cells = columns
            .into_iter()
            .map(|(label, id, pick, style)| {
                let value = Memo::new(move |_| {
                    plan.with(|p| {
                        p.channels.get(index).map(pick).unwrap_or(Metric::undefined(
                            Undefined::Invalid(crate::model::Field::Channels),
                        ))
                    })
                });
                view! {
                    <td data-label=label>
                        <MetricValue id=id value=value style=style />
                    </td>
                }
            })
            .collect_view();
        view! {
            <tr data-channel=index.to_string()>
                <th scope="row">{name}</th>
                {cells}
            </tr>
        }
    };
    view! {
        <section class="card" aria-labelledby="channel-results-title">
            <h2 id="channel-results-title">"What each channel buys"</h2>
            <div class="table-wrap">
                <table class="channel-results stack-narrow">
                    <thead>
                        <tr>
                            <th scope="col">"Channel"</th>
                            <th scope="col">"Budget"</th>
                            <th scope="col">"Leads"</th>
                            <th scope="col">"MQLs"</th>
                            <th scope="col">"Expected deals"</th>
                            <th scope="col">"Revenue"</th>
                            <th scope="col">"ROI"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || 0..scenario.with(|s| s.channels.len())
                            key=|i| *i
                            children=row
                        />
                    </tbody>
                </table>
            </div>
            <ChartFigure chart=planner.later_chart("channel_mix", crate::charts::channel_mix) />

        </section>
    }
}

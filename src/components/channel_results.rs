use super::{ChartFigure, MetricValue, Planner};
use crate::model::{ChannelMetric, Metric, Undefined};
use leptos::prelude::*;

/// What each channel buys, in the scenario's channel order.
#[component]
pub fn ChannelResults() -> impl IntoView {
    let planner = expect_context::<Planner>();
    use ChannelMetric::*;
    let columns = [
        ChannelBudget,
        ChannelLeads,
        ChannelMqls,
        ChannelWins,
        ChannelRevenue,
        ChannelRoi,
    ];
    let count = planner.from_scenario(|s| s.channels.len());
    let row = move |index: usize| {
        let name = planner.from_scenario(move |s| {
            s.channels
                .get(index)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        });
        let cells = columns
            .into_iter()
            .map(|m| {
                let value = planner.metric_of(move |p| {
                    p.channels
                        .get(index)
                        .map(|c| m.read(c))
                        .unwrap_or(Metric::undefined(Undefined::Invalid(
                            crate::model::Field::Channels,
                        )))
                });
                view! {
                    <td data-label=m.label()>
                        <MetricValue id=m value=value />
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
                            {columns.map(|m| view! { <th scope="col">{m.label()}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || 0..count.get() key=|i| *i children=row />
                    </tbody>
                </table>
            </div>
            <ChartFigure chart=planner.later_chart("channel_mix", crate::charts::channel_mix) />

        </section>
    }
}

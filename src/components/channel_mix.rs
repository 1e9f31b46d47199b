use super::{NumberText, Planner, Unit};
use crate::format::{self, Style};
use crate::model::{Channel, ChannelPart, Field, MAX_CHANNELS};
use crate::share::percent_text;
use leptos::prelude::*;

/// The editable channel mix: name, budget share, cost per lead and lead
/// quality per channel, with what is left unallocated.
#[component]
pub fn ChannelMix() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let currency = planner.currency();
    let mix_error = planner.error(Field::Channels);
    let count = move || scenario.with(|s| s.channels.len());
    let add = move |_| {
        scenario.update(|s| {
            if s.channels.len() < MAX_CHANNELS {
                let name = format!("Channel {}", s.channels.len() + 1);
                s.channels.push(Channel {
                    name,
                    ..Channel::default()
                });
            }
        })
    };
    let unallocated = move || {
        scenario.with(|s| {
            let left = 1.0 - s.allocated_share();
            if s.error(Field::Channels).is_some() || left <= 1e-9 {
                None
            } else {
                Some(format!(
                    "{} of the budget is unallocated.",
                    format::text(left, Style::Percent, &currency.get())
                ))
            }
        })
    };
    view! {
        <div class="channel-mix">
            <h3 id="channels-title">"Channel mix"</h3>
            <p class="hint">"Share of the budget, cost per lead, and lead → MQL rate (empty: the funnel default)."</p>
            <div class="table-wrap">
                <table class="channels" aria-labelledby="channels-title">
                    <colgroup>
                        <col class="col-name" />
                        <col class="col-share" />
                        <col class="col-cpl" />
                        <col class="col-mql" />
                        <col class="col-remove" />
                    </colgroup>
                    <thead>
                        <tr>
                            <th scope="col">"Channel"</th>
                            <th scope="col">"Share"</th>
                            <th scope="col">"Cost per lead " <span class="currency-code">{move || currency.get()}</span></th>
                            <th scope="col">"Lead → MQL"</th>
                            <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || 0..count() key=|i| *i children=move |i| view! { <ChannelRow index=i /> } />
                    </tbody>
                </table>
            </div>
            {move || unallocated().map(|text| view! { <p class="unallocated">{text}</p> })}
            {move || mix_error.get().map(|e| view! { <p class="error" id="err-channels" role="alert">{e}</p> })}
            <button
                id="add-channel"
                type="button"
                class="secondary"
                on:click=add
                disabled=move || { count() >= MAX_CHANNELS }
            >
                "Add channel"
            </button>
            {move || { (count() >= MAX_CHANNELS).then(|| view! { <span class="hint">" At most 12 channels."</span> }) }}
        </div>
    }
}

/// One editable channel.
#[component]
fn ChannelRow(
    /// The channel's position in the scenario.
    index: usize,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let field = move |part| Field::Channel(index, part);
    let errors = move || {
        scenario.with(|s| {
            [
                ChannelPart::Name,
                ChannelPart::Share,
                ChannelPart::CostPerLead,
                ChannelPart::LeadToMql,
            ]
            .into_iter()
            .filter_map(|part| s.error(field(part)).map(|e| e.message))
            .collect::<Vec<_>>()
        })
    };
    let invalid =
        move |part| Signal::derive(move || scenario.with(|s| s.error(field(part)).is_some()));
    let number = move |part| Signal::derive(move || scenario.with(|s| s.number(field(part))));
    let setter = move |part| {
        Callback::new(move |v: Option<f64>| {
            scenario.update(|s| match (part, v) {
                (ChannelPart::LeadToMql, None) => {
                    if let Some(c) = s.channels.get_mut(index) {
                        c.lead_to_mql = None;
                    }
                }
                (_, v) => s.set_number(field(part), v.unwrap_or(f64::NAN)),
            })
        })
    };
    let name = move || {
        scenario.with(|s| {
            s.channels
                .get(index)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    };
    let label = move |what: &str| format!("{what} for {}", name());
    let error_id = format!("err-channel-{index}");
    let default_rate = Signal::derive(move || {
        scenario.with(|s| format!("{} default", percent_text(s.lead_to_mql)))
    });
    let remove = move |_| {
        scenario.update(|s| {
            if s.channels.len() > 1 && index < s.channels.len() {
                s.channels.remove(index);
            }
        })
    };
    view! {
        <tr data-channel-row=index.to_string() class:invalid=move || !errors().is_empty()>
            <td>
                <input
                    class="ch-name"
                    type="text"
                    autocomplete="off"
                    aria-label=move || format!("Channel {} name", index + 1)
                    aria-invalid=move || invalid(ChannelPart::Name).get().to_string()
                    aria-describedby=error_id.clone()
                    prop:value=name
                    on:input=move |ev| {
                        scenario.update(|s| {
                            if let Some(c) = s.channels.get_mut(index) {
                                c.name = event_target_value(&ev);
                            }
                        })
                    }
                />
            </td>
            <td class="ch-share-cell">
                <NumberText
                    id=format!("ch-{index}-share")
                    unit=Unit::Percent
                    value=number(ChannelPart::Share)
                    set=setter(ChannelPart::Share)
                    class="ch-share"
                    aria_label=label("Budget share")
                    described_by=error_id.clone()
                    invalid=invalid(ChannelPart::Share)
                />
            </td>
            <td>
                <NumberText
                    id=format!("ch-{index}-cpl")
                    unit=Unit::Money
                    value=number(ChannelPart::CostPerLead)
                    set=setter(ChannelPart::CostPerLead)
                    class="ch-cpl"
                    aria_label=label("Cost per lead")
                    described_by=error_id.clone()
                    invalid=invalid(ChannelPart::CostPerLead)
                />
            </td>
            <td>
                <NumberText
                    id=format!("ch-{index}-mql")
                    unit=Unit::Percent
                    value=number(ChannelPart::LeadToMql)
                    set=setter(ChannelPart::LeadToMql)
                    class="ch-mql"
                    aria_label=label("Lead → MQL rate")
                    described_by=error_id.clone()
                    invalid=invalid(ChannelPart::LeadToMql)
                    placeholder=default_rate
                    optional=true
                />
            </td>
            <td>
                <button
                    type="button"
                    class="ch-remove icon-button"
                    aria-label=move || format!("Remove {}", name())
                    title="Remove channel"
                    disabled=move || scenario.with(|s| s.channels.len() <= 1)
                    on:click=remove
                >
                    "×"
                </button>
            </td>
        </tr>
        {move || {
            let errors = errors();
            (!errors.is_empty()).then(|| view! {
                <tr class="row-error">
                    <td colspan="5">
                        <p class="error" id=format!("err-channel-{index}") role="alert">{errors.join(". ")}</p>
                    </td>
                </tr>
            })
        }}
    }
}

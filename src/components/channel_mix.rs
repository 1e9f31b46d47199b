use super::{FieldError, NumberText, Planner, Unit};
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
            <p class="hint">
                "Share of the budget, cost per lead, and lead → MQL rate (empty: the funnel default)."
            </p>
            <div class="channel-list">
                <For
                    each=move || 0..count()
                    key=|i| *i
                    children=move |i| view! { <ChannelRow index=i /> }
                />
            </div>
            {move || unallocated().map(|text| view! { <p class="unallocated">{text}</p> })}
            <FieldError id="err-channels" message=mix_error />
            <button
                id="add-channel"
                type="button"
                class="secondary"
                on:click=add
                disabled=move || { count() >= MAX_CHANNELS }
            >
                "Add channel"
            </button>
            {move || {
                (count() >= MAX_CHANNELS)
                    .then(|| view! { <span class="hint">" At most 12 channels."</span> })
            }}
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
    let errors = planner.from_scenario(move |s| {
        [
            ChannelPart::Name,
            ChannelPart::Share,
            ChannelPart::CostPerLead,
            ChannelPart::LeadToMql,
        ]
        .into_iter()
        .filter_map(|part| s.error(field(part)).map(|e| e.message))
        .collect::<Vec<_>>()
    });
    let errors = move || errors.get();
    let invalid = move |part| planner.from_scenario(move |s| s.error(field(part)).is_some());
    let number = move |part| planner.from_scenario(move |s| s.number(field(part)));
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
    let name = planner.from_scenario(move |s| {
        s.channels
            .get(index)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    });
    let name = move || name.get();
    let currency = planner.currency();
    let error_id = format!("err-channel-{index}");
    let default_rate =
        planner.from_scenario(move |s| format!("{} default", percent_text(s.lead_to_mql)));
    let remove = move |_| {
        scenario.update(|s| {
            if s.channels.len() > 1 && index < s.channels.len() {
                s.channels.remove(index);
            }
        })
    };
    let id = move |what: &str| format!("ch-{index}-{what}");
    let segment_names = planner.from_scenario(|s| {
        s.segments
            .iter()
            .map(|g| g.name.clone())
            .collect::<Vec<_>>()
    });
    let segment = planner.from_scenario(move |s| s.channels.get(index).map_or(0, |c| c.segment));
    view! {
        <div
            class="channel-row"
            class:invalid=move || !errors().is_empty()
            data-channel-row=index.to_string()
            role="group"
            aria-label=move || format!("Channel {}: {}", index + 1, name())
        >
            <div class="ch-top">
                <label class="visually-hidden" for=id("name")>
                    {format!("Channel {} name", index + 1)}
                </label>
                <input
                    id=id("name")
                    class="ch-name"
                    type="text"
                    autocomplete="off"
                    aria-invalid=move || invalid(ChannelPart::Name).get().to_string()
                    aria-describedby=error_id.clone()
                    prop:value=name
                    on:input=move |ev| {
                        scenario
                            .update(|s| {
                                if let Some(c) = s.channels.get_mut(index) {
                                    c.name = event_target_value(&ev);
                                }
                            })
                    }
                />
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
            </div>
            <div class="ch-numbers">
                <div class="ch-cell">
                    <label for=id("share")>"Budget share"</label>
                    <NumberText
                        id=id("share")
                        unit=Unit::Percent
                        value=number(ChannelPart::Share)
                        set=setter(ChannelPart::Share)
                        class="ch-share"
                        described_by=error_id.clone()
                        invalid=invalid(ChannelPart::Share)
                    />
                </div>
                <div class="ch-cell">
                    <label for=id(
                        "cpl",
                    )>
                        "Cost per lead " <span class="currency-code">{move || currency.get()}</span>
                    </label>
                    <NumberText
                        id=id("cpl")
                        unit=Unit::Money
                        value=number(ChannelPart::CostPerLead)
                        set=setter(ChannelPart::CostPerLead)
                        class="ch-cpl"
                        described_by=error_id.clone()
                        invalid=invalid(ChannelPart::CostPerLead)
                    />
                </div>
                <div class="ch-cell">
                    <label for=id("mql")>"Lead → MQL"</label>
                    <NumberText
                        id=id("mql")
                        unit=Unit::Percent
                        value=number(ChannelPart::LeadToMql)
                        set=setter(ChannelPart::LeadToMql)
                        class="ch-mql"
                        described_by=error_id.clone()
                        invalid=invalid(ChannelPart::LeadToMql)
                        placeholder=default_rate
                        optional=true
                    />
                </div>
            </div>
            {move || {
                (segment_names.with(Vec::len) > 1)
                    .then(|| {
                        view! {
                            <div class="ch-segment">
                                <label for=id("segment")>"Feeds segment"</label>
                                <select
                                    id=id("segment")
                                    on:change=move |ev| {
                                        if let Ok(g) = event_target_value(&ev).parse::<usize>() {
                                            scenario
                                                .update(|s| {
                                                    if let Some(c) = s.channels.get_mut(index) {
                                                        c.segment = g;
                                                    }
                                                })
                                        }
                                    }
                                >
                                    {segment_names
                                        .get()
                                        .into_iter()
                                        .enumerate()
                                        .map(|(g, name)| {
                                            view! {
                                                <option
                                                    value=g.to_string()
                                                    selected=move || segment.get() == g
                                                >
                                                    {name}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                    })
            }}
            <FieldError
                id=format!("err-channel-{index}")
                message=Signal::derive(move || {
                    let errors = errors();
                    (!errors.is_empty()).then(|| errors.join(". "))
                })
            />
        </div>
    }
}

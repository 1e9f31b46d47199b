use super::{FieldError, NumberText, Planner, Unit};
use crate::format::{self, Style};
use crate::model::{Channel, ChannelPart, Field, MAX_CHANNELS, Scenario};
use crate::share::percent_text;
use leptos::prelude::*;

/// The parts of a channel row that take input, in the row's order.
const PARTS: [ChannelPart; 4] = [
    ChannelPart::Name,
    ChannelPart::Share,
    ChannelPart::CostPerLead,
    ChannelPart::LeadToMql,
];

/// One channel as its row shows it.
#[derive(Clone, PartialEq)]
struct RowData {
    name: String,
    /// The stored number of each of [`PARTS`] (the name has none).
    numbers: [Option<f64>; 4],
    /// The error of each of [`PARTS`].
    errors: [Option<String>; 4],
    segment: usize,
}

/// The rows' view of the scenario, read once per change of it: the rows'
/// many memos read this, so a change elsewhere (a key press on the
/// win-rate slider) re-runs one memo here instead of a dozen per channel.
#[derive(Clone, PartialEq)]
struct Rows {
    channels: Vec<RowData>,
    /// "26% default": the funnel's lead → MQL rate.
    default_rate: String,
    segment_names: Vec<String>,
}

impl Rows {
    fn of(s: &Scenario) -> Rows {
        let channels = s
            .channels
            .iter()
            .enumerate()
            .map(|(i, c)| RowData {
                name: c.name.clone(),
                numbers: PARTS.map(|part| s.number(Field::Channel(i, part))),
                errors: PARTS.map(|part| s.error(Field::Channel(i, part)).map(|e| e.message)),
                segment: c.segment,
            })
            .collect();
        Rows {
            channels,
            default_rate: format!("{} default", percent_text(s.lead_to_mql)),
            segment_names: s.segments.iter().map(|g| g.name.clone()).collect(),
        }
    }
}

/// What the rows read, through context.
#[derive(Clone, Copy)]
struct ChannelRows(Memo<Rows>);

impl ChannelRows {
    fn read<T: PartialEq + Send + Sync + 'static>(
        self,
        f: impl Fn(&Rows) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let rows = self.0;
        Memo::new(move |_| rows.with(&f))
    }

    /// Something of channel `index` (its default while it is not there).
    fn channel<T: PartialEq + Default + Send + Sync + 'static>(
        self,
        index: usize,
        f: impl Fn(&RowData) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        self.read(move |r| r.channels.get(index).map(&f).unwrap_or_default())
    }
}

/// The editable channel mix: name, budget share, cost per lead and lead
/// quality per channel, with what is left unallocated.
#[component]
pub fn ChannelMix() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let mix_error = planner.error(Field::Channels);
    provide_context(ChannelRows(planner.from_scenario(Rows::of)));
    let count = planner.from_scenario(|s| s.channels.len());
    let count = move || count.get();
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
    let unallocated = planner.from_scenario(|s| {
        let left = 1.0 - s.allocated_share();
        if s.error(Field::Channels).is_some() || left <= 1e-9 {
            None
        } else {
            Some(format!(
                "{} of the budget is unallocated.",
                format::text(left, Style::Percent, &s.currency)
            ))
        }
    });
    let unallocated = move || unallocated.get();
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
    let rows = expect_context::<ChannelRows>();
    let scenario = planner.scenario;
    let field = move |part| Field::Channel(index, part);
    let errors = rows.channel(index, |c| {
        c.errors.iter().flatten().cloned().collect::<Vec<_>>()
    });
    let errors = move || errors.get();
    let at = |part| PARTS.iter().position(|&p| p == part).unwrap_or(0);
    let invalid = move |part| rows.channel(index, move |c| c.errors[at(part)].is_some());
    let number = move |part| rows.channel(index, move |c| c.numbers[at(part)]);
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
    let name = rows.channel(index, |c| c.name.clone());
    let name = move || name.get();
    let currency = planner.currency();
    let error_id = format!("err-channel-{index}");
    let default_rate = rows.read(|r| r.default_rate.clone());
    let remove = move |_| {
        scenario.update(|s| {
            if s.channels.len() > 1 && index < s.channels.len() {
                s.channels.remove(index);
            }
        })
    };
    let id = move |what: &str| format!("ch-{index}-{what}");
    let only_one = rows.read(|r| r.channels.len() <= 1);
    let segment_names = rows.read(|r| r.segment_names.clone());
    let segment = rows.channel(index, |c| c.segment);
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
                    disabled=move || only_one.get()
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

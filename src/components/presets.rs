use super::{Planner, UndoNotice};
use crate::model::{PRESETS, Preset, SOURCES_NOTE, Scenario};
use leptos::prelude::*;

/// "Start from an industry preset": a published starting point, its figures
/// and their sources, applied on request and undoable.
#[component]
pub fn PresetPicker() -> impl IntoView {
    let scenario = expect_context::<Planner>().scenario;
    let chosen = RwSignal::new(PRESETS[0].id.to_string());
    let preset = move || chosen.with(|id| Preset::find(id)).unwrap_or(&PRESETS[0]);
    // What the last "Apply" replaced, and what it produced: undo is offered
    // only while the plan is still exactly what the preset made of it.
    let applied = RwSignal::new(None::<(&'static str, Scenario, Scenario)>);
    let apply = move |_| {
        let preset = preset();
        let before = scenario.get_untracked();
        let after = preset.apply(&before);
        scenario.set(after.clone());
        applied.set(Some((preset.name, before, after)));
    };
    let undo = move |()| {
        if let Some((_, before, _)) = applied.get_untracked() {
            scenario.set(before);
        }
        applied.set(None);
    };
    let status = move || {
        let (name, _, after) = applied.get()?;
        scenario.with(|s| *s == after).then(|| {
            view! {
                <UndoNotice
                    id="undo-preset"
                    class="preset-status"
                    message=format!("Applied “{name}”.")
                    on_undo=Callback::new(undo)
                />
            }
        })
    };
    let usd_note = move || {
        let has_costs = preset()
            .figures
            .iter()
            .any(|f| matches!(f.setting, crate::model::Setting::Channels(_)));
        let other_currency = scenario.with(|s| s.currency != "USD");
        (has_costs && other_currency)
            .then_some(" Costs per lead are published in US dollars and are applied as they are.")
    };
    view! {
        <div class="field presets">
            <label for="preset">"Start from an industry preset"</label>
            <div class="preset-row">
                <select id="preset" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {PRESETS
                        .map(|p| {
                            view! {
                                <option value=p.id selected=move || chosen.with(|c| c == p.id)>
                                    {p.name}
                                </option>
                            }
                        })}
                </select>
                <button id="apply-preset" type="button" class="secondary" on:click=apply>
                    "Apply"
                </button>
            </div>
            {status}
            <details class="preset-sources">
                <summary>
                    {move || format!("What “{}” sets, and the sources", preset().name)}
                </summary>
                <ul>
                    {move || {
                        preset()
                            .figures
                            .iter()
                            .map(|f| {
                                view! {
                                    <li>
                                        {f.setting.describe()} <br />
                                        <cite>{format!("Source: {}", f.source)}</cite>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <p class="hint">
                    {move || preset().note} " Everything else in your plan is kept. " {SOURCES_NOTE}
                    {usd_note}
                </p>
            </details>
        </div>
    }
}

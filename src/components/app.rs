use super::economics::metric_list;
use super::planner::{NARROW_CHART_WIDTH, Planner, chart_width_for_window, follow_print_media};
use super::{
    ChartFigure, Deferred, Definitions, ExampleNote, FieldError, Library, MeetingTools, NearNow,
    PresetPicker, PrintSummary, ScenarioLibrary, Section, Sections, check_ins, compare, embed,
    multi_year,
};
use super::{
    budget_cut::BudgetCutPanel, channel_mix::ChannelMix, channel_results::ChannelResults,
    economics::Economics, funnel::Funnel, headline::Headline, levers::LeverList, notices::Notices,
    number_field::NumberField, save_status::SaveStatus, share_link::ShareLink,
};
use crate::charts;
use crate::model::{CURRENCIES, Field, PlanMetric, Scenario};
use crate::{share, storage};
use leptos::prelude::*;

/// How the page opened.
struct StartUp {
    scenario: Scenario,
    link_notices: Vec<String>,
    storage_notices: Vec<String>,
    /// The scenario came from a share link: saved data is left alone until
    /// the person keeps the shared plan as theirs.
    from_link: bool,
    /// Why this page cannot save, if it cannot.
    cannot_save: Option<String>,
    /// The compact layout for an agency's iframe, with its branding.
    embed: Option<embed::Branding>,
}

/// Where the page starts, decided once: the share link in the address, else
/// the plan saved in this browser, else the example plan.
fn start_up() -> StartUp {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let link = share::from_link(&href);
    if link.embed {
        // Embedded: the host's link decides the plan; saved data is neither
        // read nor written, and a bad value silently takes the default.
        return StartUp {
            scenario: link.scenario,
            link_notices: vec![],
            storage_notices: vec![],
            from_link: true,
            cannot_save: Some("embedded plans are not saved".into()),
            embed: Some(embed::Branding {
                title: link.title,
                accent: link.accent,
                background: link.background,
            }),
        };
    }
    let restored = storage::browser::restore();
    let from_link = link.has_scenario || !link.notices.is_empty();
    let scenario = if from_link {
        link.scenario
    } else {
        restored.scenario.unwrap_or_default()
    };
    StartUp {
        scenario,
        link_notices: link.notices,
        storage_notices: restored.notices,
        from_link,
        embed: None,
        cannot_save: if restored.can_save {
            None
        } else {
            restored.why_not.or(Some(String::new()))
        },
    }
}

#[component]
pub fn App() -> impl IntoView {
    let start = start_up();
    let planner = Planner::new(start.scenario);
    provide_context(planner);
    let _resize = window_event_listener(leptos::ev::resize, move |_| {
        let width = chart_width_for_window();
        if planner.chart_width.get_untracked() != width {
            planner.chart_width.set(width);
        }
    });
    // Printed, charts get the narrow drawing: at a printed column's width its
    // text stays as large as on screen. The window's width comes back after.
    // What only the printed page shows is built while printing.
    let printing = planner.printing;
    let _before_print = window_event_listener_untyped("beforeprint", move |_| {
        planner.chart_width.set(NARROW_CHART_WIDTH);
        printing.set(true);
    });
    let _after_print = window_event_listener_untyped("afterprint", move |_| {
        planner.chart_width.set(chart_width_for_window());
        printing.set(false);
    });
    // Print media without a print (an emulated print view, some previews).
    follow_print_media(printing);
    if let Some(branding) = start.embed {
        return view! { <embed::EmbeddedPlanner branding=branding /> }.into_any();
    }
    let (library, library_notices) = Library::load(planner.scenario);
    provide_context(library);
    let storage_notices: Vec<String> = start
        .storage_notices
        .into_iter()
        .chain(library_notices)
        .collect();
    // Another tab saved, renamed or deleted a scenario: show the same list.
    let _other_tab = window_event_listener(leptos::ev::storage, move |event| {
        let ours = event
            .key()
            .is_none_or(|key| key.starts_with(storage::Key::ScenarioPrefix.name()));
        if ours {
            library.refresh();
        }
    });
    let scenario = planner.scenario;
    let presenting = RwSignal::new(false);
    let _leave_presentation = window_event_listener(leptos::ev::keydown, move |event| {
        if event.key() == "Escape" && presenting.get_untracked() {
            presenting.set(false);
        }
    });
    provide_context(Sections::new(printing.into(), presenting.into()));
    let several_segments = planner.from_scenario(|s| s.segments.len() > 1);

    view! {
        <header class="top" class:presenting=presenting>
            <div class="brand">
                <h1>"Marketing budget planner"</h1>
                <p class="tagline">
                    "From the revenue goal to the leads, budget and channels that deliver it. Your numbers stay in this browser."
                </p>
                <p class="present-only present-name">{move || scenario.with(|s| s.name.clone())}</p>
            </div>
            <div class="top-actions">
                <MeetingTools presenting=presenting />
                <ShareLink />
            </div>
        </header>
        <Notices
            id="link-notice"
            heading="Some of this link could not be used."
            detail="Everything else opened as shared."
            notices=start.link_notices
        />
        <Notices
            id="storage-notice"
            heading="About your saved plan:"
            detail=""
            notices=storage_notices
        />
        <div class="compare-wrap">
            <compare::CompareView />
        </div>
        <SaveStatus from_link=start.from_link cannot_save=start.cannot_save />
        <main id="planner" class="layout" class:presenting=presenting>
            <section class="inputs" aria-labelledby="inputs-title">
                <h2 id="inputs-title" class="visually-hidden">
                    "Assumptions"
                </h2>
                <div class="card">
                    <ScenarioName />
                    <CurrencySelect />
                    <ScenarioLibrary />
                    <ExampleNote>
                        "The starting figures are published benchmarks for a sales-led B2B company: examples to replace with your own numbers."
                    </ExampleNote>
                    <PresetPicker />
                </div>
                <fieldset class="card">
                    <legend>"Goal"</legend>
                    <NumberField field=Field::RevenueGoal hint="Revenue for the plan year" />
                    <NumberField
                        field=Field::RecurringRevenue
                        hint="Already expected from existing customers"
                    />
                    <NumberField
                        field=Field::PipelineRevenue
                        hint="Marketing-sourced revenue expected to close this year from leads made before it (the open pipeline)"
                    />
                    <NumberField
                        field=Field::DealSize
                        hint="First-year revenue of a new customer"
                    />
                    <NumberField
                        field=Field::MarketingSourcedPct
                        hint="Share of new deals marketing must source; sales sources the rest"
                    />
                </fieldset>
                <fieldset class="card">
                    <legend>"Budget"</legend>
                    <NumberField
                        field=Field::SpendPct
                        hint="Of the revenue goal. B2B firms commonly spend 8–10%"
                    />
                    <ChannelMix />
                </fieldset>
                <fieldset class="card">
                    <legend>"Funnel"</legend>
                    <NumberField
                        field=Field::LeadToMqlPct
                        hint="Default for channels without their own rate"
                    />
                    <NumberField field=Field::MqlToSqlPct />
                    <NumberField field=Field::SqlToOppPct />
                    <NumberField field=Field::WinRatePct hint="Opportunities that close as won" />
                    <NumberField field=Field::SalesCycleMonths hint="From lead to closed deal" />
                </fieldset>
                <fieldset class="card">
                    <legend>"Unit economics"</legend>
                    <NumberField field=Field::GrossMarginPct />
                    <NumberField
                        field=Field::LifetimeValue
                        hint="Lifetime gross profit per customer"
                    />
                </fieldset>
                <super::segments::SegmentEditor />
                <Deferred section=Section::Definitions>
                    <Definitions />
                </Deferred>
            </section>
            <section class="results" aria-label="Results">
                <PrintSummary printing=printing />
                <NearNow>
                    <Headline />
                </NearNow>
                <NearNow>
                    <Funnel />
                </NearNow>
                // A plan of one kind of deal reads as it always did.
                <Show when=move || several_segments.get()>
                    <Deferred section=Section::Segments>
                        <super::segment_results::SegmentResults />
                    </Deferred>
                </Show>
                <Deferred section=Section::Economics>
                    <Economics />
                </Deferred>
                <Deferred section=Section::Timing>
                    <Timing />
                </Deferred>
                <Deferred section=Section::Channels>
                    <ChannelResults />
                </Deferred>
                <Deferred section=Section::Levers>
                    <LeverList />
                </Deferred>
                <Deferred section=Section::BudgetCut>
                    <BudgetCutPanel />
                </Deferred>
                <Deferred section=Section::CheckIns>
                    <check_ins::CheckIns />
                </Deferred>
                <Deferred section=Section::MultiYear>
                    <multi_year::MultiYearView />
                </Deferred>
            </section>
        </main>
        <footer class="foot">
            <p>"Everything is computed in your browser. Nothing you type is sent anywhere."</p>
            <p class="muted">{move || scenario.with(|s| format!("Scenario: {}", s.name))}</p>
        </footer>
    }
    .into_any()
}

/// When marketing-sourced revenue lands, given the sales cycle.
#[component]
fn Timing() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let timing = [
        PlanMetric::InYearRevenue,
        PlanMetric::InYearShortfall,
        PlanMetric::EarlierLeadMonths,
        PlanMetric::InYearMarketingRevenue,
        PlanMetric::NextYearMarketingRevenue,
    ];
    view! {
        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">"When the revenue arrives"</h2>
            <dl class="stats narrow">{metric_list(planner, timing)}</dl>
            <ChartFigure chart=planner.later_chart("timeline", charts::timeline) />
        </section>
    }
}

#[component]
fn ScenarioName() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let scenario = planner.scenario;
    let error = planner.error(Field::Name);
    let unsaved = use_context::<Library>().map(|library| library.unsaved);
    view! {
        <div class="field">
            <div class="field-head">
                <label for="in-name">"Scenario name"</label>
                {move || {
                    unsaved
                        .and_then(|u| u.get())
                        .map(|_| {
                            view! { <span class="badge unsaved-badge">"unsaved changes"</span> }
                        })
                }}
            </div>
            <input
                id="in-name"
                type="text"
                autocomplete="off"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby="err-name"
                prop:value=move || scenario.with(|s| s.name.clone())
                on:input=move |ev| scenario.update(|s| s.name = event_target_value(&ev))
            />
            <FieldError id="err-name" message=error />
        </div>
    }
}

#[component]
fn CurrencySelect() -> impl IntoView {
    let scenario = expect_context::<Planner>().scenario;
    view! {
        <div class="field">
            <label for="in-currency">"Currency"</label>
            <select
                id="in-currency"
                on:change=move |ev| scenario.update(|s| s.currency = event_target_value(&ev))
            >
                {CURRENCIES
                    .map(|code| {
                        view! {
                            <option
                                value=code
                                selected=move || scenario.with(|s| s.currency == code)
                            >
                                {code}
                            </option>
                        }
                    })}
            </select>
        </div>
    }
}

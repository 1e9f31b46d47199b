use super::economics::metric_list;
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
use crate::charts::{self, Chart};
use crate::format::Style;
use crate::model::{CURRENCIES, Field, Metric, Plan, Scenario};
use crate::{share, storage};
use leptos::prelude::*;

/// The one source of truth and what is derived from it.
#[derive(Clone, Copy)]
pub struct Planner {
    /// The inputs being edited.
    pub scenario: RwSignal<Scenario>,
    /// Every output, recomputed once per change of the scenario.
    pub plan: Memo<Plan>,
    /// The width charts are drawn at: narrow on phones, wide elsewhere.
    pub chart_width: RwSignal<u32>,
    /// Ticks when charts redraw: after the numbers have painted.
    pub charts_due: ReadSignal<u32>,
    /// The page is being printed (or shown as print media): every chart is
    /// drawn, on screen or not.
    pub printing: RwSignal<bool>,
    /// The scenario's currency code, for formatting money, shared by every
    /// number on the page. A signal set only when the code changes: a memo
    /// of the scenario would be re-checked on every input, and with it
    /// every number that reads it.
    currency: RwSignal<String>,
    /// What the page's many small readers of the plan and of the scenario
    /// wait on, rather than on the plan or the scenario itself.
    plan_ticks: FanOut,
    scenario_ticks: FanOut,
}

/// How many nodes one change fans out to directly.
const FAN_OUT: usize = 12;

/// Spreads a source's readers over a few counters that tick when it changes.
///
/// reactive_graph keeps each node's readers in one ordered set and, every
/// time a reader re-runs, removes it (shifting the rest) and adds it back;
/// it also copies the whole set to notify it. With the hundred numbers of
/// the page reading the plan directly, that upkeep alone cost about 1 ms of
/// every input; a dozen counters of a few readers each cost next to nothing.
#[derive(Clone, Copy)]
struct FanOut {
    ticks: [Memo<u32>; FAN_OUT],
    next: StoredValue<usize>,
}

impl FanOut {
    fn new(track: impl Fn() + Copy + Send + Sync + 'static) -> Self {
        FanOut {
            ticks: std::array::from_fn(|_| {
                Memo::new(move |last: Option<&u32>| {
                    track();
                    last.map_or(0, |t| t.wrapping_add(1))
                })
            }),
            next: StoredValue::new(0),
        }
    }

    /// A counter for one more reader, taking turns.
    fn tick(self) -> Memo<u32> {
        let i = self.next.get_value();
        self.next.set_value((i + 1) % FAN_OUT);
        self.ticks[i]
    }

    /// A memo of `read` (an untracked read of the source) that re-runs when
    /// its counter ticks.
    fn memo<T: PartialEq + Send + Sync + 'static>(
        self,
        read: impl Fn() -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let tick = self.tick();
        Memo::new(move |_| {
            // Read, not only tracked: a memo runs (and starts following its
            // source) when it is first read.
            tick.get();
            read()
        })
    }
}

impl Planner {
    pub fn new(scenario: Scenario) -> Self {
        let scenario = RwSignal::new(scenario);
        let plan = Memo::new(move |_| scenario.with(Plan::compute));
        let chart_width = RwSignal::new(chart_width_for_window());
        let charts_due = super::after_paint::after_next_paint(move || {
            scenario.track();
            plan.track();
        });
        let currency = RwSignal::new(scenario.with_untracked(|s| s.currency.clone()));
        Effect::new(move |_| {
            let code = scenario.with(|s| s.currency.clone());
            if currency.with_untracked(|c| *c != code) {
                currency.set(code);
            }
        });
        Planner {
            scenario,
            plan,
            chart_width,
            charts_due,
            printing: RwSignal::new(false),
            currency,
            plan_ticks: FanOut::new(move || plan.with(|_| ())),
            scenario_ticks: FanOut::new(move || scenario.track()),
        }
    }

    /// A chart of the plan, redrawn with it once the numbers have painted,
    /// and first drawn once the page has first painted, so the first
    /// numbers show sooner (until then it is [`Chart::pending`], with the
    /// id `id`).
    pub fn later_chart(
        self,
        id: &'static str,
        draw: fn(&Plan, &Scenario, u32) -> Chart,
    ) -> Memo<Chart> {
        let Planner {
            scenario,
            plan,
            chart_width,
            charts_due,
            ..
        } = self;
        Memo::new(move |_| {
            let due = charts_due.get();
            let width = chart_width.get();
            if due == 0 {
                return Chart::pending(id);
            }
            let chart = plan.with_untracked(|p| scenario.with_untracked(|s| draw(p, s, width)));
            debug_assert_eq!(id, chart.id, "later_chart's id must be the chart's");
            chart
        })
    }

    /// The planner as a section of the page sees it: while `near` is false
    /// (the section is far off screen), its numbers and sentences catch up
    /// in the task after the next paint, with the charts, rather than inside
    /// the key press. A key press then updates what can be seen, and the
    /// rest is at most a frame late where nobody can see it. Near the screen,
    /// and while printing, it follows every change at once.
    pub fn section(self, near: Signal<bool>) -> Self {
        let Planner {
            plan,
            scenario,
            charts_due,
            printing,
            ..
        } = self;
        let follows = Memo::new(move |last: Option<&u32>| {
            if near.get() || printing.get() {
                plan.with(|_| ());
                scenario.track();
            } else {
                charts_due.track();
            }
            last.map_or(0, |t| t.wrapping_add(1))
        });
        // Read, not only tracked: a memo starts following its sources when
        // it is first read.
        Planner {
            plan_ticks: FanOut::new(move || follows.with(|_| ())),
            scenario_ticks: FanOut::new(move || follows.with(|_| ())),
            ..self
        }
    }

    /// Something read off the plan and the scenario together, updated when
    /// either changes.
    pub fn from_both<T: PartialEq + Send + Sync + 'static>(
        self,
        read: impl Fn(&Plan, &Scenario) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let (plan, scenario) = (self.plan, self.scenario);
        // Every change of the plan comes from a change of the scenario.
        self.scenario_ticks
            .memo(move || plan.with_untracked(|p| scenario.with_untracked(|s| read(p, s))))
    }

    /// One metric of the plan as a signal that changes only with the metric,
    /// so a number that stays the same is not redrawn.
    pub fn metric(self, pick: fn(&Plan) -> Metric) -> Signal<Metric> {
        self.from_plan(pick).into()
    }

    /// Something read off the plan, updated when it changes.
    pub fn from_plan<T: PartialEq + Send + Sync + 'static>(
        self,
        read: impl Fn(&Plan) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let plan = self.plan;
        self.plan_ticks.memo(move || plan.with_untracked(&read))
    }

    /// Something read off the scenario, updated when it changes.
    pub fn from_scenario<T: PartialEq + Send + Sync + 'static>(
        self,
        read: impl Fn(&Scenario) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let scenario = self.scenario;
        self.scenario_ticks
            .memo(move || scenario.with_untracked(&read))
    }

    /// The scenario's currency code, for formatting money.
    pub fn currency(self) -> Signal<String> {
        self.currency.read_only().into()
    }

    /// The message for `field` when its value is invalid.
    pub fn error(self, field: Field) -> Signal<Option<String>> {
        self.from_scenario(move |s| s.error(field).map(|e| e.message))
            .into()
    }
}

/// Keeps `printing` true while the page is shown as print media.
fn follow_print_media(printing: RwSignal<bool>) {
    use wasm_bindgen::{JsCast, closure::Closure};
    let Some(query) = web_sys::window().and_then(|w| w.match_media("print").ok().flatten()) else {
        return;
    };
    let on_change = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
        move |event: web_sys::MediaQueryListEvent| printing.set(event.matches()),
    );
    if query
        .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())
        .is_ok()
    {
        // Listens for the page's life.
        on_change.forget();
    }
}

/// The width charts are drawn at on phones and in print.
const NARROW_CHART_WIDTH: u32 = 360;

/// Charts are drawn for the space they get: text stays readable on phones.
fn chart_width_for_window() -> u32 {
    let width = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .unwrap_or(1024.0);
    if width < 640.0 {
        NARROW_CHART_WIDTH
    } else {
        720
    }
}

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
    type Pick = fn(&Plan) -> Metric;
    let timing: Vec<(&'static str, &'static str, Pick, Style)> = vec![
        (
            "Revenue booked in the plan year, all sources",
            "in_year_revenue",
            |p| p.plan_year.in_year_revenue,
            Style::Money,
        ),
        (
            "Short of the plan-year goal",
            "in_year_shortfall",
            |p| p.plan_year.in_year_shortfall,
            Style::Money,
        ),
        (
            "Months earlier the leads would have to arrive to close it",
            "earlier_lead_months",
            |p| p.plan_year.earlier_lead_months,
            Style::Count,
        ),
        (
            "Marketing-sourced revenue this plan year",
            "in_year_marketing_revenue",
            |p| p.in_year_marketing_revenue,
            Style::Money,
        ),
        (
            "…and next year (sales-cycle delay)",
            "next_year_marketing_revenue",
            |p| p.next_year_marketing_revenue,
            Style::Money,
        ),
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

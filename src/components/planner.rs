//! The one source of truth, the scenario, and what the page reads off it.

use crate::charts::Chart;
use crate::model::{Field, Metric, Plan, PlanMetric, Scenario};
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

    /// [`FanOut::memo`] for a reading that may keep its last value.
    fn memo_from_last<T: PartialEq + Send + Sync + 'static>(
        self,
        read: impl Fn(Option<&T>) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let tick = self.tick();
        Memo::new(move |last| {
            tick.get();
            read(last)
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

    /// Follows the window: its width (the charts are drawn for it) and
    /// printing.
    pub fn follow_window(self) {
        let _resize = window_event_listener(leptos::ev::resize, move |_| {
            let width = chart_width_for_window();
            if self.chart_width.get_untracked() != width {
                self.chart_width.set(width);
            }
        });
        // Printed, charts get the narrow drawing: at a printed column's width its
        // text stays as large as on screen. The window's width comes back after.
        // What only the printed page shows is built while printing.
        let printing = self.printing;
        let _before_print = window_event_listener_untyped("beforeprint", move |_| {
            self.chart_width.set(NARROW_CHART_WIDTH);
            printing.set(true);
        });
        let _after_print = window_event_listener_untyped("afterprint", move |_| {
            self.chart_width.set(chart_width_for_window());
            printing.set(false);
        });
        // Print media without a print (an emulated print view, some previews).
        follow_print_media(printing);
    }

    /// A plan figure of the registry, as a signal.
    pub fn plan_metric(self, metric: PlanMetric) -> Signal<Metric> {
        self.from_plan(move |p| metric.read(p)).into()
    }

    /// [`Planner::metric`] for a closure (a segment's metric, say).
    pub fn metric_of(
        self,
        pick: impl Fn(&Plan) -> Metric + Send + Sync + 'static,
    ) -> Signal<Metric> {
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

    /// Like [`Planner::from_plan`], with the last value at hand (a number
    /// that keeps its last figure while its row is hidden, say).
    pub fn from_plan_or_last<T: PartialEq + Send + Sync + 'static>(
        self,
        read: impl Fn(&Plan, Option<&T>) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let plan = self.plan;
        self.plan_ticks
            .memo_from_last(move |last| plan.with_untracked(|p| read(p, last)))
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
pub(super) fn follow_print_media(printing: RwSignal<bool>) {
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
pub(super) const NARROW_CHART_WIDTH: u32 = 360;

/// Charts are drawn for the space they get: text stays readable on phones.
pub(super) fn chart_width_for_window() -> u32 {
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

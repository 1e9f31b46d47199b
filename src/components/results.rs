//! The results column: the headline and funnel first, everything below the
//! first screen built as it comes near (see `deferred`).

use super::{
    Deferred, NearNow, Planner, PrintSummary, Section, budget_cut::BudgetCutPanel,
    capacity::SalesCapacity, channel_results::ChannelResults, check_ins, economics::Economics,
    funnel::Funnel, headline::Headline, levers::LeverList, multi_year,
    segment_results::SegmentResults, timing::Timing, when::When,
};
use leptos::prelude::*;

/// What the plan delivers, section by section.
#[component]
pub fn Results() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let printing = planner.printing;
    let several_segments = planner.from_scenario(|s| s.segments.len() > 1);
    view! {
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
                    <SegmentResults />
                </Deferred>
            </Show>
            <Deferred section=Section::Economics>
                <Economics />
            </Deferred>
            <Deferred section=Section::Timing>
                <Timing />
            </Deferred>
            <Deferred section=Section::When>
                <When />
            </Deferred>
            <Deferred section=Section::Capacity>
                <SalesCapacity />
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
    }
}

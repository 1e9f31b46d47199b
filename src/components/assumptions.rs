//! The assumptions column: the scenario, the goal, the budget and its
//! channels, the funnel, unit economics and segments.

use super::scenario_fields::{CurrencySelect, ScenarioName};
use super::{
    Deferred, Definitions, ExampleNote, NearNow, PresetPicker, ScenarioLibrary, Section,
    channel_mix::ChannelMix, number_field::NumberField, segments::SegmentEditor,
};
use crate::model::Field;
use leptos::prelude::*;

/// Every input of the plan, in the order a planner thinks of them.
#[component]
pub fn Assumptions() -> impl IntoView {
    view! {
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
                <NumberField field=Field::DealSize hint="First-year revenue of a new customer" />
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
                // Twelve rows of inputs: off screen they catch up after the paint.
                <NearNow>
                    <ChannelMix />
                </NearNow>
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
                <NumberField field=Field::LifetimeValue hint="Lifetime gross profit per customer" />
            </fieldset>
            <NearNow>
                <SegmentEditor />
            </NearNow>
            <Deferred section=Section::Definitions>
                <Definitions />
            </Deferred>
        </section>
    }
}

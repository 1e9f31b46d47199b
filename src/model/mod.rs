//! The planning maths of `docs/model.md`: plain data in, plain data out.
//!
//! Nothing here knows about the browser. A [`Scenario`] holds the inputs as a
//! person typed them (rates as fractions); [`Plan::compute`] checks them and
//! derives every metric. A metric that cannot be computed — because an input
//! it depends on is invalid, or because it would divide by zero — is an
//! [`Undefined`] with the reason, never NaN or infinity.

mod capacity;
mod check_in;
mod field;
mod levers;
mod metric;
mod multi_year;
mod plan;
mod plan_year;
mod preset;
mod quarters;
mod registry;
mod scenario;
mod segment;
mod segment_plan;
mod timeline;
mod timing;

pub use capacity::{Binding, Capacity, Constraint};
pub use check_in::{
    CheckIn, CheckInResult, Date, Evidence, MAX_CHECK_INS, Pace, RateResult, Slip, Slipping, Stage,
    StageResult, Tracking, days_in_month, elapsed_months, is_leap_year, parse_month, plan_to_date,
    plan_year,
};
pub use field::{ChannelPart, Field, InputError, MAX_MQLS_PER_SDR_MONTH, MAX_TEAM};
pub use metric::{Metric, Undefined};
pub use multi_year::{MAX_YEARS, MultiYear, YearChange, YearPlan, YearSetting};
pub use plan::{BudgetCut, ChannelResult, Levers, Plan};
pub use plan_year::{PlanYear, Verdict};
pub use preset::{Figure, PRESETS, Preset, SOURCES_NOTE, Setting};
pub use quarters::QuarterShares;
pub use registry::{
    CapacityMetric, ChannelMetric, CheckInMetric, LeverMetric, MetricKey, PlanMetric,
    QuarterMetric, RateMetric, SegmentMetric, StageColumn, StageMetric, TimingMetric, YearMetric,
};
pub use scenario::{CURRENCIES, Channel, DEFINITION_MAX_CHARS, MAX_CHANNELS, MONEY_MAX, Scenario};
pub use segment::{ALL_DEALS, Funnel, MAX_SEGMENTS, Segment, SegmentPart};
pub use segment_plan::SegmentResult;
pub use timeline::{Cumulative, Month, Timeline};
pub use timing::{LeadMonth, QuarterResult, Timing};

//! The planning maths of `MODEL.md`: plain data in, plain data out.
//!
//! Nothing here knows about the browser. A [`Scenario`] holds the inputs as a
//! person typed them (rates as fractions); [`Plan::compute`] checks them and
//! derives every metric. A metric that cannot be computed — because an input
//! it depends on is invalid, or because it would divide by zero — is an
//! [`Undefined`] with the reason, never NaN or infinity.

mod field;
mod metric;
mod plan;
mod preset;
mod scenario;
mod timeline;

pub use field::{ChannelPart, Field, InputError};
pub use metric::{Metric, Undefined};
pub use plan::{BudgetCut, ChannelResult, Levers, Plan};
pub use preset::{Figure, PRESETS, Preset, SOURCES_NOTE, Setting};
pub use scenario::{CURRENCIES, Channel, DEFINITION_MAX_CHARS, MAX_CHANNELS, MONEY_MAX, Scenario};
pub use timeline::{Month, Timeline};

//! The page, one component per file. Components read the [`Planner`] from
//! context and stay thin: the numbers come from the model.

mod after_paint;
mod app;
mod budget_cut;
mod channel_mix;
mod channel_results;
mod chart;
mod check_ins;
mod compare;
mod deferred;
mod definitions;
mod economics;
mod embed;
mod example_note;
mod field_error;
mod funnel;
pub(crate) mod headline;
mod levers;
mod library;
mod meeting;
mod metric;
mod multi_year;
mod near_screen;
mod notices;
mod number_field;
mod presets;
mod print_summary;
mod save_status;
mod share_link;
mod undo_notice;

pub use crate::entry::Unit;
pub use crate::scale::Scale;
pub use app::{App, Planner};
pub use chart::ChartFigure;
pub use deferred::{Deferred, NearNow, Section, Sections};
pub use definitions::Definitions;
pub use example_note::ExampleNote;
pub use field_error::FieldError;
pub use library::{Library, ScenarioLibrary};
pub use meeting::MeetingTools;
pub use metric::MetricValue;
pub use number_field::{NumberField, NumberText, OptionalNumberCell};
pub use presets::PresetPicker;
pub use print_summary::PrintSummary;
pub use undo_notice::UndoNotice;

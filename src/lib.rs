//! A marketing budget planner that runs entirely in the browser.
//!
//! Data flows one way: inputs → [`model::Scenario`] (one signal) →
//! [`model::Plan`] (one memo) → views. Nothing downstream writes back.

pub mod charts;
pub mod components;
pub mod download;
pub mod entry;
pub mod export;
pub mod format;
pub mod model;
pub mod scale;
pub mod share;
pub mod storage;
pub mod words;

pub use components::App;

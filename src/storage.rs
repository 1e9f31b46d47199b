//! The only code that touches localStorage.
//!
//! What is stored is an envelope `{"schema": N, "data": …}`. Older schemas
//! are migrated forward on load; data from a newer version is left untouched
//! and never saved over; data that cannot be read is copied to a backup key
//! (never overwritten or deleted) before anything else happens. Stored data
//! comes from anyone with access to the browser: it is size-capped, and a
//! scenario read from it is trimmed to what the planner can show.

use crate::model::{MAX_CHANNELS, MAX_CHECK_INS, MAX_SEGMENTS, MAX_YEARS, Scenario};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The schema this build writes.
/// Schema 2 added segments (docs/model.md, "Segments"): a schema-1 scenario
/// has none and opens as one segment, "All deals", every number unchanged.
/// Bumping it keeps an older build from saving over a plan with segments it
/// cannot show.
/// Schema 3 added seasonality, budget phasing and the sales-capacity inputs
/// (docs/model.md, "Timing" and "Sales capacity"): a schema-2 scenario
/// opens with an even year and no capacity planned, every number unchanged.
pub const SCHEMA_VERSION: u32 = 3;
/// Stored text longer than this is not parsed (treated as damaged).
pub const MAX_STORED_CHARS: usize = 5_000_000;
/// Longest scenario or channel name kept from storage.
const MAX_NAME_CHARS: usize = 200;

/// The storage keys the planner uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The scenario on screen, saved as it is edited.
    Working,
    /// Prefix of backups of damaged data: `budget-planner:backup:<time>`.
    BackupPrefix,
    /// Prefix of each named scenario: `budget-planner:scenario:<id>`, one key
    /// each so saving one never rewrites the others.
    ScenarioPrefix,
    /// The id of the named scenario being edited, if any.
    Active,
}

impl Key {
    pub fn name(self) -> &'static str {
        match self {
            Key::Working => "budget-planner:working",
            Key::BackupPrefix => "budget-planner:backup:",
            Key::ScenarioPrefix => "budget-planner:scenario:",
            Key::Active => "budget-planner:active",
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    schema: u32,
    #[serde(default)]
    data: Value,
}

/// What reading stored text gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Decoded<T> {
    Ok(T),
    /// Written by a newer version of the planner (its schema number).
    Newer(u32),
    /// Not readable; the reason.
    Damaged(String),
}

/// `data` in the current envelope; `pretty` for files people may read.
fn envelope<T: Serialize + ?Sized>(data: &T, pretty: bool) -> String {
    let envelope = Envelope {
        schema: SCHEMA_VERSION,
        data: serde_json::to_value(data).unwrap_or(Value::Null),
    };
    let text = if pretty {
        serde_json::to_string_pretty(&envelope)
    } else {
        serde_json::to_string(&envelope)
    };
    text.unwrap_or_default()
}

/// Wraps a scenario in the current envelope.
pub fn encode_scenario(scenario: &Scenario) -> String {
    envelope(scenario, false)
}

/// A named scenario in the browser's library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// Stable id (also the end of its storage key).
    pub id: String,
    /// Last modified, milliseconds since 1970.
    pub modified_ms: f64,
    pub scenario: Scenario,
}

impl Default for Saved {
    fn default() -> Self {
        Saved {
            id: String::new(),
            modified_ms: 0.0,
            scenario: Scenario::default(),
        }
    }
}

/// Wraps a named scenario in the current envelope.
pub fn encode_saved(saved: &Saved) -> String {
    envelope(saved, false)
}

/// Reads a named scenario's envelope, migrating it forward.
pub fn decode_saved(text: &str) -> Decoded<Saved> {
    decode(text).map(|value| {
        serde_json::from_value::<Saved>(value)
            .map(|saved| Saved {
                scenario: trimmed(saved.scenario),
                ..saved
            })
            .map_err(|e| format!("it is not readable ({e})"))
    })
}

/// Wraps a list of named scenarios (an export file) in the current envelope.
pub fn encode_saved_list(list: &[Saved]) -> String {
    envelope(list, true)
}

/// Reads a list of named scenarios, migrating it forward.
pub fn decode_saved_list(text: &str) -> Decoded<Vec<Saved>> {
    decode(text).map(|value| {
        serde_json::from_value::<Vec<Saved>>(value)
            .map(|list| {
                list.into_iter()
                    .map(|saved| Saved {
                        scenario: trimmed(saved.scenario),
                        ..saved
                    })
                    .collect()
            })
            .map_err(|e| format!("its scenarios are not readable ({e})"))
    })
}

/// Reads an envelope and migrates its data to the current schema.
fn decode(text: &str) -> Decoded<Value> {
    if text.len() > MAX_STORED_CHARS {
        return Decoded::Damaged("it is larger than the planner reads".into());
    }
    let envelope: Envelope = match serde_json::from_str(text) {
        Ok(envelope) => envelope,
        Err(e) => return Decoded::Damaged(format!("it is not valid planner data ({e})")),
    };
    if envelope.schema > SCHEMA_VERSION {
        return Decoded::Newer(envelope.schema);
    }
    match migrate(envelope.schema, envelope.data) {
        Ok(data) => Decoded::Ok(without_nulls(data)),
        Err(reason) => Decoded::Damaged(reason),
    }
}

impl<T> Decoded<T> {
    fn map<U>(self, f: impl FnOnce(T) -> Result<U, String>) -> Decoded<U> {
        match self {
            Decoded::Ok(value) => match f(value) {
                Ok(u) => Decoded::Ok(u),
                Err(reason) => Decoded::Damaged(reason),
            },
            Decoded::Newer(schema) => Decoded::Newer(schema),
            Decoded::Damaged(reason) => Decoded::Damaged(reason),
        }
    }
}

/// Reads a stored scenario envelope, migrating it forward.
pub fn decode_scenario(text: &str) -> Decoded<Scenario> {
    decode(text).map(|value| {
        serde_json::from_value::<Scenario>(value)
            .map(trimmed)
            .map_err(|e| format!("its scenario is not readable ({e})"))
    })
}

/// Forward migrations, one schema step at a time.
fn migrate(schema: u32, data: Value) -> Result<Value, String> {
    match schema {
        0 => Err("it has no schema version".into()),
        1 => migrate(2, upgrade_1_to_2(data)),
        2 => migrate(3, upgrade_2_to_3(data)),
        // Schema 3 is current. A schema 4 would add: `3 => migrate(4, upgrade_3_to_4(data))`.
        _ => Ok(data),
    }
}

/// Schema 1 had no segments: its scenarios, whether stored alone, in a named
/// entry or in an exported list, take the default of one segment at 100%,
/// and every channel feeds it. Nothing is removed, so nothing is lost.
fn upgrade_1_to_2(data: Value) -> Value {
    fn scenario(mut value: Value) -> Value {
        if let Value::Object(map) = &mut value {
            map.remove("segments");
            if let Some(Value::Array(channels)) = map.get_mut("channels") {
                for channel in channels.iter_mut().filter_map(Value::as_object_mut) {
                    channel.remove("segment");
                }
            }
        }
        value
    }
    fn entry(mut value: Value) -> Value {
        if let Some(inner) = value.get_mut("scenario") {
            *inner = scenario(inner.take());
            value
        } else {
            scenario(value)
        }
    }
    match data {
        Value::Array(items) => Value::Array(items.into_iter().map(entry).collect()),
        other => entry(other),
    }
}

/// The fields schema 3 added to a scenario.
const SCHEMA_3_FIELDS: [&str; 6] = [
    "seasonality",
    "budget_phasing",
    "ae_count",
    "ae_quota",
    "sdr_count",
    "sdr_mqls_per_month",
];

/// Schema 2 had no seasonality, phasing or capacity: its scenarios take the
/// defaults (an even year, nothing planned). Stray fields of those names
/// are not half-trusted; nothing else is touched, so nothing is lost.
fn upgrade_2_to_3(data: Value) -> Value {
    fn scenario(mut value: Value) -> Value {
        if let Value::Object(map) = &mut value {
            for field in SCHEMA_3_FIELDS {
                map.remove(field);
            }
        }
        value
    }
    fn entry(mut value: Value) -> Value {
        if let Some(inner) = value.get_mut("scenario") {
            *inner = scenario(inner.take());
            value
        } else {
            scenario(value)
        }
    }
    match data {
        Value::Array(items) => Value::Array(items.into_iter().map(entry).collect()),
        other => entry(other),
    }
}

/// JSON has no NaN: serde writes an invalid (NaN) input as null. Dropping
/// nulls lets `#[serde(default)]` fill those fields, so the rest still loads.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// Caps what hand-edited data could make the page render.
fn trimmed(mut scenario: Scenario) -> Scenario {
    let cap = |text: &mut String| {
        if text.chars().count() > MAX_NAME_CHARS {
            *text = text.chars().take(MAX_NAME_CHARS).collect();
        }
    };
    cap(&mut scenario.name);
    cap(&mut scenario.currency);
    scenario.channels.truncate(MAX_CHANNELS);
    scenario.segments.truncate(MAX_SEGMENTS);
    if scenario.segments.is_empty() {
        scenario.segments = Scenario::default().segments;
    }
    for segment in &mut scenario.segments {
        cap(&mut segment.name);
    }
    let segments = scenario.segments.len();
    for channel in &mut scenario.channels {
        cap(&mut channel.name);
        if channel.segment >= segments {
            channel.segment = 0;
        }
    }
    let tracking = &mut scenario.tracking;
    cap(&mut tracking.plan_start);
    tracking.check_ins.truncate(MAX_CHECK_INS);
    for check_in in &mut tracking.check_ins {
        cap(&mut check_in.date);
    }
    scenario.multi_year.changes.truncate(MAX_YEARS - 1);
    scenario
}

/// The browser side: localStorage, when the browser gives it. (It compiles
/// natively too, but only the browser calls it.)
pub mod browser {
    use super::{
        Decoded, Key, Saved, decode_saved, decode_scenario, encode_saved, encode_scenario,
    };
    use crate::model::Scenario;
    use wasm_bindgen::JsValue;

    /// What the planner found in storage at start-up.
    pub struct Restored {
        pub scenario: Option<Scenario>,
        pub notices: Vec<String>,
        /// False when saving would destroy something (newer or unreadable data
        /// that could not be backed up) or storage is unavailable.
        pub can_save: bool,
        /// Why saving is off, for the status line.
        pub why_not: Option<String>,
    }

    /// localStorage, or why there is none (blocked, sandboxed, disabled).
    /// Never panics: gloo's LocalStorage would, in a sandboxed iframe.
    pub fn local_storage() -> Result<web_sys::Storage, String> {
        let unavailable =
            || "this browser does not allow the planner to store data here".to_string();
        let window = web_sys::window().ok_or_else(unavailable)?;
        window
            .local_storage()
            .map_err(|_| unavailable())?
            .ok_or_else(unavailable)
    }

    /// Reads the working scenario, backing up damaged data first.
    pub fn restore() -> Restored {
        let storage = match local_storage() {
            Ok(storage) => storage,
            Err(why) => {
                return Restored {
                    scenario: None,
                    notices: vec![],
                    can_save: false,
                    why_not: Some(why),
                };
            }
        };
        let text = match storage.get_item(Key::Working.name()) {
            Ok(Some(text)) => text,
            Ok(None) => {
                return Restored {
                    scenario: None,
                    notices: vec![],
                    can_save: true,
                    why_not: None,
                };
            }
            Err(_) => {
                return Restored {
                    scenario: None,
                    notices: vec![],
                    can_save: false,
                    why_not: Some(
                        "this browser would not let the planner read its saved data".into(),
                    ),
                };
            }
        };
        match decode_scenario(&text) {
            Decoded::Ok(scenario) => Restored {
                scenario: Some(scenario),
                notices: vec![],
                can_save: true,
                why_not: None,
            },
            Decoded::Newer(schema) => Restored {
                scenario: None,
                notices: vec![format!(
                    "Your saved plan was written by a newer version of the planner (data version {schema}). \
                     It is left untouched, and this page will not save over it: open the planner's newest version to use it."
                )],
                can_save: false,
                why_not: Some("the saved plan belongs to a newer version of the planner".into()),
            },
            Decoded::Damaged(reason) => {
                // Reloading before anything is saved must not pile up copies.
                let (backup_key, backed_up) = match existing_backup(&storage, &text) {
                    Some(key) => (key, true),
                    None => {
                        let key =
                            format!("{}{}", Key::BackupPrefix.name(), js_sys::Date::now() as u64);
                        let ok = storage.set_item(&key, &text).is_ok();
                        (key, ok)
                    }
                };
                if backed_up {
                    Restored {
                        scenario: None,
                        notices: vec![format!(
                            "Your saved plan could not be read: {reason}. It has been kept, unchanged, in this browser's \
                             storage under the key “{backup_key}” (to export it: the browser's developer tools, \
                             Application → Local storage). The planner starts from the example plan."
                        )],
                        can_save: true,
                        why_not: None,
                    }
                } else {
                    Restored {
                        scenario: None,
                        notices: vec![format!(
                            "Your saved plan could not be read: {reason}. It could not be backed up either, so it is \
                             left exactly as it is under the key “{}” and this page will not save over it.",
                            Key::Working.name()
                        )],
                        can_save: false,
                        why_not: Some(
                            "saving would overwrite data that could not be backed up".into(),
                        ),
                    }
                }
            }
        }
    }

    /// Every named scenario, newest first, and what could not be read.
    /// Unreadable entries are left where they are (and backed up once).
    pub fn library() -> (Vec<Saved>, Vec<String>) {
        let Ok(storage) = local_storage() else {
            return (vec![], vec![]);
        };
        let mut saved = Vec::new();
        let mut notices = Vec::new();
        let count = storage.length().unwrap_or(0);
        let keys: Vec<String> = (0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(Key::ScenarioPrefix.name()))
            .collect();
        for key in keys {
            let Ok(Some(text)) = storage.get_item(&key) else {
                continue;
            };
            match decode_saved(&text) {
                Decoded::Ok(entry) => saved.push(Saved {
                    id: key[Key::ScenarioPrefix.name().len()..].to_string(),
                    ..entry
                }),
                Decoded::Newer(schema) => notices.push(format!(
                    "A saved scenario (“{key}”) comes from a newer version of the planner (data version {schema}); it is left untouched."
                )),
                Decoded::Damaged(reason) => {
                    if existing_backup(&storage, &text).is_none() {
                        let backup = format!("{}{}", Key::BackupPrefix.name(), js_sys::Date::now() as u64);
                        let _ = storage.set_item(&backup, &text);
                    }
                    notices.push(format!(
                        "A saved scenario (“{key}”) could not be read: {reason}. It is left as it is, with a backup copy."
                    ));
                }
            }
        }
        saved.sort_by(|a, b| b.modified_ms.total_cmp(&a.modified_ms));
        (saved, notices)
    }

    /// Saves one named scenario under its own key.
    pub fn save_entry(saved: &Saved) -> Result<(), String> {
        let storage = local_storage()?;
        storage
            .set_item(
                &format!("{}{}", Key::ScenarioPrefix.name(), saved.id),
                &encode_saved(saved),
            )
            .map_err(|error| describe(&error))
    }

    /// Deletes one named scenario.
    pub fn remove_entry(id: &str) -> Result<(), String> {
        let storage = local_storage()?;
        storage
            .remove_item(&format!("{}{}", Key::ScenarioPrefix.name(), id))
            .map_err(|error| describe(&error))
    }

    /// The named scenario being edited, as remembered by this browser.
    pub fn active() -> Option<String> {
        local_storage()
            .ok()?
            .get_item(Key::Active.name())
            .ok()
            .flatten()
    }

    /// Remembers (or forgets) which named scenario is being edited.
    pub fn set_active(id: Option<&str>) {
        if let Ok(storage) = local_storage() {
            let _ = match id {
                Some(id) => storage.set_item(Key::Active.name(), id),
                None => storage.remove_item(Key::Active.name()),
            };
        }
    }

    /// A new, unique id for a named scenario.
    pub fn new_id() -> String {
        format!(
            "{}-{:06}",
            js_sys::Date::now() as u64,
            (js_sys::Math::random() * 1e6) as u32
        )
    }

    /// The backup key that already holds exactly `text`, if any.
    fn existing_backup(storage: &web_sys::Storage, text: &str) -> Option<String> {
        let count = storage.length().ok()?;
        (0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(Key::BackupPrefix.name()))
            .find(|key| storage.get_item(key).ok().flatten().as_deref() == Some(text))
    }

    /// Saves the working scenario. The message says why it failed; the
    /// previously saved data is then unchanged (setItem is all or nothing).
    pub fn save(scenario: &Scenario) -> Result<(), String> {
        let storage = local_storage()?;
        storage
            .set_item(Key::Working.name(), &encode_scenario(scenario))
            .map_err(|error| describe(&error))
    }

    fn describe(error: &JsValue) -> String {
        let name = js_sys::Reflect::get(error, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            "this browser's storage for the planner is full: your last saved version is kept; \
             export or delete saved data to make room"
                .into()
        } else {
            "the browser refused to store it: your last saved version is kept".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Channel;

    #[test]
    fn a_scenario_round_trips_through_its_envelope() {
        let scenario = Scenario {
            name: "Board <v2> & \"final\"".into(),
            ..Scenario::default()
        };
        assert_eq!(
            decode_scenario(&encode_scenario(&scenario)),
            Decoded::Ok(scenario)
        );
    }

    #[test]
    fn an_invalid_typed_value_stored_as_null_falls_back_to_the_default() {
        let scenario = Scenario {
            win_rate: f64::NAN,
            deal_size: 75_000.0,
            ..Scenario::default()
        };
        let text = encode_scenario(&scenario);
        assert!(text.contains("\"win_rate\":null"));
        let Decoded::Ok(loaded) = decode_scenario(&text) else {
            panic!("readable")
        };
        assert_eq!(loaded.win_rate, Scenario::default().win_rate);
        assert_eq!(loaded.deal_size, 75_000.0);
    }

    #[test]
    fn a_named_scenario_round_trips_through_its_envelope() {
        let saved = Saved {
            id: "1-2".into(),
            modified_ms: 1.5e12,
            scenario: Scenario::default(),
        };
        assert_eq!(decode_saved(&encode_saved(&saved)), Decoded::Ok(saved));
        assert_eq!(decode_saved(r#"{"schema": 4}"#), Decoded::Newer(4));
        assert!(matches!(decode_saved("garbage"), Decoded::Damaged(_)));
    }

    #[test]
    fn data_from_a_newer_version_is_recognised() {
        assert_eq!(
            decode_scenario(r#"{"schema": 7, "data": {"whatever": 1}}"#),
            Decoded::<Scenario>::Newer(7)
        );
    }

    #[test]
    fn damaged_data_says_why() {
        for text in [
            "{not json",
            "[]",
            r#"{"schema": 0}"#,
            r#"{"schema": 1, "data": {"revenue_goal": "lots"}}"#,
            "",
        ] {
            assert!(
                matches!(decode_scenario(text), Decoded::Damaged(_)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn missing_fields_take_defaults_so_older_data_still_loads() {
        let Decoded::Ok(loaded) = decode_scenario(r#"{"schema": 1, "data": {"name": "Old plan"}}"#)
        else {
            panic!("readable")
        };
        assert_eq!(loaded.name, "Old plan");
        assert_eq!(loaded.channels, Scenario::default().channels);
    }

    #[test]
    fn hand_edited_data_is_trimmed_to_what_the_page_can_show() {
        let scenario = Scenario {
            name: "x".repeat(10_000),
            channels: vec![Channel::default(); 500],
            ..Scenario::default()
        };
        let Decoded::Ok(loaded) = decode_scenario(&encode_scenario(&scenario)) else {
            panic!("readable")
        };
        assert_eq!(loaded.channels.len(), MAX_CHANNELS);
        assert_eq!(loaded.name.chars().count(), 200);
        let huge = format!(
            r#"{{"schema":1,"data":{{"name":"{}"}}}}"#,
            "y".repeat(MAX_STORED_CHARS)
        );
        assert!(matches!(decode_scenario(&huge), Decoded::Damaged(_)));
    }

    /// What the release before segments wrote for a named scenario (schema 1,
    /// no segment fields), kept as a file so the migration is tested on real
    /// data rather than on what this build writes.
    const SAVED_V1: &str = include_str!("../tests/data/saved-v1.json");

    #[test]
    fn a_schema_1_saved_scenario_opens_as_one_segment_with_nothing_lost() {
        let Decoded::Ok(saved) = decode_saved(SAVED_V1) else {
            panic!("readable")
        };
        let s = &saved.scenario;
        assert_eq!(saved.id, "1764700000000-42");
        assert_eq!(s.name, "FY27 board plan");
        assert_eq!(s.revenue_goal, 12_000_000.0);
        assert_eq!(s.deal_size, 60_000.0);
        assert_eq!(s.win_rate, 0.22);
        assert_eq!(s.channels.len(), 4);
        assert_eq!(s.channels[3].name, "Partner webinars");
        assert_eq!(s.channels[3].lead_to_mql, Some(0.4));
        assert!(s.channels.iter().all(|c| c.segment == 0));
        assert_eq!(s.segments, Scenario::default().segments);
        // Saved again, it is the current schema and reads back the same.
        let again = encode_saved(&saved);
        assert!(again.starts_with(r#"{"schema":3"#), "{again}");
        assert_eq!(decode_saved(&again), Decoded::Ok(saved));
    }

    #[test]
    fn schema_1_data_that_claims_segments_is_read_as_schema_1() {
        // Schema 1 never had segments: stray fields are not half-trusted.
        let text = r#"{"schema":1,"data":{"name":"Old","segments":[{"name":"X","revenue_share":0.5}],"channels":[{"name":"Ads","share":1.0,"cost_per_lead":50.0,"segment":3}]}}"#;
        let Decoded::Ok(s) = decode_scenario(text) else {
            panic!("readable")
        };
        assert_eq!(s.segments, Scenario::default().segments);
        assert_eq!(s.channels[0].segment, 0);
    }

    #[test]
    fn stored_segments_are_trimmed_and_channels_point_at_one_that_exists() {
        use crate::model::Segment;
        let seg = |i: usize| Segment {
            name: format!("S{i}"),
            ..Segment::default()
        };
        let mut scenario = Scenario {
            segments: (0..40).map(seg).collect(),
            ..Scenario::default()
        };
        scenario.segments[0].name = "z".repeat(5_000);
        scenario.channels[0].segment = 39;
        let Decoded::Ok(loaded) = decode_scenario(&encode_scenario(&scenario)) else {
            panic!("readable")
        };
        assert_eq!(loaded.segments.len(), MAX_SEGMENTS);
        assert_eq!(loaded.segments[0].name.chars().count(), 200);
        assert_eq!(loaded.channels[0].segment, 0);
        let none = r#"{"schema":2,"data":{"segments":[]}}"#;
        let Decoded::Ok(loaded) = decode_scenario(none) else {
            panic!("readable")
        };
        assert_eq!(loaded.segments, Scenario::default().segments);
    }

    /// What the release with segments wrote for a named scenario (schema 2:
    /// two segments, a pipeline, a definition; no seasonality, phasing or
    /// capacity), kept as a file so the migration is tested on real data.
    const SAVED_V2: &str = include_str!("../tests/data/saved-v2.json");

    #[test]
    fn a_schema_2_saved_scenario_opens_with_an_even_year_and_nothing_lost() {
        use crate::model::{Plan, QuarterShares};
        let Decoded::Ok(saved) = decode_saved(SAVED_V2) else {
            panic!("readable")
        };
        let s = &saved.scenario;
        assert_eq!(saved.id, "1764800000000-7");
        assert_eq!(s.name, "FY27 board plan, two segments");
        assert_eq!(s.pipeline_revenue, 400_000.0);
        assert_eq!(s.segments.len(), 2);
        assert_eq!(s.segments[1].name, "Enterprise");
        assert_eq!(s.segments[1].deal_size, Some(120_000.0));
        assert_eq!(s.segments[1].sales_cycle_months, Some(9.0));
        assert_eq!(s.segments[1].win_rate, Some(0.18));
        assert_eq!(s.channels.len(), 3);
        assert_eq!(s.channels[2].segment, 1);
        assert_eq!(s.channels[1].lead_to_mql, None);
        assert!(s.mql_definition.starts_with("Downloaded a guide"));
        // The new inputs take their defaults: nothing planned, an even year.
        assert_eq!(s.seasonality, QuarterShares::EVEN);
        assert_eq!(s.budget_phasing, QuarterShares::EVEN);
        assert_eq!(
            (s.ae_count, s.ae_quota, s.sdr_count, s.sdr_mqls_per_month),
            (None, None, None, None)
        );
        assert_eq!(s.errors(), vec![]);
        // Its plan is the plan it had: the same scenario without the new fields.
        let before = Scenario {
            seasonality: QuarterShares::EVEN,
            budget_phasing: QuarterShares::EVEN,
            ..s.clone()
        };
        assert_eq!(Plan::compute(s).metrics(), Plan::compute(&before).metrics());
        // Saved again, it is schema 3 and reads back the same.
        let again = encode_saved(&saved);
        assert!(again.starts_with(r#"{"schema":3"#), "{again}");
        assert_eq!(decode_saved(&again), Decoded::Ok(saved));
    }

    #[test]
    fn schema_2_data_that_claims_seasonality_or_capacity_is_read_as_schema_2() {
        let text = r#"{"schema":2,"data":{"name":"Old","seasonality":[1,0,0,0],"ae_count":3}}"#;
        let Decoded::Ok(s) = decode_scenario(text) else {
            panic!("readable")
        };
        assert_eq!(s.seasonality, crate::model::QuarterShares::EVEN);
        assert_eq!(s.ae_count, None);
    }

    #[test]
    fn schema_3_keeps_seasonality_phasing_and_capacity() {
        use crate::model::QuarterShares;
        let scenario = Scenario {
            seasonality: QuarterShares([0.1, 0.2, 0.3, 0.4]),
            budget_phasing: QuarterShares([0.4, 0.3, 0.2, 0.1]),
            ae_count: Some(8.0),
            ae_quota: Some(600_000.0),
            sdr_count: Some(3.0),
            sdr_mqls_per_month: Some(150.0),
            ..Scenario::default()
        };
        assert_eq!(
            decode_scenario(&encode_scenario(&scenario)),
            Decoded::Ok(scenario)
        );
    }
}

use super::{Planner, UndoNotice};
use crate::format::{self, Style};
use crate::model::{Metric, Plan, Scenario};
use crate::storage::{Saved, browser};
use crate::{download, export};
use leptos::prelude::*;

/// The named scenarios saved in this browser, shared by the components
/// that show and save them. They are snapshots: the plan on screen is saved
/// as it is edited (the working plan), and its changes go into the named
/// scenario it came from on "Save changes" or when another one is opened.
#[derive(Clone, Copy)]
pub struct Library {
    /// Newest first.
    pub entries: RwSignal<Vec<Saved>>,
    /// The named scenario being edited (its edits are saved to it).
    pub active: RwSignal<Option<String>>,
    /// The last deleted scenario, for undo.
    pub deleted: RwSignal<Option<Saved>>,
    /// The last thing that went wrong, in words.
    pub problem: RwSignal<Option<String>>,
    /// Ids picked for side-by-side comparison (at most four), in pick order.
    pub compare: RwSignal<Vec<String>>,
    /// The name of the named scenario being edited while the plan on screen
    /// differs from it (its changes are not saved to it yet).
    pub unsaved: Memo<Option<String>>,
}

impl Library {
    /// The saved scenarios, with `scenario` (the plan on screen) compared
    /// with the one it came from.
    pub fn load(scenario: RwSignal<Scenario>) -> (Library, Vec<String>) {
        let (entries, notices) = browser::library();
        let active = browser::active().filter(|id| entries.iter().any(|e| &e.id == id));
        let entries = RwSignal::new(entries);
        let active = RwSignal::new(active);
        let unsaved = Memo::new(move |_| {
            let id = active.get()?;
            entries.with(|list| {
                let entry = list.iter().find(|e| e.id == id)?;
                scenario.with(|s| (&entry.scenario != s).then(|| entry.scenario.name.clone()))
            })
        });
        let library = Library {
            entries,
            active,
            deleted: RwSignal::new(None),
            problem: RwSignal::new(None),
            compare: RwSignal::new(Vec::new()),
            unsaved,
        };
        (library, notices)
    }

    /// Re-reads the list (another tab saved or deleted something).
    pub fn refresh(self) {
        let (entries, _) = browser::library();
        self.entries.set(entries);
    }

    /// Stores `entry` and puts it at the top of the list.
    fn store(self, entry: Saved) -> bool {
        match browser::save_entry(&entry) {
            Ok(()) => {
                self.entries.update(|list| {
                    list.retain(|e| e.id != entry.id);
                    list.insert(0, entry);
                });
                self.problem.set(None);
                true
            }
            Err(why) => {
                self.problem.set(Some(format!("Not saved: {why}.")));
                false
            }
        }
    }

    /// Saves the scenario being edited into the active entry, if any and if changed.
    pub fn save_active(self, scenario: &Scenario) {
        let Some(id) = self.active.get_untracked() else {
            return;
        };
        let unchanged = self
            .entries
            .with_untracked(|list| list.iter().any(|e| e.id == id && &e.scenario == scenario));
        if !unchanged {
            self.store(Saved {
                id,
                modified_ms: js_sys::Date::now(),
                scenario: scenario.clone(),
            });
        }
    }

    /// Saves `scenario` as a new named scenario and makes it the one edited.
    pub fn save_new(self, scenario: Scenario) -> bool {
        let entry = Saved {
            id: browser::new_id(),
            modified_ms: js_sys::Date::now(),
            scenario,
        };
        let id = entry.id.clone();
        let stored = self.store(entry);
        if stored {
            self.set_active(Some(id));
        }
        stored
    }

    fn set_active(self, id: Option<String>) {
        browser::set_active(id.as_deref());
        self.active.set(id);
    }
}

fn modified_text(ms: f64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
        .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

/// Save, open, rename, duplicate and delete (with undo) named scenarios.
#[component]
pub fn ScenarioLibrary() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let library = expect_context::<Library>();
    let scenario = planner.scenario;
    let renaming = RwSignal::new(None::<String>);

    let save_as_new = move |_| {
        library.save_new(scenario.get_untracked());
    };
    let open = move |id: String| {
        if let Some(entry) = library
            .entries
            .with_untracked(|l| l.iter().find(|e| e.id == id).cloned())
        {
            // Leaving a scenario keeps its changes: nothing typed is lost.
            scenario.with_untracked(|s| library.save_active(s));
            library.set_active(Some(id));
            scenario.set(entry.scenario);
        }
    };
    let duplicate = move |id: String| {
        if let Some(entry) = library
            .entries
            .with_untracked(|l| l.iter().find(|e| e.id == id).cloned())
        {
            let mut copy = entry.scenario.clone();
            let name: String = format!("{} (copy)", copy.name).chars().take(80).collect();
            copy.name = name;
            // The copy opens, as it would in any document app; the scenario
            // left keeps its changes, as when another one is opened.
            scenario.with_untracked(|s| library.save_active(s));
            if library.save_new(copy.clone()) {
                scenario.set(copy);
            }
        }
    };
    let delete = move |id: String| {
        let Some(entry) = library
            .entries
            .with_untracked(|l| l.iter().find(|e| e.id == id).cloned())
        else {
            return;
        };
        match browser::remove_entry(&id) {
            Ok(()) => {
                library.entries.update(|l| l.retain(|e| e.id != id));
                if library.active.get_untracked().as_deref() == Some(id.as_str()) {
                    library.set_active(None);
                }
                library.compare.update(|c| c.retain(|x| x != &id));
                library.deleted.set(Some(entry));
            }
            Err(why) => library.problem.set(Some(format!("Not deleted: {why}."))),
        }
    };
    let undo = move |()| {
        if let Some(entry) = library.deleted.get_untracked()
            && library.store(entry)
        {
            library.deleted.set(None);
        }
    };
    let rename = move |id: String, name: String| {
        let name = name.trim().to_string();
        renaming.set(None);
        if name.is_empty() {
            return;
        }
        if let Some(mut entry) = library
            .entries
            .with_untracked(|l| l.iter().find(|e| e.id == id).cloned())
        {
            entry.scenario.name = name.clone();
            entry.modified_ms = js_sys::Date::now();
            if library.active.get_untracked().as_deref() == Some(id.as_str()) {
                scenario.update(|s| s.name = name);
            }
            library.store(entry);
        }
    };

    let row = move |entry: Saved| {
        let id = entry.id.clone();
        let plan = Plan::compute(&entry.scenario);
        let currency = entry.scenario.currency.clone();
        let number = |m: Metric, style| {
            m.value()
                .map(|v| format::text(v, style, &currency))
                .unwrap_or_else(|| "—".into())
        };
        let summary = format!(
            "Goal {} · budget {} · coverage {} · ROI {}",
            number(Metric::of(entry.scenario.revenue_goal), Style::CompactMoney),
            number(plan.budget, Style::CompactMoney),
            number(plan.coverage, Style::Percent),
            number(plan.roi, Style::Percent),
        );
        let is_active = {
            let id = id.clone();
            move || library.active.get().as_deref() == Some(id.as_str())
        };
        let is_renaming = {
            let id = id.clone();
            move || renaming.get().as_deref() == Some(id.as_str())
        };
        let is_active_badge = is_active.clone();
        let name = entry.scenario.name.clone();
        let (id_open, id_rename, id_dup, id_del, id_commit) =
            (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
        let (id_cmp, id_cmp2, id_cmp3) = (id.clone(), id.clone(), id.clone());
        view! {
            <li class="saved-scenario" class:active=is_active.clone() data-saved-id=id.clone()>
                <div class="saved-head">
                    {move || {
                        if is_renaming() {
                            let id_commit = id_commit.clone();
                            let id_blur = id_commit.clone();
                            view! {
                                <input
                                    class="rename-input"
                                    type="text"
                                    aria-label="New name"
                                    prop:value=name.clone()
                                    on:keydown=move |ev| {
                                        if ev.key() == "Enter" {
                                            rename(id_commit.clone(), event_target_value(&ev));
                                        } else if ev.key() == "Escape" {
                                            renaming.set(None);
                                        }
                                    }
                                    on:blur=move |ev| rename(
                                        id_blur.clone(),
                                        event_target_value(&ev),
                                    )
                                />
                            }
                                .into_any()
                        } else {
                            let id_open = id_open.clone();
                            view! {
                                <button
                                    type="button"
                                    class="link-button saved-name"
                                    on:click=move |_| open(id_open.clone())
                                >
                                    {name.clone()}
                                </button>
                            }
                                .into_any()
                        }
                    }}
                    {move || {
                        is_active_badge()
                            .then(|| {
                                if library.unsaved.with(Option::is_some) {
                                    view! {
                                        <span class="badge unsaved-badge">
                                            "editing · unsaved changes"
                                        </span>
                                    }
                                        .into_any()
                                } else {
                                    view! { <span class="badge">"editing"</span> }.into_any()
                                }
                            })
                    }}
                </div>
                <p class="saved-summary">{summary}</p>
                <p class="saved-meta">
                    {format!("Modified {}", modified_text(entry.modified_ms))}
                    <span class="saved-actions">
                        <button
                            type="button"
                            class="link-button rename"
                            on:click=move |_| renaming.set(Some(id_rename.clone()))
                        >
                            "Rename"
                        </button>
                        <button
                            type="button"
                            class="link-button duplicate"
                            on:click=move |_| duplicate(id_dup.clone())
                        >
                            "Duplicate"
                        </button>
                        <button
                            type="button"
                            class="link-button export-one"
                            on:click={
                                let entry = entry.clone();
                                move |_| download::text_file(
                                    &export::scenarios_json(std::slice::from_ref(&entry)),
                                    "application/json",
                                    &format!("{}.json", file_stem(&entry.scenario.name)),
                                )
                            }
                        >
                            "Export"
                        </button>
                        <button
                            type="button"
                            class="link-button delete"
                            on:click=move |_| delete(id_del.clone())
                        >
                            "Delete"
                        </button>
                        <label class="compare-pick">
                            <input
                                type="checkbox"
                                class="compare-box"
                                prop:checked={
                                    let id = id_cmp.clone();
                                    move || library.compare.with(|c| c.contains(&id))
                                }
                                disabled={
                                    let id = id_cmp2.clone();
                                    move || {
                                        library.compare.with(|c| c.len() >= 4 && !c.contains(&id))
                                    }
                                }
                                on:change={
                                    let id = id_cmp3.clone();
                                    move |_| {
                                        library
                                            .compare
                                            .update(|c| {
                                                if let Some(at) = c.iter().position(|x| x == &id) {
                                                    c.remove(at);
                                                } else if c.len() < 4 {
                                                    c.push(id.clone());
                                                }
                                            })
                                    }
                                }
                            />
                            "Compare"
                        </label>
                    </span>
                </p>
            </li>
        }
    };

    let unsaved = move || library.unsaved.get();
    let save_changes = move |_| scenario.with_untracked(|s| library.save_active(s));

    let preview = RwSignal::new(None::<Result<Vec<Saved>, String>>);
    let download_csv = move |_| {
        let csv = planner
            .plan
            .with_untracked(|p| scenario.with_untracked(|s| export::plan_csv(s, p)));
        let name = scenario.with_untracked(|s| file_stem(&s.name));
        download::text_file(&csv, "text/csv;charset=utf-8", &format!("{name}-plan.csv"));
    };
    let export_json = move |_| {
        let mut list = library.entries.get_untracked();
        if list.is_empty() {
            list.push(Saved {
                id: "working".into(),
                modified_ms: js_sys::Date::now(),
                scenario: scenario.get_untracked(),
            });
        }
        download::text_file(
            &export::scenarios_json(&list),
            "application/json",
            "budget-planner-scenarios.json",
        );
    };
    let choose_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > export::MAX_FILE_BYTES {
            preview.set(Some(Err(
                "the file is larger than the planner reads (5 MB)".into(),
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            preview.set(Some(match text {
                Some(text) => export::read_import(&text),
                None => Err("the file could not be read".into()),
            }));
        });
    };
    let add_imported = move |_| {
        if let Some(Ok(list)) = preview.get_untracked() {
            for entry in list {
                library.store(Saved {
                    id: browser::new_id(),
                    ..entry
                });
            }
        }
        preview.set(None);
    };

    view! {
        {move || {
            unsaved()
                .map(|name| {
                    view! {
                        <p class="unsaved">
                            {format!("Changes not yet saved to “{name}”. ")}
                            <button
                                id="save-changes"
                                type="button"
                                class="secondary"
                                on:click=save_changes
                            >
                                "Save changes"
                            </button>
                        </p>
                    }
                })
        }}
        <details class="library" id="library">
            <summary>
                {move || format!("Saved scenarios ({})", library.entries.with(Vec::len))}
            </summary>
            <button id="save-as-new" type="button" class="secondary" on:click=save_as_new>
                "Save as a new scenario"
            </button>
            {move || {
                library
                    .problem
                    .get()
                    .map(|p| {
                        view! {
                            <p class="error" role="alert">
                                {p}
                            </p>
                        }
                    })
            }}
            {move || {
                library
                    .deleted
                    .get()
                    .map(|entry| {
                        view! {
                            <UndoNotice
                                id="undo-delete"
                                class="undo"
                                message=format!("Deleted “{}”.", entry.scenario.name)
                                on_undo=Callback::new(undo)
                            />
                        }
                    })
            }}
            <div class="file-actions">
                <button id="download-csv" type="button" class="link-button" on:click=download_csv>
                    "Download this plan (CSV)"
                </button>
                <button id="export-json" type="button" class="link-button" on:click=export_json>
                    "Export scenarios (JSON)"
                </button>
                <input
                    id="import-file"
                    class="visually-hidden"
                    type="file"
                    accept=".json,application/json"
                    on:change=choose_file
                />
                <label class="link-button file-label" for="import-file">
                    "Import scenarios…"
                </label>
            </div>
            {move || {
                preview
                    .get()
                    .map(|result| match result {
                        Ok(list) => {
                            let names = list
                                .iter()
                                .take(5)
                                .map(|e| e.scenario.name.clone())
                                .collect::<Vec<_>>()
                                .join(", ");
                            let more = list.len().saturating_sub(5);
                            view! {
                                <div id="import-preview" class="import-preview" role="status">
                                    <p>
                                        {format!(
                                            "This file adds {} scenario{}: {names}{}.",
                                            list.len(),
                                            if list.len() == 1 { "" } else { "s" },
                                            if more > 0 {
                                                format!(" and {more} more")
                                            } else {
                                                String::new()
                                            },
                                        )} " Nothing you have saved is replaced."
                                    </p>
                                    <button
                                        id="import-confirm"
                                        type="button"
                                        class="secondary"
                                        on:click=add_imported
                                    >
                                        "Add them"
                                    </button>
                                    " "
                                    <button
                                        type="button"
                                        class="link-button"
                                        on:click=move |_| preview.set(None)
                                    >
                                        "Cancel"
                                    </button>
                                </div>
                            }
                                .into_any()
                        }
                        Err(why) => {
                            view! {
                                <p id="import-preview" class="error" role="alert">
                                    {format!("Nothing imported: {why}.")}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
            <ul class="saved-list">
                <For
                    each=move || library.entries.get()
                    key=|e| (e.id.clone(), e.modified_ms.to_bits())
                    children=row
                />
            </ul>
        </details>
    }
}

/// A file-name-safe version of a scenario name.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|p| !p.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() { "plan".into() } else { stem }
}

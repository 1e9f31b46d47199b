//! Industry presets: published benchmark figures to start a plan from.
//!
//! A preset sets only the figures it has a published source for and keeps
//! the rest of the plan (goal, deal size, sales cycle, margins…) as it is.
//! Every figure carries its source so the page can show where it comes from.
//! The figures are those of `docs/benchmarks.md`: indicative examples,
//! mostly from secondary summaries, for a person to replace with their own.

use super::{Channel, Scenario};

/// One figure a preset sets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Setting {
    /// Marketing budget as a fraction of the revenue goal.
    Spend(f64),
    /// Lead → MQL, MQL → SQL, SQL → opportunity and win rate, as fractions.
    /// Channels' own lead → MQL rates are cleared so this one applies.
    Funnel([f64; 4]),
    /// Channels as (name, budget share, cost per lead in US dollars).
    Channels(&'static [(&'static str, f64, f64)]),
}

/// A figure and where it was published.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    pub setting: Setting,
    pub source: &'static str,
}

/// A named starting point for a kind of business.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    /// Stable identifier (used in the page's `<select>`).
    pub id: &'static str,
    pub name: &'static str,
    /// What the preset leaves alone or how to read it; may be empty.
    pub note: &'static str,
    pub figures: &'static [Figure],
}

const B2B_GUIDANCE: &str =
    "Common guidance for high-performing B2B firms: 8–10% of the revenue goal";
const SALES_LED_FUNNEL: &str =
    "Funnel conversion medians for sales-led B2B (secondary benchmark compilations)";
const HUBSPOT: &str = "HubSpot demand-generation survey (older): $198 average, IT & services $370";
const GARTNER_2025: &str = "Gartner CMO Spend Survey 2025, by industry (secondary summary)";

/// Every preset, in the order the page offers them.
pub const PRESETS: [Preset; 7] = [
    Preset {
        id: "b2b-saas",
        name: "B2B SaaS (sales-led)",
        note: "",
        figures: &[
            Figure {
                setting: Setting::Spend(0.09),
                source: B2B_GUIDANCE,
            },
            Figure {
                setting: Setting::Funnel([0.26, 0.36, 0.44, 0.22]),
                source: SALES_LED_FUNNEL,
            },
            Figure {
                setting: Setting::Channels(&[
                    ("Paid search", 0.40, 310.0),
                    ("Content & SEO", 0.35, 164.0),
                    ("Events", 0.25, 400.0),
                ]),
                source: "First Page Sage 2023, B2B SaaS: $310 paid, $164 organic; events from trade-show worked examples ($320–$400)",
            },
        ],
    },
    Preset {
        id: "b2b-services",
        name: "B2B services",
        note: "Gartner puts IT & business services lower, at 5.8% of revenue (2025).",
        figures: &[
            Figure {
                setting: Setting::Spend(0.09),
                source: "The CMO Survey (Duke / Deloitte / AMA), c. Fall 2024: B2B services 9.0% (secondary summary)",
            },
            Figure {
                setting: Setting::Funnel([0.26, 0.36, 0.44, 0.22]),
                source: SALES_LED_FUNNEL,
            },
            Figure {
                setting: Setting::Channels(&[
                    ("Paid search", 0.40, 370.0),
                    ("Content & SEO", 0.35, 198.0),
                    ("Events", 0.25, 400.0),
                ]),
                source: HUBSPOT,
            },
        ],
    },
    Preset {
        id: "enterprise",
        name: "Enterprise B2B",
        note: "Keeps your channels: the sources give no enterprise cost per lead.",
        figures: &[
            Figure {
                setting: Setting::Spend(0.077),
                source: "Gartner CMO Spend Survey 2025, mostly large firms: 7.7% (half of CMOs at 6% or less)",
            },
            Figure {
                setting: Setting::Funnel([0.24, 0.32, 0.40, 0.18]),
                source: "Funnel conversion medians for enterprise (secondary benchmark compilations)",
            },
        ],
    },
    Preset {
        id: "smb-inbound",
        name: "SMB inbound",
        note: "Sets the funnel only; keeps your budget and channels.",
        figures: &[Figure {
            setting: Setting::Funnel([0.32, 0.38, 0.48, 0.28]),
            source: "Funnel conversion medians for SMB inbound (secondary benchmark compilations)",
        }],
    },
    Preset {
        id: "product-led",
        name: "Product-led",
        note: "Sets the funnel only; keeps your budget and channels.",
        figures: &[Figure {
            setting: Setting::Funnel([0.45, 0.38, 0.50, 0.24]),
            source: "Funnel conversion medians for product-led companies (secondary benchmark compilations)",
        }],
    },
    Preset {
        id: "manufacturing",
        name: "Manufacturing",
        note: "No manufacturing funnel is published in these sources: the sales-led B2B medians stand in.",
        figures: &[
            Figure {
                setting: Setting::Spend(0.095),
                source: GARTNER_2025,
            },
            Figure {
                setting: Setting::Funnel([0.26, 0.36, 0.44, 0.22]),
                source: SALES_LED_FUNNEL,
            },
            Figure {
                setting: Setting::Channels(&[
                    ("Trade shows", 0.40, 400.0),
                    ("Paid search", 0.35, 280.0),
                    ("Content & SEO", 0.25, 174.0),
                ]),
                source: "Trade shows: worked examples $320–$400; search and SEO: First Page Sage 2023, construction ($280 paid, $174 organic), the nearest published industry",
            },
        ],
    },
    Preset {
        id: "consumer-products",
        name: "Consumer products",
        note: "Sets the budget only: the published funnel medians are for B2B. The CMO Survey puts B2C product companies at 15.5%.",
        figures: &[Figure {
            setting: Setting::Spend(0.097),
            source: GARTNER_2025,
        }],
    },
];

/// The sources a preset's cost-per-lead figures come from, for the footnote.
pub const SOURCES_NOTE: &str = "Figures are indicative, mostly from secondary summaries of the surveys; replace them with your own numbers.";

impl Preset {
    /// The preset with this id, if any.
    pub fn find(id: &str) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.id == id)
    }

    /// The scenario with this preset's figures; everything else is kept.
    pub fn apply(&self, scenario: &Scenario) -> Scenario {
        let mut s = scenario.clone();
        for figure in self.figures {
            match figure.setting {
                Setting::Spend(spend) => s.spend = spend,
                Setting::Funnel([lead_to_mql, mql_to_sql, sql_to_opp, win_rate]) => {
                    s.lead_to_mql = lead_to_mql;
                    s.mql_to_sql = mql_to_sql;
                    s.sql_to_opp = sql_to_opp;
                    s.win_rate = win_rate;
                    for channel in &mut s.channels {
                        channel.lead_to_mql = None;
                    }
                }
                Setting::Channels(rows) => {
                    s.channels = rows
                        .iter()
                        .map(|&(name, share, cost)| Channel::new(name, share, cost, None))
                        .collect();
                }
            }
        }
        s
    }
}

impl Setting {
    /// The figure as a person reads it, e.g. "Marketing budget: 9% of revenue".
    pub fn describe(&self) -> String {
        let pct = |f: f64| {
            let p = (f * 1000.0).round() / 10.0;
            format!("{p}%")
        };
        match self {
            Setting::Spend(spend) => format!("Marketing budget: {} of revenue", pct(*spend)),
            Setting::Funnel(r) => format!(
                "Funnel: lead → MQL {}, MQL → SQL {}, SQL → opportunity {}, win rate {}",
                pct(r[0]),
                pct(r[1]),
                pct(r[2]),
                pct(r[3])
            ),
            Setting::Channels(rows) => {
                let parts: Vec<String> = rows
                    .iter()
                    .map(|(name, share, cost)| {
                        format!("{name} {} of budget at ${cost} per lead", pct(*share))
                    })
                    .collect();
                format!("Channels: {}", parts.join("; "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_gives_a_valid_plan_from_the_default() {
        for preset in PRESETS {
            let s = preset.apply(&Scenario::default());
            assert_eq!(s.errors(), vec![], "{}", preset.id);
            assert!(!preset.figures.is_empty());
            assert!(preset.figures.iter().all(|f| !f.source.is_empty()));
        }
    }

    #[test]
    fn ids_are_unique_and_found() {
        for preset in PRESETS {
            assert_eq!(Preset::find(preset.id), Some(&preset));
        }
        assert_eq!(Preset::find("nope"), None);
    }
}

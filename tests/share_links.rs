#![cfg(not(target_arch = "wasm32"))]
//! Share links (`docs/model.md`, "Inputs" and "Share links"): one test per
//! rule of the link format, against the pure parser/writer in `share.rs`.

use budget_planner::model::{
    CURRENCIES, Channel, CheckIn, MAX_CHANNELS, MONEY_MAX, MultiYear, Scenario, Segment,
    SegmentPart, Tracking, YearChange,
};
use budget_planner::share::{
    Loaded, MAX_LINK_CHARS, decode, from_link, left_out, percent_text, to_query,
};
use proptest::prelude::*;
use proptest::test_runner::Config;

// ---------------------------------------------------------------- helpers

fn config() -> Config {
    Config {
        cases: 256,
        // Keep the repo clean: no proptest-regressions files.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Opens a link to the app with this query (without `?`).
fn open(query: &str) -> Loaded {
    from_link(&format!("https://x.test/?{query}"))
}

/// The default scenario with one change.
fn default_with(change: impl FnOnce(&mut Scenario)) -> Scenario {
    let mut s = Scenario::default();
    change(&mut s);
    s
}

/// The part of a notice between its quotation marks (values are quoted
/// “like this”; the reason after the quote never contains ”).
fn quoted(notice: &str) -> Option<&str> {
    let start = notice.find('“')? + '“'.len_utf8();
    let end = notice.rfind('”')?;
    notice.get(start..end)
}

/// Every variant of a number field: its link parameter and setter.
const NUMBER_PARAMS: [&str; 14] = [
    "revenue_goal",
    "recurring_revenue",
    "deal_size",
    "spend_pct",
    "marketing_sourced_pct",
    "lead_to_mql_pct",
    "mql_to_sql_pct",
    "sql_to_opp_pct",
    "win_rate_pct",
    "sales_cycle_months",
    "gross_margin_pct",
    "lifetime_value",
    "cut_pct",
    "cut_from_month",
];

// ----------------------------------------------------- valid scenarios

/// 10^e for e uniform in [lo, hi): spreads values over many magnitudes.
fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..hi).prop_map(|e| 10f64.powf(e))
}

/// A rate in (0, 1]: mostly everyday values, sometimes tiny ones (still
/// valid: the model only asks for "above 0"), 100% itself often.
fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => 0.01f64..=1.0,
        2 => log_uniform(-6.0, 0.0),
        1 => log_uniform(-300.0, -6.0),
        1 => Just(1.0),
    ]
}

/// A fraction in [0, 1], the ends included.
fn fraction() -> impl Strategy<Value = f64> {
    prop_oneof![1 => Just(0.0), 1 => Just(1.0), 4 => 0.0f64..=1.0]
}

/// Money in (0, 1e13]: mostly from a cent up, sometimes far smaller (still
/// valid), the cap itself often.
fn money() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => log_uniform(-2.0, 13.0).prop_map(|m| m.min(MONEY_MAX)),
        1 => log_uniform(-300.0, -2.0),
        1 => Just(MONEY_MAX),
    ]
}

/// Text that is awkward in a URL: separators, escapes, `+`, markup, unicode.
fn awkward_text(max_chars: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[A-Za-z0-9]{1,6}".boxed(),
        1 => prop::sample::select(vec![
            " ", "&", "%", "%20", "%zz", "+", "=", "#", "?", "/", "~", "\"", "'", ";", "é",
            "日本", "💸", "\u{a0}", "<img src=x onerror=alert(1)>", "&amp;", "a=b&c=d",
        ])
        .prop_map(str::to_string)
        .boxed(),
        1 => any::<char>()
            .prop_filter("no control characters", |c| !c.is_control())
            .prop_map(String::from)
            .boxed(),
    ];
    prop::collection::vec(piece, 1..12).prop_filter_map("blank", move |pieces| {
        let text: String = pieces.concat().chars().take(max_chars).collect();
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    })
}

/// Channel rows as (weight, cost per lead, own lead → MQL rate).
fn channel_rows() -> impl Strategy<Value = Vec<(String, f64, f64, Option<f64>)>> {
    let name = awkward_text(40).prop_filter_map("blank without ~", |n| {
        let n = n.replace('~', "-").trim().to_string();
        (!n.is_empty()).then_some(n)
    });
    let row = (
        name,
        prop_oneof![1 => Just(0.0), 4 => 0.01f64..=1.0],
        money(),
        proptest::option::of(rate()),
    );
    proptest::collection::vec(row, 1..=MAX_CHANNELS)
}

/// Any valid scenario (`errors()` is empty): channel shares add up to 0–100%.
fn valid_scenario() -> impl Strategy<Value = Scenario> {
    // A definition may be unrecorded, or span lines.
    let definition = || {
        prop_oneof![
            Just(String::new()),
            awkward_text(280).prop_map(|t| t.replacen(' ', "\n", 1)),
        ]
    };
    let text = (
        awkward_text(80),
        0..CURRENCIES.len(),
        definition(),
        definition(),
    );
    let money_inputs = (
        money(),                                          // revenue goal
        prop_oneof![Just(0.0), 0.0f64..1.0, 1.0f64..2.0], // recurring, × goal
        money(),                                          // deal size
        money(),                                          // lifetime value
    );
    let rates = (rate(), fraction(), rate(), rate(), rate(), rate(), rate());
    let rest = (
        0u8..=24,   // sales cycle
        fraction(), // cut
        1u8..=12,   // cut from month
        channel_rows(),
        prop_oneof![2 => Just(1.0), 1 => Just(0.0), 3 => 0.01f64..=1.0], // allocated
    );
    (text, money_inputs, rates, rest).prop_map(
        |(
            (name, currency, mql_definition, sql_definition),
            (goal, recurring_x, deal_size, lifetime_value),
            (spend, marketing_sourced, lead_to_mql, mql_to_sql, sql_to_opp, win_rate, gross_margin),
            (cycle, cut, from, rows, total),
        )| {
            let weights: f64 = rows.iter().map(|r| r.1).sum();
            let channels = rows
                .iter()
                .enumerate()
                .map(|(i, (name, w, cpl, r))| {
                    let share = if weights > 0.0 {
                        total * w / weights
                    } else if i == 0 {
                        total
                    } else {
                        0.0
                    };
                    Channel::new(name, share, *cpl, *r)
                })
                .collect();
            Scenario {
                name,
                currency: CURRENCIES[currency].into(),
                revenue_goal: goal,
                recurring_revenue: (goal * recurring_x).min(MONEY_MAX),
                deal_size,
                spend,
                marketing_sourced,
                lead_to_mql,
                mql_to_sql,
                sql_to_opp,
                win_rate,
                sales_cycle_months: f64::from(cycle),
                gross_margin,
                lifetime_value,
                channels,
                cut,
                cut_from_month: f64::from(from),
                mql_definition,
                sql_definition,
                ..Scenario::default()
            }
        },
    )
}

/// Bit-for-bit equality of two scenarios' numbers (`==` would let 0.0 and
/// -0.0 pass), with the first difference named.
fn same_bits(a: &Scenario, b: &Scenario) -> Result<(), String> {
    let scalars = |s: &Scenario| {
        [
            s.revenue_goal,
            s.recurring_revenue,
            s.deal_size,
            s.spend,
            s.marketing_sourced,
            s.lead_to_mql,
            s.mql_to_sql,
            s.sql_to_opp,
            s.win_rate,
            s.sales_cycle_months,
            s.gross_margin,
            s.lifetime_value,
            s.cut,
            s.cut_from_month,
        ]
    };
    for (i, (x, y)) in scalars(a).into_iter().zip(scalars(b)).enumerate() {
        if x.to_bits() != y.to_bits() {
            return Err(format!("{}: {x:e} became {y:e}", NUMBER_PARAMS[i]));
        }
    }
    if a.channels.len() != b.channels.len() {
        return Err("channel count differs".into());
    }
    for (i, (x, y)) in a.channels.iter().zip(&b.channels).enumerate() {
        let bits = |c: &Channel| {
            (
                c.share.to_bits(),
                c.cost_per_lead.to_bits(),
                c.lead_to_mql.map(f64::to_bits),
            )
        };
        if bits(x) != bits(y) {
            return Err(format!("channel {i}: {x:?} became {y:?}"));
        }
    }
    Ok(())
}

// ------------------------------------------------------------ the rules

proptest! {
    #![proptest_config(config())]

    /// A link round-trips: writing a valid scenario and opening the link
    /// gives the same scenario back, bit for bit, with nothing to report.
    #[test]
    fn a_link_round_trips(s in valid_scenario()) {
        prop_assume!(s.errors().is_empty());
        let query = to_query(&s);
        let loaded = from_link(&format!("https://x.test/?{query}"));
        prop_assert!(loaded.notices.is_empty(), "notices {:?}\nquery {query}", loaded.notices);
        prop_assert!(loaded.has_scenario);
        prop_assert!(!loaded.embed);
        if let Err(diff) = same_bits(&s, &loaded.scenario) {
            return Err(TestCaseError::fail(format!("{diff}\nquery {query}")));
        }
        prop_assert_eq!(&loaded.scenario, &s);
    }
}

/// The XSS-shaped and URL-shaped names of the round trip, pinned.
#[test]
fn a_link_round_trips_awkward_names() {
    for name in [
        "FY27 plan",
        "R&D = 50% + more #1",
        "a+b%20c%zz",
        "<img src=x onerror=alert(1)>",
        "Prévisions 日本 💸",
        "?name=evil&revenue_goal=1",
    ] {
        let s = Scenario {
            name: name.into(),
            channels: vec![Channel::new(name, 0.5, 100.0, None)],
            ..Scenario::default()
        };
        let loaded = open(&to_query(&s));
        assert_eq!(loaded.scenario, s, "name {name:?}");
        assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    }
}

#[test]
fn every_parameter_is_optional() {
    for link in [
        "",
        "?",
        "https://x.test/",
        "https://x.test/?",
        "https://x.test/?&&",
    ] {
        let loaded = from_link(link);
        assert_eq!(loaded.scenario, Scenario::default(), "link {link:?}");
        assert!(
            loaded.notices.is_empty(),
            "link {link:?}: {:?}",
            loaded.notices
        );
        assert!(!loaded.has_scenario, "link {link:?}");
        assert!(!loaded.embed, "link {link:?}");
    }
    let loaded = open("revenue_goal=5000000");
    assert_eq!(
        loaded.scenario,
        default_with(|s| s.revenue_goal = 5_000_000.0)
    );
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert!(loaded.has_scenario);
}

#[test]
fn unknown_parameters_are_ignored() {
    let loaded = open("utm_source=news&foo=bar&Win_Rate_Pct=50&channels=x~1~1&=5&embed=0");
    assert_eq!(loaded.scenario, Scenario::default());
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert!(!loaded.has_scenario);
    assert!(!loaded.embed);

    let loaded = open("embed=1");
    assert!(loaded.embed);
    assert!(!loaded.has_scenario, "embed is not a scenario parameter");
    assert_eq!(loaded.scenario, Scenario::default());

    let loaded = open("ref=x&win_rate_pct=30&embed=1");
    assert!(loaded.embed);
    assert_eq!(loaded.scenario, default_with(|s| s.win_rate = 0.30));
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
}

#[test]
fn percent_parameters_are_percentages_and_plus_is_a_space() {
    let loaded = open(
        "win_rate_pct=25&spend_pct=9.5&marketing_sourced_pct=0&cut_pct=100\
         &name=FY27+plan%20v2&channel=Paid+search%20EU~30~180~25",
    );
    let expected = default_with(|s| {
        s.win_rate = 0.25;
        s.spend = 0.095;
        s.marketing_sourced = 0.0;
        s.cut = 1.0;
        s.name = "FY27 plan v2".into();
        s.channels = vec![Channel::new("Paid search EU", 0.30, 180.0, Some(0.25))];
    });
    assert_eq!(loaded.scenario, expected);
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    // An encoded plus is a plus.
    assert_eq!(open("name=A%2BB").scenario.name, "A+B");
}

#[test]
fn invalid_values_take_the_default_with_a_notice() {
    let long_name = "n".repeat(80) + "X";
    let cases: [(&str, &str, &str); 19] = [
        ("win_rate_pct", "150", "above 0% and at most 100%"),
        ("win_rate_pct", "0", "above 0% and at most 100%"),
        ("deal_size", "abc", "not a number"),
        ("deal_size", "-5", "above 0 and at most 10 trillion"),
        ("revenue_goal", "1e14", "above 0 and at most 10 trillion"),
        (
            "sales_cycle_months",
            "7.5",
            "whole number of months from 0 to 24",
        ),
        (
            "sales_cycle_months",
            "25",
            "whole number of months from 0 to 24",
        ),
        ("cut_from_month", "13", "whole month from 1 to 12"),
        ("cut_from_month", "0", "whole month from 1 to 12"),
        ("currency", "XYZ", "supported currencies"),
        ("name", "", "1 to 80 characters"),
        ("name", "%20%20", "1 to 80 characters"),
        ("name", &long_name, "1 to 80 characters"),
        ("spend_pct", "NaN", "not a number"),
        ("gross_margin_pct", "inf", "not a number"),
        ("recurring_revenue", "-inf", "not a number"),
        ("revenue_goal", "1,000", "not a number"),
        ("revenue_goal", "1e400", "not a number"),
        ("marketing_sourced_pct", "101", "between 0% and 100%"),
    ];
    for (param, value, reason) in cases {
        // A valid neighbour shows the other fields are untouched.
        let loaded = open(&format!("lifetime_value=99000&{param}={value}"));
        let context = format!("{param}={value}: {:?}", loaded.notices);
        assert_eq!(
            loaded.scenario,
            default_with(|s| s.lifetime_value = 99_000.0),
            "{context}"
        );
        assert!(loaded.has_scenario, "{context}");
        assert_eq!(loaded.notices.len(), 1, "{context}");
        let notice = &loaded.notices[0];
        assert!(
            notice.contains(&format!("{param}=")),
            "names the parameter: {context}"
        );
        assert!(notice.contains(reason), "says why: {context}");
        let shown = quoted(notice).expect("the value is quoted");
        assert!(shown.chars().count() <= 41, "{context}");
    }
    // The 81-character name is quoted to 40 characters and an ellipsis.
    let loaded = open(&format!("name={long_name}"));
    assert_eq!(
        quoted(&loaded.notices[0]),
        Some(format!("{}…", "n".repeat(40)).as_str())
    );
    // Only the first occurrence of a parameter counts.
    let loaded = open("win_rate_pct=150&win_rate_pct=30");
    assert_eq!(loaded.scenario.win_rate, Scenario::default().win_rate);
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
}

#[test]
fn channels_replace_the_defaults_and_invalid_ones_are_skipped() {
    // Parsed; the lead → MQL part may be left out (inherits the default).
    let loaded = open("channel=Paid%20search~30~180~25&channel=Events~20~450");
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert!(loaded.has_scenario);
    assert_eq!(
        loaded.scenario,
        default_with(|s| {
            s.channels = vec![
                Channel::new("Paid search", 0.30, 180.0, Some(0.25)),
                Channel::new("Events", 0.20, 450.0, None),
            ]
        })
    );
    // One channel replaces all four defaults; an empty last part is "left out".
    let loaded = open("channel=Webinars~10~90~");
    assert_eq!(
        loaded.scenario.channels,
        vec![Channel::new("Webinars", 0.10, 90.0, None)]
    );

    // Invalid channels are skipped with a notice each; valid ones are kept.
    let bad = [
        ("Bad~abc~100", "share"),
        ("Big~150~100", "share"),
        ("Free~10~0", "cost per lead"),
        ("Junk~10~100~0", "lead → MQL"),
        ("%20~10~100", "name"),
        ("~10~100", "name"),
        ("Two~10", "NAME~SHARE"),
        ("Five~1~2~3~4", "NAME~SHARE"),
    ];
    let query: Vec<String> = bad
        .iter()
        .map(|(v, _)| format!("channel={v}"))
        .chain(["channel=Good~10~100".to_string()])
        .collect();
    let loaded = open(&query.join("&"));
    assert_eq!(
        loaded.scenario,
        default_with(|s| s.channels = vec![Channel::new("Good", 0.10, 100.0, None)])
    );
    assert_eq!(loaded.notices.len(), bad.len(), "{:?}", loaded.notices);
    for (i, ((raw, why), notice)) in bad.iter().zip(&loaded.notices).enumerate() {
        assert!(notice.contains(&format!("channel {}", i + 1)), "{notice}");
        assert_eq!(quoted(notice), Some(decode(raw).as_str()), "{notice}");
        assert!(notice.contains(why), "{notice} should say why ({why})");
    }

    // All invalid: the default channels, and a notice saying so.
    let loaded = open("channel=Free~10~0&channel=x");
    assert_eq!(loaded.scenario, Scenario::default());
    assert_eq!(loaded.notices.len(), 3, "{:?}", loaded.notices);
    assert!(
        loaded.notices[2].contains("default channels"),
        "{:?}",
        loaded.notices
    );

    // Shares above 100% in total: the default channels, the total named.
    let loaded = open("channel=A~60~100&channel=B~50.5~100");
    assert_eq!(loaded.scenario, Scenario::default());
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
    assert!(loaded.notices[0].contains("110.5%"), "{:?}", loaded.notices);
    assert!(
        loaded.notices[0].contains("default channels"),
        "{:?}",
        loaded.notices
    );
    // Exactly 100% is fine, and so is 33.3 + 33.3 + 33.4.
    let loaded = open("channel=A~33.3~1&channel=B~33.3~1&channel=C~33.4~1");
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert_eq!(loaded.scenario.channels.len(), 3);

    // More than 12: the first 12 kept, and a notice.
    let query: Vec<String> = (1..=15).map(|i| format!("channel=C{i}~1~100")).collect();
    let loaded = open(&query.join("&"));
    let names: Vec<&str> = loaded
        .scenario
        .channels
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let first_12: Vec<String> = (1..=MAX_CHANNELS).map(|i| format!("C{i}")).collect();
    assert_eq!(names, first_12);
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
    assert!(
        loaded.notices[0].contains("Ignored 3 channels"),
        "{:?}",
        loaded.notices
    );
    assert!(
        loaded.notices[0].contains("at most 12"),
        "{:?}",
        loaded.notices
    );
    assert!(loaded.scenario.errors().is_empty());
}

#[test]
fn a_link_longer_than_8000_characters_is_refused() {
    assert_eq!(MAX_LINK_CHARS, 8_000);
    let link_of = |chars: usize| {
        let head = "https://x.test/?win_rate_pct=30&pad=";
        format!("{head}{}", "x".repeat(chars - head.len()))
    };
    let at_limit = link_of(8_000);
    assert_eq!(at_limit.chars().count(), 8_000);
    let loaded = from_link(&at_limit);
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert_eq!(loaded.scenario.win_rate, 0.30);

    let loaded = from_link(&link_of(8_001));
    assert_eq!(loaded.scenario, Scenario::default());
    assert!(!loaded.has_scenario);
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
    assert!(
        loaded.notices[0].contains("too long"),
        "{:?}",
        loaded.notices
    );
    assert!(loaded.notices[0].chars().count() < 200);
}

// ------------------------------------------------------ hostile input

/// Values a stranger might paste: broken escapes, invalid UTF-8, numbers at
/// the edges, separators, and very long runs.
fn hostile_value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "%", "%E2%82", "%zz", "%4", "%FF", "%C0%AF", "%ED%A0%80", "%00", "%0A", "%E2%80%9D",
            "”", "“", "~", "~~~", "+", "=", "&", "#", "?", "NaN", "inf", "-0", "1e400", "1e-400",
            "0x10", "1,000", "١٢", "9999999999999999999999999999999999999999", "50", "100", "12", "0.5", " ",
            "<script>", "\u{202e}", "💸",
        ])
        .prop_map(str::to_string)
        .boxed(),
        2 => "[ -~]{0,12}".boxed(),
        1 => any::<String>().prop_map(|s| s.chars().take(20).collect()).boxed(),
        1 => (prop::sample::select(vec!["a", "9", "%", "~", "%41"]), 50usize..3_000)
            .prop_map(|(s, n)| s.repeat(n))
            .boxed(),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|p| p.concat())
}

fn hostile_link() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        4 => prop::sample::select(
            [NUMBER_PARAMS.as_slice(), &["name", "currency", "channel", "channel", "embed"]]
                .concat()
        )
        .prop_map(str::to_string)
        .boxed(),
        1 => hostile_value().boxed(),
    ];
    let pair = (key, prop::option::of(hostile_value()))
        .prop_map(|(k, v)| v.map_or(k.clone(), |v| format!("{k}={v}")));
    prop_oneof![
        1 => any::<String>(),
        1 => hostile_value(),
        4 => (
            prop::sample::select(vec!["", "?", "https://x.test/?", "https://x.test/a?b?", "#?"]),
            prop::collection::vec(pair, 0..40),
        )
            .prop_map(|(head, pairs)| format!("{head}{}", pairs.join("&"))),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Hostile input never panics, notices quote little, and what opens is
    /// always a valid scenario.
    #[test]
    fn hostile_input_never_panics(link in hostile_link()) {
        let loaded = from_link(&link);
        prop_assert!(
            loaded.scenario.errors().is_empty(),
            "errors {:?} from {link:?}",
            loaded.scenario.errors()
        );
        for notice in &loaded.notices {
            if let Some(shown) = quoted(notice) {
                let n = shown.chars().count();
                prop_assert!(n <= 41, "quotes {n} chars: {notice}");
                prop_assert!(n <= 40 || shown.ends_with('…'), "{notice}");
            }
            prop_assert!(notice.chars().count() <= 250, "long notice: {notice}");
        }
    }
}

// -------------------------------------------------------- the pieces

#[test]
fn decode_is_form_urlencoded_and_lenient() {
    let cases = [
        ("a+b", "a b"),
        ("%41", "A"),
        ("%41%42c", "ABc"),
        ("%e2%82%ac", "€"),
        ("%2B", "+"),
        ("%25", "%"),
        ("%", "%"),
        ("%4", "%4"),
        ("a%4", "a%4"),
        ("%zz", "%zz"),
        ("%%41", "%A"),
        ("%E2%82", "\u{FFFD}"),
        ("%FF", "\u{FFFD}"),
        ("x%C0%AFy", "x\u{FFFD}\u{FFFD}y"),
        ("日本", "日本"),
        ("", ""),
    ];
    for (text, want) in cases {
        assert_eq!(decode(text), want, "decode({text:?})");
    }
}

/// A fraction in (0, 1] of any magnitude.
fn any_fraction() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => 0.0f64..=1.0,
        2 => log_uniform(-6.0, 0.0),
        1 => log_uniform(-320.0, -6.0),
        1 => Just(1.0),
        1 => Just(f64::MIN_POSITIVE),
        1 => Just(5e-324),
    ]
    .prop_filter("above 0", |f| *f > 0.0 && *f <= 1.0)
}

proptest! {
    #![proptest_config(config())]

    /// `percent_text(f)` reads back as exactly `f`, by the link's own rule
    /// for percentages. (`percent_text(f).parse::<f64>()? / 100.0 == f` is
    /// the same check for the current reader.)
    #[test]
    fn percent_text_is_exact(f in any_fraction()) {
        let text = percent_text(f);
        let loaded = open(&format!("win_rate_pct={text}"));
        prop_assert!(loaded.notices.is_empty(), "{f:e} → {text}: {:?}", loaded.notices);
        prop_assert_eq!(
            loaded.scenario.win_rate.to_bits(),
            f.to_bits(),
            "{:e} → {} → {:e}",
            f,
            text,
            loaded.scenario.win_rate
        );
    }
}

/// Everyday fractions the property above finds, pinned: no percentage
/// text `p` has `p / 100 == f` for these, so a link cannot carry them.
#[test]
fn percent_text_is_exact_for_pinned_values() {
    for f in [
        0.00019,
        0.00022,
        0.0035,
        0.0019,
        0.019,
        0.67,
        0.6699999999999999,
    ] {
        let text = percent_text(f);
        let read = open(&format!("win_rate_pct={text}")).scenario.win_rate;
        assert_eq!(read.to_bits(), f.to_bits(), "{f} → {text} → {read}");
    }
}

#[test]
fn percent_text_is_short_for_common_values() {
    for (f, want) in [
        (0.22, "22"),
        (0.095, "9.5"),
        (1.0, "100"),
        (0.0, "0"),
        (0.26, "26"),
        (0.07, "7"),
        (0.001, "0.1"),
        (0.333, "33.3"),
        (0.007, "0.7"),
        (0.125, "12.5"),
    ] {
        assert_eq!(percent_text(f), want, "percent_text({f})");
    }
}

#[test]
fn to_query_leaves_out_invalid_fields() {
    let s = Scenario {
        name: "  ".into(),
        currency: "XYZ".into(),
        win_rate: f64::NAN,
        deal_size: -1.0,
        sales_cycle_months: 7.5,
        channels: vec![
            Channel::new("Kept", 0.30, 180.0, Some(0.25)),
            Channel::new("Free", 0.10, 0.0, None),
            Channel::new("Til~de", 0.10, 100.0, None),
            Channel::new("Bad rate", 0.10, 100.0, Some(1.5)),
            Channel::new("Also kept", 0.20, 450.0, None),
        ],
        ..Scenario::default()
    };
    let query = to_query(&s);
    for absent in [
        "name=",
        "currency=",
        "win_rate_pct=",
        "deal_size=",
        "sales_cycle_months=",
    ] {
        assert!(!query.contains(absent), "{absent} in {query}");
    }
    assert_eq!(query.matches("channel=").count(), 2, "{query}");
    // What is left reads back exactly, the rest defaults, nothing to report.
    let loaded = open(&query);
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert_eq!(
        loaded.scenario,
        default_with(|d| {
            d.channels = vec![
                Channel::new("Kept", 0.30, 180.0, Some(0.25)),
                Channel::new("Also kept", 0.20, 450.0, None),
            ]
        })
    );

    // Channel shares above 100% in total: no channel is written at all.
    let over = default_with(|d| d.channels[0].share = 0.9);
    let query = to_query(&over);
    assert!(!query.contains("channel="), "{query}");
    assert!(open(&query).notices.is_empty());
    // Invalid everything: an empty query that opens the defaults silently.
    let broken = Scenario {
        name: String::new(),
        currency: String::new(),
        revenue_goal: f64::NAN,
        recurring_revenue: -1.0,
        deal_size: 0.0,
        spend: f64::INFINITY,
        marketing_sourced: 2.0,
        lead_to_mql: 0.0,
        mql_to_sql: -0.5,
        sql_to_opp: f64::NAN,
        win_rate: 1.5,
        sales_cycle_months: 30.0,
        gross_margin: 0.0,
        lifetime_value: 1e14,
        channels: vec![],
        cut: -0.1,
        cut_from_month: 0.5,
        mql_definition: "tab\there".into(),
        sql_definition: "x".repeat(281),
        ..Scenario::default()
    };
    assert_eq!(to_query(&broken), "");
}

/// Definitions travel in links (`mql_definition`, `sql_definition`) when
/// recorded, line breaks included; unrecorded ones are left out; an invalid
/// one is ignored with a notice.
#[test]
fn definitions_travel_in_links_when_recorded() {
    assert!(!to_query(&Scenario::default()).contains("definition"));
    let s = default_with(|d| {
        d.mql_definition = "Score ≥ 50 & asked for pricing".into();
        d.sql_definition = "Sales accepted it:\nbudget, need, timing".into();
    });
    let query = to_query(&s);
    assert!(query.contains("mql_definition=Score"), "{query}");
    let loaded = open(&query);
    assert_eq!(loaded.scenario, s);
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);

    let long = "x".repeat(281);
    let loaded = open(&format!("sql_definition={long}&mql_definition=Fine"));
    assert_eq!(loaded.scenario.sql_definition, "");
    assert_eq!(loaded.scenario.mql_definition, "Fine");
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
    assert!(loaded.notices[0].starts_with("Ignored sql_definition="));
}

// ---------------------------------------------------------------- multi-year view

#[test]
fn growth_and_years_travel_in_links_and_bad_values_take_the_default() {
    let loaded = open("growth_pct=12.5&years=5");
    assert!(loaded.has_scenario);
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert_eq!(loaded.scenario.multi_year.growth, 0.125);
    assert_eq!(loaded.scenario.multi_year.years, 5.0);
    // Written back only when not the defaults, and read back the same.
    let query = to_query(&loaded.scenario);
    assert!(query.ends_with("&growth_pct=12.5&years=5"), "{query}");
    assert_eq!(open(&query).scenario.multi_year, loaded.scenario.multi_year);
    assert!(!to_query(&Scenario::default()).contains("growth_pct"));
    // Invalid values: the default, and a notice naming the range.
    let loaded = open("growth_pct=500&years=9&revenue_goal=5000000");
    assert_eq!(loaded.scenario.multi_year, MultiYear::default());
    assert_eq!(loaded.scenario.revenue_goal, 5_000_000.0);
    assert_eq!(
        loaded.notices,
        vec![
            "Ignored growth_pct=“500”: growth per year must be from −50% to 200%. The default is used instead.",
            "Ignored years=“9”: years must be a whole number from 1 to 5. The default is used instead.",
        ]
    );
    assert_eq!(open("years=abc").notices.len(), 1);
    // Negative growth reads as a percentage too.
    assert_eq!(open("growth_pct=-10").scenario.multi_year.growth, -0.1);
}

#[test]
fn check_ins_never_go_into_links() {
    let mut s = Scenario::default();
    s.tracking.check_ins.push(CheckIn {
        date: "2026-03-01".into(),
        leads: Some(123.0),
        ..CheckIn::default()
    });
    let query = to_query(&s);
    assert_eq!(query, to_query(&Scenario::default()));
    assert_eq!(open(&query).scenario.tracking, Tracking::default());
}

/// A copied link says what it leaves out, multi-year settings included.
#[test]
fn a_copied_link_names_invalid_multi_year_settings_it_leaves_out() {
    let mut s = Scenario::default();
    assert!(left_out(&s).is_empty());
    s.multi_year.growth = 5.0;
    s.multi_year.years = 2.5;
    s.win_rate = 0.0;
    assert_eq!(
        left_out(&s),
        [
            "Win rate",
            "Growth per year",
            "Years of the multi-year view"
        ]
    );
    let query = to_query(&s);
    assert!(
        !query.contains("growth_pct") && !query.contains("years="),
        "{query}"
    );
}

/// Per-year changes of the multi-year view travel as
/// `year_change=N~SPEND_PCT~WIN_RATE_PCT~COST_PER_LEAD_CHANGE_PCT`.
#[test]
fn year_changes_travel_in_links() {
    let mut s = Scenario::default();
    s.multi_year.years = 4.0;
    s.multi_year.changes = vec![
        YearChange {
            spend: Some(0.1),
            win_rate: None,
            cost_per_lead_change: Some(-0.1),
        },
        YearChange::default(),
        YearChange {
            spend: None,
            win_rate: Some(0.3),
            cost_per_lead_change: None,
        },
    ];
    let query = to_query(&s);
    assert!(query.contains("year_change=2~10~~-10"), "{query}");
    assert!(query.contains("year_change=4~~30~"), "{query}");
    assert!(!query.contains("year_change=3"), "{query}");
    let loaded = open(&query);
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert_eq!(loaded.scenario.multi_year, s.multi_year);

    // Invalid: a year out of range, a rate above 100%, too many parts.
    let loaded = open("year_change=6~10&year_change=2~150&year_change=3~1~2~3~4&year_change=2~12");
    assert_eq!(loaded.notices.len(), 3, "{:?}", loaded.notices);
    assert!(
        loaded.notices[1].contains("year 2 marketing budget must be above 0%"),
        "{:?}",
        loaded.notices
    );
    assert_eq!(
        loaded.scenario.multi_year.changes,
        vec![YearChange {
            spend: Some(0.12),
            ..YearChange::default()
        }]
    );

    // An invalid change is left out of a copied link, and named.
    let mut s = Scenario::default();
    s.multi_year.changes = vec![YearChange {
        win_rate: Some(2.0),
        ..YearChange::default()
    }];
    assert!(!to_query(&s).contains("year_change"));
    assert_eq!(left_out(&s), ["Year 2 changes"]);
}

#[test]
fn pipeline_revenue_travels_only_when_set() {
    let loaded = open("pipeline_revenue=1500000");
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert!(loaded.has_scenario);
    assert_eq!(loaded.scenario.pipeline_revenue, 1_500_000.0);
    let query = to_query(&loaded.scenario);
    assert!(query.contains("&pipeline_revenue=1500000&"), "{query}");
    assert_eq!(open(&query).scenario, loaded.scenario);
    // None in place: links read as they did before the field existed.
    assert!(!to_query(&Scenario::default()).contains("pipeline_revenue"));
    // Invalid: ignored with a notice naming it and its range; the default applies.
    let loaded = open("pipeline_revenue=-5");
    assert_eq!(loaded.scenario.pipeline_revenue, 0.0);
    assert_eq!(
        loaded.notices,
        [
            "Ignored pipeline_revenue=“-5”: pipeline closing this year must be between 0 and 10 trillion. The default is used instead."
        ]
    );
    // Kept out of a copied link while invalid, and the link says so.
    let s = default_with(|s| s.pipeline_revenue = f64::NAN);
    assert!(!to_query(&s).contains("pipeline_revenue"));
    assert_eq!(left_out(&s), ["Pipeline closing this year"]);
}

#[test]
fn an_embed_background_is_a_colour_or_transparent_and_nothing_else() {
    let background = |query: &str| open(query).background;
    assert_eq!(
        background("embed=1&background=transparent"),
        Some("transparent".into())
    );
    assert_eq!(
        background("embed=1&background=TRANSPARENT"),
        Some("transparent".into())
    );
    assert_eq!(
        background("embed=1&background=%23FAFAFA"),
        Some("#fafafa".into())
    );
    assert_eq!(background("embed=1&background=fff"), Some("#fff".into()));
    for bad in [
        "red",
        "url(x)",
        "%23ffff",
        "transparent;x:1",
        "%23fff%3Bcolor:red",
        "",
    ] {
        assert_eq!(
            background(&format!("embed=1&background={bad}")),
            None,
            "{bad}"
        );
    }
    // Branding is not a scenario: it never marks a link as a shared plan.
    assert!(!open("embed=1&background=transparent").has_scenario);
}

#[test]
fn only_the_example_figures_are_called_examples() {
    assert!(Scenario::default().holds_example_figures());
    // A name or currency is not a figure.
    assert!(default_with(|s| s.name = "Ours".into()).holds_example_figures());
    assert!(!open("win_rate_pct=25").scenario.holds_example_figures());
    assert!(
        !open("channel=Search~50~120")
            .scenario
            .holds_example_figures()
    );
    assert!(!default_with(|s| s.pipeline_revenue = 1.0).holds_example_figures());
}

// ------------------------------------------------------------- segments

/// A segment with these overrides (`None` = the plan's value).
fn segment(name: &str, share: f64, overrides: [Option<f64>; 7]) -> Segment {
    let mut g = Segment::named(name, share);
    for (part, value) in SegmentPart::OVERRIDES.into_iter().zip(overrides) {
        g.set_override(part, value);
    }
    g
}

/// The values of one parameter in a query, decoded, in order.
fn values_of(query: &str, param: &str) -> Vec<String> {
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .filter(|(k, _)| *k == param)
        .map(|(_, v)| decode(v))
        .collect()
}

/// Two segments with some overrides, channels feeding both.
fn two_segments() -> Scenario {
    default_with(|s| {
        s.segments = vec![
            segment(
                "SMB",
                0.6,
                [Some(20_000.0), None, Some(0.3), None, None, Some(2.0), None],
            ),
            segment(
                "Enterprise",
                0.4,
                [
                    Some(150_000.0),
                    Some(0.35),
                    None,
                    Some(0.5),
                    Some(0.2),
                    Some(9.0),
                    Some(400_000.0),
                ],
            ),
        ];
        s.channels = vec![
            Channel::new("Paid search", 0.30, 180.0, Some(0.25)),
            Channel::new("Events", 0.20, 450.0, None).in_segment(1),
        ];
    })
}

#[test]
fn a_v1_link_opens_exactly_as_before_and_a_plain_plan_writes_one() {
    let loaded = open(
        "name=FY27%20plan&revenue_goal=12000000&deal_size=40000&win_rate_pct=25\
         &channel=Paid%20search~30~180~25&channel=Events~20~450",
    );
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    let expected = default_with(|s| {
        s.name = "FY27 plan".into();
        s.revenue_goal = 12_000_000.0;
        s.deal_size = 40_000.0;
        s.win_rate = 0.25;
        s.channels = vec![
            Channel::new("Paid search", 0.30, 180.0, Some(0.25)),
            Channel::new("Events", 0.20, 450.0, None),
        ];
    });
    assert_eq!(loaded.scenario, expected);
    assert_eq!(loaded.scenario.segments, vec![Segment::default()]);

    // Writing that plan: no segment parameter, channels in four parts at most.
    let query = to_query(&expected);
    assert!(values_of(&query, "segment").is_empty(), "{query}");
    assert_eq!(
        values_of(&query, "channel"),
        ["Paid search~30~180~25", "Events~20~450"],
        "{query}"
    );
    // A one-segment default plan with its own name: also no segments.
    let renamed = default_with(|s| s.segments = vec![Segment::named("All deals", 1.0)]);
    assert!(values_of(&to_query(&renamed), "segment").is_empty());
}

#[test]
fn segments_are_written_in_order_with_empty_parts_for_no_override() {
    let query = to_query(&two_segments());
    assert_eq!(
        values_of(&query, "segment"),
        [
            "SMB~60~20000~~30~~~2~",
            "Enterprise~40~150000~35~~50~20~9~400000"
        ],
        "{query}"
    );
    assert_eq!(
        values_of(&query, "channel"),
        ["Paid search~30~180~25~1", "Events~20~450~~2"],
        "{query}"
    );
    // The segments come before the channels that name them.
    let first_segment = query.find("segment=").expect("a segment parameter");
    let first_channel = query.find("channel=").expect("a channel parameter");
    assert!(first_segment < first_channel, "{query}");

    // One segment that is not the default travels too.
    let one = default_with(|s| {
        s.segments = vec![segment(
            "New logos",
            1.0,
            [None, None, Some(0.2), None, None, None, None],
        )]
    });
    let query = to_query(&one);
    assert_eq!(values_of(&query, "segment"), ["New logos~100~~~20~~~~"]);
    assert!(
        values_of(&query, "channel")
            .iter()
            .all(|c| c.ends_with("~1")),
        "{query}"
    );
}

#[test]
fn segments_and_channel_segment_numbers_are_read() {
    let loaded = open(
        "segment=SMB~60~20000~~30&segment=Enterprise~40~150000~~~~~9~400000\
         &channel=Paid%20search~30~180~25~1&channel=Events~20~450~~2&channel=Webinars~10~90",
    );
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert!(loaded.has_scenario);
    assert_eq!(
        loaded.scenario.segments,
        vec![
            segment(
                "SMB",
                0.6,
                [Some(20_000.0), None, Some(0.3), None, None, None, None]
            ),
            segment(
                "Enterprise",
                0.4,
                [
                    Some(150_000.0),
                    None,
                    None,
                    None,
                    None,
                    Some(9.0),
                    Some(400_000.0)
                ]
            ),
        ]
    );
    assert_eq!(
        loaded.scenario.channels,
        vec![
            Channel::new("Paid search", 0.30, 180.0, Some(0.25)),
            Channel::new("Events", 0.20, 450.0, None).in_segment(1),
            // No fifth part: the first segment.
            Channel::new("Webinars", 0.10, 90.0, None),
        ]
    );
    assert!(loaded.scenario.errors().is_empty());
}

#[test]
fn two_and_six_segments_round_trip() {
    let six = default_with(|s| {
        let names = [
            "SMB",
            "Mid-market",
            "Enterprise",
            "R&D = 1/3 #x",
            "Prévisions 日本",
            "~less",
        ];
        s.segments = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let name = name.replace('~', "");
                let rate = Some(0.05 * (i + 1) as f64 + 1.0 / 3.0);
                let overrides = match i % 3 {
                    0 => [None; 7],
                    1 => [
                        Some(12_345.67),
                        Some(0.0),
                        rate,
                        rate,
                        rate,
                        Some(0.0),
                        Some(1e13),
                    ],
                    _ => [
                        None,
                        Some(1.0),
                        None,
                        Some(1.0),
                        None,
                        Some(24.0),
                        Some(0.01),
                    ],
                };
                segment(&name, 1.0 / 6.0, overrides)
            })
            .collect();
        s.channels = (0..MAX_CHANNELS)
            .map(|i| Channel::new(&format!("C{i}"), 0.05, 10.0 + i as f64, None).in_segment(i % 6))
            .collect();
    });
    for s in [two_segments(), six] {
        assert!(s.errors().is_empty(), "{:?}", s.errors());
        let query = to_query(&s);
        let loaded = open(&query);
        assert!(loaded.notices.is_empty(), "{:?}\n{query}", loaded.notices);
        assert_eq!(loaded.scenario, s, "{query}");
        if let Err(diff) = same_bits(&s, &loaded.scenario) {
            panic!("{diff}\n{query}");
        }
    }
}

/// Any valid scenario, split into 1–6 segments with any valid overrides,
/// each channel feeding any of them.
fn valid_segmented_scenario() -> impl Strategy<Value = Scenario> {
    let name = awkward_text(40).prop_filter_map("blank without ~", |n| {
        let n = n.replace('~', "-").trim().to_string();
        (!n.is_empty()).then_some(n)
    });
    let overrides = (
        proptest::option::of(money()),
        proptest::option::of(fraction()),
        proptest::option::of(rate()),
        proptest::option::of(rate()),
        proptest::option::of(rate()),
        proptest::option::of((0u8..=24).prop_map(f64::from)),
        proptest::option::of(money()),
    )
        .prop_map(|(a, b, c, d, e, f, g)| [a, b, c, d, e, f, g]);
    let rows = proptest::collection::vec((name, 0.01f64..=1.0, overrides), 1..=6);
    let picks = proptest::collection::vec(0usize..6, MAX_CHANNELS);
    (valid_scenario(), rows, picks).prop_map(|(mut s, rows, picks)| {
        let weights: f64 = rows.iter().map(|r| r.1).sum();
        let mut segments: Vec<Segment> = Vec::new();
        for (i, (name, w, overrides)) in rows.iter().enumerate() {
            // Unique names, as a valid plan has.
            let name = if segments
                .iter()
                .any(|g| g.name.to_lowercase() == name.to_lowercase())
            {
                format!("S{i}")
            } else {
                name.clone()
            };
            segments.push(segment(&name, w / weights, *overrides));
        }
        let n = segments.len();
        s.segments = segments;
        for (c, pick) in s.channels.iter_mut().zip(picks) {
            c.segment = pick % n;
        }
        s
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_link_with_segments_round_trips(s in valid_segmented_scenario()) {
        prop_assume!(s.errors().is_empty());
        let query = to_query(&s);
        let loaded = from_link(&format!("https://x.test/?{query}"));
        prop_assert!(loaded.notices.is_empty(), "notices {:?}\nquery {query}", loaded.notices);
        if let Err(diff) = same_bits(&s, &loaded.scenario) {
            return Err(TestCaseError::fail(format!("{diff}\nquery {query}")));
        }
        prop_assert_eq!(&loaded.scenario, &s, "query {}", query);
    }
}

/// Opens `query` and checks the plan is valid; returns what it gave.
fn open_valid(query: &str) -> Loaded {
    let loaded = open(query);
    assert!(
        loaded.scenario.errors().is_empty(),
        "{query}: {:?}",
        loaded.scenario.errors()
    );
    loaded
}

const TWO_GOOD: &str = "segment=SMB~60&segment=Enterprise~40";

fn good_two() -> Vec<Segment> {
    vec![
        Segment::named("SMB", 0.6),
        Segment::named("Enterprise", 0.4),
    ]
}

#[test]
fn a_segment_with_the_wrong_number_of_parts_is_ignored() {
    for bad in ["SMB", "Ten~10~1~1~1~1~1~1~1~1"] {
        let loaded = open_valid(&format!("{TWO_GOOD}&segment={bad}"));
        assert_eq!(loaded.scenario.segments, good_two(), "{bad}");
        assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
        let notice = &loaded.notices[0];
        assert!(notice.contains("segment 3"), "{notice}");
        assert_eq!(quoted(notice), Some(bad), "{notice}");
        assert!(notice.contains("NAME~REVENUE_SHARE"), "{notice}");
    }
}

#[test]
fn a_segment_with_a_bad_name_or_share_is_ignored() {
    let long = "x".repeat(41);
    let bad = [
        ("~10".to_string(), "name"),
        ("%20%20~10".to_string(), "name"),
        (format!("{long}~10"), "name"),
        (" smb ~10".to_string(), "already named “SMB”"),
        ("Mid~abc".to_string(), "share of new revenue"),
        ("Mid~0".to_string(), "share of new revenue"),
        ("Mid~-5".to_string(), "share of new revenue"),
    ];
    for (raw, why) in &bad {
        let loaded = open_valid(&format!("{TWO_GOOD}&segment={raw}"));
        assert_eq!(loaded.scenario.segments, good_two(), "{raw}");
        assert_eq!(loaded.notices.len(), 1, "{raw}: {:?}", loaded.notices);
        let notice = &loaded.notices[0];
        assert!(notice.contains("segment 3"), "{notice}");
        assert!(notice.contains(why), "{notice} should say why ({why})");
        assert!(notice.contains(&decode(raw).chars().take(20).collect::<String>()));
    }
}

#[test]
fn an_override_out_of_range_is_ignored_alone() {
    let loaded = open_valid("segment=SMB~60~-5~~150~abc&segment=Enterprise~40~~101~~~0~7.5~0");
    let mut expected = good_two();
    // Nothing else of either segment is lost.
    assert_eq!(loaded.scenario.segments, expected.clone());
    let whys = [
        ("segment 1", "-5", "average deal size"),
        ("segment 1", "150", "win rate"),
        ("segment 1", "abc", "SQL → opportunity rate"),
        ("segment 2", "101", "marketing-sourced share"),
        ("segment 2", "0", "MQL → SQL rate"),
        ("segment 2", "7.5", "sales cycle"),
        ("segment 2", "0", "lifetime value"),
    ];
    assert_eq!(loaded.notices.len(), whys.len(), "{:?}", loaded.notices);
    for ((which, value, part), notice) in whys.iter().zip(&loaded.notices) {
        assert!(notice.contains(which), "{notice}");
        assert_eq!(quoted(notice), Some(*value), "{notice}");
        assert!(
            notice.to_lowercase().contains(&part.to_lowercase()),
            "{notice} names {part}"
        );
    }
    // A valid override beside a bad one is kept.
    let loaded = open_valid("segment=SMB~60~20000~~150&segment=Enterprise~40");
    expected[0].deal_size = Some(20_000.0);
    assert_eq!(loaded.scenario.segments, expected);
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
}

#[test]
fn more_than_six_segments_keep_the_first_six() {
    // The first six add up to 100% (4 × 20 + 2 × 10); two more follow.
    let shares = [20, 20, 20, 20, 10, 10, 1, 1];
    let query: Vec<String> = shares
        .iter()
        .enumerate()
        .map(|(i, share)| format!("segment=S{}~{share}", i + 1))
        .collect();
    let loaded = open_valid(&query.join("&"));
    let names: Vec<&str> = loaded
        .scenario
        .segments
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(names, ["S1", "S2", "S3", "S4", "S5", "S6"]);
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
    assert!(
        loaded.notices[0].contains("Ignored 2 segments"),
        "{:?}",
        loaded.notices
    );
    assert!(
        loaded.notices[0].contains("at most 6"),
        "{:?}",
        loaded.notices
    );
    // One too many reads in the singular.
    let seven = query[..7].join("&").replace("~10&", "~9&");
    let loaded = open(&seven);
    assert!(
        loaded
            .notices
            .iter()
            .any(|n| n.starts_with("Ignored 1 segment after the first 6")),
        "{:?}",
        loaded.notices
    );
}

#[test]
fn shares_not_adding_to_100_fall_back_to_one_segment() {
    let loaded = open_valid(
        "segment=SMB~60&segment=Enterprise~30.5&channel=A~10~100~~2&channel=B~10~100~~1",
    );
    assert_eq!(loaded.scenario.segments, vec![Segment::default()]);
    assert!(loaded.scenario.channels.iter().all(|c| c.segment == 0));
    assert_eq!(loaded.scenario.channels.len(), 2);
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
    let notice = &loaded.notices[0];
    assert!(notice.contains("90.5%"), "{notice}");
    assert!(notice.contains("All deals"), "{notice}");

    // No usable segment at all: the same fall-back, said so.
    let loaded = open_valid("segment=~50&channel=A~10~100~~1");
    assert_eq!(loaded.scenario.segments, vec![Segment::default()]);
    assert_eq!(loaded.notices.len(), 2, "{:?}", loaded.notices);
    assert!(
        loaded.notices[1].contains("All deals"),
        "{:?}",
        loaded.notices
    );
}

#[test]
fn a_channel_of_a_missing_segment_feeds_the_first() {
    let loaded = open_valid(&format!(
        "{TWO_GOOD}&channel=A~10~100~~3&channel=B~10~100~20~x&channel=C~10~100~~2&channel=D~10~100~~0"
    ));
    assert_eq!(loaded.scenario.segments, good_two());
    let segments: Vec<usize> = loaded.scenario.channels.iter().map(|c| c.segment).collect();
    assert_eq!(segments, [0, 0, 1, 0]);
    assert_eq!(loaded.scenario.channels[1].lead_to_mql, Some(0.2));
    assert_eq!(loaded.notices.len(), 3, "{:?}", loaded.notices);
    for ((n, value), notice) in [(1, "3"), (2, "x"), (4, "0")].iter().zip(&loaded.notices) {
        assert!(notice.contains(&format!("channel {n}")), "{notice}");
        assert!(notice.contains("segment"), "{notice}");
        assert!(notice.contains("segment 1"), "{notice}");
        assert_eq!(quoted(notice), Some(*value), "{notice}");
    }
    // A v1 link has no fifth part: a five-part channel is still refused.
    let loaded = open("channel=A~10~100~~1&channel=B~10~100");
    assert_eq!(
        loaded.scenario.channels,
        vec![Channel::new("B", 0.1, 100.0, None)]
    );
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
}

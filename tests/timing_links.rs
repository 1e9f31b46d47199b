#![cfg(not(target_arch = "wasm32"))]
//! Share links for "Timing" and "Sales capacity" (`docs/model.md`, "Share
//! links"): `seasonality`, `budget_phasing`, `ae_count`, `ae_quota`,
//! `sdr_count`, `sdr_mqls_per_month`.

use budget_planner::model::{QuarterShares, Scenario};
use budget_planner::share::{Loaded, from_link, to_query};

fn open(query: &str) -> Loaded {
    from_link(&format!("https://x.test/?{query}"))
}

#[test]
fn seasonality_and_phasing_read_as_four_quarter_percentages() {
    let loaded = open("seasonality=10~20~30~40&budget_phasing=40~30~20~10");
    assert_eq!(loaded.notices, Vec::<String>::new());
    assert!(loaded.has_scenario);
    assert_eq!(
        loaded.scenario.seasonality,
        QuarterShares([0.1, 0.2, 0.3, 0.4])
    );
    assert_eq!(
        loaded.scenario.budget_phasing,
        QuarterShares([0.4, 0.3, 0.2, 0.1])
    );
    // Percent-encoded tildes read the same.
    let encoded = open("seasonality=10%7E20%7E30%7E40");
    assert_eq!(
        encoded.scenario.seasonality,
        QuarterShares([0.1, 0.2, 0.3, 0.4])
    );
}

#[test]
fn shares_not_adding_up_to_100_are_ignored_with_a_notice_naming_the_total() {
    let loaded = open("seasonality=30~30~30~0");
    assert_eq!(loaded.scenario.seasonality, QuarterShares::EVEN);
    assert_eq!(
        loaded.notices,
        [
            "Ignored seasonality=“30~30~30~0”: seasonality shares add up to 90%: \
          the four quarters must add up to 100%. The default is used instead."
        ]
    );
}

#[test]
fn malformed_quarter_shares_say_why() {
    for (query, reason) in [
        (
            "budget_phasing=50~50",
            "it must be four quarter shares in %, Q1~Q2~Q3~Q4",
        ),
        ("budget_phasing=25~x~25~25", "its Q2 share is not a number"),
        (
            "budget_phasing=",
            "it must be four quarter shares in %, Q1~Q2~Q3~Q4",
        ),
        (
            "budget_phasing=120~-20~0~0",
            "budget phasing Q1 must be between 0% and 100%",
        ),
    ] {
        let loaded = open(query);
        assert_eq!(
            loaded.scenario.budget_phasing,
            QuarterShares::EVEN,
            "{query}"
        );
        assert_eq!(loaded.notices.len(), 1, "{query}");
        assert!(
            loaded.notices[0].starts_with("Ignored budget_phasing=")
                && loaded.notices[0].contains(reason),
            "{query}: {}",
            loaded.notices[0]
        );
    }
}

#[test]
fn capacity_inputs_read_as_numbers_and_blank_means_not_planned() {
    let loaded = open("ae_count=8&ae_quota=600000&sdr_count=2&sdr_mqls_per_month=50");
    assert_eq!(loaded.notices, Vec::<String>::new());
    let s = &loaded.scenario;
    assert_eq!(
        (s.ae_count, s.ae_quota, s.sdr_count, s.sdr_mqls_per_month),
        (Some(8.0), Some(600_000.0), Some(2.0), Some(50.0))
    );
    // Blank: not planned, the default, no notice.
    let blank = open("ae_count=&ae_quota=");
    assert_eq!(blank.notices, Vec::<String>::new());
    assert_eq!(
        (blank.scenario.ae_count, blank.scenario.ae_quota),
        (None, None)
    );
}

#[test]
fn bad_capacity_values_are_ignored_with_a_notice_naming_them() {
    for (query, notice) in [
        (
            "ae_quota=0",
            "Ignored ae_quota=“0”: quota per account executive must be above 0 and at most \
             10 trillion, or blank. The default is used instead.",
        ),
        (
            "ae_quota=-50000",
            "Ignored ae_quota=“-50000”: quota per account executive must be above 0 and at \
             most 10 trillion, or blank. The default is used instead.",
        ),
        (
            "sdr_count=10000",
            "Ignored sdr_count=“10000”: number of SDRs must be a whole number from 1 to \
             5,000, or blank. The default is used instead.",
        ),
        (
            "ae_count=lots",
            "Ignored ae_count=“lots”: not a number. The default is used instead.",
        ),
    ] {
        let loaded = open(query);
        assert_eq!(loaded.notices, [notice], "{query}");
        assert_eq!(loaded.scenario, Scenario::default(), "{query}");
    }
}

#[test]
fn the_new_parameters_are_written_only_when_not_the_default() {
    // The default plan's link is the link it always was.
    let default_query = to_query(&Scenario::default());
    for param in [
        "seasonality",
        "budget_phasing",
        "ae_count",
        "ae_quota",
        "sdr_count",
        "sdr_mqls_per_month",
    ] {
        assert!(!default_query.contains(&format!("{param}=")), "{param}");
    }
    let s = Scenario {
        seasonality: QuarterShares([0.1, 0.2, 0.3, 0.4]),
        budget_phasing: QuarterShares([0.4, 0.3, 0.2, 0.1]),
        ae_count: Some(8.0),
        ae_quota: Some(600_000.0),
        sdr_mqls_per_month: Some(37.5),
        ..Scenario::default()
    };
    let query = to_query(&s);
    assert!(query.starts_with(&default_query), "{query}");
    assert!(query.ends_with(
        "&seasonality=10~20~30~40&budget_phasing=40~30~20~10&ae_count=8&ae_quota=600000\
         &sdr_mqls_per_month=37.5"
    ));
    // And it reads back to the same scenario.
    let back = open(&query);
    assert_eq!(back.notices, Vec::<String>::new());
    assert_eq!(back.scenario, s);
}

#[test]
fn invalid_new_inputs_are_left_out_of_a_link() {
    let s = Scenario {
        seasonality: QuarterShares([0.5, 0.5, 0.5, 0.5]),
        sdr_count: Some(10_000.0),
        ..Scenario::default()
    };
    assert_eq!(to_query(&s), to_query(&Scenario::default()));
    let left = budget_planner::share::left_out(&s);
    assert!(left.contains(&"Seasonality".to_string()), "{left:?}");
    assert!(left.contains(&"Number of SDRs".to_string()), "{left:?}");
}

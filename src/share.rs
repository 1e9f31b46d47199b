//! Scenario ⇄ share-link query string (docs/model.md, "Share links").
//!
//! Links come from strangers: parsing never panics, caps what it reads, and
//! turns every invalid value into the default plus a plain notice.

use crate::model::{
    ALL_DEALS, Channel, ChannelPart, Field, MAX_CHANNELS, MAX_SEGMENTS, MAX_YEARS, Scenario,
    Segment, SegmentPart, YearChange, YearSetting,
};

/// Links longer than this are refused whole.
pub const MAX_LINK_CHARS: usize = 8_000;
/// A notice quotes at most this much of a rejected value.
const QUOTE_CHARS: usize = 40;

/// What opening a link gives: the scenario, and what was ignored and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub scenario: Scenario,
    /// One sentence per ignored value.
    pub notices: Vec<String>,
    /// The link carried at least one scenario parameter.
    pub has_scenario: bool,
    /// `embed=1`: the compact embedded layout.
    pub embed: bool,
    /// `title`: the embedding site's heading (validated; else none).
    pub title: Option<String>,
    /// `accent`: the embedding site's accent colour, `#rgb` or `#rrggbb`.
    pub accent: Option<String>,
    /// `background`: the embed's page colour, `#rgb`, `#rrggbb` or
    /// `transparent` (so it sits on the host page's own background).
    pub background: Option<String>,
}

/// The scenario parameters with one value, in link order.
const SCALAR_PARAMS: [Field; 19] = [
    Field::Name,
    Field::Currency,
    Field::RevenueGoal,
    Field::RecurringRevenue,
    Field::PipelineRevenue,
    Field::DealSize,
    Field::SpendPct,
    Field::MarketingSourcedPct,
    Field::LeadToMqlPct,
    Field::MqlToSqlPct,
    Field::SqlToOppPct,
    Field::WinRatePct,
    Field::SalesCycleMonths,
    Field::GrossMarginPct,
    Field::LifetimeValue,
    Field::CutPct,
    Field::CutFromMonth,
    Field::MqlDefinition,
    Field::SqlDefinition,
];

/// Reads a scenario from a link (a whole address or just its query).
pub fn from_link(link: &str) -> Loaded {
    let mut loaded = Loaded {
        scenario: Scenario::default(),
        notices: Vec::new(),
        has_scenario: false,
        embed: false,
        title: None,
        accent: None,
        background: None,
    };
    if link.chars().count() > MAX_LINK_CHARS {
        loaded.notices.push(format!(
            "This link is too long (over {} characters), so it was not opened: \
             the planner shows its example plan instead.",
            group_thousands(MAX_LINK_CHARS)
        ));
        return loaded;
    }
    let query = link.split_once('?').map_or(link, |(_, q)| q);
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();

    for field in SCALAR_PARAMS {
        // The first occurrence counts; repeats are ignored like unknown parameters.
        let Some((_, raw)) = pairs.iter().find(|(k, _)| k == field.param()) else {
            continue;
        };
        loaded.has_scenario = true;
        if let Err(reason) = apply(&mut loaded.scenario, field, raw) {
            loaded.notices.push(ignored(field.param(), raw, &reason));
        }
    }

    read_multi_year(&mut loaded, &pairs);
    read_timing_and_capacity(&mut loaded, &pairs);

    // Segments before channels: a channel names its segment by number.
    let segment_values: Vec<&String> = pairs
        .iter()
        .filter(|(k, _)| k == "segment")
        .map(|(_, v)| v)
        .collect();
    let segments = if segment_values.is_empty() {
        // A v1 link: channels read exactly as before segments existed.
        LinkSegments::None
    } else {
        loaded.has_scenario = true;
        if read_segments(&mut loaded, &segment_values) {
            LinkSegments::Used
        } else {
            LinkSegments::FellBack
        }
    };

    let channel_values: Vec<&String> = pairs
        .iter()
        .filter(|(k, _)| k == "channel")
        .map(|(_, v)| v)
        .collect();
    if !channel_values.is_empty() {
        loaded.has_scenario = true;
        read_channels(&mut loaded, &channel_values, segments);
    }
    loaded.embed = pairs.iter().any(|(k, v)| k == "embed" && v == "1");
    let first = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    loaded.title = first("title")
        .map(str::trim)
        .filter(|t| (1..=80).contains(&t.chars().count()) && !t.chars().any(char::is_control))
        .map(str::to_string);
    loaded.accent = first("accent").and_then(accent_colour);
    loaded.background = first("background").and_then(background_colour);
    loaded
}

/// A CSS colour from a link, only as `#rgb` or `#rrggbb` (a leading `#` may
/// be left out): nothing else from a stranger reaches a style.
pub fn accent_colour(raw: &str) -> Option<String> {
    let hex = raw.trim().trim_start_matches('#');
    ((hex.len() == 3 || hex.len() == 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| format!("#{}", hex.to_ascii_lowercase()))
}

/// The embed's background from a link: `transparent`, or a colour as
/// [`accent_colour`] reads it; anything else is no background.
pub fn background_colour(raw: &str) -> Option<String> {
    if raw.trim().eq_ignore_ascii_case("transparent") {
        return Some("transparent".into());
    }
    accent_colour(raw)
}

fn ignored(param: &str, raw: &str, reason: &str) -> String {
    format!(
        "Ignored {param}={}: {reason}. The default is used instead.",
        quote(raw)
    )
}

fn quote(raw: &str) -> String {
    let mut shown: String = raw.chars().take(QUOTE_CHARS).collect();
    if raw.chars().count() > QUOTE_CHARS {
        shown.push('…');
    }
    format!("“{shown}”")
}

/// Sets one field from its link text, or says why it cannot.
fn apply(s: &mut Scenario, field: Field, raw: &str) -> Result<(), String> {
    let mut candidate = s.clone();
    match field {
        Field::Name | Field::MqlDefinition | Field::SqlDefinition => {
            candidate.set_text(field, raw.trim());
        }
        Field::Currency => candidate.currency = raw.trim().to_ascii_uppercase(),
        _ => {
            let value = if field.is_percent() {
                parse_percent(raw)
            } else {
                parse_number(raw)
            };
            let value = value.ok_or_else(|| "not a number".to_string())?;
            candidate.set_number(field, value);
        }
    }
    match candidate.error(field) {
        Some(error) => Err(lowercase_first(&error.message)),
        None => {
            *s = candidate;
            Ok(())
        }
    }
}

/// The parameters of "Timing" (four quarter shares) and "Sales capacity"
/// (optional numbers), in link order.
const TIMING_AND_CAPACITY_PARAMS: [Field; 6] = [
    Field::Seasonality,
    Field::BudgetPhasing,
    Field::AeCount,
    Field::AeQuota,
    Field::SdrCount,
    Field::SdrMqlsPerMonth,
];

/// `seasonality=Q1~Q2~Q3~Q4`, `budget_phasing=…` and the capacity inputs.
/// An invalid value is ignored with a notice; a blank capacity value is
/// "not planned", its default, so it needs none.
fn read_timing_and_capacity(loaded: &mut Loaded, pairs: &[(String, String)]) {
    for field in TIMING_AND_CAPACITY_PARAMS {
        let Some((_, raw)) = pairs.iter().find(|(k, _)| k == field.param()) else {
            continue;
        };
        loaded.has_scenario = true;
        let mut candidate = loaded.scenario.clone();
        let set = if field.is_percent() {
            quarter_shares(raw).map(|shares| {
                for (q, share) in shares.into_iter().enumerate() {
                    candidate.set_quarter_share(field, q, share);
                }
            })
        } else if raw.trim().is_empty() {
            candidate.set_optional(field, None);
            Ok(())
        } else {
            parse_number(raw)
                .map(|v| candidate.set_optional(field, Some(v)))
                .ok_or_else(|| "not a number".to_string())
        };
        let result = set.and_then(|()| match candidate.error(field) {
            Some(error) => Err(lowercase_first(&error.message)),
            None => Ok(()),
        });
        match result {
            Ok(()) => loaded.scenario = candidate,
            Err(reason) => loaded.notices.push(ignored(field.param(), raw, &reason)),
        }
    }
}

/// `Q1~Q2~Q3~Q4` in %, as four fractions.
fn quarter_shares(raw: &str) -> Result<[f64; 4], String> {
    let parts: Vec<&str> = raw.split('~').collect();
    let [q1, q2, q3, q4] = parts.as_slice() else {
        return Err("it must be four quarter shares in %, Q1~Q2~Q3~Q4".into());
    };
    let mut shares = [0.0; 4];
    for (q, (text, share)) in [q1, q2, q3, q4].into_iter().zip(&mut shares).enumerate() {
        *share =
            parse_percent(text).ok_or_else(|| format!("its Q{} share is not a number", q + 1))?;
    }
    Ok(shares)
}

/// The timing and capacity parameters, only when valid and not the
/// default (so links from before them read the same).
fn timing_and_capacity_query(s: &Scenario) -> Vec<String> {
    TIMING_AND_CAPACITY_PARAMS
        .into_iter()
        .filter(|&field| s.error(field).is_none())
        .filter_map(|field| {
            let text = match s.quarter_shares(field) {
                Some(shares) if shares.is_even() => return None,
                Some(shares) => shares.0.map(percent_text).join("~"),
                None => number_text(s.number(field)?),
            };
            Some(format!("{}={}", field.param(), encode(&text)))
        })
        .collect()
}

/// The multi-year view's parameters: what each means, how it is read and
/// checked. (Check-ins are actual numbers: they never go into links.)
const MULTI_YEAR_PARAMS: [&str; 2] = ["growth_pct", "years"];

fn read_multi_year(loaded: &mut Loaded, pairs: &[(String, String)]) {
    for param in MULTI_YEAR_PARAMS {
        let Some((_, raw)) = pairs.iter().find(|(k, _)| k == param) else {
            continue;
        };
        loaded.has_scenario = true;
        let mut candidate = loaded.scenario.multi_year.clone();
        let result = if param == "growth_pct" {
            parse_percent(raw).map(|v| {
                candidate.growth = v;
                candidate.growth_error()
            })
        } else {
            parse_number(raw).map(|v| {
                candidate.years = v;
                candidate.years_error()
            })
        };
        match result {
            None => loaded.notices.push(ignored(param, raw, "not a number")),
            Some(Some(error)) => loaded
                .notices
                .push(ignored(param, raw, &lowercase_first(&error))),
            Some(None) => loaded.scenario.multi_year = candidate,
        }
    }
    read_year_changes(loaded, pairs);
}

/// `year_change=N~SPEND_PCT~WIN_RATE_PCT~COST_PER_LEAD_CHANGE_PCT`, one per
/// changed year N (2–5); a blank part keeps the year before's value. The
/// first occurrence for a year counts; an invalid one is ignored whole.
fn read_year_changes(loaded: &mut Loaded, pairs: &[(String, String)]) {
    let mut seen = [false; MAX_YEARS + 1];
    for raw in pairs
        .iter()
        .filter(|(k, _)| k == "year_change")
        .map(|(_, v)| v)
        .take(16)
    {
        loaded.has_scenario = true;
        match year_change(raw) {
            Err(reason) => loaded.notices.push(ignored("year_change", raw, &reason)),
            Ok((year, _)) if seen[year] => {}
            Ok((year, change)) => {
                seen[year] = true;
                let changes = &mut loaded.scenario.multi_year.changes;
                if changes.len() < year - 1 {
                    changes.resize(year - 1, YearChange::default());
                }
                changes[year - 2] = change;
            }
        }
    }
}

fn year_change(raw: &str) -> Result<(usize, YearChange), String> {
    let mut parts = raw.split('~');
    let year = parts
        .next()
        .and_then(|y| y.trim().parse::<usize>().ok())
        .filter(|y| (2..=MAX_YEARS).contains(y))
        .ok_or_else(|| format!("the year must be a whole number from 2 to {MAX_YEARS}"))?;
    let mut change = YearChange::default();
    for setting in YearSetting::ALL {
        let part = parts.next().unwrap_or("").trim();
        if part.is_empty() {
            continue;
        }
        let value = parse_percent(part).ok_or_else(|| "not a number".to_string())?;
        if let Some(error) = setting.error(year, value) {
            return Err(lowercase_first(&error));
        }
        change.set(setting, Some(value));
    }
    if parts.next().is_some() {
        return Err("it has more than four parts".into());
    }
    Ok((year, change))
}

/// `growth_pct` and `years`, when valid and not the defaults (so links
/// from before the multi-year view read the same).
fn multi_year_query(s: &Scenario) -> Vec<String> {
    let m = &s.multi_year;
    let default = crate::model::MultiYear::default();
    let mut parts = vec![];
    if m.growth_error().is_none() && m.growth.to_bits() != default.growth.to_bits() {
        parts.push(format!("growth_pct={}", encode(&percent_text(m.growth))));
    }
    if m.years_error().is_none() && m.years != default.years {
        parts.push(format!("years={}", number_text(m.years)));
    }
    for (i, change) in m.changes.iter().enumerate().take(MAX_YEARS - 1) {
        let year = i + 2;
        let values = YearSetting::ALL.map(|setting| change.get(setting).map(|v| (setting, v)));
        let valid = values
            .iter()
            .flatten()
            .all(|&(setting, v)| setting.error(year, v).is_none());
        if !valid || values.iter().all(Option::is_none) {
            continue;
        }
        let text: Vec<String> = values
            .iter()
            .map(|v| v.map(|(_, v)| percent_text(v)).unwrap_or_default())
            .collect();
        let value = format!("{year}~{}", text.join("~"));
        parts.push(format!("year_change={}", encode(&value)));
    }
    parts
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => std::iter::once(c.to_ascii_lowercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

/// A plain decimal number as links carry it. Rejects NaN and infinities.
pub fn parse_number(raw: &str) -> Option<f64> {
    let raw = raw.trim();
    let plain = !raw.is_empty()
        && raw.len() <= 32
        && raw
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !plain {
        return None;
    }
    raw.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// What the link said about segments, which decides how channels read.
#[derive(Clone, Copy, PartialEq)]
enum LinkSegments {
    /// No `segment` parameter: a v1 link, whose channels have four parts.
    None,
    /// The link's segments are the plan's.
    Used,
    /// The link had segments that could not be used: one default segment.
    FellBack,
}

fn read_channels(loaded: &mut Loaded, values: &[&String], segments: LinkSegments) {
    let mut channels = Vec::new();
    let mut segment_notices = Vec::new();
    let segment_count = loaded.scenario.segments.len();
    for (n, raw) in values.iter().enumerate() {
        if channels.len() == MAX_CHANNELS {
            loaded.notices.push(format!(
                "Ignored {} channels after the first {MAX_CHANNELS}: a plan has at most {MAX_CHANNELS} channels.",
                values.len() - n
            ));
            break;
        }
        match parse_channel(raw, segments != LinkSegments::None) {
            Ok((mut channel, segment)) => {
                if let Some(text) = segment {
                    match segment_number(text, segment_count) {
                        Ok(index) => channel.segment = index,
                        // After a segment fall-back every channel feeds the
                        // only segment, as that notice already says.
                        Err(_) if segments == LinkSegments::FellBack => {}
                        Err(reason) => segment_notices.push(format!(
                            "Ignored the segment of channel {}, {}: {reason}. \
                             The channel feeds segment 1 instead.",
                            channels.len() + 1,
                            quote(text)
                        )),
                    }
                }
                channels.push(channel);
            }
            Err(reason) => loaded.notices.push(format!(
                "Ignored channel {}, {}: {reason}.",
                n + 1,
                quote(raw)
            )),
        }
    }
    if channels.is_empty() {
        loaded.notices.push(
            "No channel in the link could be used: the default channels are used instead.".into(),
        );
        return;
    }
    let mut candidate = loaded.scenario.clone();
    candidate.channels = channels;
    match candidate.error(Field::Channels) {
        Some(error) => loaded.notices.push(format!(
            "Ignored the link's channels: {}. The default channels are used instead.",
            lowercase_first(&error.message)
        )),
        None => {
            loaded.scenario = candidate;
            loaded.notices.extend(segment_notices);
        }
    }
}

/// A channel's fifth part: its segment's 1-based number, as a 0-based index
/// into the `count` segments the link gave.
fn segment_number(text: &str, count: usize) -> Result<usize, String> {
    let text = text.trim();
    let whole = !text.is_empty() && text.len() <= 3 && text.chars().all(|c| c.is_ascii_digit());
    match text.parse::<usize>() {
        Ok(n) if whole && (1..=count).contains(&n) => Ok(n - 1),
        Ok(n) if whole && n >= 1 => Err(if count == 1 {
            format!("there is no segment {n}, the plan has one segment")
        } else {
            format!("there is no segment {n}, the plan has {count} segments")
        }),
        _ => Err(format!("a segment is a whole number from 1 to {count}")),
    }
}

/// Reads the link's segments. Returns whether they were used; when they
/// were not, the scenario keeps its one segment "All deals" and every
/// channel feeds it.
fn read_segments(loaded: &mut Loaded, values: &[&String]) -> bool {
    let mut segments: Vec<Segment> = Vec::new();
    for (n, raw) in values.iter().enumerate() {
        if segments.len() == MAX_SEGMENTS {
            let extra = values.len() - n;
            let noun = if extra == 1 { "segment" } else { "segments" };
            loaded.notices.push(format!(
                "Ignored {extra} {noun} after the first {MAX_SEGMENTS}: a plan has at most {MAX_SEGMENTS} segments.",
            ));
            break;
        }
        match parse_segment(raw, &segments) {
            Ok((segment, ignored_overrides)) => {
                let number = segments.len() + 1;
                for (part, text, reason) in ignored_overrides {
                    let noun = part.default_field().map(Field::noun).unwrap_or_default();
                    loaded.notices.push(format!(
                        "Ignored the {noun} of segment {number}, {}: {reason}. \
                         The segment takes the plan's {noun} instead.",
                        quote(&text)
                    ));
                }
                segments.push(segment);
            }
            Err(reason) => loaded.notices.push(format!(
                "Ignored segment {}, {}: {reason}.",
                n + 1,
                quote(raw)
            )),
        }
    }
    if segments.is_empty() {
        loaded.notices.push(format!(
            "No segment in the link could be used: one segment, “{ALL_DEALS}”, is used \
             instead, and every channel feeds it."
        ));
        return false;
    }
    let mut candidate = loaded.scenario.clone();
    candidate.segments = segments;
    match candidate.error(Field::Segments) {
        Some(error) => {
            loaded.notices.push(format!(
                "Ignored the link's segments: {}. One segment, “{ALL_DEALS}”, is used \
                 instead, and every channel feeds it.",
                lowercase_first(&error.message)
            ));
            false
        }
        None => {
            loaded.scenario = candidate;
            true
        }
    }
}

/// The shape of a segment in a link, for notices.
const SEGMENT_SHAPE: &str = "a segment is NAME~REVENUE_SHARE~DEAL_SIZE~MARKETING_SOURCED~\
     WIN_RATE~SQL_TO_OPP~MQL_TO_SQL~SALES_CYCLE_MONTHS~LIFETIME_VALUE";

/// An override that was ignored: which, its text, and why.
type IgnoredOverride = (SegmentPart, String, String);

/// `NAME~REVENUE_SHARE_PCT[~OVERRIDE…]`, seven overrides at most, an empty
/// or missing one meaning none. A bad name or share rejects the segment; a
/// bad override is dropped alone and reported.
fn parse_segment(raw: &str, before: &[Segment]) -> Result<(Segment, Vec<IgnoredOverride>), String> {
    let parts: Vec<&str> = raw.split('~').collect();
    if !(2..=SegmentPart::ALL.len()).contains(&parts.len()) {
        return Err(SEGMENT_SHAPE.into());
    }
    let share = parse_percent(parts[1])
        .ok_or_else(|| "its share of new revenue is not a number".to_string())?;
    let mut probe = Scenario {
        segments: vec![Segment::named(parts[0].trim(), share)],
        ..Scenario::default()
    };
    for part in [SegmentPart::Name, SegmentPart::RevenueShare] {
        if let Some(error) = probe.error(Field::Segment(0, part)) {
            // "Segment 1 name must be …" → "its name must be …".
            return Err(error.message.replacen("Segment 1 ", "its ", 1));
        }
    }
    let name = probe.segments[0].name.clone();
    if let Some(other) = before
        .iter()
        .find(|g| g.name.trim().to_lowercase() == name.to_lowercase())
    {
        return Err(format!(
            "another segment is already named “{}”: each needs a name of its own",
            other.name.trim()
        ));
    }
    let mut ignored = Vec::new();
    for (part, text) in SegmentPart::OVERRIDES.into_iter().zip(&parts[2..]) {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let field = Field::Segment(0, part);
        let value = if field.is_percent() {
            parse_percent(text)
        } else {
            parse_number(text)
        };
        let Some(value) = value else {
            ignored.push((part, text.to_string(), "not a number".to_string()));
            continue;
        };
        probe.segments[0].set_override(part, Some(value));
        if probe.error(field).is_some() {
            probe.segments[0].set_override(part, None);
            ignored.push((
                part,
                text.to_string(),
                format!("it must be {}", field.range_text()),
            ));
        }
    }
    Ok((probe.segments.remove(0), ignored))
}

/// `NAME~SHARE_PCT~COST_PER_LEAD[~LEAD_TO_MQL_PCT[~SEGMENT]]`, with the
/// fifth part's text (when not empty) for the caller to resolve. Only a
/// link with segments has the fifth part: a v1 link reads as it always did.
fn parse_channel(raw: &str, with_segment: bool) -> Result<(Channel, Option<&str>), String> {
    let parts: Vec<&str> = raw.split('~').collect();
    if with_segment && !(3..=5).contains(&parts.len()) {
        return Err("a channel is NAME~SHARE~COST_PER_LEAD~LEAD_TO_MQL~SEGMENT".into());
    }
    if !with_segment && !(3..=4).contains(&parts.len()) {
        return Err("a channel is NAME~SHARE~COST_PER_LEAD~LEAD_TO_MQL".into());
    }
    let number = |text: &str, what: &str| {
        parse_number(text).ok_or_else(|| format!("its {what} is not a number"))
    };
    let percent = |text: &str, what: &str| {
        parse_percent(text).ok_or_else(|| format!("its {what} is not a number"))
    };
    let channel = Channel {
        name: parts[0].trim().to_string(),
        share: percent(parts[1], "share")?,
        cost_per_lead: number(parts[2], "cost per lead")?,
        lead_to_mql: match parts.get(3) {
            Some(text) if !text.trim().is_empty() => Some(percent(text, "lead → MQL rate")?),
            _ => None,
        },
        segment: 0,
    };
    let probe = Scenario {
        channels: vec![channel.clone()],
        ..Scenario::default()
    };
    for part in [
        ChannelPart::Name,
        ChannelPart::Share,
        ChannelPart::CostPerLead,
        ChannelPart::LeadToMql,
    ] {
        if let Some(error) = probe.error(Field::Channel(0, part)) {
            // "Channel 1 cost per lead must be …" → "its cost per lead must be …".
            let message = error.message.replacen("Channel 1 ", "its ", 1);
            return Err(message);
        }
    }
    let segment = parts.get(4).copied().filter(|t| !t.trim().is_empty());
    Ok((channel, segment))
}

/// Decodes one `application/x-www-form-urlencoded` component. Malformed
/// escapes are kept as typed; invalid UTF-8 becomes U+FFFD.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes a query value: everything but unreserved characters.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The shortest decimal text that reads back to exactly `value`; in
/// scientific notation when the plain text would be too long to read back.
pub fn number_text(value: f64) -> String {
    let plain = format!("{value}");
    if plain.len() <= 24 {
        plain
    } else {
        format!("{value:e}")
    }
}

/// Reads a percentage as the fraction it denotes, exactly: the decimal point
/// moves two places ("33.3" → 0.333), with no rounding division by 100.
pub fn parse_percent(raw: &str) -> Option<f64> {
    parse_number(raw)?;
    let raw = raw.trim();
    let (mantissa, exponent) = match raw.find(['e', 'E']) {
        Some(i) => (&raw[..i], raw[i + 1..].parse::<i64>().ok()?),
        None => (raw, 0),
    };
    let value: f64 = format!("{mantissa}e{}", exponent - 2).parse().ok()?;
    value.is_finite().then_some(value)
}

/// The shortest percentage text that [`parse_percent`] reads back to exactly
/// `fraction`: its shortest round-trip digits, decimal point moved two places.
pub fn percent_text(fraction: f64) -> String {
    if fraction == 0.0 {
        return if fraction.is_sign_negative() {
            "-0"
        } else {
            "0"
        }
        .into();
    }
    let sci = format!("{fraction:e}"); // "3.33e-1": shortest digits
    let Some((mantissa, exponent)) = sci.split_once('e') else {
        return sci;
    };
    let Ok(exponent) = exponent.parse::<i64>() else {
        return sci;
    };
    let exponent = exponent + 2;
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let point = 1 + exponent; // digits before the decimal point
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (whole, rest) = digits.split_at(point as usize);
        format!("{whole}.{rest}")
    };
    if plain.len() <= 24 {
        format!("{sign}{plain}")
    } else {
        format!("{sign}{mantissa}e{exponent}")
    }
}

fn scalar_text(s: &Scenario, field: Field) -> String {
    let number = |v: f64| {
        if field.is_percent() {
            percent_text(v)
        } else {
            number_text(v)
        }
    };
    match field {
        Field::Name | Field::Currency | Field::MqlDefinition | Field::SqlDefinition => {
            s.text(field).unwrap_or_default().trim().to_string()
        }
        _ => s.number(field).map(number).unwrap_or_default(),
    }
}

/// The query string (without `?`) of a share link for `s`. Invalid inputs
/// are left out: the link would replace them with defaults anyway.
pub fn to_query(s: &Scenario) -> String {
    let mut parts: Vec<String> = SCALAR_PARAMS
        .into_iter()
        .filter(|&field| s.error(field).is_none())
        // An unrecorded definition, and no pipeline, are the defaults:
        // links stay short, and read as they did before these fields.
        .filter(|&field| s.text(field).is_none_or(|t| !t.trim().is_empty()))
        .filter(|&field| field != Field::PipelineRevenue || s.pipeline_revenue != 0.0)
        .map(|field| format!("{}={}", field.param(), encode(&scalar_text(s, field))))
        .collect();
    let with_segments = segments_travel(s);
    if with_segments {
        parts.extend(
            s.segments
                .iter()
                .enumerate()
                .map(|(i, g)| segment_param(s, i, g)),
        );
    }
    if s.error(Field::Channels).is_none() {
        for (i, c) in s.channels.iter().enumerate() {
            let valid = [
                ChannelPart::Name,
                ChannelPart::Share,
                ChannelPart::CostPerLead,
                ChannelPart::LeadToMql,
            ]
            .into_iter()
            .all(|part| s.error(Field::Channel(i, part)).is_none());
            if !valid {
                continue;
            }
            let mut value = format!(
                "{}~{}~{}",
                c.name.trim(),
                percent_text(c.share),
                number_text(c.cost_per_lead)
            );
            if let Some(rate) = c.lead_to_mql {
                value.push('~');
                value.push_str(&percent_text(rate));
            }
            if with_segments {
                if c.lead_to_mql.is_none() {
                    value.push('~');
                }
                value.push('~');
                // A channel of a missing segment reads back as segment 1.
                if s.error(Field::Channel(i, ChannelPart::Segment)).is_none() {
                    value.push_str(&(c.segment + 1).to_string());
                }
            }
            parts.push(format!("channel={}", encode(&value)));
        }
    }
    parts.extend(multi_year_query(s));
    parts.extend(timing_and_capacity_query(s));
    parts.join("&")
}

/// Whether the link carries segments: only when the plan uses them (so a
/// plan of one default segment writes the link it always did) and they
/// are valid as a set (else the link would replace them anyway).
fn segments_travel(s: &Scenario) -> bool {
    s.uses_segments()
        && s.error(Field::Segments).is_none()
        && (0..s.segments.len()).all(|i| {
            [SegmentPart::Name, SegmentPart::RevenueShare]
                .into_iter()
                .all(|part| s.error(Field::Segment(i, part)).is_none())
        })
}

/// `segment=NAME~REVENUE_SHARE_PCT~…~LIFETIME_VALUE`; an override that is
/// not set, or not valid, is an empty part.
fn segment_param(s: &Scenario, index: usize, g: &Segment) -> String {
    let mut value = format!("{}~{}", g.name.trim(), percent_text(g.revenue_share));
    for part in SegmentPart::OVERRIDES {
        value.push('~');
        let field = Field::Segment(index, part);
        if let Some(v) = g.override_of(part).filter(|_| s.error(field).is_none()) {
            value.push_str(&if field.is_percent() {
                percent_text(v)
            } else {
                number_text(v)
            });
        }
    }
    format!("segment={}", encode(&value))
}

/// The fields a share link leaves out because they are invalid.
pub fn left_out(s: &Scenario) -> Vec<String> {
    let m = &s.multi_year;
    let multi_year = [
        m.growth_error().map(|_| "Growth per year".to_string()),
        m.years_error()
            .map(|_| "Years of the multi-year view".to_string()),
    ];
    let invalid = |(i, change): &(usize, &YearChange)| {
        YearSetting::ALL.iter().any(|&setting| {
            change
                .get(setting)
                .is_some_and(|v| setting.error(i + 2, v).is_some())
        })
    };
    let year_changes = m
        .changes
        .iter()
        .enumerate()
        .filter(invalid)
        .map(|(i, _)| format!("Year {} changes", i + 2));
    s.errors()
        .into_iter()
        .map(|e| e.field.label())
        .chain(multi_year.into_iter().flatten())
        .chain(year_changes)
        .collect()
}

fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

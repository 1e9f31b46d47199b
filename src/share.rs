//! Scenario ⇄ share-link query string (docs/model.md, "Share links").
//!
//! Links come from strangers: parsing never panics, caps what it reads, and
//! turns every invalid value into the default plus a plain notice.

use crate::model::{
    Channel, ChannelPart, Field, MAX_CHANNELS, MAX_YEARS, Scenario, YearChange, YearSetting,
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

    let channel_values: Vec<&String> = pairs
        .iter()
        .filter(|(k, _)| k == "channel")
        .map(|(_, v)| v)
        .collect();
    if !channel_values.is_empty() {
        loaded.has_scenario = true;
        read_channels(&mut loaded, &channel_values);
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

fn read_channels(loaded: &mut Loaded, values: &[&String]) {
    let mut channels = Vec::new();
    for (n, raw) in values.iter().enumerate() {
        if channels.len() == MAX_CHANNELS {
            loaded.notices.push(format!(
                "Ignored {} channels after the first {MAX_CHANNELS}: a plan has at most {MAX_CHANNELS} channels.",
                values.len() - n
            ));
            break;
        }
        match parse_channel(raw) {
            Ok(channel) => channels.push(channel),
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
        None => loaded.scenario = candidate,
    }
}

/// `NAME~SHARE_PCT~COST_PER_LEAD[~LEAD_TO_MQL_PCT]`.
fn parse_channel(raw: &str) -> Result<Channel, String> {
    let parts: Vec<&str> = raw.split('~').collect();
    if !(3..=4).contains(&parts.len()) {
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
    Ok(channel)
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
            parts.push(format!("channel={}", encode(&value)));
        }
    }
    parts.extend(multi_year_query(s));
    parts.join("&")
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

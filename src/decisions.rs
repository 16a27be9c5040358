//! What the person decided about each stream ("I know this one", "suspicious", "cancelled on
//! …"), kept on their device between visits.
//!
//! Decisions are stored as versioned JSON. A newer app reads every older version it has ever
//! written (see [`Stored::parse`]); an older app that meets a newer version leaves it untouched
//! instead of overwriting it, and a damaged value is kept aside rather than thrown away, so a
//! reload, an update or a downgrade never loses what the person decided.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analysis::{Stream, TransactionRef};
use crate::view::{Dashboard, Payment};

/// The schema version this build writes.
pub const VERSION: u32 = 1;

/// What the person said about a stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// They know it and want it.
    Known,
    /// They think it is not theirs or not agreed to.
    Suspicious,
    /// They cancelled it on this date.
    Cancelled {
        /// The day they cancelled.
        #[serde(with = "crate::model::iso_date")]
        on: NaiveDate,
    },
}

/// One decision and when it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The decision.
    #[serde(flatten)]
    pub verdict: Verdict,
    /// The day it was recorded.
    #[serde(with = "crate::model::iso_date")]
    pub decided: NaiveDate,
}

/// Every decision, by [`stream_key`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decisions {
    /// Stream key → decision.
    pub streams: BTreeMap<String, Decision>,
}

/// The shape written to storage.
#[derive(Serialize, Deserialize)]
struct Envelope {
    version: u32,
    #[serde(default)]
    streams: BTreeMap<String, Decision>,
}

/// The stored value's version and nothing else; any other field is skipped unread.
#[derive(Deserialize)]
struct VersionOnly {
    version: Option<u64>,
}

/// What was found in storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Nothing stored yet.
    Empty,
    /// Decisions this build can read (and write back).
    Readable(Decisions),
    /// Written by a newer build: shown as nothing decided, never overwritten.
    Newer {
        /// The version found.
        version: u32,
    },
    /// Not decisions at all (damaged, edited by hand): the raw value should be kept aside.
    Damaged {
        /// The value as found.
        raw: String,
    },
}

impl Stored {
    /// Reads what storage holds under the decisions key.
    pub fn parse(raw: Option<&str>) -> Stored {
        let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
            return Stored::Empty;
        };
        // The version is read first, alone, so that a newer build's value is recognised
        // whatever else it holds. Only an object counts: serde would read a struct from an
        // array too.
        let version = match serde_json::from_str::<VersionOnly>(raw) {
            Ok(VersionOnly { version }) if raw.trim_start().starts_with('{') => version,
            _ => {
                return Stored::Damaged {
                    raw: raw.to_string(),
                }
            }
        };
        match version {
            Some(v) if v > u64::from(VERSION) => Stored::Newer {
                version: u32::try_from(v).unwrap_or(u32::MAX),
            },
            // Version 1 is the only one written so far; a later version adds its migration here.
            Some(1) => match serde_json::from_str::<Envelope>(raw) {
                Ok(envelope) => Stored::Readable(Decisions {
                    streams: envelope.streams,
                }),
                Err(_) => Stored::Damaged {
                    raw: raw.to_string(),
                },
            },
            _ => Stored::Damaged {
                raw: raw.to_string(),
            },
        }
    }

    /// The decisions to show (none for a newer or damaged value).
    pub fn decisions(&self) -> Decisions {
        match self {
            Stored::Readable(decisions) => decisions.clone(),
            _ => Decisions::default(),
        }
    }

    /// Whether this build may write its own decisions over what is stored.
    pub fn writable(&self) -> bool {
        !matches!(self, Stored::Newer { .. })
    }
}

impl Decisions {
    /// The JSON this build stores.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&Envelope {
            version: VERSION,
            streams: self.streams.clone(),
        })
        .unwrap_or_default()
    }

    /// The decision about `stream`, if any.
    pub fn for_stream(&self, stream: &Stream) -> Option<&Decision> {
        self.streams.get(&stream_key(stream))
    }

    /// Records (or with `None` clears) the decision about `stream`.
    pub fn set(&mut self, stream: &Stream, decision: Option<Decision>) {
        let key = stream_key(stream);
        match decision {
            Some(decision) => {
                self.streams.insert(key, decision);
            }
            None => {
                self.streams.remove(&key);
            }
        }
    }
}

/// The key a decision is kept under: who is paid, in what currency, how often. It stays the
/// same when the same statements (or longer ones) are loaded again; the amount is left out
/// because a price rise must not make a decision disappear.
pub fn stream_key(stream: &Stream) -> String {
    format!(
        "{}|{}|{}",
        stream.counterparty.trim(),
        stream.currency,
        stream.frequency.name()
    )
}

/// The payments dated after the day a stream was cancelled (given the stream's payments on the
/// dashboard): money taken after the person stopped it, which is exactly what a complaint needs.
pub fn charged_after_cancel(
    dashboard: &Dashboard,
    payments: &[Payment],
    cancelled_on: NaiveDate,
) -> Vec<TransactionRef> {
    payments
        .iter()
        .filter(|payment| payment.date > cancelled_on)
        .map(|payment| dashboard.reference(payment))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Exactly what version 1 wrote: it must stay readable by every later build.
    const VERSION_1: &str = r#"{"version":1,"streams":{"Gym|USD|monthly":{"verdict":"known","decided":"2026-01-02"},"某某会员|CNY|monthly":{"verdict":"cancelled","on":"2026-05-03","decided":"2026-05-04"}}}"#;

    #[test]
    fn reads_what_version_1_wrote() {
        let stored = Stored::parse(Some(VERSION_1));
        let decisions = stored.decisions();
        assert_eq!(decisions.streams.len(), 2);
        assert_eq!(
            decisions.streams["某某会员|CNY|monthly"],
            Decision {
                verdict: Verdict::Cancelled {
                    on: day(2026, 5, 3)
                },
                decided: day(2026, 5, 4)
            }
        );
        assert_eq!(decisions.streams["Gym|USD|monthly"].verdict, Verdict::Known);
        assert!(stored.writable());
        // Writing it back gives the same value.
        assert_eq!(decisions.to_json(), VERSION_1);
    }

    #[test]
    fn outcomes_of_what_storage_may_hold() {
        let cases: [(Option<&str>, &str); 16] = [
            (None, "empty"),
            (Some(""), "empty"),
            (Some(r#"{"version":1}"#), "readable"),
            (Some(r#"{"version":2,"streams":{}}"#), "newer"),
            (Some("not json"), "damaged"),
            (Some(r#"{"streams":{}}"#), "damaged"),
            (
                Some(r#"{"version":1,"streams":{"a":{"verdict":"maybe","decided":"2026-01-01"}}}"#),
                "damaged",
            ),
            (Some("[1,2]"), "damaged"),
            (Some(r#"{"version":"1"}"#), "damaged"),
            (Some(r#"{"version":1.5}"#), "damaged"),
            (Some(r#"{"version":null,"streams":{}}"#), "damaged"),
            (
                Some(r#"{"version":2,"streams":[1],"more":{"x":true}}"#),
                "newer",
            ),
            (Some(r#"{"version":1} trailing"#), "damaged"),
            (Some("[1]"), "damaged"),
            (Some("[2]"), "damaged"),
            (Some(r#" {"version":1}"#), "readable"),
        ];
        for (raw, expected) in cases {
            let got = match Stored::parse(raw) {
                Stored::Empty => "empty",
                Stored::Readable(_) => "readable",
                Stored::Newer { .. } => "newer",
                Stored::Damaged { .. } => "damaged",
            };
            assert_eq!(got, expected, "{raw:?}");
        }
        assert!(!Stored::parse(Some(r#"{"version":9}"#)).writable());
        assert!(Stored::parse(Some("x")).decisions().streams.is_empty());
    }
}

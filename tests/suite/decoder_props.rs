//! Property tests for the wire decoder and the display sanitiser: whatever
//! bytes arrive on whatever topic, `wire::decode` returns (never panics) and
//! keeps its documented contract; what Chirp encodes comes back unchanged;
//! `display::inert_*` stay within their bounds for any text.
//!
//! Each property runs `CASES` cases; the whole file takes a few seconds in
//! a debug build.

use chirp::core::model::bounds::MAX_PAYLOAD_BYTES;
use chirp::core::model::display::{
    MAX_SHOWN_CHARS, MAX_SHOWN_LINES, TRUNCATED_MARK, inert_line, inert_name, inert_text,
};
use chirp::core::model::name::{Hashtag, Username, is_invisible, is_name_char};
use chirp::core::model::tweet::WireFormat;
use chirp::core::protocol::identity::Identity;
use chirp::core::protocol::signed::TweetFields;
use chirp::core::protocol::wire::{self, DecodeError, decode, encode_classic, encode_v1};
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

use crate::common::is_hostile_char;

const CASES: u32 = 2000;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        ..ProptestConfig::default()
    }
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(1_795_315_000_000).expect("a valid time")
}

// ---------------------------------------------------------------------------
// Strategies

/// Topics, the odd ones included.
fn topic() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9_-]{1,16}".prop_map(|t| format!("hashtags/{t}")),
        2 => any::<String>(),
        1 => any::<String>().prop_map(|t| format!("hashtags/{t}")),
        1 => prop::sample::select(vec![
            "", "hashtags/", "hashtags", "hashtags//", "hashtags/a/b", "hashtags/#", "hashtags/+",
            "/hashtags/a", "hashtags/\u{0}", "hashtags/\u{202E}x", "chirp/presence/alice",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A character a username or hashtag may hold: letters and digits of many
/// scripts, '_' and '-' (PROTOCOL.md section 3).
fn name_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        2 => prop::char::range('0', '9'),
        1 => Just('_'),
        1 => Just('-'),
        4 => prop::sample::select(vec![
            ('\u{00C0}', '\u{024F}'), // Latin-1 and Latin Extended letters
            ('\u{0391}', '\u{03C9}'), // Greek
            ('\u{0410}', '\u{044F}'), // Cyrillic
            ('\u{0627}', '\u{064A}'), // Arabic letters
            ('\u{0660}', '\u{0669}'), // Arabic-Indic digits
            ('\u{0905}', '\u{0939}'), // Devanagari
            ('\u{3041}', '\u{3096}'), // Hiragana
            ('\u{4E00}', '\u{9FFF}'), // CJK
            ('\u{AC00}', '\u{D7A3}'), // Hangul syllables
            ('\u{2160}', '\u{2188}'), // Roman numerals (Nl)
            ('\u{00B2}', '\u{00B3}'), // superscript digits (No)
            ('\u{1D400}', '\u{1D7FF}'), // mathematical letters and digits
        ])
        .prop_flat_map(|(lo, hi)| prop::char::range(lo, hi)),
    ]
    .prop_filter("a name character", |&c| is_name_char(c) && !is_invisible(c))
}

fn name(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(name_char(), 1..=max).prop_map(String::from_iter)
}

fn username() -> impl Strategy<Value = Username> {
    name(32).prop_map(|n| Username::parse(&n).expect("generated from the allowed characters"))
}

fn hashtag() -> impl Strategy<Value = Hashtag> {
    name(64).prop_map(|n| Hashtag::parse(&n).expect("generated from the allowed characters"))
}

/// Any character, with the troublesome ones (JSON escapes, controls,
/// newlines, bidi, zero-width, the classic separator) much more likely.
fn spicy_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => any::<char>(),
        3 => prop::char::range(' ', '~'),
        2 => Just('\n'),
        1 => prop::sample::select(vec![
            '"', '\\', '{', '}', '[', ']', ':', ' ', '\r', '\t', '\0', '\u{1b}', '\u{7}',
            '\u{7f}', '\u{85}', '\u{9b}', '\u{a0}', '\u{ad}', '\u{200b}', '\u{200d}', '\u{200e}',
            '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{3164}',
            '\u{feff}', '\u{fffd}', '\u{e0001}', '\u{10ffff}', '🦀', 'é',
        ]),
    ]
}

fn spicy_string(max_chars: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(spicy_char(), 0..=max_chars).prop_map(String::from_iter)
}

/// Times RFC 3339 can write with a four-digit year (0000–9999), to the millisecond.
fn timestamp() -> impl Strategy<Value = DateTime<Utc>> {
    (-62_167_219_200_000i64..=253_402_300_799_999i64)
        .prop_map(|ms| DateTime::from_timestamp_millis(ms).expect("in chrono's range"))
}

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        prop::sample::select(vec![0.0, 0.5, 0.999, 1.0, 1.5, 2.0, -1.0, 1e308])
            .prop_map(Value::from),
        spicy_string(20).prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(spicy_string(6), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A JSON object shaped like payload v1, each field present or not, of the
/// right type or not.
fn v1ish_object() -> impl Strategy<Value = serde_json::Map<String, Value>> {
    let field = |good: BoxedStrategy<Value>| {
        prop_oneof![
            1 => Just(None),
            4 => good.prop_map(Some),
            1 => json_value().prop_map(Some),
        ]
    };
    let v = prop_oneof![
        Just(Value::from(1)),
        Just(Value::from(2)),
        Just(Value::from(1.5))
    ]
    .boxed();
    let id = prop_oneof![
        4 => "[a-f0-9-]{1,36}".prop_map(Value::from),
        1 => spicy_string(10).prop_map(Value::from),
    ]
    .boxed();
    let text = spicy_string(40).prop_map(Value::from).boxed();
    let tags = prop::collection::vec(
        prop_oneof![
            hashtag().prop_map(|t| Value::from(t.as_str())),
            json_value()
        ],
        0..4,
    )
    .prop_map(Value::Array)
    .boxed();
    let ts = timestamp()
        .prop_map(|t| Value::from(wire::format_ts(t)))
        .boxed();
    (
        field(v),
        field(id),
        field(username().prop_map(|u| Value::from(u.as_str())).boxed()),
        field(text),
        field(tags),
        field(ts),
        // Unknown fields only: `kind`, `pk`, `sig`, `ref` and `ref_user`
        // make another kind or a signed payload, whose rules their own
        // tests check (a random `pk` is rightly refused as forged).
        prop::collection::btree_map("x_[a-z_]{1,6}", json_value(), 0..3),
    )
        .prop_map(|(v, id, user, text, tags, ts, extra)| {
            let mut object: serde_json::Map<String, Value> = extra.into_iter().collect();
            for (key, value) in [
                ("v", v),
                ("id", id),
                ("user", user),
                ("text", text),
                ("tags", tags),
                ("ts", ts),
            ] {
                match value {
                    Some(value) => object.insert(key.to_owned(), value),
                    None => object.remove(key),
                };
            }
            object
        })
}

/// Bytes likely to reach every branch of the decoder: random bytes, random
/// text, v1-like JSON (whole, cut short, or with bytes overwritten),
/// classic-like text, and blank payloads.
fn payload() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => prop::collection::vec(any::<u8>(), 0..512),
        2 => spicy_string(200).prop_map(String::into_bytes),
        3 => v1ish_object().prop_map(|o| Value::Object(o).to_string().into_bytes()),
        2 => (v1ish_object(), any::<Index>())
            .prop_map(|(o, cut)| {
                let bytes = Value::Object(o).to_string().into_bytes();
                let at = cut.index(bytes.len() + 1);
                bytes[..at].to_vec()
            }),
        2 => (v1ish_object(), prop::collection::vec((any::<Index>(), any::<u8>()), 1..6))
            .prop_map(|(o, edits)| {
                let mut bytes = Value::Object(o).to_string().into_bytes();
                for (at, byte) in edits {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
                bytes
            }),
        2 => (spicy_string(70), spicy_string(100))
            .prop_map(|(u, t)| format!("{u}: {t}").into_bytes()),
        1 => prop::collection::vec(
            prop::sample::select(vec![b' ', b'\n', b'\t', b'\r', 0x0b, 0x0c]),
            0..50,
        ),
    ]
}

// ---------------------------------------------------------------------------
// The decoder's contract, checked on every outcome

/// Checks what `decode` made of `payload` on `topic` against PROTOCOL.md section 4.
fn check_decoded(topic: &str, payload: &[u8]) -> Result<(), TestCaseError> {
    let decoded = decode(topic, payload, now());
    if payload.len() > MAX_PAYLOAD_BYTES {
        prop_assert_eq!(decoded, Err(DecodeError::Oversize(payload.len())));
        return Ok(());
    }
    let Ok(text) = std::str::from_utf8(payload) else {
        prop_assert_eq!(decoded, Err(DecodeError::NotUtf8));
        return Ok(());
    };
    if text.trim().is_empty() {
        prop_assert_eq!(decoded, Err(DecodeError::Empty));
        return Ok(());
    }
    let tweet = match decoded {
        Ok(tweet) => tweet,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "{e} for a payload that should be shown"
            )));
        }
    };
    prop_assert!(!tweet.id.is_empty());
    prop_assert_eq!(tweet.received_at, now());
    // The topic's tag is always among the tweet's tags, and no tag is empty.
    if let Some(tag) = wire::tag_of_topic(topic) {
        prop_assert!(
            tweet.tags.iter().any(|t| t == tag),
            "{:?} lacks {:?}",
            tweet.tags,
            tag
        );
    }
    prop_assert!(
        tweet.tags.iter().all(|t| !t.is_empty()),
        "an empty tag in {:?}",
        tweet.tags
    );
    match tweet.format {
        WireFormat::Raw => {
            prop_assert_eq!(tweet.user, None);
            prop_assert_eq!(tweet.text, kept(text));
            prop_assert_eq!(tweet.sent_at, None);
        }
        WireFormat::Classic => {
            prop_assert!(!text.trim_start().starts_with('{'), "JSON is never classic");
            let user = tweet.user.as_deref().unwrap_or_default();
            prop_assert!(!user.is_empty() && user == user.trim());
            prop_assert!(user.chars().count() <= 64 && !user.chars().any(char::is_control));
            // Split at the first ": ".
            let (before, after) = text.split_once(": ").expect("classic has a separator");
            prop_assert_eq!(before.trim(), user);
            prop_assert_eq!(kept(after), tweet.text);
        }
        WireFormat::Chirp => {
            let Ok(Value::Object(json)) = serde_json::from_str::<Value>(text) else {
                return Err(TestCaseError::fail(
                    "v1 tweet from a payload that is not a JSON object",
                ));
            };
            prop_assert_eq!(
                json.get("id").and_then(Value::as_str),
                Some(tweet.id.as_str())
            );
            prop_assert_eq!(
                json.get("user").and_then(Value::as_str),
                tweet.user.as_deref()
            );
            prop_assert_eq!(
                json.get("text").and_then(Value::as_str),
                Some(tweet.text.as_str())
            );
            // Valid tags only, each a hashtag as typed.
            for tag in &tweet.tags {
                prop_assert!(
                    Hashtag::parse(tag).is_ok() || Some(tag.as_str()) == wire::tag_of_topic(topic)
                );
            }
        }
    }
    Ok(())
}

/// Whether a JSON object is payload v1 by PROTOCOL.md section 4.1.
fn is_v1(object: &serde_json::Map<String, Value>) -> bool {
    let v_ok = object
        .get("v")
        .and_then(Value::as_f64)
        .is_some_and(|v| v >= 1.0);
    let id_ok = object
        .get("id")
        .and_then(Value::as_str)
        .is_some_and(|id| !id.is_empty());
    let user_ok = object.get("user").is_some_and(Value::is_string);
    let text_ok = object.get("text").is_some_and(Value::is_string);
    let tags_ok = object.get("tags").is_none_or(Value::is_array);
    v_ok && id_ok && user_ok && text_ok && tags_ok
}

proptest! {
    #![proptest_config(config())]

    /// Any bytes on any topic: `decode` returns, and its answer keeps the contract.
    #[test]
    fn decode_never_panics_on_arbitrary_bytes(topic in topic(), payload in payload()) {
        check_decoded(&topic, &payload)?;
    }

    /// Any string: decoded or refused (blank), never a panic, never "not UTF-8".
    #[test]
    fn arbitrary_strings_decode_or_are_refused(topic in topic(), text in any::<String>()) {
        let decoded = decode(&topic, text.as_bytes(), now());
        prop_assert_ne!(decoded.as_ref().err(), Some(&DecodeError::NotUtf8));
        prop_assert_eq!(decoded.is_err(), text.trim().is_empty());
        check_decoded(&topic, text.as_bytes())?;
    }

    /// A JSON object is read as v1 exactly when PROTOCOL.md says it is v1.
    #[test]
    fn v1_is_recognised_exactly_by_the_protocol_rules(object in v1ish_object(), tag in hashtag()) {
        let payload = Value::Object(object.clone()).to_string();
        let topic = chirp::core::protocol::topic_root::TopicRoot::default().topic(tag.as_str());
        let tweet = decode(&topic, payload.as_bytes(), now()).expect("a JSON object is shown");
        prop_assert_eq!(tweet.format == WireFormat::Chirp, is_v1(&object), "{}", payload);
        check_decoded(&topic, payload.as_bytes())?;
    }

    /// What Chirp encodes as v1 decodes to the same id, user, text, tags and time.
    #[test]
    fn v1_round_trips(
        id in ".{1,40}",
        user in username(),
        text in spicy_string(280),
        tags in prop::collection::vec(hashtag(), 1..5),
        ts in timestamp(),
    ) {
        let tag_names: Vec<String> = tags.iter().map(|t| t.as_str().to_owned()).collect();
        let ts_text = wire::format_ts(ts);
        let fields = TweetFields {
            id: &id,
            user: user.as_str(),
            text: &text,
            tags: &tag_names,
            ts: Some(&ts_text),
            reply_to: None,
            reply_to_user: None,
        };
        let identity = Identity::from_secret_bytes(&[7; 64]);
        let topic = chirp::core::protocol::topic_root::TopicRoot::default().topic(tags[0].as_str());
        let signed = decode(&topic, &encode_v1(&fields, Some(&identity)), now()).expect("decodes");
        prop_assert_eq!(signed.signed.map(|s| s.key), Some(identity.author_key()));
        let payload = encode_v1(&fields, None);
        let tweet = decode(&topic, &payload, now()).expect("decodes");
        let shown = |t: &chirp::core::model::tweet::Tweet| (t.id.clone(), t.user.clone(), t.text.clone(), t.tags.clone(), t.sent_at);
        prop_assert_eq!(shown(&signed), shown(&tweet), "signing changes nothing shown");
        prop_assert_eq!(tweet.format, WireFormat::Chirp);
        prop_assert_eq!(&tweet.id, &id);
        prop_assert_eq!(tweet.user.as_deref(), Some(user.as_str()));
        prop_assert_eq!(&tweet.text, &text);
        let sent: Vec<&str> = tags.iter().map(Hashtag::as_str).collect();
        prop_assert_eq!(tweet.tags.iter().map(String::as_str).collect::<Vec<_>>(), sent);
        prop_assert_eq!(tweet.sent_at, Some(ts));
    }

    /// What Chirp encodes as classic decodes to the same user and text, whatever the text.
    #[test]
    fn classic_round_trips(user in username(), text in spicy_string(1000), tag in hashtag()) {
        let payload = encode_classic(&user, &text);
        let tweet = decode(&chirp::core::protocol::topic_root::TopicRoot::default().topic(tag.as_str()), &payload, now()).expect("decodes");
        prop_assert_eq!(tweet.format, WireFormat::Classic);
        prop_assert_eq!(tweet.user.as_deref(), Some(user.as_str()));
        prop_assert_eq!(&tweet.text, &text);
        prop_assert_eq!(tweet.tags, vec![tag.as_str().to_owned()]);
    }

    /// Whatever the text, what is laid out is bounded and inert, and text
    /// within the bounds keeps every character (unsafe ones replaced one for one).
    #[test]
    fn inert_text_stays_within_its_bounds(
        text in prop_oneof![
            3 => spicy_string(300),
            1 => spicy_string(3000),
            1 => (1usize..80).prop_map(|n| "a\n".repeat(n)),
            1 => (1usize..80).prop_map(|n| "\n".repeat(n)),
        ],
        max_name in 1usize..100,
    ) {
        let shown = inert_text(&text);
        let chars = shown.chars().count();
        prop_assert!(chars <= MAX_SHOWN_CHARS + TRUNCATED_MARK.chars().count());
        let lines = shown.split('\n').count();
        prop_assert!(lines <= MAX_SHOWN_LINES, "{} lines", lines);
        prop_assert!(!has_hostile_outside_emoji(&shown), "{:?}", shown);
        let within = text.chars().count() <= MAX_SHOWN_CHARS
            && text.split('\n').count() <= MAX_SHOWN_LINES;
        if within {
            prop_assert_eq!(chars, text.chars().count());
            let same = text.chars().zip(shown.chars()).all(|(a, b)| a == b || b == '\u{FFFD}');
            prop_assert!(same, "{:?} shown as {:?}", text, shown);
            // Nothing to replace (the app also blanks look-alike fillers): unchanged.
            if !text.chars().any(|c| is_hostile_char(c) || is_invisible(c)) {
                prop_assert_eq!(shown.as_ref(), text.as_str());
            }
        } else {
            prop_assert!(shown.ends_with(TRUNCATED_MARK));
        }

        let line = inert_line(&text);
        prop_assert!(!line.contains('\n') && !has_hostile_outside_emoji(&line));
        let name = inert_name(&text, max_name);
        prop_assert!(name.chars().count() <= max_name + 1);
        prop_assert!(!name.contains('\n') && !name.chars().any(is_hostile_char));
    }
}

/// What a tweet keeps of a received text.
fn kept(text: &str) -> String {
    chirp::core::model::bounds::bounded_text(
        text.to_owned(),
        chirp::core::model::bounds::MAX_KEPT_TEXT_CHARS,
        chirp::core::model::display::TRUNCATED_MARK,
    )
}

/// A hostile character in shown text, other than a zero-width joiner kept
/// inside an emoji sequence (PROTOCOL 4.4): a kept joiner never touches a
/// letter, a digit, a space or an end of the text, where it could join or
/// split what a name looks like.
fn has_hostile_outside_emoji(shown: &str) -> bool {
    let chars: Vec<char> = shown.chars().collect();
    let pictographic = |c: Option<&char>| {
        c.is_some_and(|&c| !c.is_alphanumeric() && !c.is_whitespace() && c as u32 >= 0x2000)
    };
    chars.iter().enumerate().any(|(i, &c)| {
        let joined = c == '\u{200D}'
            && i > 0
            && pictographic(chars.get(i - 1))
            && pictographic(chars.get(i + 1));
        is_hostile_char(c) && !joined
    })
}

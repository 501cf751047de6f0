//! The hostile payloads, one list per class, each with the outcome the
//! decoder promises.

use chirp::core::model::bounds::{MAX_KEPT_USER_CHARS, MAX_PAYLOAD_BYTES};
use chirp::core::model::display::MAX_SHOWN_LINES;

use super::harness::{Case, Check, Expect, case, kept_text, v1, v1_with};

pub(super) fn invalid_utf8_cases() -> Vec<Case> {
    let mut bad_in_json = br#"{"v":1,"id":"bad-utf8","user":"u","text":"a"#.to_vec();
    bad_in_json.extend_from_slice(b"\xff\"}");
    vec![
        case("ff fe 41", [0xff, 0xfe, 0x41], Expect::Dropped("UTF-8")),
        case("lone continuation byte", [0x80], Expect::Dropped("UTF-8")),
        case("overlong '/'", [0xc0, 0xaf], Expect::Dropped("UTF-8")),
        case("truncated sequence", [0xe2, 0x82], Expect::Dropped("UTF-8")),
        case(
            "UTF-16 surrogate",
            [0xed, 0xa0, 0x80],
            Expect::Dropped("UTF-8"),
        ),
        case(
            "over U+10FFFF",
            [0xf4, 0x90, 0x80, 0x80],
            Expect::Dropped("UTF-8"),
        ),
        case(
            "a bad byte inside v1 JSON",
            bad_in_json,
            Expect::Dropped("UTF-8"),
        ),
        case(
            "classic with a bad byte",
            *b"mallory: \xc3\x28",
            Expect::Dropped("UTF-8"),
        ),
        case("100k 0xff", vec![0xff; 100_000], Expect::Dropped("UTF-8")),
    ]
}

pub(super) fn empty_cases() -> Vec<Case> {
    vec![
        case("empty", Vec::new(), Expect::Dropped("empty")),
        case("one space", *b" ", Expect::Dropped("empty")),
        case(
            "ASCII whitespace",
            *b"\n\t\r \x0b\x0c",
            Expect::Dropped("empty"),
        ),
        case(
            "Unicode whitespace",
            "\u{3000}\u{2028}\u{85}\u{a0}",
            Expect::Dropped("empty"),
        ),
    ]
}

pub(super) fn truncated_json_cases() -> Vec<Case> {
    let full = v1("cut", "mallory", "cut short #hostile");
    let mut cases: Vec<Case> = [1, 2, 10, full.len() / 2, full.len() - 2, full.len() - 1]
        .into_iter()
        .map(|at| case(format!("v1 cut after {at} bytes"), &full[..at], Expect::Raw))
        .collect();
    for json in [
        r#"{"v":1,"id":"x","user":"u","text":"unterminated"#,
        r#"{"v":1,"id":"x","user":"u","text":"t""#,
        r#"{"v":1,"id":"x","user":"u","text":"\u12"#,
        r#"{"v":1,"id":"x","user":"u","text":"\"#,
        r#"{"v":1,"id":"x","user":"u","text":"t",}"#,
        r#"{"v":1,"id":"x","user":"u","text":"t"}}"#,
        r#"{"v":1,"id":"x","user":"u","text":"t"} trailing"#,
    ] {
        cases.push(case(json, json, Expect::Raw));
    }
    cases
}

pub(super) fn deeply_nested_cases() -> Vec<Case> {
    let open = "[".repeat(100_000);
    let balanced = format!("{open}{}", "]".repeat(100_000));
    let objects = format!("{}1{}", r#"{"a":"#.repeat(40_000), "}".repeat(40_000));
    vec![
        case("100k '['", open.clone(), Expect::Raw),
        case("50k '{\"a\":'", r#"{"a":"#.repeat(50_000), Expect::Raw),
        case(
            "100k-deep array in an unknown field",
            v1_with("deep-unknown", &format!(r#""text":"t","extra":{balanced}"#)),
            // serde skips unknown fields without recursing: still a tweet.
            Expect::Chirp(|t| assert_eq!((t.id.as_str(), t.text.as_str()), ("deep-unknown", "t"))),
        ),
        case(
            "40k-deep object in an unknown field",
            v1_with("deep-object", &format!(r#""text":"t","extra":{objects}"#)),
            Expect::Chirp(|t| assert_eq!(t.id, "deep-object")),
        ),
        case(
            "100k-deep array as the text",
            v1_with("deep-text", &format!(r#""text":{balanced}"#)),
            Expect::Raw,
        ),
        case(
            "100k-deep array in tags",
            v1_with("deep-tags", &format!(r#""text":"t","tags":[{balanced}]"#)),
            // Past serde_json's recursion limit: not v1, shown raw.
            Expect::Raw,
        ),
        case(
            "100k-deep array as ts",
            v1_with("deep-ts", &format!(r#""text":"t","ts":{balanced}"#)),
            Expect::Raw,
        ),
    ]
}

pub(super) fn wrong_type_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for json in [
        r#"{"v":1,"id":7,"user":"u","text":"id is a number"}"#,
        r#"{"v":1,"id":"wt-1","user":["u"],"text":"user is an array"}"#,
        r#"{"v":1,"id":"wt-2","user":"u","text":{"a":1}}"#,
        r#"{"v":1,"id":"wt-3","user":null,"text":"user is null"}"#,
        r#"{"v":1,"id":"wt-4","text":"no user"}"#,
        r#"{"v":1,"user":"u","text":"no id"}"#,
        r#"{"v":1,"id":"","user":"u","text":"empty id"}"#,
        r#"{"id":"wt-5","user":"u","text":"no v"}"#,
        r#"{"v":"1","id":"wt-6","user":"u","text":"string v"}"#,
        r#"{"v":null,"id":"wt-6b","user":"u","text":"null v"}"#,
        r#"{"v":1e400,"id":"wt-7","user":"u","text":"v out of f64 range"}"#,
        r#"{"v":-1e400,"id":"wt-8","user":"u","text":"v out of f64 range"}"#,
        r#"{"v":0,"id":"wt-9","user":"u","text":"v zero"}"#,
        r#"{"v":-1180591620717411303424,"id":"wt-10","user":"u","text":"v is -2^70"}"#,
        r#"{"v":0.999,"id":"wt-11","user":"u","text":"v under 1"}"#,
        r#"{"v":1,"id":"wt-12","user":"u","text":"t","tags":"rust"}"#,
        r#"{"v":1,"id":"wt-13","user":"u","text":"t","tags":{"a":1}}"#,
        r#"{"v":1,"id":"wt-14","user":"u","text":"t","ts":1e400}"#,
        r#"{"v":1,"id":"wt-15","id":"wt-16","user":"u","text":"duplicate id"}"#,
        r#"{"v":1,"id":"wt-17","user":"u","text":"t","tags":[1e400]}"#,
        r"[1,2,3]",
        r#""just a JSON string""#,
        r"1e400",
        r"null",
        "\u{feff}{\"v\":1,\"id\":\"bom\",\"user\":\"u\",\"text\":\"behind a BOM\"}",
    ] {
        cases.push(case(json, json, Expect::Raw));
    }
    let too_long = "x".repeat(65);
    let odd_tags = format!(r##"[null,7,{{}},[],"#ok","a/b","","+","ok2","{too_long}"]"##);
    cases.extend([
        case(
            "v is 2^70",
            r#"{"v":1180591620717411303424,"id":"wt-big-v","user":"u","text":"later version"}"#,
            Expect::Chirp(|t| assert_eq!(t.id, "wt-big-v")),
        ),
        case(
            "v is 1e308",
            r#"{"v":1e308,"id":"wt-huge-v","user":"u","text":"later version"}"#,
            Expect::Chirp(|t| assert_eq!(t.id, "wt-huge-v")),
        ),
        case(
            "ts is 2^70",
            r#"{"v":1,"id":"wt-ts-num","user":"u","text":"t","ts":1180591620717411303424}"#,
            Expect::Chirp(|t| assert_eq!(t.sent_at, None)),
        ),
        case(
            "tags of every type",
            v1_with("wt-tags", &format!(r#""text":"t","tags":{odd_tags}"#)),
            // Only the valid ones, then the topic's tag.
            Expect::Chirp(|t| {
                assert_eq!(t.tags[..2], ["ok", "ok2"]);
                assert_eq!(t.tags.len(), 3);
            }),
        ),
    ]);
    let ts_cases: [(&str, Check); 11] = [
        ("2026-13-45T99:99:99Z", |t| assert_eq!(t.sent_at, None)),
        ("", |t| assert_eq!(t.sent_at, None)),
        ("yesterday", |t| assert_eq!(t.sent_at, None)),
        ("+275760-09-13T00:00:00.000Z", |t| {
            assert_eq!(t.sent_at, None);
        }),
        ("2026-11-22T01:31:32.123Z\u{0}", |t| {
            assert_eq!(t.sent_at, None);
        }),
        ("9999-12-31T23:59:59.999-23:59", |t| {
            // Past year 9999 once in UTC: still a time, nothing overflows.
            assert!(
                t.sent_at
                    .is_some_and(|ts| ts.to_rfc3339().starts_with("+10000"))
            );
        }),
        ("0000-01-01T00:00:00+23:59", |t| {
            assert!(
                t.sent_at
                    .is_some_and(|ts| ts.to_rfc3339().starts_with("-0001"))
            );
        }),
        (
            "2026-11-22T01:31:32.1234567890123456789012345678901234567890Z",
            |t| assert!(t.sent_at.is_some()),
        ),
        ("1970-01-01T00:00:00Z", |t| {
            assert_eq!(t.sent_at.map(|ts| ts.timestamp()), Some(0));
        }),
        ("2026-11-22T01:31:60Z", |t| {
            // A leap second parses; it must not panic anything downstream.
            let _ = t.shown_time();
        }),
        ("2026-02-30T00:00:00Z", |t| assert_eq!(t.sent_at, None)),
    ];
    for (i, (ts, check)) in ts_cases.into_iter().enumerate() {
        let json = serde_json::json!({
            "v": 1, "id": format!("ts-{i}"), "user": "u", "text": "t", "ts": ts,
        });
        cases.push(case(
            format!("ts {ts:?}"),
            serde_json::to_vec(&json).expect("serialize"),
            Expect::Chirp(check),
        ));
    }
    for (i, ts) in [r#"{"a":1}"#, r#"["x"]"#, "null", "true", "-0"]
        .into_iter()
        .enumerate()
    {
        cases.push(case(
            format!("ts {ts}"),
            v1_with(&format!("ts-odd-{i}"), &format!(r#""text":"t","ts":{ts}"#)),
            Expect::Chirp(|t| assert_eq!(t.sent_at, None)),
        ));
    }
    cases
}

pub(super) fn escape_cases() -> Vec<Case> {
    vec![
        case(
            "NUL and escapes in v1 user and text",
            v1(
                "esc-v1",
                "mal\u{0}lory\u{1b}[2J\u{1b}]0;title\u{7}",
                "hi\u{1b}[2J\u{1b}]0;title\u{7} there\u{0}\u{1b}[31mred\u{9b}31m\u{1b}P+q\u{1b}\\\r",
            ),
            Expect::Chirp(|t| {
                assert_eq!(
                    t.user.as_deref(),
                    Some("mal\u{0}lory\u{1b}[2J\u{1b}]0;title\u{7}")
                );
                assert!(
                    t.text.contains("\u{1b}[2J"),
                    "kept as received, made inert when shown"
                );
            }),
        ),
        case(
            "escapes in classic text",
            *b"mallory: \x1b[2J\x1b]0;pwned\x07 text\x00",
            Expect::Classic(|t| {
                assert_eq!(t.user.as_deref(), Some("mallory"));
                assert_eq!(t.text, "\u{1b}[2J\u{1b}]0;pwned\u{7} text\u{0}");
            }),
        ),
        // A control character before ": " is not a plausible author.
        case(
            "escape in a classic author",
            *b"mal\x1b[31mlory: hi",
            Expect::Raw,
        ),
        case("NULs", *b"\x00\x00\x00", Expect::Raw),
        case(
            "clear screen and retitle",
            *b"\x1b[2J\x1b[H\x1b]0;title\x07",
            Expect::Raw,
        ),
        case("8-bit CSI", "\u{9b}2J\u{9b}31mred", Expect::Raw),
        case("1000 bells", vec![0x07; 1000], Expect::Raw),
    ]
}

pub(super) fn bidi_cases() -> Vec<Case> {
    vec![
        case(
            "bidi and zero-width in v1 user and text",
            v1(
                "bidi-v1",
                "admin\u{202E}\u{200B}",
                "abc\u{202E}txt.exe\u{200B}\u{2066}x\u{2069}\u{feff}\u{200d}\u{61c}",
            ),
            Expect::Chirp(|t| assert_eq!(t.user.as_deref(), Some("admin\u{202E}\u{200B}"))),
        ),
        case(
            "zero-width-only v1 user",
            v1("zw-user", "\u{200B}", "who am I"),
            Expect::Chirp(|t| assert_eq!(t.user.as_deref(), Some("\u{200B}"))),
        ),
        case(
            "Hangul filler v1 user",
            v1("filler-user", "\u{3164}", "blank name"),
            Expect::Chirp(|t| assert_eq!(t.user.as_deref(), Some("\u{3164}"))),
        ),
        case(
            "bidi override in a classic author",
            "eve\u{202E}: hi \u{202D}there",
            // Not a control character: a plausible author, made inert when shown.
            Expect::Classic(|t| assert_eq!(t.user.as_deref(), Some("eve\u{202E}"))),
        ),
        case("1000 bidi overrides", "\u{202E}".repeat(1000), Expect::Raw),
        case(
            "bidi in tags",
            r#"{"v":1,"id":"bidi-tags","user":"u","text":"t","tags":["ok\u202e","\u200bx"]}"#,
            // Both refused: only the topic's tag is left.
            Expect::Chirp(|t| assert_eq!(t.tags.len(), 1)),
        ),
    ]
}

pub(super) fn huge_username_cases() -> Vec<Case> {
    vec![
        case(
            "100k-character v1 user",
            v1("long-user", &"a".repeat(100_000), "hi"),
            Expect::Chirp(|t| {
                assert_eq!(
                    t.user.as_ref().map(|u| u.chars().count()),
                    Some(MAX_KEPT_USER_CHARS + 1),
                    "kept, cut and marked"
                );
            }),
        ),
        case(
            "50k bidi overrides as v1 user",
            v1("long-bidi-user", &"\u{202E}".repeat(50_000), "hi"),
            Expect::Chirp(|t| assert_eq!(t.id, "long-bidi-user")),
        ),
        case(
            "100k-line v1 user",
            v1("long-lines-user", &"a\n".repeat(50_000), "hi"),
            Expect::Chirp(|t| assert_eq!(t.id, "long-lines-user")),
        ),
        case(
            "100k-character classic author",
            format!("{}: hi", "a".repeat(100_000)),
            // Longer than any name: not a plausible author.
            Expect::Raw,
        ),
    ]
}

pub(super) fn newline_cases() -> Vec<Case> {
    vec![
        case(
            "100k newlines",
            "\n".repeat(100_000),
            Expect::Dropped("empty"),
        ),
        case("100k lines", "x\n".repeat(100_000), Expect::Raw),
        case(
            "100k newlines as v1 text",
            v1("newlines-v1", "mallory", &"\n".repeat(100_000)),
            Expect::Chirp(|t| assert_eq!(t.text, kept_text("\n".repeat(100_000)))),
        ),
        case(
            "30 lines and a trailing newline",
            v1("thirty-lines", "mallory", &"line\n".repeat(MAX_SHOWN_LINES)),
            Expect::Chirp(|t| assert_eq!(t.id, "thirty-lines")),
        ),
        case("60k CRLF lines", "a\r\n".repeat(60_000), Expect::Raw),
        case("40k U+2028", "x\u{2028}".repeat(40_000), Expect::Raw),
        case(
            "classic with 100k lines of text",
            format!("mallory: {}", "y\n".repeat(100_000)),
            Expect::Classic(|t| assert_eq!(t.text, kept_text("y\n".repeat(100_000)))),
        ),
    ]
}

pub(super) fn oversize_cases() -> Vec<Case> {
    vec![
        case(
            "a v1 tweet with 1 MB of text",
            v1("megabyte", "mallory", &"m".repeat(1024 * 1024)),
            Expect::Dropped("limit"),
        ),
        case(
            "4 MB",
            vec![b'{'; 4 * 1024 * 1024],
            Expect::Dropped("limit"),
        ),
        case(
            "one byte over the limit",
            vec![b'a'; MAX_PAYLOAD_BYTES + 1],
            Expect::Dropped("limit"),
        ),
        case(
            "exactly the limit",
            vec![b'b'; MAX_PAYLOAD_BYTES],
            Expect::Raw,
        ),
    ]
}

pub(super) fn huge_id_cases() -> Vec<Case> {
    vec![case(
        "100k-character v1 id",
        v1(&"i".repeat(100_000), "mallory", "who needs short ids"),
        Expect::Chirp(|t| assert!(t.id.starts_with("long-id-") && t.id.len() <= 128)),
    )]
}

/// Every case above but the retained ones, each tweet shown once at most.
/// Other kinds than tweets (likes, deletions, quotes): never shown, each
/// dropped with its reason.
pub(super) fn other_kind_cases() -> Vec<Case> {
    let long = "r".repeat(300);
    let kinds: [(&str, String, &'static str); 7] = [
        ("a bare like", r#"{"kind":"like"}"#.into(), "not a well-formed reaction"),
        ("a like with a number for ref", r#"{"v":1,"kind":"like","id":"l1","user":"u","ref":7,"tags":[],"ts":"x","pk":"","sig":""}"#.into(), "not a well-formed reaction"),
        ("an unsigned like", format!(r#"{{"v":1,"kind":"like","id":"l2","user":"u","ref":"{long}","tags":["x"],"ts":"x","pk":"","sig":""}}"#), "forged:"),
        ("an unknown kind", r#"{"v":1,"kind":"zap","id":"z","user":"u","text":"t"}"#.into(), "a 'zap' payload"),
        ("a kind that is a number", r#"{"v":1,"kind":7,"id":"n","user":"u","text":"t"}"#.into(), "a '?' payload"),
        ("a quote of nothing", r#"{"v":1,"kind":"quote","id":"q","user":"u","text":"t"}"#.into(), "forged: a quote without"),
        ("an unsigned quote", r#"{"v":1,"kind":"quote","id":"q2","user":"u","text":"t","ref":"x"}"#.into(), "forged: a quote must be signed"),
    ];
    kinds
        .into_iter()
        .map(|(name, json, reason)| case(name, json, Expect::Dropped(reason)))
        .collect()
}

pub(super) fn all_cases() -> Vec<Case> {
    [
        other_kind_cases(),
        invalid_utf8_cases(),
        empty_cases(),
        truncated_json_cases(),
        deeply_nested_cases(),
        wrong_type_cases(),
        escape_cases(),
        bidi_cases(),
        huge_username_cases(),
        newline_cases(),
        oversize_cases(),
        huge_id_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

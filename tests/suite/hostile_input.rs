//! Hostile payloads on a followed hashtag, through a real mosquitto.
//!
//! For every case the hostile payload is published (mosquitto_pub, binary
//! safe), then a valid v1 tweet. Each case checks that:
//! - the hostile payload had exactly the outcome the decoder promises
//!   (dropped with a reason, or shown as raw / classic / v1 text);
//! - the valid tweet after it still arrives as a `NetEvent::Tweet`;
//! - the core never reported a connection change after its first
//!   `Connected` (no disconnect, no reconnect);
//! - what the UI and the CLI would lay out of a shown payload
//!   (`display::inert_text`, `inert_name`, `inert_line`) is bounded and has
//!   no control character but '\n' and no bidi or zero-width character.
//!
//! At the end of each test the worker is asked to follow one more tag and
//! must confirm it: its thread is alive and still serving commands.

use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::model::bounds::{
    MAX_KEPT_TEXT_CHARS, MAX_KEPT_USER_CHARS, MAX_PAYLOAD_BYTES, bounded_text,
};
use chirp::core::model::display::{
    MAX_SHOWN_CHARS, MAX_SHOWN_LINES, TRUNCATED_MARK, inert_line, inert_name, inert_text,
};
use chirp::core::model::timeline::Timeline;
use chirp::core::model::tweet::{Tweet, WireFormat};

use crate::common::{Broker, Core, is_hostile_char, mosquitto_pub, mosquitto_pub_retained};

/// How many characters of an author's name the timeline shows (ui/timeline_view.rs).
const SHOWN_NAME_CHARS: usize = 40;

// ---------------------------------------------------------------------------
// Cases

/// Checks a tweet shown from a hostile payload.
type Check = fn(&Tweet);

/// What the core must make of a hostile payload.
enum Expect {
    /// Refused (`NetEvent::Dropped`) with a reason containing this.
    Dropped(&'static str),
    /// Shown as raw text: no author, the whole payload as the text.
    Raw,
    /// Shown as a classic `<user>: <text>` tweet; the function checks it.
    Classic(Check),
    /// Shown as a v1 tweet; the function checks it.
    Chirp(Check),
}

struct Case {
    name: String,
    payload: Vec<u8>,
    expect: Expect,
}

fn case(name: impl Into<String>, payload: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        name: name.into(),
        payload: payload.into(),
        expect,
    }
}

/// A v1 payload with these fields (JSON-escaped as any sender would).
fn v1(id: &str, user: &str, text: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "v": 1,
        "id": id,
        "user": user,
        "text": text,
        "tags": ["hostile"],
        "ts": "2026-11-22T01:31:32.123Z",
    }))
    .expect("serialize")
}

/// A v1 envelope around hand-written JSON for the remaining fields.
fn v1_with(id: &str, rest: &str) -> Vec<u8> {
    format!(r#"{{"v":1,"id":"{id}","user":"mallory",{rest}}}"#).into_bytes()
}

fn invalid_utf8_cases() -> Vec<Case> {
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

fn empty_cases() -> Vec<Case> {
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

fn truncated_json_cases() -> Vec<Case> {
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

fn deeply_nested_cases() -> Vec<Case> {
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

fn wrong_type_cases() -> Vec<Case> {
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
        r#"[1,2,3]"#,
        r#""just a JSON string""#,
        r#"1e400"#,
        r#"null"#,
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
            assert_eq!(t.sent_at, None)
        }),
        ("2026-11-22T01:31:32.123Z\u{0}", |t| {
            assert_eq!(t.sent_at, None)
        }),
        ("9999-12-31T23:59:59.999-23:59", |t| {
            // Past year 9999 once in UTC: still a time, nothing overflows.
            assert!(
                t.sent_at
                    .is_some_and(|ts| ts.to_rfc3339().starts_with("+10000"))
            )
        }),
        ("0000-01-01T00:00:00+23:59", |t| {
            assert!(
                t.sent_at
                    .is_some_and(|ts| ts.to_rfc3339().starts_with("-0001"))
            )
        }),
        (
            "2026-11-22T01:31:32.1234567890123456789012345678901234567890Z",
            |t| assert!(t.sent_at.is_some()),
        ),
        ("1970-01-01T00:00:00Z", |t| {
            assert_eq!(t.sent_at.map(|ts| ts.timestamp()), Some(0))
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

fn escape_cases() -> Vec<Case> {
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

fn bidi_cases() -> Vec<Case> {
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

/// What a tweet keeps of a long text: cut, and marked as cut.
fn kept_text(text: String) -> String {
    bounded_text(text, MAX_KEPT_TEXT_CHARS, TRUNCATED_MARK)
}

fn huge_username_cases() -> Vec<Case> {
    vec![
        case(
            "100k-character v1 user",
            v1("long-user", &"a".repeat(100_000), "hi"),
            Expect::Chirp(|t| {
                assert_eq!(
                    t.user.as_ref().map(|u| u.chars().count()),
                    Some(MAX_KEPT_USER_CHARS + 1),
                    "kept, cut and marked"
                )
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

fn newline_cases() -> Vec<Case> {
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

fn oversize_cases() -> Vec<Case> {
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

fn huge_id_cases() -> Vec<Case> {
    vec![case(
        "100k-character v1 id",
        v1(&"i".repeat(100_000), "mallory", "who needs short ids"),
        Expect::Chirp(|t| assert!(t.id.starts_with("long-id-") && t.id.len() <= 128)),
    )]
}

/// Every case above but the retained ones, each tweet shown once at most.
fn all_cases() -> Vec<Case> {
    [
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

// ---------------------------------------------------------------------------
// What is laid out

/// `shown` is bounded (characters and lines) and inert.
fn assert_laid_out_safely(case: &str, what: &str, shown: &str, max_lines: usize) {
    let chars = shown.chars().count();
    assert!(
        chars <= MAX_SHOWN_CHARS + TRUNCATED_MARK.chars().count(),
        "{case}: {what} lays out {chars} characters"
    );
    // egui starts a new row at every '\n', a trailing one included.
    let lines = shown.split('\n').count();
    assert!(
        lines <= max_lines,
        "{case}: {what} lays out {lines} lines (at most {max_lines})"
    );
    if let Some(bad) = shown.chars().find(|&c| is_hostile_char(c)) {
        panic!("{case}: {what} shows U+{:04X}", bad as u32);
    }
}

/// What the timeline (and the CLI) would show of `tweet` is bounded and inert.
fn assert_shown_safely(case: &str, tweet: &Tweet) {
    assert_laid_out_safely(case, "text", &inert_text(&tweet.text), MAX_SHOWN_LINES);
    assert_laid_out_safely(case, "one-line text", &inert_line(&tweet.text), 1);
    if let Some(user) = &tweet.user {
        let name = inert_name(user, SHOWN_NAME_CHARS);
        assert!(
            name.chars().count() <= SHOWN_NAME_CHARS + 1,
            "{case}: the name shows {} characters",
            name.chars().count()
        );
        assert_laid_out_safely(case, "name", &name, 1);
        assert_laid_out_safely(case, "one-line name", &inert_line(user), 1);
    }
    for tag in &tweet.tags {
        assert_laid_out_safely(case, "tag", &inert_name(tag, 64), 1);
    }
}

// ---------------------------------------------------------------------------
// A core on a broker, watched for connection changes

struct Session {
    // The core stops before the broker does.
    core: Core,
    broker: Broker,
    valid_sent: usize,
    /// Hostile payloads that were shown as tweets, in arrival order.
    shown: Vec<Tweet>,
}

impl Session {
    /// A broker and a connected core.
    fn start() -> Session {
        Session::on(Broker::start())
    }

    fn on(broker: Broker) -> Session {
        let core = Core::connect(&broker.url(), "hostile");
        Session {
            core,
            broker,
            valid_sent: 0,
            shown: Vec::new(),
        }
    }

    /// Receives events until `stop` accepts one; returns the ones before it
    /// and it. Any connection change after the first Connected fails the test.
    fn events_until(&self, mut stop: impl FnMut(&NetEvent) -> bool) -> (Vec<NetEvent>, NetEvent) {
        let mut before = Vec::new();
        let last = self.core.wait_for(|event| {
            assert!(
                !matches!(event, NetEvent::Connection(_)),
                "the connection changed: {event:?}\nbroker log:\n{}",
                self.broker.log()
            );
            if stop(event) {
                return true;
            }
            before.push(event.clone());
            false
        });
        (before, last)
    }

    /// Follows `tag`; returns the events that came before the broker's confirmation.
    fn follow(&self, tag: &str) -> Vec<NetEvent> {
        self.core.send(NetCommand::Subscribe(tag.to_owned()));
        self.events_until(
            |e| matches!(e, NetEvent::Subscribed(tags) if tags.iter().any(|t| t == tag)),
        )
        .0
    }

    /// Publishes a valid v1 tweet on `topic` and waits for it; returns the
    /// events that came before it.
    fn valid_tweet_arrives(&mut self, topic: &str, after: &str) -> Vec<NetEvent> {
        self.valid_sent += 1;
        let id = format!("valid-{}", self.valid_sent);
        let text = format!("still here after {after}");
        mosquitto_pub(&self.broker, topic, &v1(&id, "alice", &text));
        let (before, event) =
            self.events_until(|e| matches!(e, NetEvent::Tweet { tweet, .. } if tweet.id == id));
        let NetEvent::Tweet { topic: at, tweet } = event else {
            unreachable!()
        };
        assert_eq!(at, topic, "{after}");
        assert_eq!(tweet.user.as_deref(), Some("alice"), "{after}");
        assert_eq!(tweet.text, text);
        assert_eq!(tweet.format, WireFormat::Chirp, "{after}");
        before
    }

    /// Publishes the case on `topic`, then a valid tweet, and checks both.
    fn check(&mut self, case: &Case, topic: &str) {
        mosquitto_pub(&self.broker, topic, &case.payload);
        let before = self.valid_tweet_arrives(topic, &case.name);
        self.expect_outcome(case, topic, before);
    }

    /// Among `events`, exactly one outcome for `topic`, the one `case` expects.
    fn expect_outcome(&mut self, case: &Case, topic: &str, events: Vec<NetEvent>) {
        let name = &case.name;
        let mut outcomes: Vec<NetEvent> = events
            .into_iter()
            .filter(|e| {
                matches!(
                    e,
                    NetEvent::Tweet { topic: t, .. } | NetEvent::Dropped { topic: t, .. }
                        if t == topic
                )
            })
            .collect();
        assert_eq!(
            outcomes.len(),
            1,
            "{name}: expected one outcome before the valid tweet, got {:?}",
            outcomes
                .iter()
                .map(|e| format!("{e:?}").chars().take(300).collect::<String>())
                .collect::<Vec<_>>()
        );
        match (outcomes.remove(0), &case.expect) {
            (NetEvent::Dropped { reason, .. }, Expect::Dropped(why)) => {
                assert!(reason.contains(why), "{name}: dropped because {reason}");
            }
            (
                NetEvent::Tweet { tweet, .. },
                expect @ (Expect::Raw | Expect::Classic(_) | Expect::Chirp(_)),
            ) => {
                let tag = topic.strip_prefix("hashtags/").expect("a hashtag topic");
                assert!(
                    tweet.tags.iter().any(|t| t == tag),
                    "{name}: the topic's tag is missing from {:?}",
                    tweet.tags
                );
                match expect {
                    Expect::Raw => {
                        assert_eq!(tweet.format, WireFormat::Raw, "{name}");
                        assert_eq!(tweet.user, None, "{name}");
                        // The payload, cut to what a tweet may keep.
                        let payload = String::from_utf8(case.payload.clone()).expect("UTF-8");
                        assert!(
                            tweet.text == kept_text(payload),
                            "{name}: raw text is not the (bounded) payload"
                        );
                    }
                    Expect::Classic(check) => {
                        assert_eq!(tweet.format, WireFormat::Classic, "{name}");
                        check(&tweet);
                    }
                    Expect::Chirp(check) => {
                        assert_eq!(tweet.format, WireFormat::Chirp, "{name}");
                        check(&tweet);
                    }
                    Expect::Dropped(_) => unreachable!(),
                }
                assert_shown_safely(name, &tweet);
                self.shown.push(tweet);
            }
            (NetEvent::Tweet { tweet, .. }, Expect::Dropped(why)) => panic!(
                "{name}: expected a drop ({why}), shown as {:?} by {:?}",
                tweet.format,
                tweet.user.map(|u| u.chars().take(80).collect::<String>())
            ),
            (NetEvent::Dropped { reason, .. }, _) => {
                panic!("{name}: expected a tweet, dropped because {reason}")
            }
            (other, _) => unreachable!("{other:?}"),
        }
    }

    /// The worker still serves commands (its thread is alive), and no
    /// connection change is left in the queue. Returns the tweets shown.
    fn finish(self) -> Vec<Tweet> {
        self.follow("probe-after-hostile-input");
        let late: Vec<NetEvent> = std::iter::from_fn(|| self.core.events().try_recv()).collect();
        assert!(
            late.iter().all(|e| !matches!(e, NetEvent::Connection(_))),
            "the connection changed: {late:?}"
        );
        self.shown
    }
}

/// Follows `tag` and runs every case on it, on a fresh broker and core.
fn run(tag: &str, cases: &[Case]) -> Vec<Tweet> {
    let mut session = Session::start();
    session.follow(tag);
    let topic = format!("hashtags/{tag}");
    for case in cases {
        session.check(case, &topic);
    }
    session.finish()
}

// ---------------------------------------------------------------------------
// One test per class

#[test]
fn invalid_utf8_is_dropped_and_the_core_stays_connected() {
    let shown = run("hostile-utf8", &invalid_utf8_cases());
    assert!(shown.is_empty());
}

#[test]
fn empty_and_blank_payloads_are_dropped() {
    let shown = run("hostile-empty", &empty_cases());
    assert!(shown.is_empty());
}

#[test]
fn truncated_json_is_shown_as_raw_text() {
    run("hostile-truncated", &truncated_json_cases());
}

#[test]
fn deeply_nested_json_neither_overflows_the_stack_nor_disconnects() {
    run("hostile-nested", &deeply_nested_cases());
}

#[test]
fn wrong_types_missing_fields_huge_numbers_and_bad_timestamps() {
    run("hostile-types", &wrong_type_cases());
}

#[test]
fn nul_and_terminal_escapes_are_shown_inert() {
    run("hostile-escapes", &escape_cases());
}

#[test]
fn bidi_overrides_and_zero_width_characters_are_shown_inert() {
    run("hostile-bidi", &bidi_cases());
}

#[test]
fn a_100k_character_username_is_shown_bounded() {
    run("hostile-username", &huge_username_cases());
}

#[test]
fn a_100k_newlines_are_shown_as_at_most_a_page() {
    run("hostile-newlines", &newline_cases());
}

#[test]
fn payloads_over_the_limit_are_dropped_without_disconnecting() {
    run("hostile-oversize", &oversize_cases());
}

#[test]
fn a_100k_character_id_is_a_tweet_like_any_other() {
    let shown = run("hostile-id", &huge_id_cases());
    let mut timeline = Timeline::default();
    let tweet = shown
        .into_iter()
        .next()
        .expect("the long-id tweet was shown");
    assert!(timeline.insert_received(&tweet));
    // The same tweet again, as it would come under another followed tag.
    let mut copy = tweet;
    copy.tags = vec!["elsewhere".into()];
    assert!(!timeline.insert_received(&copy), "shown once");
    assert_eq!(timeline.len(), 1);
}

#[test]
fn retained_junk_waiting_before_the_subscription_is_handled_on_subscribe() {
    let cases = [
        case(
            "retained invalid UTF-8",
            [0xff, 0xfe, 0x41],
            Expect::Dropped("UTF-8"),
        ),
        case(
            "retained 4 MB",
            vec![b'a'; 4 * 1024 * 1024],
            Expect::Dropped("limit"),
        ),
        case(
            "retained 1 MB v1",
            v1("retained-mb", "m", &"m".repeat(1 << 20)),
            Expect::Dropped("limit"),
        ),
        case("retained 100k '['", "[".repeat(100_000), Expect::Raw),
        case(
            "retained escapes",
            v1(
                "retained-esc",
                "mal\u{1b}[2J",
                "\u{1b}]0;title\u{7}\u{202E}",
            ),
            Expect::Chirp(|t| assert_eq!(t.id, "retained-esc")),
        ),
        case(
            "retained 100k-character user",
            v1("retained-user", &"u".repeat(100_000), "hi"),
            Expect::Chirp(|t| assert_eq!(t.id, "retained-user")),
        ),
    ];
    let broker = Broker::start();
    // All of it is waiting at the broker before the core even connects.
    for (i, case) in cases.iter().enumerate() {
        mosquitto_pub_retained(&broker, &format!("hashtags/retained-{i}"), &case.payload);
    }
    let mut session = Session::on(broker);
    for (i, case) in cases.iter().enumerate() {
        let tag = format!("retained-{i}");
        let topic = format!("hashtags/{tag}");
        // The broker sends the retained payload right after confirming.
        let mut events = session.follow(&tag);
        events.extend(session.valid_tweet_arrives(&topic, &case.name));
        session.expect_outcome(case, &topic, events);
    }
    let shown = session.finish();
    assert_eq!(shown.len(), 3);
}

// ---------------------------------------------------------------------------
// All of it on one connection, then into the timeline

#[test]
fn one_core_survives_every_case_and_its_timeline_holds_them() {
    let cases = all_cases();
    let shown = run("gauntlet", &cases);
    let expected_shown = cases
        .iter()
        .filter(|c| !matches!(c.expect, Expect::Dropped(_)))
        .count();
    assert_eq!(shown.len(), expected_shown);

    let mut timeline = Timeline::default();
    for tweet in &shown {
        assert!(
            timeline.insert_received(tweet),
            "not inserted: {:?} by {:?}",
            tweet.text.chars().take(80).collect::<String>(),
            tweet
                .user
                .as_ref()
                .map(|u| u.chars().take(80).collect::<String>())
        );
    }
    assert_eq!(timeline.len(), shown.len());
    // Newest first, each once.
    let ids: Vec<&str> = timeline.iter().map(|e| e.id()).collect();
    let expected: Vec<&str> = shown.iter().rev().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, expected);
    assert!(
        timeline.iter().any(|e| e.id().starts_with("long-id-")),
        "the long-id tweet is held"
    );

    // Every one of them again (a QoS 1 repeat, or another followed tag): none shown twice.
    for tweet in &shown {
        assert!(!timeline.insert_received(tweet));
    }
    assert_eq!(timeline.len(), shown.len());

    // The timeline still takes new tweets, newest first, and its entries
    // are still shown safely.
    let fresh = chirp::core::protocol::wire::decode(
        "hashtags/gauntlet",
        &v1("fresh", "alice", "after the gauntlet"),
        chrono::Utc::now(),
    )
    .expect("a valid tweet");
    assert!(timeline.insert_received(&fresh));
    assert_eq!(timeline.get(0).map(|e| e.id()), Some("fresh"));
    for entry in timeline.iter() {
        assert_shown_safely("timeline", &entry.to_tweet());
    }

    // Bounded: a small timeline keeps the newest, and an evicted id may come back.
    let mut small = Timeline::with_limit(5);
    for tweet in &shown {
        small.insert_received(tweet);
    }
    assert_eq!(small.len(), 5);
    let newest: Vec<&str> = shown.iter().rev().take(5).map(|t| t.id.as_str()).collect();
    let held: Vec<&str> = small.iter().map(|e| e.id()).collect();
    assert_eq!(held, newest);
    assert!(small.insert_received(&shown[0]));
}

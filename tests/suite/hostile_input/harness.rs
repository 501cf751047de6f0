//! The harness of the hostile-input tests: what a case is and expects, the
//! checks of what would be laid out, and a core on a broker that runs the
//! cases and fails on any connection change.

use chirp::core::connection::net::{NetCommand, NetEvent};
use chirp::core::model::bounds::{MAX_KEPT_TEXT_CHARS, bounded_text};
use chirp::core::model::display::{
    MAX_SHOWN_CHARS, MAX_SHOWN_LINES, TRUNCATED_MARK, inert_line, inert_name, inert_text,
};
use chirp::core::model::tweet::{Tweet, WireFormat};

use crate::common::{Broker, Core, is_hostile_char, mosquitto_pub};

/// How many characters of an author's name the timeline shows (ui/timeline_view.rs).
const SHOWN_NAME_CHARS: usize = 40;

/// Checks a tweet shown from a hostile payload.
pub(super) type Check = fn(&Tweet);

/// What the core must make of a hostile payload.
pub(super) enum Expect {
    /// Refused (`NetEvent::Dropped`) with a reason containing this.
    Dropped(&'static str),
    /// Shown as raw text: no author, the whole payload as the text.
    Raw,
    /// Shown as a classic `<user>: <text>` tweet; the function checks it.
    Classic(Check),
    /// Shown as a v1 tweet; the function checks it.
    Chirp(Check),
}

pub(super) struct Case {
    pub(super) name: String,
    pub(super) payload: Vec<u8>,
    pub(super) expect: Expect,
}

pub(super) fn case(name: impl Into<String>, payload: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        name: name.into(),
        payload: payload.into(),
        expect,
    }
}

/// A v1 payload with these fields (JSON-escaped as any sender would).
pub(super) fn v1(id: &str, user: &str, text: &str) -> Vec<u8> {
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
pub(super) fn v1_with(id: &str, rest: &str) -> Vec<u8> {
    format!(r#"{{"v":1,"id":"{id}","user":"mallory",{rest}}}"#).into_bytes()
}

/// What a tweet keeps of a long text: cut, and marked as cut.
pub(super) fn kept_text(text: String) -> String {
    bounded_text(text, MAX_KEPT_TEXT_CHARS, TRUNCATED_MARK)
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
pub(super) fn assert_shown_safely(case: &str, tweet: &Tweet) {
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

pub(super) struct Session {
    // The core stops before the broker does.
    core: Core,
    broker: Broker,
    valid_sent: usize,
    /// Hostile payloads that were shown as tweets, in arrival order.
    shown: Vec<Tweet>,
}

impl Session {
    /// A broker and a connected core.
    pub(super) fn start() -> Session {
        Session::on(Broker::start())
    }

    pub(super) fn on(broker: Broker) -> Session {
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
    pub(super) fn follow(&self, tag: &str) -> Vec<NetEvent> {
        self.core.send(NetCommand::Subscribe(tag.to_owned()));
        self.events_until(
            |e| matches!(e, NetEvent::Subscribed(tags) if tags.iter().any(|t| t == tag)),
        )
        .0
    }

    /// Publishes a valid v1 tweet on `topic` and waits for it; returns the
    /// events that came before it.
    pub(super) fn valid_tweet_arrives(&mut self, topic: &str, after: &str) -> Vec<NetEvent> {
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
    pub(super) fn expect_outcome(&mut self, case: &Case, topic: &str, events: Vec<NetEvent>) {
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
                check_shown(case, expect, topic, &tweet);
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
    pub(super) fn finish(self) -> Vec<Tweet> {
        self.follow("probe-after-hostile-input");
        let late: Vec<NetEvent> = std::iter::from_fn(|| self.core.events().try_recv()).collect();
        assert!(
            late.iter().all(|e| !matches!(e, NetEvent::Connection(_))),
            "the connection changed: {late:?}"
        );
        self.shown
    }
}

/// A tweet shown from `case`'s payload on `topic` is what `expect` says,
/// carries the topic's tag and is shown safely.
fn check_shown(case: &Case, expect: &Expect, topic: &str, tweet: &Tweet) {
    let name = &case.name;
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
            check(tweet);
        }
        Expect::Chirp(check) => {
            assert_eq!(tweet.format, WireFormat::Chirp, "{name}");
            check(tweet);
        }
        Expect::Dropped(why) => panic!("{name}: expected a drop ({why}), checked as shown"),
    }
    assert_shown_safely(name, tweet);
}

/// Follows `tag` and runs every case on it, on a fresh broker and core.
pub(super) fn run(tag: &str, cases: &[Case]) -> Vec<Tweet> {
    let mut session = Session::start();
    session.follow(tag);
    let topic = format!("hashtags/{tag}");
    for case in cases {
        session.check(case, &topic);
    }
    session.finish()
}

//! The wire format's tests: round trips, fallbacks, refusals, bounds, and
//! signed tweets (tampered, replayed, another kind).

use super::*;
use crate::core::model::bounds::MAX_KEPT_ID_BYTES;
use crate::core::protocol::identity::Identity;

fn now() -> DateTime<Utc> {
    Utc::now()
}

/// An unsigned v1 payload, as `encode_v1` writes it.
fn encode_v1(
    id: &str,
    user: &Username,
    text: &str,
    tags: &[Hashtag],
    ts: DateTime<Utc>,
    reply_to: Option<&ReplyTo>,
) -> Vec<u8> {
    let tags: Vec<String> = tags.iter().map(|t| t.as_str().to_owned()).collect();
    let ts = format_ts(ts);
    let fields = TweetFields {
        id,
        user: user.as_str(),
        text,
        tags: &tags,
        ts: Some(&ts),
        reply_to: reply_to.map(|p| p.id.as_str()),
        reply_to_user: reply_to.and_then(|p| p.user.as_deref()),
    };
    super::encode_v1(&fields, None)
}

#[test]
fn v1_round_trip() {
    let user = Username::parse("alice").expect("valid");
    let tags = vec![
        Hashtag::parse("rust").expect("valid"),
        Hashtag::parse("日本").expect("valid"),
    ];
    let ts = DateTime::parse_from_rfc3339("2026-11-22T01:31:32.123Z")
        .expect("valid")
        .with_timezone(&Utc);
    let bytes = encode_v1(
        "id-1",
        &user,
        "Hello #rust 🦀 \"quoted\"\nline",
        &tags,
        ts,
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(json["v"], 1);
    assert_eq!(json["ts"], "2026-11-22T01:31:32.123Z");
    assert_eq!(json["tags"], serde_json::json!(["rust", "日本"]));

    let tweet = decode("hashtags/rust", &bytes, now()).expect("decodes");
    assert_eq!(tweet.id, "id-1");
    assert_eq!(tweet.user.as_deref(), Some("alice"));
    assert_eq!(tweet.text, "Hello #rust 🦀 \"quoted\"\nline");
    assert_eq!(tweet.tags, vec!["rust", "日本"]);
    assert_eq!(tweet.sent_at, Some(ts));
    assert_eq!(tweet.format, WireFormat::Chirp);
}

#[test]
fn a_reply_carries_its_parent_and_a_bad_parent_is_none() {
    let user = Username::parse("bob").expect("valid");
    let tags = vec![Hashtag::parse("rust").expect("valid")];
    let parent = ReplyTo {
        id: "parent-1".into(),
        user: Some("alice".into()),
    };
    let bytes = encode_v1("id-2", &user, "@alice yes", &tags, now(), Some(&parent));
    let json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(
        (json["reply_to"].as_str(), json["reply_to_user"].as_str()),
        (Some("parent-1"), Some("alice"))
    );
    let tweet = decode("hashtags/rust", &bytes, now()).expect("decodes");
    assert_eq!(tweet.reply_to, Some(parent));

    let plain = encode_v1("id-3", &user, "hi", &tags, now(), None);
    assert!(
        !String::from_utf8_lossy(&plain).contains("reply_to"),
        "no field when not a reply"
    );
    for payload in [
        &br#"{"v":1,"id":"x","user":"b","text":"t","reply_to":7}"#[..],
        br#"{"v":1,"id":"x","user":"b","text":"t","reply_to":""}"#,
    ] {
        let tweet = decode("hashtags/z", payload, now()).expect("decodes");
        assert_eq!(tweet.reply_to, None);
    }
    let long = format!(
        r#"{{"v":1,"id":"x","user":"b","text":"t","reply_to":"{}"}}"#,
        "p".repeat(5000)
    );
    let tweet = decode("hashtags/z", long.as_bytes(), now()).expect("decodes");
    let kept = tweet.reply_to.expect("parent").id;
    assert!(
        kept.len() <= MAX_KEPT_ID_BYTES,
        "a long parent id is kept as a digest"
    );
}

#[test]
fn v1_tolerates_unknown_fields_later_versions_and_bad_ts() {
    let payload = br#"{"v":2,"id":"x","user":"bob","text":"hi","tags":["a",7,"b/c"],"ts":"yesterday","extra":"y"}"#;
    let tweet = decode("hashtags/z", payload, now()).expect("decodes");
    assert_eq!(tweet.format, WireFormat::Chirp);
    assert_eq!(
        tweet.tags,
        vec!["a", "z"],
        "invalid tags dropped, topic tag added"
    );
    assert_eq!(tweet.sent_at, None);
}

#[test]
fn classic_split_at_first_separator() {
    let tweet = decode("hashtags/rust", b"carol: time: 12:00", now()).expect("decodes");
    assert_eq!(tweet.format, WireFormat::Classic);
    assert_eq!(tweet.user.as_deref(), Some("carol"));
    assert_eq!(tweet.text, "time: 12:00");
    assert_eq!(tweet.tags, vec!["rust"]);
    let encoded = encode_classic(&Username::parse("dave").expect("valid"), "a: b");
    assert_eq!(encoded, b"dave: a: b");
}

#[test]
fn raw_fallbacks() {
    for payload in [
        &b"just some text"[..],
        b"{not json",
        br#"{"v":1,"id":"x"}"#,
        br#"{"v":"1","id":"x","user":"u","text":"t"}"#,
        b"\n\nline: after newline",
        br#"{"user": "x"}"#,
    ] {
        let tweet = decode("hashtags/t", payload, now()).expect("decodes");
        assert_eq!(tweet.user, None, "{payload:?}");
        assert_eq!(tweet.format, WireFormat::Raw);
        assert_eq!(tweet.text.as_bytes(), payload);
    }
}

#[test]
fn refusals() {
    assert_eq!(
        decode("hashtags/t", &[0xff, 0xfe, 0x41], now()),
        Err(DecodeError::NotUtf8)
    );
    assert_eq!(decode("hashtags/t", b"", now()), Err(DecodeError::Empty));
    assert_eq!(
        decode("hashtags/t", b"  \n", now()),
        Err(DecodeError::Empty)
    );
    let big = vec![b'a'; MAX_PAYLOAD_BYTES + 1];
    assert_eq!(
        decode("hashtags/t", &big, now()),
        Err(DecodeError::Oversize(big.len()))
    );
}

#[test]
fn what_is_kept_is_bounded() {
    let long_id = "i".repeat(100_000);
    let payload = format!(
        r#"{{"v":1,"id":"{long_id}","user":"{}","text":"{}","tags":[]}}"#,
        "u".repeat(100),
        "x".repeat(10_000)
    );
    let tweet = decode("hashtags/t", payload.as_bytes(), now()).expect("decodes");
    assert!(tweet.id.starts_with("long-id-") && tweet.id.len() <= MAX_KEPT_ID_BYTES);
    let again = decode("hashtags/u", payload.as_bytes(), now()).expect("decodes");
    assert_eq!(tweet.id, again.id, "copies of one long id still match");
    assert_eq!(tweet.user.as_deref().map(|u| u.chars().count()), Some(65));
    assert!(
        tweet
            .text
            .ends_with(crate::core::model::display::TRUNCATED_MARK)
    );
    assert_eq!(
        tweet.text.chars().count(),
        MAX_KEPT_TEXT_CHARS + crate::core::model::display::TRUNCATED_MARK.chars().count()
    );
    assert_eq!(bounded_text("short".into(), 10, "…"), "short");
    assert_eq!(bounded_text("日本語です".into(), 2, "…"), "日本…");
}

#[test]
fn a_retained_payload_s_id_depends_on_topic_and_bytes_only() {
    let id = retained_id("hashtags/x", b"carol: hi");
    assert_eq!(id, retained_id("hashtags/x", b"carol: hi"));
    assert_ne!(id, retained_id("hashtags/y", b"carol: hi"));
    assert_ne!(id, retained_id("hashtags/x", b"carol: hi!"));
    assert!(id.starts_with("retained-") && id.len() == 25, "{id}");
}

fn signed_payload(identity: &Identity, tags: &[String]) -> String {
    let fields = TweetFields {
        id: "id-9",
        user: "alice",
        text: "signed #rust",
        tags,
        ts: Some("2026-12-04T12:00:00.000Z"),
        reply_to: None,
        reply_to_user: None,
    };
    String::from_utf8(super::encode_v1(&fields, Some(identity))).expect("utf-8")
}

#[test]
fn a_signed_tweet_verifies_and_keeps_only_its_own_tags() {
    let identity = Identity::generate();
    let tags = vec!["rust".to_owned()];
    let payload = signed_payload(&identity, &tags);
    let tweet = decode("hashtags/rust", payload.as_bytes(), now()).expect("decodes");
    let signed = tweet.signed.expect("signed");
    assert_eq!(
        (signed.key, signed.trust),
        (identity.author_key(), Trust::Unjudged)
    );
    assert_eq!(tweet.tags, tags);
    // The mentions topic has no tag to check.
    assert!(decode_tagged(None, payload.as_bytes(), now()).is_ok());
    // An unsigned v1 reader's view: the same fields, the rest ignored.
    let json: serde_json::Value = serde_json::from_str(&payload).expect("json");
    assert_eq!(
        (json["v"].as_u64(), json["kind"].as_str()),
        (Some(1), Some("tweet"))
    );
}

#[test]
fn a_tampered_signed_tweet_is_forged_and_a_replay_on_another_tag_refused() {
    let identity = Identity::generate();
    let payload = signed_payload(&identity, &["rust".to_owned()]);
    for (from, to) in [
        ("signed #rust", "signed #rust!"),
        ("\"id-9\"", "\"id-8\""),
        ("00.000Z", "00.001Z"),
        ("[\"rust\"]", "[\"rust\",\"spam\"]"),
        ("\"user\":\"alice\"", "\"user\":\"alic3\""),
    ] {
        let tampered = payload.replace(from, to);
        assert_ne!(tampered, payload, "{from}");
        assert!(
            matches!(
                decode("hashtags/rust", tampered.as_bytes(), now()),
                Err(DecodeError::Forged(_))
            ),
            "{from} → {to}"
        );
    }
    assert_eq!(
        decode("hashtags/spam", payload.as_bytes(), now()),
        Err(DecodeError::Replayed("spam".into()))
    );
    let other_kind = payload.replace("\"kind\":\"tweet\"", "\"kind\":\"like\"");
    assert_eq!(
        decode("hashtags/rust", other_kind.as_bytes(), now()),
        Err(DecodeError::OtherKind("like".into()))
    );
}

#[test]
fn topics() {
    assert_eq!(tag_of_topic("hashtags/rust"), Some("rust"));
    assert_eq!(tag_of_topic("hashtags/a/b"), None);
    assert_eq!(tag_of_topic("hashtags/"), None);
    assert_eq!(tag_of_topic("other/rust"), None);
}

#[test]
fn a_quote_is_signed_names_its_tweet_and_any_tampering_is_forged() {
    let identity = Identity::generate();
    let tags = vec!["rust".to_owned()];
    let fields = TweetFields {
        id: "q-1",
        user: "bob",
        text: "so true #rust",
        tags: &tags,
        ts: Some("2026-12-04T12:00:03.000Z"),
        reply_to: None,
        reply_to_user: None,
    };
    let quoted = ReplyTo {
        id: "orig-1".into(),
        user: Some("alice".into()),
    };
    let payload = String::from_utf8(encode_quote(&fields, &quoted, &identity)).expect("utf-8");
    let tweet = decode("hashtags/rust", payload.as_bytes(), now()).expect("a good quote");
    assert_eq!(tweet.quote.as_ref(), Some(&quoted));
    assert_eq!(tweet.text, "so true #rust");
    assert_eq!(tweet.signed.map(|s| s.key), Some(identity.author_key()));
    for (from, to) in [
        ("\"orig-1\"", "\"orig-2\""),
        ("\"alice\"", "\"carol\""),
        ("so true", "so false"),
        ("\"quote\"", "\"tweet\""),
    ] {
        let tampered = payload.replace(from, to);
        assert_ne!(tampered, payload, "{from}");
        assert!(
            matches!(
                decode("hashtags/rust", tampered.as_bytes(), now()),
                Err(DecodeError::Forged(_))
            ),
            "{from} → {to}"
        );
    }
    let mut unsigned: serde_json::Value = serde_json::from_str(&payload).expect("json");
    unsigned
        .as_object_mut()
        .map(|o| (o.remove("pk"), o.remove("sig")));
    assert_eq!(
        decode("hashtags/rust", unsigned.to_string().as_bytes(), now()),
        Err(DecodeError::Forged("a quote must be signed"))
    );
    let mut nothing: serde_json::Value = serde_json::from_str(&payload).expect("json");
    nothing["ref"] = serde_json::json!(7);
    assert!(matches!(
        decode("hashtags/rust", nothing.to_string().as_bytes(), now()),
        Err(DecodeError::Forged(_))
    ));
}

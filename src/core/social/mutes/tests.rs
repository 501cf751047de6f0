use super::*;
use crate::core::model::author_key::{Signed, Trust};
use crate::core::model::timeline::Timeline;
use crate::core::model::tweet::{Tweet, WireFormat};

fn tweet(id: &str, user: &str, key: Option<AuthorKey>, text: &str, tags: &[&str]) -> Tweet {
    Tweet {
        quote: None,
        deferred_signature: None,
        id: id.into(),
        user: Some(user.into()),
        text: text.into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        sent_at: None,
        received_at: chrono::Utc::now(),
        format: WireFormat::Chirp,
        reply_to: None,
        signed: key.map(|key| Signed {
            key,
            trust: Trust::Verified,
        }),
    }
}

fn verdict_of(mutes: &Mutes, tweet: &Tweet, scope: Scope) -> Verdict {
    let mut timeline = Timeline::with_limit(10);
    timeline.insert_received(tweet);
    let entry = timeline.get(0).expect("inserted");
    mutes.verdict(entry, scope)
}

#[test]
fn a_mute_by_key_survives_a_name_change() {
    let key = AuthorKey::from_bytes([7; 32]);
    let mut list = MuteList::default();
    assert!(list.mute_person(MutedPerson::new("spammer", Some(key), false)));
    let mutes = Mutes::new(&list);
    let renamed = tweet("1", "totally_new_name", Some(key), "hi", &["rust"]);
    assert_eq!(
        verdict_of(&mutes, &renamed, Scope::Narrowed),
        Verdict::Hidden
    );
    // Another key under the old name is someone else.
    let other = tweet(
        "2",
        "spammer_friend",
        Some(AuthorKey::from_bytes([8; 32])),
        "hi",
        &[],
    );
    assert_eq!(verdict_of(&mutes, &other, Scope::AllTweets), Verdict::Shown);
    assert!(list.person_of("totally_new_name", Some(key)).is_some());
    list.unmute_person(&MutedPerson::new("x", Some(key), false));
    assert!(list.people.is_empty());
}

#[test]
fn an_unsigned_author_is_muted_by_name_and_a_block_drops_messages() {
    let mut list = MuteList::default();
    list.mute_person(MutedPerson::new("bob", None, false));
    let mutes = Mutes::new(&list);
    assert!(mutes.is_muted(Some("bob"), None));
    assert!(!mutes.is_blocked("bob", None));
    assert!(
        !mutes.is_muted(Some("Bob"), None),
        "names are case-sensitive"
    );
    list.mute_person(MutedPerson::new("bob", None, true));
    assert_eq!(list.people.len(), 1, "the mute became a block");
    assert!(Mutes::new(&list).is_blocked("bob", None));
}

#[test]
fn muted_words_are_whole_words_in_any_case() {
    let mut list = MuteList::default();
    list.mute_word("  Crypto ").expect("word");
    list.mute_word("#NFT").expect("hashtag form");
    list.mute_word("@Elon").expect("mention form");
    assert_eq!(list.mute_word("crypto"), Err(MuteWordError::AlreadyMuted));
    let mutes = Mutes::new(&list);
    let found = |text: &str, tags: &[&str]| mutes.muted_word_in(text, tags.iter().copied());
    assert_eq!(found("Buy CRYPTO now!", &[]), Some("crypto".into()));
    assert_eq!(found("#crypto rocks", &[]), Some("crypto".into()));
    assert_eq!(found("cryptography is fine", &[]), None, "whole words");
    assert_eq!(
        found("nft is a word here", &[]),
        None,
        "#nft wants a hashtag"
    );
    assert_eq!(found("new #Nft drop", &[]), Some("#nft".into()));
    assert_eq!(found("quiet", &["NFT"]), Some("#nft".into()));
    assert_eq!(found("hey @elon", &[]), Some("@elon".into()));
    assert_eq!(found("elon said", &[]), None);
    // Unicode: lower case and letters beyond ASCII.
    list.mute_word("ÜBER").expect("unicode");
    let mutes = Mutes::new(&list);
    assert_eq!(
        mutes.muted_word_in("Das ist über alles", std::iter::empty()),
        Some("über".into())
    );
}

#[test]
fn a_muted_word_collapses_and_a_muted_hashtag_leaves_all_tweets_only() {
    let mut list = MuteList::default();
    list.mute_word("crypto").expect("word");
    list.mute_hashtag("spam");
    let mutes = Mutes::new(&list);
    let worded = tweet("1", "ann", None, "crypto again", &["rust"]);
    assert_eq!(
        verdict_of(&mutes, &worded, Scope::AllTweets),
        Verdict::Collapsed("crypto".into())
    );
    let spam = tweet("2", "ann", None, "hello", &["spam"]);
    assert_eq!(verdict_of(&mutes, &spam, Scope::AllTweets), Verdict::Hidden);
    assert_eq!(verdict_of(&mutes, &spam, Scope::Narrowed), Verdict::Shown);
    let also_rust = tweet("3", "ann", None, "hello", &["spam", "rust"]);
    assert_eq!(
        verdict_of(&mutes, &also_rust, Scope::AllTweets),
        Verdict::Shown
    );
}

#[test]
fn hostile_words_are_refused_and_lists_are_bounded() {
    let mut list = MuteList::default();
    assert_eq!(list.mute_word(""), Err(MuteWordError::Empty));
    assert_eq!(list.mute_word("#"), Err(MuteWordError::Empty));
    assert_eq!(list.mute_word("two words"), Err(MuteWordError::NotAWord));
    assert_eq!(list.mute_word("a/b+#"), Err(MuteWordError::NotAWord));
    assert_eq!(list.mute_word("\u{202e}evil"), Err(MuteWordError::NotAWord));
    assert_eq!(
        list.mute_word(&"w".repeat(10_000)),
        Err(MuteWordError::TooLong)
    );
    for n in 0..MUTE_LIMIT {
        list.mute_word(&format!("w{n}")).expect("room");
    }
    assert_eq!(list.mute_word("more"), Err(MuteWordError::Full));
    for n in 0..MUTE_LIMIT {
        assert!(list.mute_hashtag(&format!("t{n}")));
    }
    assert!(!list.mute_hashtag("more"));
    // A long hostile text is still looked through in one pass.
    let mutes = Mutes::new(&list);
    let text = format!("{} w9999", "ä#@".repeat(100_000));
    assert_eq!(
        mutes.muted_word_in(&text, std::iter::empty()),
        Some("w9999".into())
    );
}

#[test]
fn a_mute_list_survives_serde_and_old_files() {
    let mut list = MuteList::default();
    list.mute_person(MutedPerson::new(
        "ann",
        Some(AuthorKey::from_bytes([1; 32])),
        true,
    ));
    list.mute_word("crypto").expect("word");
    let json = serde_json::to_string(&list).expect("json");
    assert_eq!(serde_json::from_str::<MuteList>(&json).expect("back"), list);
    let partial: MuteList = serde_json::from_str(r#"{"words":["x"]}"#).expect("partial");
    assert_eq!(partial.words, ["x"]);
}

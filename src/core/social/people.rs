//! Following a person: every tweet is also published once to its
//! author's `chirp/users/<user>`, so whoever follows them gets everything
//! they post, whatever the hashtag. See PROTOCOL.md 2.5.

use crate::core::model::tweet::{Tweet, WireFormat};

pub const USERS_PREFIX: &str = "chirp/users/";

/// The topic of `user`'s tweets.
pub fn topic(user: &str) -> String {
    format!("{USERS_PREFIX}{user}")
}

/// The person whose topic `topic` is, if it is one (one level, not empty).
pub fn user_of(topic: &str) -> Option<&str> {
    topic
        .strip_prefix(USERS_PREFIX)
        .filter(|user| !user.is_empty() && !user.contains('/'))
}

/// What arrives on a person's topic must be theirs, in the Chirp format:
/// their topic is no way to put words in their mouth, and a classic or
/// raw payload has no id to show it once beside its hashtag copies.
pub fn as_posted_by(topic: &str, tweet: Tweet) -> Result<Tweet, String> {
    let Some(user) = user_of(topic) else {
        return Ok(tweet);
    };
    if tweet.format != WireFormat::Chirp {
        return Err(format!("not a Chirp tweet on @{user}'s topic"));
    }
    if tweet.user.as_deref() != Some(user) {
        return Err(format!("not by @{user}, on their topic"));
    }
    Ok(tweet)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::protocol::wire;
    use crate::core::social::compose::Draft;

    #[test]
    fn a_persons_topic_is_one_level_under_the_prefix() {
        assert_eq!(topic("日本"), "chirp/users/日本");
        assert_eq!(user_of("chirp/users/alice"), Some("alice"));
        assert_eq!(user_of("chirp/users/"), None);
        assert_eq!(user_of("chirp/users/a/b"), None);
        assert_eq!(user_of("hashtags/alice"), None);
    }

    #[test]
    fn only_the_persons_own_chirp_tweets_are_taken() {
        let now = chrono::Utc::now();
        let out = Draft::new("alice", "hi #rust").prepare().expect("valid");
        let decode = |payload: &[u8]| wire::decode_tagged(None, payload, now).expect("decodes");
        let theirs = decode(&out.publishes[0].payload);
        assert!(as_posted_by("chirp/users/alice", theirs.clone()).is_ok());
        let elsewhere = as_posted_by("chirp/users/bob", theirs.clone());
        assert_eq!(elsewhere, Err("not by @bob, on their topic".to_owned()));
        assert!(
            as_posted_by("hashtags/rust", theirs).is_ok(),
            "not a person's topic"
        );
        let classic = decode(b"alice: hello");
        assert!(as_posted_by("chirp/users/alice", classic).is_err());
    }
}

//! Turning what a person typed into a tweet that can be posted, or the reason it can't.

use chrono::Utc;

use crate::core::model::name::{Hashtag, NameError, Username, sigil_runs};
use crate::core::model::tweet::{MAX_TWEET_CHARS, ReplyTarget, Tweet, WireFormat, new_tweet_id};
use crate::core::protocol::topic_root::TopicRoot;
use crate::core::protocol::wire;
use crate::core::social::mentions;

/// Why a draft can't be posted yet. Shown next to the disabled Post button.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("choose a username first")]
    NoUsername,
    #[error("{0}")]
    InvalidUsername(NameError),
    #[error("write something first")]
    EmptyText,
    #[error("{len} characters: a tweet can have at most {MAX_TWEET_CHARS}")]
    TooLong { len: usize },
    #[error("add a hashtag: write #tag in the text or pick one")]
    NoHashtag,
    #[error("{0}")]
    InvalidHashtag(NameError),
}

/// A tweet ready to publish: what to show locally and what to send where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingTweet {
    pub tweet: Tweet,
    /// One publish per hashtag topic, all with the same payload.
    pub publishes: Vec<Publish>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publish {
    pub topic: String,
    pub payload: Vec<u8>,
    /// Kept by the broker as the tag's newest tweet, for whoever follows
    /// the tag next (a late joiner sees it at once).
    pub retain: bool,
}

impl OutgoingTweet {
    /// Every hashtag copy published retained (`retain`) or not. Mention
    /// copies never are: a retained one would greet its person again on
    /// every subscribe.
    pub fn retained(mut self, retain: bool) -> Self {
        for publish in &mut self.publishes {
            publish.retain = retain && !publish.topic.starts_with(mentions::MENTIONS_PREFIX);
        }
        self
    }
}

/// Hashtags written in the text as `#word`, in order, each once.
pub fn hashtags_in_text(text: &str) -> Vec<Hashtag> {
    let mut found: Vec<Hashtag> = Vec::new();
    for (_, run) in sigil_runs(text, '#') {
        if let Ok(tag) = Hashtag::parse(run)
            && !found.contains(&tag)
        {
            found.push(tag);
        }
    }
    found
}

/// The author and the trimmed text of anything written here (a tweet, a
/// direct message), or why they can't be sent.
pub fn author_and_text<'t>(
    username: &str,
    text: &'t str,
) -> Result<(Username, &'t str), DraftError> {
    if username.trim().is_empty() {
        return Err(DraftError::NoUsername);
    }
    let user = Username::parse(username).map_err(DraftError::InvalidUsername)?;
    let body = text.trim();
    if body.is_empty() {
        return Err(DraftError::EmptyText);
    }
    let len = body.chars().count();
    if len > MAX_TWEET_CHARS {
        return Err(DraftError::TooLong { len });
    }
    Ok((user, body))
}

/// `prepare_under` the default root, `hashtags`.
pub fn prepare(
    username: &str,
    text: &str,
    chosen_tags: &[&str],
    classic: bool,
) -> Result<OutgoingTweet, DraftError> {
    prepare_under(&TopicRoot::default(), username, text, chosen_tags, classic)
}

/// Checks a draft and builds the tweet, published under `root`.
/// `chosen_tags` (picked from the list or given on the command line) come
/// first, then those written in the text.
pub fn prepare_under(
    root: &TopicRoot,
    username: &str,
    text: &str,
    chosen_tags: &[&str],
    classic: bool,
) -> Result<OutgoingTweet, DraftError> {
    prepare_reply_under(root, username, text, chosen_tags, classic, None)
}

/// `prepare_under` for a tweet that may answer another (`reply`): then it
/// carries the parent's id and author and goes under the parent's
/// hashtags first. Everyone `@mentioned`, and the parent's author, also
/// get a copy on their mentions topic (not themselves).
pub fn prepare_reply_under(
    root: &TopicRoot,
    username: &str,
    text: &str,
    chosen_tags: &[&str],
    classic: bool,
    reply: Option<&ReplyTarget>,
) -> Result<OutgoingTweet, DraftError> {
    let (user, body) = author_and_text(username, text)?;
    let mut tags: Vec<Hashtag> = Vec::new();
    // A parent's tag that is no valid hashtag (from another client) is
    // left out rather than refusing the reply.
    let parent_tags = reply.iter().flat_map(|r| &r.tags);
    for tag in parent_tags.filter_map(|t| Hashtag::parse(t).ok()) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    for typed in chosen_tags {
        let tag = Hashtag::parse(typed).map_err(DraftError::InvalidHashtag)?;
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    for tag in hashtags_in_text(body) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.is_empty() {
        return Err(DraftError::NoHashtag);
    }

    let id = new_tweet_id();
    let now = Utc::now();
    let reply_to = reply.map(|r| r.parent.clone());
    let payload = if classic {
        wire::encode_classic(&user, body)
    } else {
        wire::encode_v1(&id, &user, body, &tags, now, reply_to.as_ref())
    };
    let mut publishes: Vec<Publish> = tags
        .iter()
        .map(|tag| Publish {
            topic: root.topic(tag.as_str()),
            payload: payload.clone(),
            retain: false,
        })
        .collect();
    let mut mentioned = mentions::mentioned_users(body);
    if let Some(parent_author) = reply
        .and_then(|r| r.parent.user.as_deref())
        .and_then(|u| Username::parse(u).ok())
        && !mentioned.contains(&parent_author)
    {
        mentioned.push(parent_author);
    }
    for person in mentioned.iter().filter(|person| **person != user) {
        publishes.push(Publish {
            topic: mentions::topic(person.as_str()),
            payload: payload.clone(),
            retain: false,
        });
    }
    let tweet = Tweet {
        id,
        user: Some(user.as_str().to_owned()),
        text: body.to_owned(),
        tags: tags.into_iter().map(String::from).collect(),
        sent_at: Some(now),
        received_at: now,
        format: if classic {
            WireFormat::Classic
        } else {
            WireFormat::Chirp
        },
        reply_to,
    };
    Ok(OutgoingTweet { tweet, publishes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::tweet::ReplyTo;

    fn tags(text: &str) -> Vec<String> {
        hashtags_in_text(text)
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn finds_hashtags_in_text() {
        assert_eq!(tags("Hello #rust and #MQTT!"), vec!["rust", "MQTT"]);
        assert_eq!(tags("#a #a #b."), vec!["a", "b"]);
        assert_eq!(
            tags("issue#12 is not a tag, ##double neither, # alone"),
            Vec::<String>::new()
        );
        assert_eq!(
            tags("(#日本語) #snake_case-ok"),
            vec!["日本語", "snake_case-ok"]
        );
        assert_eq!(tags(&format!("#{}", "x".repeat(65))), Vec::<String>::new());
    }

    #[test]
    fn prepares_a_tweet_for_every_tag() {
        let out = prepare("alice", "  hi #rust  ", &["chirp"], false).expect("valid");
        assert_eq!(out.tweet.text, "hi #rust");
        assert_eq!(out.tweet.tags, vec!["chirp", "rust"]);
        let topics: Vec<_> = out.publishes.iter().map(|p| p.topic.as_str()).collect();
        assert_eq!(topics, vec!["hashtags/chirp", "hashtags/rust"]);
        let decoded =
            wire::decode("hashtags/rust", &out.publishes[0].payload, Utc::now()).expect("decodes");
        assert_eq!(decoded.id, out.tweet.id);

        let classic = prepare("alice", "hi", &["chirp"], true).expect("valid");
        assert_eq!(classic.publishes[0].payload, b"alice: hi");
    }

    #[test]
    fn refuses_with_a_reason() {
        let long = "x".repeat(281);
        for (user, text, picked, expected) in [
            ("", "hi", &["t"][..], DraftError::NoUsername),
            ("alice", "   ", &["t"][..], DraftError::EmptyText),
            (
                "alice",
                long.as_str(),
                &["t"][..],
                DraftError::TooLong { len: 281 },
            ),
            ("alice", "no tag here", &[][..], DraftError::NoHashtag),
        ] {
            assert_eq!(prepare(user, text, picked, false), Err(expected));
        }
        assert!(matches!(
            prepare("a b", "hi", &["t"], false),
            Err(DraftError::InvalidUsername(_))
        ));
        assert!(matches!(
            prepare("alice", "hi", &["a/b"], false),
            Err(DraftError::InvalidHashtag(_))
        ));
        assert!(prepare("alice", &"x".repeat(280), &["t"], false).is_ok());
    }

    #[test]
    fn a_reply_goes_under_its_parents_tags_and_to_the_people_it_concerns() {
        let target = ReplyTarget {
            parent: ReplyTo {
                id: "parent-1".into(),
                user: Some("alice".into()),
            },
            tags: vec!["rust".into(), "not/valid".into()],
        };
        let root = TopicRoot::default();
        let text = "agreed @carol, and @bob (me) #mqtt";
        let out =
            prepare_reply_under(&root, "bob", text, &[], false, Some(&target)).expect("valid");
        assert_eq!(out.tweet.reply_to, Some(target.parent.clone()));
        let topics: Vec<_> = out.publishes.iter().map(|p| p.topic.as_str()).collect();
        assert_eq!(
            topics,
            [
                "hashtags/rust",
                "hashtags/mqtt",
                "chirp/mentions/carol",
                "chirp/mentions/alice"
            ],
            "the parent's tags first, then mentions and the parent's author, never oneself"
        );
        let copy =
            wire::decode_tagged(None, &out.publishes[2].payload, Utc::now()).expect("decodes");
        assert_eq!(
            (copy.id.as_str(), copy.reply_to),
            (out.tweet.id.as_str(), Some(target.parent))
        );

        let kept = out.retained(true);
        let retained: Vec<bool> = kept.publishes.iter().map(|p| p.retain).collect();
        assert_eq!(
            retained,
            [true, true, false, false],
            "mention copies are never retained"
        );
    }
}

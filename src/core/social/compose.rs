//! Turning what a person typed into a tweet that can be posted, or the reason it can't.

use chrono::Utc;

use crate::core::model::author_key::{Signed, Trust};
use crate::core::model::name::{Hashtag, NameError, Username, sigil_runs};
use crate::core::model::tweet::{
    MAX_TWEET_CHARS, ReplyTarget, ReplyTo, Tweet, WireFormat, new_tweet_id,
};
use crate::core::protocol::identity::Identity;
use crate::core::protocol::signed::TweetFields;
use crate::core::protocol::topic_root::TopicRoot;
use crate::core::protocol::wire;
use crate::core::social::{mentions, people};

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
    #[error("a quote is signed: it needs your identity (Settings → Identity)")]
    QuoteNeedsIdentity,
}

/// A tweet ready to publish: what to show locally and what to send where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingTweet {
    pub tweet: Tweet,
    /// One publish per hashtag topic, per person concerned and (JSON only)
    /// one on the author's own topic, all with the same payload.
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
    /// and author copies never are: a retained one would greet its person
    /// again on every subscribe, and a follower would get one old tweet
    /// rather than what came while they were away.
    pub fn retained(mut self, retain: bool) -> Self {
        for publish in &mut self.publishes {
            let personal = publish.topic.starts_with(mentions::MENTIONS_PREFIX)
                || publish.topic.starts_with(people::USERS_PREFIX);
            publish.retain = retain && !personal;
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

/// How a tweet's payload is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PostFormat {
    /// Payload v1 JSON: id, tags, time and reply travel with the text.
    #[default]
    Json,
    /// `<user>: <text>`, for classic clients that show plain text.
    Classic,
}

impl From<PostFormat> for WireFormat {
    fn from(format: PostFormat) -> Self {
        match format {
            PostFormat::Json => WireFormat::Chirp,
            PostFormat::Classic => WireFormat::Classic,
        }
    }
}

/// What a person is about to post: built with [`Draft::new`] and the
/// builder methods, checked with [`Draft::check`] (cheap enough for every
/// frame) and turned into a tweet with [`Draft::prepare`].
///
/// It only borrows, so building one per frame costs no copies of the text.
#[derive(Debug, Clone)]
pub struct Draft<'a> {
    username: &'a str,
    text: &'a str,
    /// Picked from the list or given on the command line; they come first,
    /// after a reply's parent tags.
    tags: Vec<&'a str>,
    reply: Option<&'a ReplyTarget>,
    format: PostFormat,
    /// `None`: the default root, made only when a tweet is built.
    root: Option<&'a TopicRoot>,
    /// Signs the JSON payload (a classic one can carry no signature).
    signer: Option<&'a Identity>,
    /// The tweet quoted (a signed `quote` payload, PROTOCOL.md 12.5).
    quote: Option<&'a ReplyTo>,
}

/// A draft that passed every check: the author, the trimmed text and the
/// hashtags in publishing order.
struct Checked<'a> {
    user: Username,
    body: &'a str,
    tags: Vec<Hashtag>,
}

impl<'a> Draft<'a> {
    /// A JSON tweet by `username` under the default root, `hashtags`, with
    /// only the hashtags written in `text`.
    pub fn new(username: &'a str, text: &'a str) -> Self {
        Self {
            username,
            text,
            tags: Vec::new(),
            reply: None,
            format: PostFormat::default(),
            root: None,
            signer: None,
            quote: None,
        }
    }

    /// Quotes `quote` (when there is one): a signed `quote` payload that
    /// carries the quoted tweet's id and author.
    pub fn quote(mut self, quote: Option<&'a ReplyTo>) -> Self {
        self.quote = quote;
        self
    }

    /// Signed by `signer` (when there is one): its key and signature travel
    /// with the JSON payload.
    pub fn signed_by(mut self, signer: Option<&'a Identity>) -> Self {
        self.signer = signer;
        self
    }

    /// Published under `root` instead of the default one.
    pub fn under(mut self, root: &'a TopicRoot) -> Self {
        self.root = Some(root);
        self
    }

    /// One more hashtag to post under, besides those in the text.
    pub fn tag(mut self, tag: &'a str) -> Self {
        self.tags.push(tag);
        self
    }

    /// More hashtags to post under, in order.
    pub fn tags(mut self, tags: impl IntoIterator<Item = &'a str>) -> Self {
        self.tags.extend(tags);
        self
    }

    /// Answers `reply` (when there is one): the tweet then carries the
    /// parent's id and author and goes under the parent's hashtags first.
    /// Everyone `@mentioned`, and the parent's author, also get a copy on
    /// their mentions topic (not the author of the draft).
    pub fn reply_to(mut self, reply: Option<&'a ReplyTarget>) -> Self {
        self.reply = reply;
        self
    }

    /// Written as `format` (JSON unless told).
    pub fn format(mut self, format: PostFormat) -> Self {
        self.format = format;
        self
    }

    /// Whether the draft could be posted, or why not, without building the
    /// tweet (no id, no payload): what the compose box asks every frame.
    pub fn check(&self) -> Result<(), DraftError> {
        self.checked().map(|_| ())?;
        let unsigned = self.signer.is_none() || self.format == PostFormat::Classic;
        if self.quote.is_some() && unsigned {
            return Err(DraftError::QuoteNeedsIdentity);
        }
        Ok(())
    }

    /// Checks the draft and builds the tweet with one publish per hashtag,
    /// per person concerned and, for JSON, one to `chirp/users/<author>`.
    pub fn prepare(&self) -> Result<OutgoingTweet, DraftError> {
        self.check()?;
        let Checked { user, body, tags } = self.checked()?;
        let id = new_tweet_id();
        let now = Utc::now();
        let reply_to = self.reply.map(|r| r.parent.clone());
        let tag_names: Vec<String> = tags.iter().map(|t| t.as_str().to_owned()).collect();
        let ts = wire::format_ts(now);
        let fields = TweetFields {
            id: &id,
            user: user.as_str(),
            text: body,
            tags: &tag_names,
            ts: Some(&ts),
            reply_to: reply_to.as_ref().map(|parent| parent.id.as_str()),
            reply_to_user: reply_to.as_ref().and_then(|p| p.user.as_deref()),
        };
        let (payload, signed) = self.payload(&fields);
        let default_root;
        let root = match self.root {
            Some(root) => root,
            None => {
                default_root = TopicRoot::default();
                &default_root
            }
        };
        let tag_topics = tags.iter().map(|tag| root.topic(tag.as_str()));
        let mention_topics = self
            .people_concerned(&user, body)
            .into_iter()
            .map(|person| mentions::topic(person.as_str()));
        // A classic payload has no id: its copy there would show twice
        // beside its hashtag copies, so only JSON goes to the author's topic.
        let author_topic = (self.format == PostFormat::Json).then(|| people::topic(user.as_str()));
        let publishes = tag_topics
            .chain(mention_topics)
            .chain(author_topic)
            .map(|topic| Publish {
                topic,
                payload: payload.clone(),
                retain: false,
            })
            .collect();
        let tweet = Tweet {
            deferred_signature: None,
            id,
            user: Some(user.as_str().to_owned()),
            text: body.to_owned(),
            tags: tag_names,
            sent_at: Some(now),
            received_at: now,
            format: self.format.into(),
            reply_to,
            quote: self.quote.cloned(),
            signed,
        };
        Ok(OutgoingTweet { tweet, publishes })
    }

    /// The payload in the draft's format, and its signature's word for the
    /// tweet shown here (a classic payload carries none).
    fn payload(&self, fields: &TweetFields<'_>) -> (Vec<u8>, Option<Signed>) {
        match (self.format, self.signer) {
            (PostFormat::Classic, _) => {
                let user = Username::parse(fields.user).ok();
                let payload = user.map(|u| wire::encode_classic(&u, fields.text));
                (payload.unwrap_or_default(), None)
            }
            (PostFormat::Json, signer) => {
                let signed = signer.map(|identity| Signed {
                    key: identity.author_key(),
                    trust: Trust::Verified,
                });
                let payload = match (self.quote, signer) {
                    (Some(quoted), Some(identity)) => wire::encode_quote(fields, quoted, identity),
                    _ => wire::encode_v1(fields, signer),
                };
                (payload, signed)
            }
        }
    }

    fn checked(&self) -> Result<Checked<'a>, DraftError> {
        let (user, body) = author_and_text(self.username, self.text)?;
        let tags = self.tags_in_order(body)?;
        Ok(Checked { user, body, tags })
    }

    /// The parent's tags, then the chosen ones, then those in the text;
    /// each once.
    fn tags_in_order(&self, body: &str) -> Result<Vec<Hashtag>, DraftError> {
        let mut tags: Vec<Hashtag> = Vec::new();
        let mut add = |tag: Hashtag| {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        };
        // A parent's tag that is no valid hashtag (from another client) is
        // left out rather than refusing the reply.
        let parent_tags = self.reply.iter().flat_map(|r| &r.tags);
        parent_tags
            .filter_map(|t| Hashtag::parse(t).ok())
            .for_each(&mut add);
        for typed in &self.tags {
            add(Hashtag::parse(typed).map_err(DraftError::InvalidHashtag)?);
        }
        hashtags_in_text(body).into_iter().for_each(add);
        if tags.is_empty() {
            return Err(DraftError::NoHashtag);
        }
        Ok(tags)
    }

    /// Everyone `@mentioned`, then the parent's author; never `author`.
    fn people_concerned(&self, author: &Username, body: &str) -> Vec<Username> {
        let mut people = mentions::mentioned_users(body);
        if let Some(parent_author) = self
            .reply
            .and_then(|r| r.parent.user.as_deref())
            .and_then(|u| Username::parse(u).ok())
            && !people.contains(&parent_author)
        {
            people.push(parent_author);
        }
        people.retain(|person| person != author);
        people
    }
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
        let out = Draft::new("alice", "  hi #rust  ")
            .tag("chirp")
            .prepare()
            .expect("valid");
        assert_eq!(out.tweet.text, "hi #rust");
        assert_eq!(out.tweet.tags, vec!["chirp", "rust"]);
        let topics: Vec<_> = out.publishes.iter().map(|p| p.topic.as_str()).collect();
        assert_eq!(
            topics,
            vec!["hashtags/chirp", "hashtags/rust", "chirp/users/alice"]
        );
        let decoded =
            wire::decode("hashtags/rust", &out.publishes[0].payload, Utc::now()).expect("decodes");
        assert_eq!(decoded.id, out.tweet.id);

        let classic = Draft::new("alice", "hi")
            .tag("chirp")
            .format(PostFormat::Classic)
            .prepare()
            .expect("valid");
        assert_eq!(classic.tweet.format, WireFormat::Classic);
        assert_eq!(classic.publishes[0].payload, b"alice: hi");
        assert_eq!(
            classic.publishes.len(),
            1,
            "no copy on the author's topic: a classic payload has no id"
        );
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
            let draft = Draft::new(user, text).tags(picked.iter().copied());
            assert_eq!(draft.check(), Err(expected.clone()));
            assert_eq!(draft.prepare(), Err(expected));
        }
        assert!(matches!(
            Draft::new("a b", "hi").tag("t").check(),
            Err(DraftError::InvalidUsername(_))
        ));
        assert!(matches!(
            Draft::new("alice", "hi").tag("a/b").check(),
            Err(DraftError::InvalidHashtag(_))
        ));
        let longest = "x".repeat(280);
        assert!(Draft::new("alice", &longest).tag("t").prepare().is_ok());
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
        let text = "agreed @carol, and @bob (me) #mqtt";
        let out = Draft::new("bob", text)
            .reply_to(Some(&target))
            .prepare()
            .expect("valid");
        assert_eq!(out.tweet.reply_to, Some(target.parent.clone()));
        let topics: Vec<_> = out.publishes.iter().map(|p| p.topic.as_str()).collect();
        assert_eq!(
            topics,
            [
                "hashtags/rust",
                "hashtags/mqtt",
                "chirp/mentions/carol",
                "chirp/mentions/alice",
                "chirp/users/bob"
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
            [true, true, false, false, false],
            "mention and author copies are never retained"
        );
    }

    #[test]
    fn goes_under_the_root_it_is_given() {
        let root = TopicRoot::parse("school/tags").expect("valid root");
        let out = Draft::new("ada", "due friday #maths")
            .under(&root)
            .prepare()
            .expect("valid");
        assert_eq!(out.publishes[0].topic, "school/tags/maths");
    }
}

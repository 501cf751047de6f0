//! What a timeline can be narrowed to: one hashtag, a search by words,
//! `@user` and `#tag` (all must match; case doesn't matter), the tweets
//! that mention a user, or one conversation (a tweet, its parents and its
//! replies).

use std::collections::HashSet;

use crate::core::model::timeline::{Timeline, TimelineEntry};
use crate::core::social::mentions;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Lowercased words the text must contain.
    words: Vec<String>,
    /// Lowercased authors (any of them).
    users: Vec<String>,
    /// Lowercased hashtags the tweet must carry (all of them).
    tags: Vec<String>,
}

impl Query {
    /// None when there is nothing to search for.
    pub fn parse(typed: &str) -> Option<Query> {
        let mut query = Query {
            words: Vec::new(),
            users: Vec::new(),
            tags: Vec::new(),
        };
        // A lone `@` or `#` is a search still being typed: nothing yet.
        for token in typed
            .split_whitespace()
            .filter(|t| !matches!(*t, "@" | "#"))
        {
            let lower = token.to_lowercase();
            if let Some(user) = lower.strip_prefix('@').filter(|u| !u.is_empty()) {
                query.users.push(user.to_owned());
            } else if let Some(tag) = lower.strip_prefix('#').filter(|t| !t.is_empty()) {
                query.tags.push(tag.to_owned());
            } else {
                query.words.push(lower);
            }
        }
        let empty = query.words.is_empty() && query.users.is_empty() && query.tags.is_empty();
        (!empty).then_some(query)
    }

    pub fn matches(&self, entry: &TimelineEntry) -> bool {
        if !self.users.is_empty() {
            let Some(user) = entry.user() else {
                return false;
            };
            let user = user.to_lowercase();
            if !self.users.contains(&user) {
                return false;
            }
        }
        let has_tag = |wanted: &String| entry.tags().any(|t| t.to_lowercase() == *wanted);
        if !self.tags.iter().all(has_tag) {
            return false;
        }
        if self.words.is_empty() {
            return true;
        }
        let text = entry.text().to_lowercase();
        self.words.iter().all(|word| text.contains(word.as_str()))
    }
}

/// What a filtered view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// One hashtag's tweets (exact, as topics are).
    Tag(String),
    /// A search, and the text it was typed as.
    Search { typed: String, query: Query },
    /// Tweets that mention this user, or answer one of theirs.
    Mentions(String),
    /// One person's tweets (exact, as names are).
    Person(String),
    /// The tweets of one conversation, by id; a reply to any of them
    /// joins (`joined`).
    Conversation(HashSet<String>),
}

impl Filter {
    pub fn matches(&self, entry: &TimelineEntry) -> bool {
        match self {
            Filter::Tag(tag) => entry.tags().any(|t| t == tag),
            Filter::Search { query, .. } => query.matches(entry),
            Filter::Mentions(user) => concerns(entry, user),
            Filter::Person(user) => entry.user() == Some(user.as_str()),
            Filter::Conversation(ids) => {
                ids.contains(entry.id()) || entry.parent_id().is_some_and(|p| ids.contains(p))
            }
        }
    }

    /// `entry` matched and now belongs to the view: a reply in a
    /// conversation makes the conversation grow by its id.
    pub fn joined(&mut self, entry: &TimelineEntry) {
        if let Filter::Conversation(ids) = self {
            ids.insert(entry.id().to_owned());
        }
    }
}

/// Whether someone else's tweet is for `user`: it mentions them, or it
/// answers one of their tweets.
pub fn concerns(entry: &TimelineEntry, user: &str) -> bool {
    entry.user() != Some(user)
        && (entry.parent_user() == Some(user) || mentions::mentions(entry.text(), user))
}

/// How far up a chain of replies a conversation is followed.
const MAX_DEPTH: usize = 200;

/// The ids of the conversation `id` is in, as far as `timeline` holds it:
/// its parents up to the first tweet, and every reply below them.
pub fn conversation_of(timeline: &Timeline, id: &str) -> HashSet<String> {
    let mut ids = HashSet::from([id.to_owned()]);
    let mut current = id.to_owned();
    for _ in 0..MAX_DEPTH {
        let parent = timeline
            .iter()
            .find(|e| e.id() == current)
            .and_then(|e| e.parent_id())
            .map(str::to_owned);
        // A parent not held is still named, so its other replies join.
        let Some(parent) = parent.filter(|p| ids.insert(p.clone())) else {
            break;
        };
        current = parent;
    }
    // Oldest first, a reply after its parent: one pass takes most chains;
    // more catch replies that arrived before their parent.
    for _ in 0..4 {
        let before = ids.len();
        for entry in timeline.iter().collect::<Vec<_>>().into_iter().rev() {
            if entry.parent_id().is_some_and(|p| ids.contains(p)) {
                ids.insert(entry.id().to_owned());
            }
        }
        if ids.len() == before {
            break;
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::timeline::Timeline;
    use crate::core::social::compose::Draft;

    fn timeline() -> Timeline {
        let mut timeline = Timeline::with_limit(100);
        for (user, text) in [
            ("Ada", "Compilers are FUN #rust"),
            ("bob", "brokers and bridges #mqtt #rust"),
            ("carol", "fun with brokers #mqtt"),
        ] {
            let tweet = Draft::new(user, text).prepare().expect("valid").tweet;
            timeline.insert_received(&tweet);
        }
        timeline
    }

    fn found(typed: &str) -> Vec<String> {
        let query = Query::parse(typed).expect("a query");
        timeline()
            .iter()
            .filter(|e| query.matches(e))
            .map(|e| e.user().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn words_users_and_tags_all_must_match_in_any_case() {
        assert_eq!(found("fun"), ["carol", "Ada"]);
        assert_eq!(found("BROKERS #MQTT"), ["carol", "bob"]);
        assert_eq!(found("@ada"), ["Ada"]);
        assert_eq!(found("#rust #mqtt"), ["bob"]);
        assert_eq!(found("@bob fun"), Vec::<String>::new());
        assert_eq!(Query::parse("  @ # "), None);
    }

    fn reply(parent: &TimelineEntry, user: &str, text: &str) -> crate::core::model::tweet::Tweet {
        let target = parent.reply_target();
        Draft::new(user, text)
            .reply_to(Some(&target))
            .prepare()
            .expect("valid")
            .tweet
    }

    #[test]
    fn a_conversation_is_the_chain_up_and_every_reply_below() {
        let mut timeline = timeline();
        let first = timeline.get(2).expect("Ada's").clone();
        let answer = reply(&first, "bob", "@Ada agreed");
        timeline.insert_received(&answer);
        let answer_entry = timeline.get(0).expect("held").clone();
        let deeper = reply(&answer_entry, "carol", "me too");
        timeline.insert_received(&deeper);
        let elsewhere = Draft::new("dan", "unrelated #rust")
            .prepare()
            .expect("valid")
            .tweet;
        timeline.insert_received(&elsewhere);

        let ids = conversation_of(&timeline, &deeper.id);
        let expected: HashSet<String> = [first.id(), answer.id.as_str(), deeper.id.as_str()]
            .map(str::to_owned)
            .into();
        assert_eq!(ids, expected, "from the newest reply: the whole chain");
        assert_eq!(
            conversation_of(&timeline, first.id()),
            expected,
            "from the first tweet too"
        );

        let mut filter = Filter::Conversation(ids);
        let late = reply(timeline.get(1).expect("deeper"), "ada", "late reply");
        timeline.insert_received(&late);
        let late_entry = timeline.get(0).expect("held");
        assert!(filter.matches(late_entry));
        filter.joined(late_entry);
        assert!(!filter.matches(timeline.get(1).expect("dan's")));
    }

    #[test]
    fn mentions_are_tweets_naming_or_answering_the_user_by_others() {
        let mut timeline = timeline();
        let bobs = timeline.get(1).expect("bob's").clone();
        timeline.insert_received(&reply(&bobs, "carol", "good point"));
        timeline.insert_received(
            &Draft::new("dan", "hey @bob #x")
                .prepare()
                .expect("valid")
                .tweet,
        );
        timeline.insert_received(
            &Draft::new("bob", "I am @bob #x")
                .prepare()
                .expect("valid")
                .tweet,
        );
        let filter = Filter::Mentions("bob".into());
        let found: Vec<&str> = timeline
            .iter()
            .filter(|e| filter.matches(e))
            .map(|e| e.user().unwrap_or_default())
            .collect();
        assert_eq!(found, ["dan", "carol"]);
    }
}

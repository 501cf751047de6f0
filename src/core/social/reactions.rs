//! What people did to tweets: likes and reposts counted per key (one
//! person liking twice counts once; their latest word wins), and
//! deletions waiting for their tweet. Kept by tweet id whether or not the
//! tweet has arrived yet, so a like that comes first still counts; bounded,
//! the tweet reacted to longest ago forgotten first.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Utc};

use crate::core::model::author_key::{AuthorKey, Trust};
use crate::core::social::reaction::{Reaction, ReactionKind};

/// Votes (a like or a repost by one key) held at most, over all tweets.
pub const MAX_VOTES: usize = 100_000;

/// Deletions held for tweets not seen yet, at most.
pub const MAX_HELD_DELETIONS: usize = 10_000;

/// One key's last word on one tweet.
#[derive(Debug, Clone)]
struct Vote {
    on: bool,
    at: Option<DateTime<Utc>>,
    /// The name it came under, for "↻ @bob reposted"; None when the key is
    /// not the one pinned for that name (never shown as them).
    user: Option<String>,
}

#[derive(Debug, Default)]
struct TweetReactions {
    likes: Votes,
    reposts: Votes,
}

impl TweetReactions {
    fn votes(&self) -> usize {
        self.likes.by_key.len() + self.reposts.by_key.len()
    }
}

/// One kind of vote on one tweet, by key, with how many are on kept as
/// they change: a card asks every frame, however many votes there are.
#[derive(Debug, Default)]
struct Votes {
    by_key: HashMap<AuthorKey, Vote>,
    on: usize,
}

/// The counts a card shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub likes: usize,
    pub reposts: usize,
    /// Who reposted it, the first few names (each once).
    pub reposters: Vec<String>,
}

/// Names listed in `Tally::reposters` at most.
const REPOSTERS_SHOWN: usize = 3;

#[derive(Debug, Default)]
pub struct Reactions {
    by_tweet: HashMap<String, TweetReactions>,
    /// Tweet ids in the order they were first reacted to (eviction order).
    order: VecDeque<String>,
    votes: usize,
    /// Deletions of tweets not here yet, by tweet id, oldest first out.
    held_deletions: HashMap<String, Reaction>,
    deletion_order: VecDeque<String>,
}

impl Reactions {
    /// Takes a like, unlike, repost or unrepost in; returns whether a count
    /// changed. Deletions are not votes (see `Timeline`).
    pub fn apply(&mut self, reaction: &Reaction) -> bool {
        let (likes, on) = match reaction.kind {
            ReactionKind::Like => (true, true),
            ReactionKind::Unlike => (true, false),
            ReactionKind::Repost => (false, true),
            ReactionKind::Unrepost => (false, false),
            ReactionKind::Delete => return false,
        };
        if !self.by_tweet.contains_key(&reaction.target) {
            self.order.push_back(reaction.target.clone());
        }
        let tweet = self.by_tweet.entry(reaction.target.clone()).or_default();
        let votes = if likes {
            &mut tweet.likes
        } else {
            &mut tweet.reposts
        };
        let before = votes.by_key.len();
        let changed = votes.cast(reaction, on);
        self.votes = self.votes + votes.by_key.len() - before;
        self.evict_over_bound();
        changed
    }

    fn evict_over_bound(&mut self) {
        while self.votes > MAX_VOTES {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            if let Some(gone) = self.by_tweet.remove(&oldest) {
                self.votes -= gone.votes();
            }
        }
    }

    pub fn tally(&self, tweet_id: &str) -> Tally {
        let Some(tweet) = self.by_tweet.get(tweet_id) else {
            return Tally::default();
        };
        let mut reposters: Vec<String> = Vec::new();
        let names = tweet.reposts.by_key.values().filter(|v| v.on);
        for user in names.filter_map(|v| v.user.as_ref()) {
            if reposters.len() == REPOSTERS_SHOWN {
                break;
            }
            if !reposters.contains(user) {
                reposters.push(user.clone());
            }
        }
        reposters.sort();
        Tally {
            likes: tweet.likes.on,
            reposts: tweet.reposts.on,
            reposters,
        }
    }

    /// Whether `key` likes (`likes`) or reposted the tweet now.
    pub fn by_key(&self, tweet_id: &str, key: &AuthorKey, likes: bool) -> bool {
        self.by_tweet.get(tweet_id).is_some_and(|tweet| {
            let votes = if likes { &tweet.likes } else { &tweet.reposts };
            votes.by_key.get(key).is_some_and(|vote| vote.on)
        })
    }

    /// A deletion of a tweet not seen yet: kept until it arrives (bounded).
    pub fn hold_deletion(&mut self, deletion: &Reaction) {
        let target = deletion.target.clone();
        if self
            .held_deletions
            .insert(target.clone(), deletion.clone())
            .is_none()
        {
            self.deletion_order.push_back(target);
        }
        while self.held_deletions.len() > MAX_HELD_DELETIONS {
            if let Some(oldest) = self.deletion_order.pop_front() {
                self.held_deletions.remove(&oldest);
            }
        }
    }

    /// The deletion held for `tweet_id`, if one came before it.
    pub fn take_deletion(&mut self, tweet_id: &str) -> Option<Reaction> {
        let deletion = self.held_deletions.remove(tweet_id)?;
        self.deletion_order.retain(|id| id != tweet_id);
        Some(deletion)
    }

    /// Votes held (for the bound's tests and figures).
    pub fn votes(&self) -> usize {
        self.votes
    }
}

impl Votes {
    /// One key's vote, unless an earlier-sent word arrives after a later
    /// one; returns whether that key's vote changed.
    fn cast(&mut self, reaction: &Reaction, on: bool) -> bool {
        let key = reaction.signed.key;
        if let Some(held) = self.by_key.get(&key)
            && let (Some(held_at), Some(at)) = (held.at, reaction.sent_at)
            && at < held_at
        {
            return false;
        }
        let vote = Vote {
            on,
            at: reaction.sent_at,
            user: (reaction.signed.trust != Trust::KeyChanged).then(|| reaction.user.clone()),
        };
        let before = self.by_key.insert(key, vote).is_some_and(|v| v.on);
        match (before, on) {
            (false, true) => self.on += 1,
            (true, false) => self.on -= 1,
            _ => {}
        }
        before != on
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::author_key::Signed;

    fn reaction(kind: ReactionKind, by: u8, target: &str, secs: i64) -> Reaction {
        Reaction {
            kind,
            id: format!("r{by}{secs}"),
            user: format!("user{by}"),
            target: target.into(),
            target_user: None,
            tags: vec!["rust".into()],
            sent_at: DateTime::from_timestamp(1_700_000_000 + secs, 0),
            signed: Signed {
                key: AuthorKey::from_bytes([by; 32]),
                trust: Trust::Verified,
            },
        }
    }

    #[test]
    fn likes_count_once_per_key_and_the_latest_word_wins() {
        let mut reactions = Reactions::default();
        assert!(reactions.apply(&reaction(ReactionKind::Like, 1, "t", 1)));
        assert!(
            !reactions.apply(&reaction(ReactionKind::Like, 1, "t", 2)),
            "twice is once"
        );
        assert!(reactions.apply(&reaction(ReactionKind::Like, 2, "t", 3)));
        assert_eq!(reactions.tally("t").likes, 2);
        // An unlike sent before the like it would undo arrives late: ignored.
        assert!(!reactions.apply(&reaction(ReactionKind::Unlike, 2, "t", 0)));
        assert!(reactions.apply(&reaction(ReactionKind::Unlike, 2, "t", 4)));
        assert_eq!(reactions.tally("t").likes, 1);
        assert!(reactions.by_key("t", &AuthorKey::from_bytes([1; 32]), true));
        assert!(!reactions.by_key("t", &AuthorKey::from_bytes([2; 32]), true));
    }

    #[test]
    fn reposts_name_each_reposter_once() {
        let mut reactions = Reactions::default();
        for _ in 0..3 {
            reactions.apply(&reaction(ReactionKind::Repost, 7, "t", 1));
        }
        reactions.apply(&reaction(ReactionKind::Repost, 8, "t", 2));
        // Another key than the one pinned for the name it uses: counted,
        // never named.
        let mut impostor = reaction(ReactionKind::Repost, 9, "t", 3);
        impostor.user = "user1".into();
        impostor.signed.trust = Trust::KeyChanged;
        reactions.apply(&impostor);
        let tally = reactions.tally("t");
        assert_eq!((tally.reposts, tally.likes), (3, 0));
        assert_eq!(tally.reposters, ["user7", "user8"]);
    }

    #[test]
    fn a_like_flood_from_fresh_keys_stays_bounded() {
        let mut reactions = Reactions::default();
        for n in 0..(MAX_VOTES + 5_000) {
            let mut like = reaction(ReactionKind::Like, 1, &format!("t{}", n / 1_000), 1);
            let mut key = [0u8; 32];
            key[..8].copy_from_slice(&(n as u64).to_le_bytes());
            like.signed.key = AuthorKey::from_bytes(key);
            reactions.apply(&like);
        }
        assert!(reactions.votes() <= MAX_VOTES);
        assert_eq!(
            reactions.tally("t0").likes,
            0,
            "the oldest tweet's votes went first"
        );
        assert_eq!(reactions.tally("t104").likes, 1_000);
    }
}

//! The flood guard: one author (by signing key, else by name) posting more
//! than `rate` tweets a minute has the rest held back from the timeline, so
//! a flood neither buries nor evicts everyone else's tweets. What is held is
//! counted per author (one summary line each) and its newest few kept for
//! Show. Per tweet O(1): a ring of `SLOTS` counts per author; bounded:
//! `MAX_AUTHORS` authors tracked, `HELD_PER_AUTHOR` tweets kept each.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::core::model::author_key::AuthorKey;
use crate::core::model::tweet::Tweet;

/// Tweets a minute from one author before the rest are held (Settings).
pub const DEFAULT_FLOOD_RATE: u32 = 20;
/// Authors tracked at once; beyond it the idle are forgotten first.
pub const MAX_AUTHORS: usize = 4_096;
/// Held tweets kept per author for Show (the rest are only counted).
pub const HELD_PER_AUTHOR: usize = 50;
/// The minute, in slots of `SLOT_MILLIS`.
const SLOTS: usize = 12;
const SLOT_MILLIS: i64 = 5_000;

/// Who posted: the key when signed (a flood under changing names is one
/// author), else the name ("" for raw text with none).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FloodAuthor {
    Key(AuthorKey),
    Name(String),
}

impl FloodAuthor {
    pub fn of(tweet: &Tweet) -> Self {
        match tweet.signed {
            Some(signed) => Self::Key(signed.key),
            None => Self::Name(tweet.user.clone().unwrap_or_default()),
        }
    }
}

/// Counts per slot over the last minute.
#[derive(Debug, Clone, Default)]
struct Ring {
    counts: [u32; SLOTS],
}

impl Ring {
    fn sum(&self) -> u32 {
        self.counts.iter().sum()
    }
}

#[derive(Debug, Default)]
struct Activity {
    /// The slot (millis / `SLOT_MILLIS`) the rings were last moved to.
    slot: i64,
    arrived: Ring,
    held: Ring,
    /// The newest held tweets, newest first, for Show.
    kept: VecDeque<Tweet>,
    /// The name of the newest tweet, for the summary line.
    name: String,
}

impl Activity {
    /// Zeroes the slots that passed since the last tweet.
    fn advance(&mut self, slot: i64) {
        let passed = (slot - self.slot).clamp(0, SLOTS as i64);
        for step in 1..=passed {
            let at = (self.slot + step).rem_euclid(SLOTS as i64) as usize;
            self.arrived.counts[at] = 0;
            self.held.counts[at] = 0;
        }
        self.slot = self.slot.max(slot);
        if self.held.sum() == 0 {
            self.kept.clear();
        }
    }

    fn current(&self) -> usize {
        self.slot.rem_euclid(SLOTS as i64) as usize
    }
}

/// One author's flood, as its summary line shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flood {
    pub author: FloodAuthor,
    pub name: String,
    /// Tweets held back in the last minute.
    pub held: u32,
}

#[derive(Debug)]
pub struct FloodGuard {
    rate: u32,
    authors: HashMap<FloodAuthor, Activity>,
    /// Shown on request (Show): never held again this session.
    let_through: HashSet<FloodAuthor>,
    /// The slot of the last sweep of idle authors: at most one per slot.
    swept_at: i64,
}

impl Default for FloodGuard {
    fn default() -> Self {
        Self::new(DEFAULT_FLOOD_RATE)
    }
}

impl FloodGuard {
    /// `rate` 0 turns the guard off.
    pub fn new(rate: u32) -> Self {
        Self {
            rate,
            authors: HashMap::new(),
            let_through: HashSet::new(),
            swept_at: i64::MIN,
        }
    }

    pub fn set_rate(&mut self, rate: u32) {
        self.rate = rate;
    }

    /// Whether `tweet`, arriving at `now_millis`, joins the timeline; false:
    /// held back and counted on its author's summary line.
    pub fn admit(&mut self, tweet: &Tweet, now_millis: i64) -> bool {
        if self.rate == 0 {
            return true;
        }
        let author = FloodAuthor::of(tweet);
        if self.let_through.contains(&author) {
            return true;
        }
        let slot = now_millis.div_euclid(SLOT_MILLIS);
        if !self.authors.contains_key(&author) && !self.make_room(slot) {
            // Thousands of authors at once, none idle: each is under any
            // rate a person could read anyway.
            return true;
        }
        let activity = self.authors.entry(author).or_insert_with(|| Activity {
            slot,
            ..Activity::default()
        });
        activity.advance(slot);
        let at = activity.current();
        activity.arrived.counts[at] = activity.arrived.counts[at].saturating_add(1);
        activity.name = tweet.user.clone().unwrap_or_default();
        if activity.arrived.sum() <= self.rate {
            return true;
        }
        activity.held.counts[at] = activity.held.counts[at].saturating_add(1);
        activity.kept.push_front(tweet.clone());
        activity.kept.truncate(HELD_PER_AUTHOR);
        false
    }

    /// Room for one more author: idle ones are forgotten, at most one sweep
    /// a slot (so a full table costs O(1) amortized per tweet).
    fn make_room(&mut self, slot: i64) -> bool {
        if self.authors.len() < MAX_AUTHORS {
            return true;
        }
        if self.swept_at != slot {
            self.swept_at = slot;
            self.authors.retain(|_, activity| {
                activity.advance(slot);
                activity.arrived.sum() > 0
            });
        }
        self.authors.len() < MAX_AUTHORS
    }

    /// The authors with tweets held in the last minute, most held first.
    /// A walk over the authors tracked (at most `MAX_AUTHORS`).
    pub fn floods(&self, now_millis: i64) -> Vec<Flood> {
        let slot = now_millis.div_euclid(SLOT_MILLIS);
        let mut floods: Vec<Flood> = self
            .authors
            .iter()
            .filter_map(|(author, activity)| {
                let held = held_since(activity, slot);
                (held > 0).then(|| Flood {
                    author: author.clone(),
                    name: activity.name.clone(),
                    held,
                })
            })
            .collect();
        floods.sort_by(|a, b| b.held.cmp(&a.held).then_with(|| a.name.cmp(&b.name)));
        floods
    }

    /// Show: `author` is let through from now on; their newest held
    /// tweets (oldest first, to insert in order) are handed back.
    pub fn let_through(&mut self, author: &FloodAuthor) -> Vec<Tweet> {
        if self.let_through.len() >= MAX_AUTHORS {
            // Shows are clicks: this many means a very long session.
            self.let_through.clear();
        }
        self.let_through.insert(author.clone());
        self.authors
            .remove(author)
            .map(|activity| activity.kept.into_iter().rev().collect())
            .unwrap_or_default()
    }

    pub fn authors_tracked(&self) -> usize {
        self.authors.len()
    }
}

/// Held in the minute up to `slot`, without changing the rings.
fn held_since(activity: &Activity, slot: i64) -> u32 {
    let passed = (slot - activity.slot).max(0);
    if passed >= SLOTS as i64 {
        return 0;
    }
    (0..SLOTS as i64 - passed)
        .map(|back| activity.held.counts[(activity.slot - back).rem_euclid(SLOTS as i64) as usize])
        .sum()
}

#[cfg(test)]
#[path = "flood_guard/tests.rs"]
mod tests;

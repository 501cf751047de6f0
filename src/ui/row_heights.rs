//! Heights of the timeline's rows, measured when drawn and estimated until
//! then, so only the rows on screen are laid out each frame.
//!
//! Rows follow the timeline's insertions (`Timeline::inserted_since`): a
//! new tweet at the front, a late one in the middle and evictions at the
//! back each cost a step per insertion (a memmove of the shorter side of a
//! list of floats), never a walk over the whole timeline.

use std::collections::VecDeque;

use crate::core::model::timeline::Timeline;

/// The height guessed for a row not yet drawn (a two-line card).
const ESTIMATE: f32 = 84.0;

#[derive(Debug, Default)]
pub struct RowHeights {
    /// `Timeline::insertions` as of the last sync.
    mark: u64,
    /// Index 0 is the newest row, as in the timeline.
    heights: VecDeque<f32>,
    total: f32,
}

/// What changed above the row being read since the last frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AddedAbove {
    pub rows: usize,
    pub height: f32,
}

const NONE_ADDED: AddedAbove = AddedAbove {
    rows: 0,
    height: 0.0,
};

impl RowHeights {
    /// Catches up with the timeline; returns the rows that landed at or
    /// above row `anchor` (as indexed in the last frame): what pushed the
    /// row being read down.
    pub fn sync(&mut self, timeline: &Timeline, anchor: usize) -> AddedAbove {
        if timeline.is_empty() {
            *self = Self::default();
            return NONE_ADDED;
        }
        let replayed = match timeline.inserted_since(self.mark) {
            Some(indices) if !self.heights.is_empty() => Some(self.replay(indices, anchor)),
            _ => None,
        };
        let added = replayed.unwrap_or_else(|| {
            // The first sync, or more insertions missed than the timeline
            // remembers: start again from estimates.
            *self = Self::default();
            NONE_ADDED
        });
        self.mark = timeline.insertions();
        while self.heights.len() > timeline.len() {
            if let Some(height) = self.heights.pop_back() {
                self.total -= height;
            }
        }
        while self.heights.len() < timeline.len() {
            self.heights.push_back(ESTIMATE);
            self.total += ESTIMATE;
        }
        added
    }

    /// Makes room for each insertion where it went. Evicted rows stay at
    /// the back until `sync` trims them, so every index still fits.
    fn replay(&mut self, indices: impl Iterator<Item = usize>, mut anchor: usize) -> AddedAbove {
        let mut added = NONE_ADDED;
        for index in indices {
            let at = index.min(self.heights.len());
            self.heights.insert(at, ESTIMATE);
            self.total += ESTIMATE;
            if at <= anchor {
                anchor += 1;
                added.rows += 1;
                added.height += ESTIMATE;
            }
        }
        added
    }

    pub fn total(&self) -> f32 {
        self.total.max(0.0)
    }

    /// Records the measured height of row `index`.
    pub fn set(&mut self, index: usize, height: f32) {
        if let Some(slot) = self.heights.get_mut(index) {
            self.total += height - *slot;
            *slot = height;
        }
    }

    /// Where row `index` starts (rows never drawn count at their estimate).
    pub fn top_of(&self, index: usize) -> f32 {
        self.heights.iter().take(index).sum()
    }

    /// Row `index`'s height, as last measured.
    pub fn height(&self, index: usize) -> f32 {
        self.heights.get(index).copied().unwrap_or(0.0)
    }

    /// The first row that reaches below `y`, and where it starts. A row
    /// of no height (hidden: muted, forged) starting at or below `y` counts,
    /// so it is judged again when drawn (an undone mute shows it).
    pub fn first_visible(&self, y: f32) -> (usize, f32) {
        let mut top = 0.0;
        for (index, height) in self.heights.iter().enumerate() {
            if top + height > y || (*height == 0.0 && top >= y) {
                return (index, top);
            }
            top += height;
        }
        (self.heights.len(), top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::tweet::{Tweet, WireFormat};

    /// Tweet `id`, written and received at `second`.
    fn tweet(id: usize, second: i64) -> Tweet {
        let at = chrono::DateTime::from_timestamp(1_800_000_000 + second, 0).unwrap_or_default();
        Tweet {
            quote: None,
            deferred_signature: None,
            id: id.to_string(),
            user: None,
            text: String::new(),
            tags: Vec::new(),
            sent_at: None,
            received_at: at,
            format: WireFormat::Chirp,
            reply_to: None,
            signed: None,
        }
    }

    #[test]
    fn follows_the_timeline_at_both_ends() {
        let mut timeline = Timeline::with_limit(3);
        let mut heights = RowHeights::default();
        timeline.insert_received(&tweet(1, 0));
        assert_eq!(
            heights.sync(&timeline, 0).rows,
            0,
            "the first sync adds no offset"
        );
        heights.set(0, 10.0);
        timeline.insert_received(&tweet(2, 1));
        timeline.insert_received(&tweet(3, 2));
        let added = heights.sync(&timeline, 0);
        assert_eq!(added.rows, 2);
        assert_eq!(heights.total(), 10.0 + 2.0 * ESTIMATE);
        heights.set(0, 20.0);
        heights.set(1, 30.0);
        assert_eq!(heights.first_visible(0.0), (0, 0.0));
        assert_eq!(heights.first_visible(25.0), (1, 20.0));
        assert_eq!(heights.first_visible(55.0), (2, 50.0));
        // The oldest (10 px) is evicted by a fourth tweet.
        timeline.insert_received(&tweet(4, 3));
        assert_eq!(heights.sync(&timeline, 0).rows, 1);
        assert_eq!(heights.total(), ESTIMATE + 20.0 + 30.0);
    }

    #[test]
    fn a_late_tweet_makes_room_where_it_lands() {
        let mut timeline = Timeline::with_limit(10);
        let mut heights = RowHeights::default();
        for (id, second) in [(1, 10), (2, 20), (3, 30)] {
            timeline.insert_received(&tweet(id, second));
        }
        heights.sync(&timeline, 0);
        for (index, height) in [10.0, 20.0, 30.0].into_iter().enumerate() {
            heights.set(index, height);
        }
        // Written at second 15: between the rows of 10 and 20 (indices 2, 1).
        timeline.insert_received(&tweet(4, 15));
        let added = heights.sync(&timeline, 1);
        assert_eq!(added.rows, 0, "below the row being read: nothing moves");
        assert_eq!(
            (0..4).map(|i| heights.height(i)).collect::<Vec<_>>(),
            [10.0, 20.0, ESTIMATE, 30.0],
            "measured heights stay with their rows"
        );
        // Written at second 25: above the row being read (index 1).
        timeline.insert_received(&tweet(5, 25));
        assert_eq!(heights.sync(&timeline, 1).rows, 1);
        assert_eq!(heights.height(2), 20.0);
    }

    #[test]
    fn too_many_insertions_missed_start_again_from_estimates() {
        let mut timeline = Timeline::with_limit(10);
        let mut heights = RowHeights::default();
        timeline.insert_received(&tweet(0, 0));
        heights.sync(&timeline, 0);
        heights.set(0, 10.0);
        for n in 1..=70_000 {
            timeline.insert_received(&tweet(n, i64::try_from(n).unwrap_or_default()));
        }
        assert_eq!(heights.sync(&timeline, 0).rows, 0);
        assert_eq!(heights.total(), 10.0 * ESTIMATE);
    }
}

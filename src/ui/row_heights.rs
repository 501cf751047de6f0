//! Heights of the timeline's rows, measured when drawn and estimated until
//! then, so only the rows on screen are laid out each frame.
//!
//! Rows follow the timeline by sequence number: new tweets at the front and
//! evictions at the back change only the ends, in time proportional to the
//! change, never to the length of the timeline.

use std::collections::VecDeque;

use crate::core::model::timeline::Timeline;

/// The height guessed for a row not yet drawn (a two-line card).
const ESTIMATE: f32 = 84.0;

#[derive(Debug, Default)]
pub struct RowHeights {
    newest_seq: u64,
    /// Index 0 is the newest row, as in the timeline.
    heights: VecDeque<f32>,
    total: f32,
}

/// What changed at the top since the last frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AddedAbove {
    pub rows: usize,
    pub height: f32,
}

impl RowHeights {
    /// Catches up with the timeline; returns the rows added at the top.
    pub fn sync(&mut self, timeline: &Timeline) -> AddedAbove {
        let none = AddedAbove {
            rows: 0,
            height: 0.0,
        };
        if timeline.is_empty() {
            *self = Self::default();
            return none;
        }
        if self.heights.is_empty() {
            self.newest_seq = timeline.newest_seq();
        }
        let new_rows = timeline.newest_seq().saturating_sub(self.newest_seq) as usize;
        let added = if new_rows > timeline.len() || timeline.newest_seq() < self.newest_seq {
            // Out of step (never expected): start again from estimates.
            *self = Self::default();
            self.newest_seq = timeline.newest_seq();
            none
        } else {
            for _ in 0..new_rows {
                self.heights.push_front(ESTIMATE);
            }
            self.total += new_rows as f32 * ESTIMATE;
            self.newest_seq = timeline.newest_seq();
            AddedAbove {
                rows: new_rows,
                height: new_rows as f32 * ESTIMATE,
            }
        };
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

    fn tweet(id: usize) -> Tweet {
        Tweet {
            quote: None,
            deferred_signature: None,
            id: id.to_string(),
            user: None,
            text: String::new(),
            tags: Vec::new(),
            sent_at: None,
            received_at: chrono::Utc::now(),
            format: WireFormat::Chirp,
            reply_to: None,
            signed: None,
        }
    }

    #[test]
    fn follows_the_timeline_at_both_ends() {
        let mut timeline = Timeline::with_limit(3);
        let mut heights = RowHeights::default();
        timeline.insert_received(&tweet(1));
        assert_eq!(
            heights.sync(&timeline).rows,
            0,
            "the first sync adds no offset"
        );
        heights.set(0, 10.0);
        timeline.insert_received(&tweet(2));
        timeline.insert_received(&tweet(3));
        let added = heights.sync(&timeline);
        assert_eq!(added.rows, 2);
        assert_eq!(heights.total(), 10.0 + 2.0 * ESTIMATE);
        heights.set(0, 20.0);
        heights.set(1, 30.0);
        assert_eq!(heights.first_visible(0.0), (0, 0.0));
        assert_eq!(heights.first_visible(25.0), (1, 20.0));
        assert_eq!(heights.first_visible(55.0), (2, 50.0));
        // The oldest (10 px) is evicted by a fourth tweet.
        timeline.insert_received(&tweet(4));
        assert_eq!(heights.sync(&timeline).rows, 1);
        assert_eq!(heights.total(), ESTIMATE + 20.0 + 30.0);
    }
}

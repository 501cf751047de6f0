//! The tweet picked with j and k: drawn outlined, and what r, l, m and o
//! act on. Kept by its key in the timeline, so it stays on its tweet while
//! others land above or below it.

use crate::core::model::timeline::{RowKey, Timeline};

#[derive(Debug, Default)]
pub struct Selection {
    /// The key of the selected row (None: nothing selected).
    key: Option<RowKey>,
    /// Steps asked for since the last frame (+1: older, -1: newer).
    pending: isize,
}

impl Selection {
    /// Moves by `delta` rows at the next frame (+1: the next, older tweet).
    pub fn step(&mut self, delta: isize) {
        self.pending += delta;
    }

    /// Selects nothing; true when something was selected.
    pub fn clear(&mut self) -> bool {
        self.pending = 0;
        self.key.take().is_some()
    }

    pub fn key(&self) -> Option<RowKey> {
        self.key
    }

    /// Where the selected tweet is in `timeline` (None: none selected, or
    /// it has left the timeline).
    pub fn index(&self, timeline: &Timeline) -> Option<usize> {
        timeline.position(self.key?)
    }

    /// Carries out the steps asked for: from the selected row, or from
    /// `first_shown` when none is, to the next row that `shown` allows.
    /// The new index when the selection moved.
    pub fn settle(
        &mut self,
        timeline: &Timeline,
        first_shown: usize,
        shown: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let delta = std::mem::take(&mut self.pending);
        if delta == 0 || timeline.is_empty() {
            return None;
        }
        let Some(mut index) = self.index(timeline) else {
            // The first press picks the top row on screen.
            let first = (first_shown..timeline.len()).find(|i| shown(*i))?;
            return Some(self.select(timeline, first));
        };
        let mut remaining = delta.unsigned_abs();
        let mut at = index;
        while remaining > 0 {
            match at.checked_add_signed(delta.signum()) {
                Some(next) if next < timeline.len() => at = next,
                _ => break,
            }
            if shown(at) {
                index = at;
                remaining -= 1;
            }
        }
        Some(self.select(timeline, index))
    }

    fn select(&mut self, timeline: &Timeline, index: usize) -> usize {
        self.key = timeline.key(index);
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::timeline::TimelineEntry;
    use crate::core::model::tweet::{Tweet, WireFormat};

    fn tweet(id: &str) -> Tweet {
        sent(id, chrono::Utc::now())
    }

    /// Tweet `id`, written at `at`.
    fn sent(id: &str, at: chrono::DateTime<chrono::Utc>) -> Tweet {
        Tweet {
            quote: None,
            deferred_signature: None,
            id: id.to_owned(),
            user: Some("ann".into()),
            text: format!("tweet {id}"),
            tags: vec!["garden".into()],
            sent_at: Some(at),
            received_at: chrono::Utc::now(),
            format: WireFormat::Chirp,
            reply_to: None,
            signed: None,
        }
    }

    fn timeline(count: usize) -> Timeline {
        let mut timeline = Timeline::with_limit(100);
        for n in 0..count {
            timeline.insert_received(&tweet(&format!("id{n}")));
        }
        timeline
    }

    #[test]
    fn the_first_step_picks_the_top_row_shown_then_moves_over_hidden_rows() {
        let timeline = timeline(5);
        let mut selection = Selection::default();
        selection.step(1);
        assert_eq!(selection.settle(&timeline, 1, |_| true), Some(1));
        selection.step(1);
        assert_eq!(selection.settle(&timeline, 0, |i| i != 2), Some(3));
        selection.step(-1);
        assert_eq!(selection.settle(&timeline, 0, |i| i != 2), Some(1));
        selection.step(-1);
        selection.step(-1);
        assert_eq!(
            selection.settle(&timeline, 0, |_| true),
            Some(0),
            "stops at the top"
        );
        assert_eq!(selection.index(&timeline), Some(0));
    }

    #[test]
    fn stays_on_its_tweet_when_newer_ones_arrive() {
        let mut timeline = timeline(3);
        let mut selection = Selection::default();
        selection.step(1);
        selection.settle(&timeline, 1, |_| true);
        let id = timeline.get(1).map(|e| e.id().to_owned());
        timeline.insert_received(&tweet("new"));
        let index = selection.index(&timeline);
        assert_eq!(index, Some(2));
        assert_eq!(
            index
                .and_then(|i| timeline.get(i))
                .map(|e| e.id().to_owned()),
            id
        );
        assert!(selection.clear());
        assert_eq!(selection.index(&timeline), None);
    }

    #[test]
    fn stays_on_its_tweet_when_a_late_one_lands_above_or_below() {
        let second = |n: i64| chrono::DateTime::from_timestamp(1_700_000_000 + n, 0);
        let mut timeline = Timeline::with_limit(100);
        for n in [10, 20, 30] {
            timeline.insert_received(&sent(&format!("at-{n}"), second(n).unwrap_or_default()));
        }
        let mut selection = Selection::default();
        selection.step(1);
        assert_eq!(selection.settle(&timeline, 1, |_| true), Some(1));
        for (id, n) in [("late-below", 5), ("late-between", 15), ("late-above", 25)] {
            timeline.insert_received(&sent(id, second(n).unwrap_or_default()));
        }
        let index = selection.index(&timeline);
        assert_eq!(index, Some(2), "one landed above it");
        let selected = index.and_then(|i| timeline.get(i)).map(TimelineEntry::id);
        assert_eq!(selected, Some("at-20"));
    }
}

//! Which hashtags are active on the broker: per-tag counts by minute for the
//! last hour and an exponentially decayed rate to rank by. Bounded: beyond
//! `MAX_TAGS` the least active tag is forgotten, however many tags appear.

use std::collections::HashMap;

/// Tags tracked at once.
pub const MAX_TAGS: usize = 500;
/// Minutes of history per tag (the sparkline and the hour's count).
pub const MINUTES: usize = 60;
/// The decayed rate halves after this many seconds without messages.
const HALF_LIFE_SECS: f64 = 300.0;

#[derive(Debug, Clone)]
struct Activity {
    /// Messages per minute; `counts[minute % MINUTES]` for the minute.
    counts: [u32; MINUTES],
    /// The minute `counts` was last written for (seconds / 60).
    last_minute: i64,
    /// Messages, decayed with `HALF_LIFE_SECS`, as of `rate_at` seconds.
    rate: f64,
    rate_at: f64,
}

impl Activity {
    fn new(now_secs: f64) -> Self {
        Self {
            counts: [0; MINUTES],
            last_minute: minute_of(now_secs),
            rate: 0.0,
            rate_at: now_secs,
        }
    }

    /// Zeroes the minutes that passed without a message.
    fn advance(&mut self, minute: i64) {
        let passed = (minute - self.last_minute).clamp(0, MINUTES as i64);
        for step in 1..=passed {
            self.counts[slot(self.last_minute + step)] = 0;
        }
        self.last_minute = self.last_minute.max(minute);
    }

    fn rate_at(&self, now_secs: f64) -> f64 {
        let elapsed = (now_secs - self.rate_at).max(0.0);
        self.rate * 0.5f64.powf(elapsed / HALF_LIFE_SECS)
    }

    /// Messages in the `minutes` minutes up to `last_minute` (after `advance`).
    fn sum(&self, minutes: usize) -> u32 {
        (0..minutes as i64)
            .map(|back| self.counts[slot(self.last_minute - back)])
            .sum()
    }
}

fn minute_of(secs: f64) -> i64 {
    (secs / 60.0).floor() as i64
}

fn slot(minute: i64) -> usize {
    minute.rem_euclid(MINUTES as i64) as usize
}

/// One tag's figures, as the Discover view shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct TagTrend {
    pub tag: String,
    pub last_5_minutes: u32,
    pub last_hour: u32,
    /// Decayed messages (half-life 5 minutes): the ranking.
    pub rate: f64,
    /// Per minute, oldest first, the current minute last.
    pub sparkline: [u32; MINUTES],
}

#[derive(Debug, Default)]
pub struct Trending {
    tags: HashMap<String, Activity>,
}

impl Trending {
    /// One message on `tag` at `now_secs` (seconds since the epoch).
    pub fn record(&mut self, tag: &str, now_secs: f64) {
        if !self.tags.contains_key(tag) && self.tags.len() >= MAX_TAGS {
            self.forget_least_active(now_secs);
        }
        let activity = self
            .tags
            .entry(tag.to_owned())
            .or_insert_with(|| Activity::new(now_secs));
        let minute = minute_of(now_secs);
        activity.advance(minute);
        if minute > activity.last_minute - MINUTES as i64 {
            activity.counts[slot(minute)] += 1;
        }
        activity.rate = activity.rate_at(now_secs) + 1.0;
        activity.rate_at = activity.rate_at.max(now_secs);
    }

    fn forget_least_active(&mut self, now_secs: f64) {
        let least = self
            .tags
            .iter()
            .min_by(|a, b| a.1.rate_at(now_secs).total_cmp(&b.1.rate_at(now_secs)))
            .map(|(tag, _)| tag.clone());
        if let Some(tag) = least {
            self.tags.remove(&tag);
        }
    }

    pub fn len(&self) -> usize {
        self.tags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    /// The `limit` most active tags at `now_secs`, most active first.
    pub fn top(&self, limit: usize, now_secs: f64) -> Vec<TagTrend> {
        let now_minute = minute_of(now_secs);
        let mut trends: Vec<TagTrend> = self
            .tags
            .iter()
            .map(|(tag, activity)| {
                let mut current = activity.clone();
                current.advance(now_minute);
                let mut sparkline = [0; MINUTES];
                for (index, value) in sparkline.iter_mut().enumerate() {
                    let minute = current.last_minute - (MINUTES - 1 - index) as i64;
                    *value = current.counts[slot(minute)];
                }
                TagTrend {
                    tag: tag.clone(),
                    last_5_minutes: current.sum(5),
                    last_hour: current.sum(MINUTES),
                    rate: activity.rate_at(now_secs),
                    sparkline,
                }
            })
            .collect();
        trends.sort_by(|a, b| b.rate.total_cmp(&a.rate).then_with(|| a.tag.cmp(&b.tag)));
        trends.truncate(limit);
        trends
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Half a minute into a minute, so a few seconds back is the same minute.
    const T0: f64 = 1_800_000_030.0;

    #[test]
    fn counts_by_window_and_ranks_by_decayed_rate() {
        let mut trending = Trending::default();
        // #old: 10 messages an hour ago (-50 min); #new: 3 in the last minute.
        for _ in 0..10 {
            trending.record("old", T0 - 50.0 * 60.0);
        }
        for n in 0..3 {
            trending.record("new", T0 - f64::from(n));
        }
        let top = trending.top(10, T0);
        assert_eq!(top[0].tag, "new", "recent activity ranks first");
        assert_eq!((top[0].last_5_minutes, top[0].last_hour), (3, 3));
        assert_eq!((top[1].last_5_minutes, top[1].last_hour), (0, 10));
        assert_eq!(top[0].sparkline[MINUTES - 1], 3);
        assert_eq!(top[1].sparkline[MINUTES - 1 - 50], 10);
        // Two hours on, the hour's count is gone but the tag is remembered.
        let later = trending.top(10, T0 + 2.0 * 3600.0);
        assert!(later.iter().all(|t| t.last_hour == 0));
        assert_eq!(later.len(), 2);
    }

    #[test]
    fn memory_stays_bounded_however_many_tags_appear() {
        let mut trending = Trending::default();
        for _ in 0..5 {
            trending.record("steady", T0);
        }
        for n in 0..10_000 {
            trending.record(&format!("tag{n}"), T0 + 1.0);
        }
        assert_eq!(trending.len(), MAX_TAGS);
        assert_eq!(
            trending.top(1, T0 + 1.0)[0].tag,
            "steady",
            "the busiest stays"
        );
    }

    #[test]
    fn a_minute_slot_is_reused_only_after_an_hour() {
        let mut trending = Trending::default();
        trending.record("x", T0);
        trending.record("x", T0 + 3600.0);
        let top = trending.top(1, T0 + 3600.0);
        assert_eq!(top[0].last_hour, 1, "the hour-old message left the window");
    }
}

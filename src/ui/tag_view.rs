//! One hashtag's tweets on their own, and the unread counts of followed
//! hashtags. The view keeps a timeline of its own (only that tag's tweets,
//! filled from the main one when opened, then kept in step), so it scrolls
//! with the same virtualized view at the same cost.

use std::collections::HashMap;

use egui::RichText;

use super::style;
use super::timeline_view::TimelineView;
use crate::core::timeline::{HistoryEntry, Timeline};
use crate::core::tweet::Tweet;

struct OneTag {
    tag: String,
    timeline: Timeline,
    view: TimelineView,
}

#[derive(Default)]
pub struct TagViews {
    shown: Option<OneTag>,
    /// Tweets that arrived on a followed tag while its view was not shown.
    /// One entry per followed tag at most.
    unread: HashMap<String, usize>,
}

impl TagViews {
    /// The tag whose tweets are shown alone, if any.
    pub fn shown(&self) -> Option<&str> {
        self.shown.as_ref().map(|one| one.tag.as_str())
    }

    pub fn unread(&self, tag: &str) -> usize {
        self.unread.get(tag).copied().unwrap_or(0)
    }

    /// Shows only `tag`'s tweets (None: all of them again).
    pub fn show(&mut self, tag: Option<String>, main: &Timeline, limit: usize) {
        let Some(tag) = tag else {
            self.shown = None;
            return;
        };
        if self.shown() == Some(tag.as_str()) {
            return;
        }
        self.unread.remove(&tag);
        let mut timeline = Timeline::with_limit(limit);
        // Newest first, as the main timeline holds them.
        timeline.extend_older(
            main.iter()
                .filter(|entry| entry.tags().any(|t| t == tag))
                .map(|entry| HistoryEntry {
                    tweet: entry.to_tweet(),
                    own: entry.own,
                    delivery: entry.delivery,
                }),
        );
        self.shown = Some(OneTag {
            tag,
            timeline,
            view: TimelineView::default(),
        });
    }

    /// A tweet new to the main timeline: into the view if it is the view's
    /// tag, else counted unread on each followed tag it carries.
    pub fn received(&mut self, tweet: &Tweet, is_followed: impl Fn(&str) -> bool) {
        for tag in &tweet.tags {
            if self.shown() == Some(tag.as_str()) {
                if let Some(one) = &mut self.shown {
                    one.timeline.insert_received(tweet);
                }
            } else if is_followed(tag) {
                *self.unread.entry(tag.clone()).or_default() += 1;
            }
        }
    }

    /// A tweet written here: into the view if it is under the view's tag.
    pub fn posted(&mut self, tweet: &Tweet) {
        if let Some(one) = &mut self.shown
            && tweet.tags.contains(&one.tag)
        {
            one.timeline.insert_own(tweet);
        }
    }

    pub fn acknowledged(&mut self, id: &str) {
        if let Some(one) = &mut self.shown {
            one.timeline.mark_acknowledged(id);
        }
    }

    /// A tag no longer followed has no unread count.
    pub fn unfollowed(&mut self, tag: &str) {
        self.unread.remove(tag);
    }

    /// Draws the shown tag's timeline with a header, or the main timeline.
    /// Returns true when the user asked to see all tweets again.
    pub fn timeline_ui(
        &mut self,
        ui: &mut egui::Ui,
        main_view: &mut TimelineView,
        main: &Timeline,
        connected: bool,
    ) -> bool {
        let Some(one) = &mut self.shown else {
            main_view.ui(ui, main, connected);
            return false;
        };
        let mut show_all = false;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("#{}", one.tag))
                    .strong()
                    .color(style::ACCENT),
            );
            ui.label(RichText::new("only").color(style::weak(ui)));
            show_all = ui.button("Show all tweets").clicked();
        });
        ui.add_space(4.0);
        one.view.ui(ui, &one.timeline, connected);
        show_all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compose::prepare;

    fn tweet(text: &str) -> Tweet {
        prepare("ada", text, &[], false).expect("valid").tweet
    }

    #[test]
    fn a_tag_view_holds_its_tweets_and_clears_its_unread_count() {
        let mut main = Timeline::with_limit(100);
        let mut views = TagViews::default();
        let followed = |tag: &str| tag == "rust" || tag == "mqtt";
        for text in ["one #rust", "two #mqtt", "three #rust #mqtt"] {
            let t = tweet(text);
            main.insert_received(&t);
            views.received(&t, followed);
        }
        assert_eq!((views.unread("rust"), views.unread("mqtt")), (2, 2));
        views.show(Some("rust".into()), &main, 100);
        assert_eq!(views.unread("rust"), 0);
        let shown = views.shown.as_ref().expect("shown");
        let texts: Vec<&str> = shown.timeline.iter().map(|e| e.text()).collect();
        assert_eq!(texts, ["three #rust #mqtt", "one #rust"]);

        let four = tweet("four #rust #other");
        main.insert_received(&four);
        views.received(&four, followed);
        assert_eq!(views.shown.as_ref().map(|s| s.timeline.len()), Some(3));
        assert_eq!(views.unread("rust"), 0, "seen as it arrives");
        assert_eq!(views.unread("other"), 0, "not followed: not counted");
        views.show(None, &main, 100);
        assert_eq!(views.shown(), None);
    }
}

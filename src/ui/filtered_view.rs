//! The timeline narrowed to one hashtag, one person, a search (Ctrl+F),
//! one's mentions or a conversation, and the unread counts of followed
//! hashtags and people and of mentions. A narrowed view keeps a timeline of
//! its own (the matching tweets, taken from the main one when it opens and
//! kept in step after), so it scrolls with the same virtualized view at the
//! same cost; a search runs once per change of the query, not per frame.

use std::collections::HashMap;

use egui::RichText;

use super::i18n::Translate as _;
use super::style;
use super::timeline_view::{CardContext, TimelineView, TweetAction};
use crate::core::model::author_key::{AuthorKey, Trust};
use crate::core::model::timeline::{HistoryEntry, Timeline, TimelineEntry};
use crate::core::model::tweet::Tweet;
use crate::core::social::mutes::Scope;
use crate::core::social::search::{self, Filter, Query};

/// Which hashtags and people are followed: what an unread count is kept for.
pub struct Followed<'a> {
    pub tag: &'a dyn Fn(&str) -> bool,
    pub person: &'a dyn Fn(&str) -> bool,
}

struct Filtered {
    filter: Filter,
    timeline: Timeline,
    view: TimelineView,
}

/// What the user did in the view's header.
enum HeaderAction {
    ShowAll,
    Search(String),
}

#[derive(Default)]
pub struct FilteredViews {
    shown: Option<Filtered>,
    /// Tweets that arrived on a followed tag while its view was not shown.
    /// One entry per followed tag at most.
    unread: HashMap<String, usize>,
    /// Tweets by a followed person that arrived while their view was not
    /// shown. One entry per followed person at most.
    unread_people: HashMap<String, usize>,
    /// The search box is open (Ctrl+F), with what is typed in it.
    search: Option<String>,
    /// Tweets for the user that arrived while Mentions was not shown.
    unread_mentions: usize,
    /// Put the keyboard in the search box at the next frame.
    focus_search: bool,
}

impl FilteredViews {
    /// The hashtag whose tweets are shown alone, if any.
    pub fn shown_tag(&self) -> Option<&str> {
        match self.shown.as_ref().map(|f| &f.filter) {
            Some(Filter::Tag(tag)) => Some(tag),
            _ => None,
        }
    }

    /// The person whose tweets are shown alone, if any.
    pub fn shown_person(&self) -> Option<&str> {
        match self.shown.as_ref().map(|f| &f.filter) {
            Some(Filter::Person(user)) => Some(user),
            _ => None,
        }
    }

    pub fn unread_by(&self, user: &str) -> usize {
        self.unread_people.get(user).copied().unwrap_or(0)
    }

    pub fn is_narrowed(&self) -> bool {
        self.shown.is_some()
    }

    pub fn unread(&self, tag: &str) -> usize {
        self.unread.get(tag).copied().unwrap_or(0)
    }

    pub fn unread_mentions(&self) -> usize {
        self.unread_mentions
    }

    pub fn showing_mentions(&self) -> bool {
        matches!(
            self.shown.as_ref().map(|f| &f.filter),
            Some(Filter::Mentions(_))
        )
    }

    /// Shows only what `filter` matches (None: everything again).
    pub fn show(&mut self, filter: Option<Filter>, main: &Timeline, limit: usize) {
        let Some(filter) = filter else {
            self.shown = None;
            return;
        };
        if self.shown.as_ref().is_some_and(|f| f.filter == filter) {
            return;
        }
        match &filter {
            Filter::Tag(tag) => {
                self.unread.remove(tag);
                self.search = None;
            }
            Filter::Person(user) => {
                self.unread_people.remove(user);
                self.search = None;
            }
            Filter::Mentions(_) => {
                self.unread_mentions = 0;
                self.search = None;
            }
            Filter::Conversation(_) => self.search = None,
            Filter::Search { .. } => {}
        }
        let mut timeline = Timeline::with_limit(limit.max(1));
        // Newest first, as the main timeline holds them.
        timeline.extend_older(main.iter().filter(|e| filter.matches(e)).map(history));
        self.shown = Some(Filtered {
            filter,
            timeline,
            view: TimelineView::default(),
        });
    }

    /// `tweet` just joined the main timeline as `entry`: into the view if
    /// it matches, else counted unread on each followed tag it carries and
    /// on its author when followed, and as a mention when it is for `me`.
    /// True when it is a mention of `me` not seen as it arrived.
    pub fn received(
        &mut self,
        tweet: &Tweet,
        entry: Option<&TimelineEntry>,
        followed: Followed<'_>,
        me: Option<&str>,
    ) -> bool {
        if let (Some(shown), Some(entry)) = (&mut self.shown, entry)
            && shown.filter.matches(entry)
        {
            shown.filter.joined(entry);
            shown.timeline.insert_received(tweet);
        }
        for tag in &tweet.tags {
            if self.shown_tag() != Some(tag.as_str()) && (followed.tag)(tag) {
                *self.unread.entry(tag.clone()).or_default() += 1;
            }
        }
        if let Some(user) = tweet.user.as_deref()
            && self.shown_person() != Some(user)
            && (followed.person)(user)
        {
            *self.unread_people.entry(user.to_owned()).or_default() += 1;
        }
        let for_me = matches!((entry, me), (Some(entry), Some(me)) if search::concerns(entry, me));
        let unseen = for_me && !self.showing_mentions();
        if unseen {
            self.unread_mentions += 1;
        }
        unseen
    }

    /// A tweet written here, as `entry` in the main timeline.
    pub fn posted(&mut self, tweet: &Tweet, entry: Option<&TimelineEntry>) {
        if let (Some(shown), Some(entry)) = (&mut self.shown, entry)
            && shown.filter.matches(entry)
        {
            shown.filter.joined(entry);
            shown.timeline.insert_own(tweet);
        }
    }

    /// The tweets whose signatures wait to be checked among the rows shown
    /// (the narrowed view's, or else the main timeline's), each once.
    pub fn begin_checks(&mut self, main_view: &TimelineView, main: &mut Timeline) -> Vec<Tweet> {
        match &mut self.shown {
            Some(shown) => shown.timeline.begin_checks(shown.view.shown_rows()),
            None => main.begin_checks(main_view.shown_rows()),
        }
    }

    /// The checker's answer, for the narrowed view's copy.
    pub fn settle_signature(&mut self, id: &str, verified: bool) {
        if let Some(shown) = &mut self.shown {
            shown.timeline.settle_signature(id, verified);
        }
    }

    /// The narrowed view's copy of a tweet its author deleted.
    pub fn deleted(&mut self, id: &str, key: &AuthorKey) {
        if let Some(shown) = &mut self.shown {
            shown.timeline.delete(id, key);
        }
    }

    /// The narrowed view's copies of `user`'s tweets, judged again.
    pub fn rejudge(&mut self, user: &str, judge: impl Fn(&AuthorKey) -> Trust) {
        if let Some(shown) = &mut self.shown {
            shown.timeline.rejudge(user, judge);
        }
    }

    pub fn acknowledged(&mut self, id: &str) {
        if let Some(shown) = &mut self.shown {
            shown.timeline.mark_acknowledged(id);
        }
    }

    /// A tag no longer followed has no unread count, nor a view.
    pub fn unfollowed(&mut self, tag: &str) {
        self.unread.remove(tag);
        if self.shown_tag() == Some(tag) {
            self.shown = None;
        }
    }

    /// A person no longer followed has no unread count, nor a view.
    pub fn unfollowed_person(&mut self, user: &str) {
        self.unread_people.remove(user);
        if self.shown_person() == Some(user) {
            self.shown = None;
        }
    }

    /// Opens the search box (Ctrl+F).
    pub fn open_search(&mut self) {
        self.search.get_or_insert_with(String::new);
        self.focus_search = true;
    }

    pub fn searching(&self) -> bool {
        self.search.is_some()
    }

    /// Closes the search box, or the narrowed view: all tweets again.
    /// False when neither was open.
    pub fn close(&mut self) -> bool {
        let was_open = self.search.is_some() || self.shown.is_some();
        self.search = None;
        self.shown = None;
        was_open
    }

    /// The timeline on screen (narrowed, or `main`) and its view.
    pub fn active_view<'a>(
        &'a mut self,
        main_view: &'a mut TimelineView,
        main: &'a Timeline,
    ) -> (&'a mut TimelineView, &'a Timeline) {
        match &mut self.shown {
            Some(shown) => (&mut shown.view, &shown.timeline),
            None => (main_view, main),
        }
    }

    /// Draws the search box and header when narrowed, then the right
    /// timeline; returns what was asked of a tweet in it.
    pub fn timeline_ui(
        &mut self,
        ui: &mut egui::Ui,
        main_view: &mut TimelineView,
        main: &Timeline,
        limit: usize,
        card: CardContext<'_>,
    ) -> Option<TweetAction> {
        let action = self.header_ui(ui);
        match action {
            Some(HeaderAction::ShowAll) => {
                self.search = None;
                self.shown = None;
            }
            Some(HeaderAction::Search(typed)) => {
                let filter = Query::parse(&typed).map(|query| Filter::Search { typed, query });
                self.show(filter, main, limit);
            }
            None => {}
        }
        match &mut self.shown {
            Some(shown) if shown.timeline.is_empty() => {
                ui.add_space(24.0);
                ui.vertical_centered(|ui| {
                    let empty = match &shown.filter {
                        Filter::Mentions(_) => ui.tr("filtered-no-mentions"),
                        _ => ui.tr("filtered-nothing"),
                    };
                    ui.label(RichText::new(empty).color(style::weak(ui)));
                });
                None
            }
            Some(shown) => {
                let card = CardContext {
                    scope: Scope::Narrowed,
                    ..card
                };
                shown.view.ui(ui, &shown.timeline, card)
            }
            None => main_view.ui(ui, main, card),
        }
    }

    fn header_ui(&mut self, ui: &mut egui::Ui) -> Option<HeaderAction> {
        let mut action = None;
        if let Some(typed) = &mut self.search {
            ui.horizontal(|ui| {
                let label = ui.label(ui.tr("filtered-search"));
                let field = ui
                    .add(
                        egui::TextEdit::singleline(typed)
                            .hint_text(ui.tr("filtered-search-hint"))
                            .desired_width(320.0)
                            .id_salt("search"),
                    )
                    .labelled_by(label.id);
                if field.changed() {
                    action = Some(HeaderAction::Search(typed.clone()));
                }
                // Esc closes it too (app/keyboard.rs).
                if ui.button(ui.tr("filtered-close")).clicked() {
                    action = Some(HeaderAction::ShowAll);
                }
                let asked = std::mem::take(&mut self.focus_search);
                if asked || (!field.has_focus() && typed.is_empty()) {
                    field.request_focus();
                }
            });
            ui.add_space(4.0);
        } else if let Some(Filtered { filter, .. }) = &self.shown {
            let (title, note) = match filter {
                Filter::Tag(tag) => (format!("#{tag}"), ui.tr("filtered-only")),
                Filter::Person(user) => (format!("@{user}"), ui.tr("filtered-only")),
                Filter::Mentions(user) if user.is_empty() => (
                    ui.tr("filtered-mentions"),
                    ui.tr("filtered-mentions-no-username"),
                ),
                Filter::Mentions(user) => (
                    ui.tr_args("filtered-mentions-of", &[("name", user.as_str().into())]),
                    ui.tr("filtered-mentions-note"),
                ),
                Filter::Conversation(_) => (
                    ui.tr("filtered-conversation"),
                    ui.tr("filtered-conversation-note"),
                ),
                Filter::Search { .. } => (String::new(), String::new()),
            };
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(title)
                        .strong()
                        .color(style::accent(ui.visuals())),
                );
                ui.label(RichText::new(note).color(style::weak(ui)));
                if ui.button(ui.tr("filtered-show-all")).clicked() {
                    action = Some(HeaderAction::ShowAll);
                }
            });
            ui.add_space(4.0);
        }
        action
    }
}

fn history(entry: &TimelineEntry) -> HistoryEntry {
    HistoryEntry {
        tweet: entry.to_tweet(),
        own: entry.own,
        delivery: entry.delivery,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::social::compose::Draft;

    fn tweet(text: &str) -> Tweet {
        Draft::new("ada", text).prepare().expect("valid").tweet
    }

    fn receive(main: &mut Timeline, views: &mut FilteredViews, text: &str) {
        let tag = |tag: &str| tag == "rust" || tag == "mqtt";
        let person = |user: &str| user == "ada";
        let t = tweet(text);
        if main.insert_received(&t) {
            let followed = Followed {
                tag: &tag,
                person: &person,
            };
            views.received(&t, main.last_inserted(), followed, Some("bob"));
        }
    }

    fn shown_texts(views: &FilteredViews) -> Vec<String> {
        let shown = views.shown.as_ref().expect("narrowed");
        shown.timeline.iter().map(|e| e.text().to_owned()).collect()
    }

    #[test]
    fn a_tag_view_holds_its_tweets_and_clears_its_unread_count() {
        let mut main = Timeline::with_limit(100);
        let mut views = FilteredViews::default();
        for text in ["one #rust", "two #mqtt", "three #rust #mqtt"] {
            receive(&mut main, &mut views, text);
        }
        assert_eq!((views.unread("rust"), views.unread("mqtt")), (2, 2));
        views.show(Some(Filter::Tag("rust".into())), &main, 100);
        assert_eq!(views.unread("rust"), 0);
        assert_eq!(shown_texts(&views), ["three #rust #mqtt", "one #rust"]);

        receive(&mut main, &mut views, "four #rust #other");
        assert_eq!(shown_texts(&views).len(), 3);
        assert_eq!(views.unread("rust"), 0, "seen as it arrives");
        assert_eq!(views.unread("other"), 0, "not followed: not counted");
        views.show(None, &main, 100);
        assert_eq!(views.shown_tag(), None);
    }

    #[test]
    fn a_person_view_holds_their_tweets_and_clears_their_unread_count() {
        let mut main = Timeline::with_limit(100);
        let mut views = FilteredViews::default();
        for text in ["one #rust", "two #other"] {
            receive(&mut main, &mut views, text);
        }
        assert_eq!(views.unread_by("ada"), 2, "whatever the hashtag");
        views.show(Some(Filter::Person("ada".into())), &main, 100);
        assert_eq!(
            (views.unread_by("ada"), views.shown_person()),
            (0, Some("ada"))
        );
        assert_eq!(shown_texts(&views), ["two #other", "one #rust"]);
        receive(&mut main, &mut views, "three #x");
        assert_eq!(views.unread_by("ada"), 0, "seen as it arrives");
        views.unfollowed_person("ada");
        assert_eq!(views.shown_person(), None);
    }

    #[test]
    fn a_search_keeps_up_with_new_tweets() {
        let mut main = Timeline::with_limit(100);
        let mut views = FilteredViews::default();
        receive(&mut main, &mut views, "brokers are fun #mqtt");
        receive(&mut main, &mut views, "compilers #rust");
        let query = Query::parse("FUN").expect("query");
        let filter = Filter::Search {
            typed: "FUN".into(),
            query,
        };
        views.show(Some(filter), &main, 100);
        assert_eq!(shown_texts(&views), ["brokers are fun #mqtt"]);
        receive(&mut main, &mut views, "more fun #rust");
        receive(&mut main, &mut views, "serious #rust");
        assert_eq!(
            shown_texts(&views),
            ["more fun #rust", "brokers are fun #mqtt"]
        );
    }
}

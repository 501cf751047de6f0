//! The timeline: newest first (by the time written), one card per tweet.

use chrono::{DateTime, Utc};
use egui::RichText;

use super::i18n::Translate as _;
use super::icons::{Icon, icon_button};
use super::people::People;
use super::reaction_buttons;
use super::row_heights::RowHeights;
use super::style;
use super::timeline_selection::Selection;
use super::trust_badge::{self, BadgeRole};
use super::tweet_label::tweet_label;
use super::tweet_links::{quoted_ui, reply_link_ui};
use super::tweet_time::delivery_label;
use super::{tweet_menu, tweet_text};
use crate::core::model::author_key::{AuthorKey, Trust};
use crate::core::model::display::{inert_name, inert_text};
use crate::core::model::timeline::{RowKey, SignatureState, Timeline, TimelineEntry};
use crate::core::model::tweet::ReplyTarget;
use crate::core::social::mutes::{MutedPerson, Mutes, Scope, Verdict};
use crate::core::social::presence::PresenceBoard;
use crate::core::social::reaction::{ReactionKind, Target};
use crate::core::social::reactions::Reactions;

/// Rows shown despite a muted word, per view; beyond this the oldest
/// choices are forgotten (the rows collapse again).
const MAX_REVEALED: usize = 10_000;

/// What the user asked of one tweet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TweetAction {
    Reply(ReplyTarget),
    /// Show the conversation this tweet is in.
    ShowConversation(String),
    /// Write to its author directly.
    Message(String),
    /// Open the person card of this name.
    ShowPerson(String),
    /// Like, repost, take either back, or delete one's own tweet.
    React(ReactionKind, Target),
    /// Quote this tweet in the compose box.
    Quote(ReplyTarget),
    /// Mute (or block) its author.
    Mute(MutedPerson),
    /// Keep this hashtag out of All tweets.
    MuteHashtag(String),
}

/// What a card needs to know besides its tweet.
#[derive(Clone, Copy)]
pub struct CardContext<'a> {
    pub presence: &'a PresenceBoard,
    pub connected: bool,
    /// The username typed, to tell one's own mentions apart.
    pub me: &'a str,
    /// The keys pinned for names, for the signature badges.
    pub people: &'a People,
    /// Likes and reposts, counted per key.
    pub reactions: &'a Reactions,
    /// The key this window signs with (None: it can't react).
    pub my_key: Option<AuthorKey>,
    /// What is muted, and where the rows are drawn.
    pub mutes: &'a Mutes,
    pub scope: Scope,
}

/// The space below each card.
const CARD_GAP: f32 = 6.0;

/// Scrolled further down than this, new tweets don't move the view: they
/// wait above, counted on the "new tweets" pill.
const AT_TOP: f32 = 4.0;

/// The timeline view: only the rows on screen are laid out, with heights
/// measured as they are drawn, so a frame costs the same with 1k or 1M tweets.
#[derive(Debug, Default)]
pub struct TimelineView {
    heights: RowHeights,
    /// Scroll offset from the top, as of the last frame.
    offset: f32,
    /// The newest row when the user was last at the top: the tweets that
    /// sort above it are the new ones the pill counts (a late one that
    /// lands below it is not new at the top).
    seen_top: Option<RowKey>,
    /// The rows drawn in the last frame (indices into the timeline).
    shown_rows: std::ops::Range<usize>,
    /// Rows (by key) whose muted word the user chose to see past.
    revealed: std::collections::HashSet<RowKey>,
    /// The tweet picked with j and k.
    selection: Selection,
    /// The height of the visible part, as of the last frame.
    viewport_height: f32,
}

impl TimelineView {
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        timeline: &Timeline,
        card: CardContext<'_>,
    ) -> Option<TweetAction> {
        if timeline.is_empty() {
            empty_ui(ui);
            return None;
        }
        let added = self.heights.sync(timeline, self.shown_rows.start);
        let mut area = egui::ScrollArea::vertical()
            .id_salt("timeline")
            .auto_shrink([false, false]);
        if added.rows > 0 && self.offset > AT_TOP {
            // Keep what the user is reading where it is.
            self.offset += added.height;
            area = area.vertical_scroll_offset(self.offset);
        }
        let unseen = self.unseen(timeline);
        if unseen > 0 && new_tweets_pill_clicked(ui, unseen) {
            area = area.vertical_scroll_offset(0.0);
            self.seen_top = timeline.key(0);
        }
        if let Some(offset) = self.settle_selection(timeline, card) {
            area = area.vertical_scroll_offset(offset);
        }

        let output = area.show_viewport(ui, |ui, viewport| {
            self.rows_ui(ui, viewport, timeline, card)
        });
        self.offset = output.state.clamped_offset().y;
        self.viewport_height = output.inner_rect.height();
        output.inner
    }

    /// The tweets that sort above the newest one seen at the top (a binary
    /// search); none while the user is at the top.
    fn unseen(&mut self, timeline: &Timeline) -> usize {
        if self.offset <= AT_TOP || self.seen_top.is_none() {
            self.seen_top = timeline.key(0);
        }
        self.seen_top.map_or(0, |seen| timeline.count_above(seen))
    }

    /// Moves the selection by the steps asked for; the scroll offset that
    /// keeps it in view, when it has to change.
    fn settle_selection(&mut self, timeline: &Timeline, card: CardContext<'_>) -> Option<f32> {
        let shown = |index: usize| timeline.get(index).is_some_and(|e| is_drawn(e, card));
        let index = self
            .selection
            .settle(timeline, self.shown_rows.start, shown)?;
        let top = self.heights.top_of(index);
        let bottom = top + self.heights.height(index);
        if top < self.offset {
            Some(top)
        } else if bottom > self.offset + self.viewport_height {
            Some((bottom - self.viewport_height).max(0.0))
        } else {
            None
        }
    }

    /// Moves the selection `delta` tweets down (older) at the next frame.
    pub fn step_selection(&mut self, delta: isize) {
        self.selection.step(delta);
    }

    /// Selects nothing; true when a tweet was selected.
    pub fn clear_selection(&mut self) -> bool {
        self.selection.clear()
    }

    /// The selected tweet, if it is still in `timeline`.
    pub fn selected<'t>(&self, timeline: &'t Timeline) -> Option<&'t TimelineEntry> {
        timeline.get(self.selection.index(timeline)?)
    }

    /// The rows within `viewport`, each measured as it is drawn.
    fn rows_ui(
        &mut self,
        ui: &mut egui::Ui,
        viewport: egui::Rect,
        timeline: &Timeline,
        card: CardContext<'_>,
    ) -> Option<TweetAction> {
        let now = Utc::now();
        let mut action = None;
        ui.set_height(self.heights.total());
        let origin = ui.max_rect().min;
        let width = ui.available_width();
        let (mut index, mut top) = self.heights.first_visible(viewport.min.y);
        let first = index;
        // The whole card in words, only when a screen reader (or a test) listens.
        let spoken = ui
            .ctx()
            .accesskit_node_builder(ui.unique_id(), |_| ())
            .is_some();
        while top < viewport.max.y {
            let Some(entry) = timeline.get(index) else {
                break;
            };
            let key = entry.key();
            if !is_drawn(entry, card) {
                // Out of sight: its signature did not verify, or muted.
                self.heights.set(index, 0.0);
                index += 1;
                continue;
            }
            let verdict = card.mutes.verdict(entry, card.scope);
            let rect = egui::Rect::from_min_size(
                origin + egui::vec2(0.0, top),
                egui::vec2(width, f32::INFINITY),
            );
            let label = spoken.then(|| tweet_label(&ui.translations(), entry, now));
            let mut row = ui.new_child(row_builder(rect, key, label));
            let selected = self.selection.key() == Some(key);
            match verdict {
                Verdict::Collapsed(word) if !self.revealed.contains(&key) => {
                    if collapsed_ui(&mut row, &word) {
                        if self.revealed.len() >= MAX_REVEALED {
                            self.revealed.clear();
                        }
                        self.revealed.insert(key);
                    }
                }
                _ => {
                    let quoted = entry.quote().and_then(|q| timeline.find(&q.id));
                    if let Some(asked) = tweet_ui(&mut row, entry, quoted, card, now) {
                        action = Some(asked);
                    }
                }
            }
            if selected {
                selected_ui(&row);
            }
            let height = row.min_rect().height();
            self.heights.set(index, height);
            top += height;
            index += 1;
        }
        self.shown_rows = first..index;
        action
    }

    /// The rows drawn in the last frame, for checking their signatures.
    pub fn shown_rows(&self) -> std::ops::Range<usize> {
        self.shown_rows.clone()
    }
}

/// The "N new tweets" pill over the top of the timeline; true when clicked.
fn new_tweets_pill_clicked(ui: &mut egui::Ui, unseen: usize) -> bool {
    let label = ui.tr_args("timeline-new-tweets", &[("count", unseen.into())]);
    let button = egui::Button::new(RichText::new(label).color(egui::Color32::WHITE))
        .fill(style::ACCENT_FILL)
        .corner_radius(14.0);
    ui.vertical_centered(|ui| ui.add(button).clicked()).inner
}

/// One card's place, read by a screen reader as one item named `label`.
fn row_builder(rect: egui::Rect, key: RowKey, label: Option<String>) -> egui::UiBuilder {
    let builder = egui::UiBuilder::new()
        .max_rect(rect)
        .id_salt(("tweet", key))
        .accessibility_role(egui::accesskit::Role::ListItem);
    match label {
        Some(label) => builder.accessibility_label(label),
        None => builder,
    }
}

/// Drawn at all: not forged, not hidden by a mute.
fn is_drawn(entry: &TimelineEntry, card: CardContext<'_>) -> bool {
    entry.signature_state() != SignatureState::Forged
        && card.mutes.verdict(entry, card.scope) != Verdict::Hidden
}

/// The outline of the selected card, also told to screen readers.
fn selected_ui(row: &egui::Ui) {
    let mut rect = row.min_rect();
    rect.max.y -= CARD_GAP;
    let stroke = egui::Stroke::new(2.0, style::ACCENT);
    row.painter()
        .rect_stroke(rect, 8.0, stroke, egui::StrokeKind::Inside);
    row.ctx()
        .accesskit_node_builder(row.unique_id(), |node| node.set_selected(true));
}

/// What an empty timeline says instead.
fn empty_ui(ui: &mut egui::Ui) {
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        ui.label(
            RichText::new(ui.tr("timeline-empty"))
                .heading()
                .color(style::weak(ui)),
        );
        ui.label(RichText::new(ui.tr("timeline-empty-hint")).color(style::weak(ui)));
    });
}

fn tweet_ui(
    ui: &mut egui::Ui,
    entry: &TimelineEntry,
    quoted_entry: Option<&TimelineEntry>,
    card: CardContext<'_>,
    now: DateTime<Utc>,
) -> Option<TweetAction> {
    let mut action = None;
    let fill = if entry.own {
        ui.visuals()
            .faint_bg_color
            .lerp_to_gamma(style::ACCENT, 0.08)
    } else {
        ui.visuals().faint_bg_color
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(12, 8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            reaction_buttons::reposted_ui(ui, &card.reactions.tally(entry.id()));
            let header = ui.horizontal_wrapped(|ui| header_ui(ui, entry, card, now));
            if let Some(asked) = header.inner {
                action = Some(asked);
            }
            if let Some(asked) = reply_link_ui(ui, entry) {
                action = Some(asked);
            }
            if entry.is_deleted() {
                let gone = RichText::new(ui.tr("timeline-deleted")).italics();
                ui.label(gone.color(style::weak(ui)));
                return;
            }
            tweet_text::ui(ui, &inert_text(entry.text()), card.me);
            if let Some(quoted) = entry.quote() {
                quoted_ui(ui, &quoted, quoted_entry);
            }
            if let Some(asked) = buttons_ui(ui, entry, card) {
                action = Some(asked);
            }
        });
    ui.add_space(CARD_GAP);
    action
}

/// The author (and whether online) with who signed it, "you", the tags,
/// then at the right when it was sent and how its delivery goes. The
/// author clicked: their person card.
fn header_ui(
    ui: &mut egui::Ui,
    entry: &TimelineEntry,
    card: CardContext<'_>,
    now: DateTime<Utc>,
) -> Option<TweetAction> {
    let mut action = None;
    match entry.user() {
        Some(user) => {
            if author_ui(ui, entry, user, card) {
                action = Some(TweetAction::ShowPerson(user.to_owned()));
            }
        }
        None => {
            ui.label(
                RichText::new(ui.tr("timeline-unknown-author"))
                    .italics()
                    .color(style::weak(ui)),
            );
            let badge = trust_badge::badge(&ui.translations(), entry.signed(), "", None);
            trust_badge::ui(ui, &badge);
        }
    }
    if entry.own {
        ui.label(
            RichText::new(ui.tr("timeline-you"))
                .small()
                .color(style::accent(ui.visuals())),
        );
    }
    for tag in entry.tags() {
        ui.label(
            RichText::new(format!("#{}", inert_name(tag, 64))).color(style::accent(ui.visuals())),
        );
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let shown = entry.shown_time();
        let tr = ui.translations();
        ui.label(RichText::new(tr.relative_time(shown, now)).color(style::weak(ui)))
            .on_hover_text(tr.date_time(shown));
        let delivery = delivery_label(&tr, entry.delivery, card.connected, ui.visuals());
        if let Some((text, colour)) = delivery {
            ui.label(RichText::new(text).small().color(colour));
        }
    });
    action
}

/// `@name` (online or not) and the signature's badge, or, signed by
/// another key than the name's, the warning in the name's place. True when
/// clicked.
fn author_ui(ui: &mut egui::Ui, entry: &TimelineEntry, user: &str, card: CardContext<'_>) -> bool {
    let pinned = card.people.pinned(user).map(|pin| pin.key);
    // Another key than the name's warns at once, checked or not.
    let still_the_name = entry.signed().is_some_and(|s| s.trust != Trust::KeyChanged);
    let badge = if entry.signature_state().is_held() && still_the_name {
        trust_badge::checking(&ui.translations(), user)
    } else {
        trust_badge::badge(&ui.translations(), entry.signed(), user, pinned.as_ref())
    };
    if badge.role == BadgeRole::Impostor {
        return trust_badge::impostor_ui(ui, &badge).clicked();
    }
    if let Some(display_name) = card.people.display_name(user) {
        ui.label(RichText::new(inert_name(display_name, 50)).strong());
    }
    let name = RichText::new(format!("@{}", inert_name(user, 40)))
        .strong()
        .color(ui.visuals().strong_text_color());
    let clicked = ui
        .scope(|ui| {
            ui.spacing_mut().button_padding = egui::Vec2::ZERO;
            ui.add(egui::Button::new(name).frame(false))
        })
        .inner
        .on_hover_text(ui.tr("timeline-author-hover"))
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .clicked();
    if card.presence.is_online(user) {
        ui.label(RichText::new("●").small().color(style::ok(ui.visuals())))
            .on_hover_text(ui.tr("timeline-online-now"));
    }
    trust_badge::ui(ui, &badge);
    clicked
}

/// A tweet with a muted word, as one line: true when Show is clicked.
fn collapsed_ui(ui: &mut egui::Ui, word: &str) -> bool {
    let shown = ui
        .horizontal(|ui| {
            ui.add_space(12.0);
            let line = ui.tr_args("timeline-hidden", &[("word", inert_name(word, 64).into())]);
            ui.label(RichText::new(line).italics().color(style::weak(ui)));
            ui.button(ui.tr("timeline-show-hidden")).clicked()
        })
        .inner;
    ui.add_space(6.0);
    shown
}

/// Like, Repost (and Delete on one's own), Quote, Reply, Message for
/// someone else's tweet, and the "…" menu.
fn buttons_ui(
    ui: &mut egui::Ui,
    entry: &TimelineEntry,
    card: CardContext<'_>,
) -> Option<TweetAction> {
    let me = card.me;
    let mut action = None;
    ui.horizontal(|ui| {
        if let Some(asked) = reaction_buttons::ui(ui, entry, card) {
            action = Some(asked);
        }
        if icon_button(ui, Icon::Reply, &ui.tr("timeline-reply")).clicked() {
            action = Some(TweetAction::Reply(entry.reply_target()));
        }
        if icon_button(ui, Icon::Quote, &ui.tr("timeline-quote")).clicked() {
            action = Some(TweetAction::Quote(entry.reply_target()));
        }
        if let Some(user) = entry.user().filter(|u| *u != me && !entry.own) {
            let hover = ui.tr_args(
                "timeline-message-hover",
                &[("name", inert_name(user, 32).into())],
            );
            let message =
                icon_button(ui, Icon::Envelope, &ui.tr("timeline-message")).on_hover_text(hover);
            if message.clicked() {
                action = Some(TweetAction::Message(user.to_owned()));
            }
        }
        if let Some(picked) = tweet_menu::ui(ui, entry, me) {
            action = Some(picked);
        }
    });
    action
}

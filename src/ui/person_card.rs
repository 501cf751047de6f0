//! The person card: who a name is here. Its profile when known, Follow
//! or Unfollow (their `chirp/users/<user>`), their recent tweets, the key
//! pinned for it (fingerprint, the full key to copy, since when), and,
//! when another key signed under the name, that key, to trust instead
//! (after a second click) or to forget the pin altogether.

use chrono::{DateTime, Local, Utc};
use egui::RichText;

use crate::core::model::author_key::AuthorKey;
use crate::core::model::display::{inert_name, inert_text};
use crate::core::social::mutes::MutedPerson;
use crate::core::social::trust::Pin;

use super::i18n::Translate as _;
use super::people::People;
use super::trust_badge::{self, BadgeRole};
use super::{fonts, style};

/// What the person decided about a name's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonAction {
    Trust {
        user: String,
        key: AuthorKey,
    },
    Forget(String),
    /// Follow (true) or unfollow everything the person posts.
    Follow {
        user: String,
        follow: bool,
    },
    /// Mute or block the person (by the pinned key when there is one).
    Mute(MutedPerson),
    Unmute(MutedPerson),
}

/// Tweets of the person shown on the card, at most.
pub const RECENT_TWEETS: usize = 5;

/// One of the person's recent tweets, as the card shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentTweet {
    pub at: DateTime<Utc>,
    pub text: String,
}

#[derive(Debug)]
pub struct PersonCard {
    user: String,
    /// Display name and bio, once profiles are known (None: none yet).
    pub profile: Option<(String, String)>,
    /// The key "Trust this new key" was clicked for, awaiting the yes.
    confirming: Option<AuthorKey>,
    /// Their tweets are followed (set by the app each frame).
    pub following: bool,
    /// Their newest tweets in the timeline, newest first (at most
    /// `RECENT_TWEETS`), and the timeline's length and insertions when
    /// they were gathered, to gather them again only when it changes (a
    /// new tweet, at the top or lower down).
    pub recent: Vec<RecentTweet>,
    pub recent_as_of: Option<(usize, u64)>,
    /// Their mute or block, if any (kept up to date by the app).
    pub muted: Option<MutedPerson>,
}

/// What one frame of the card came to.
pub struct CardOutcome {
    pub open: bool,
    pub action: Option<PersonAction>,
}

impl PersonCard {
    pub fn new(user: &str) -> Self {
        Self {
            user: user.to_owned(),
            profile: None,
            confirming: None,
            following: false,
            recent: Vec::new(),
            recent_as_of: None,
            muted: None,
        }
    }

    /// Whose card it is.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The card as a window; Esc, its × or Close closes it.
    pub fn ui(&mut self, ui: &mut egui::Ui, people: &People) -> CardOutcome {
        let mut open = true;
        let mut action = None;
        let mut close = false;
        let title = format!("@{}", inert_name(&self.user, 40));
        egui::Window::new(title)
            .id(egui::Id::unique("person-card"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(360.0)
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(ui.ctx().content_rect().center_top() + egui::vec2(0.0, 120.0))
            .show(ui.ctx(), |ui| {
                self.profile_ui(ui);
                let follow = self.follow_ui(ui);
                self.recent_ui(ui);
                ui.separator();
                action = self.keys_ui(ui, people).or(follow);
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if let Some(muted) = self.mute_ui(ui, people) {
                        action = Some(muted);
                    }
                    close = ui.button(ui.tr("person-close")).clicked();
                });
            });
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            close = true;
        }
        CardOutcome {
            open: open && !close,
            action,
        }
    }

    fn profile_ui(&self, ui: &mut egui::Ui) {
        match &self.profile {
            Some((display_name, bio)) => {
                ui.label(RichText::new(inert_name(display_name, 64)).heading());
                let font = fonts::content_font(ui, &egui::TextStyle::Body);
                ui.add(egui::Label::new(RichText::new(inert_text(bio)).font(font)).wrap());
            }
            None => {
                ui.label(
                    RichText::new(ui.tr("person-no-profile"))
                        .italics()
                        .color(style::weak(ui)),
                );
            }
        }
    }

    /// Follow @user or Unfollow: everything they post, whatever the hashtag.
    fn follow_ui(&self, ui: &mut egui::Ui) -> Option<PersonAction> {
        let name = || inert_name(&self.user, 40).into();
        let (label, hover) = if self.following {
            (
                ui.tr("person-unfollow"),
                ui.tr_args("person-unfollow-hover", &[("name", name())]),
            )
        } else {
            (
                ui.tr_args("person-follow", &[("name", name())]),
                ui.tr("person-follow-hover"),
            )
        };
        ui.add_space(4.0);
        let clicked = ui.button(label).on_hover_text(hover).clicked();
        clicked.then(|| PersonAction::Follow {
            user: self.user.clone(),
            follow: !self.following,
        })
    }

    /// Their newest tweets in the timeline, one line each.
    fn recent_ui(&self, ui: &mut egui::Ui) {
        ui.add_space(4.0);
        ui.label(
            RichText::new(ui.tr("person-recent"))
                .small()
                .color(style::weak(ui)),
        );
        if self.recent.is_empty() {
            ui.label(
                RichText::new(ui.tr("person-no-recent"))
                    .italics()
                    .color(style::weak(ui)),
            );
        }
        for tweet in &self.recent {
            ui.horizontal_wrapped(|ui| {
                let at = tweet.at.with_timezone(&Local).format("%H:%M");
                ui.label(RichText::new(at.to_string()).small().color(style::weak(ui)));
                ui.add(egui::Label::new(inert_text(&tweet.text).into_owned()).wrap());
            });
        }
    }

    /// Mute and Block (by the pinned key when there is one, so a new name
    /// does not escape them), or Unmute.
    fn mute_ui(&self, ui: &mut egui::Ui, people: &People) -> Option<PersonAction> {
        if let Some(muted) = &self.muted {
            let label = if muted.blocked {
                ui.tr("person-unblock")
            } else {
                ui.tr("person-unmute")
            };
            return ui
                .button(label)
                .clicked()
                .then(|| PersonAction::Unmute(muted.clone()));
        }
        let key = people.pinned(&self.user).map(|pin| pin.key);
        let mute = ui
            .button(ui.tr("person-mute"))
            .on_hover_text(ui.tr("person-mute-hover"));
        if mute.clicked() {
            return Some(PersonAction::Mute(MutedPerson::new(&self.user, key, false)));
        }
        let block = ui
            .button(ui.tr("person-block"))
            .on_hover_text(ui.tr("person-block-hover"));
        block
            .clicked()
            .then(|| PersonAction::Mute(MutedPerson::new(&self.user, key, true)))
    }

    /// The pinned key and the others seen under the name, with what can
    /// be done about them.
    fn keys_ui(&mut self, ui: &mut egui::Ui, people: &People) -> Option<PersonAction> {
        let pinned = people.pinned(&self.user);
        let mut action = None;
        match pinned {
            Some(pin) => {
                if pinned_ui(ui, pin) {
                    action = Some(PersonAction::Forget(self.user.clone()));
                }
            }
            None => {
                ui.label(RichText::new(ui.tr("person-no-key")).color(style::weak(ui)));
            }
        }
        for key in people.other_keys(&self.user) {
            ui.separator();
            if let Some(trusted) = self.other_key_ui(ui, key, pinned.map(|p| &p.key)) {
                action = Some(trusted);
            }
        }
        action
    }

    /// Another key seen under the name: trust it, after a second click.
    fn other_key_ui(
        &mut self,
        ui: &mut egui::Ui,
        key: &AuthorKey,
        pinned: Option<&AuthorKey>,
    ) -> Option<PersonAction> {
        let warn = trust_badge::colour(ui, BadgeRole::Impostor);
        ui.label(
            RichText::new(trust_badge::impostor_label(&ui.translations(), &self.user)).color(warn),
        );
        egui::Grid::new(("person-card-other", key.fingerprint().to_string()))
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label(ui.tr("person-other-key"))
                    .on_hover_text(ui.tr("person-other-key-hover"));
                fingerprint_ui(ui, key);
                ui.end_row();
            });
        if self.confirming != Some(*key) {
            if ui.button(ui.tr("person-trust-new-key")).clicked() {
                self.confirming = Some(*key);
            }
            return None;
        }
        let name = inert_name(&self.user, 40);
        let new = key.fingerprint().to_string();
        let question = match pinned {
            Some(old) => ui.tr_args(
                "person-trust-question",
                &[
                    ("new", new.into()),
                    ("name", name.into()),
                    ("old", old.fingerprint().to_string().into()),
                ],
            ),
            None => ui.tr_args(
                "person-trust-question-no-old",
                &[("new", new.into()), ("name", name.into())],
            ),
        };
        ui.add(egui::Label::new(question).wrap());
        let mut action = None;
        ui.horizontal(|ui| {
            if ui.button(ui.tr("person-trust-confirm")).clicked() {
                self.confirming = None;
                action = Some(PersonAction::Trust {
                    user: self.user.clone(),
                    key: *key,
                });
            }
            if ui.button(ui.tr("person-trust-cancel")).clicked() {
                self.confirming = None;
            }
        });
        action
    }
}

/// The pinned key: fingerprint (full key on hover), Copy key, first seen.
/// True when Forget key was clicked.
fn pinned_ui(ui: &mut egui::Ui, pin: &Pin) -> bool {
    let mut forget = false;
    egui::Grid::new("person-card-key")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label(ui.tr("person-pinned-key"))
                .on_hover_text(ui.tr("person-pinned-key-hover"));
            ui.horizontal(|ui| {
                fingerprint_ui(ui, &pin.key);
                if ui
                    .button(ui.tr("person-copy-key"))
                    .on_hover_text(ui.tr("person-copy-key-hover"))
                    .clicked()
                {
                    ui.ctx().copy_text(pin.key.to_hex());
                }
            });
            ui.end_row();
            ui.label(ui.tr("person-first-seen"));
            let date = ui.translations().date(pin.first_seen);
            let time = pin.first_seen.with_timezone(&Local).format("%H:%M");
            ui.label(format!("{date}, {time}"));
            ui.end_row();
        });
    let button = ui
        .button(ui.tr("person-forget-key"))
        .on_hover_text(ui.tr("person-forget-key-hover"));
    if button.clicked() {
        forget = true;
    }
    forget
}

/// A key's fingerprint in four groups; the whole key on hover.
fn fingerprint_ui(ui: &mut egui::Ui, key: &AuthorKey) {
    ui.label(
        RichText::new(key.fingerprint().to_string())
            .monospace()
            .strong(),
    )
    .on_hover_text(ui.tr_args("person-full-key", &[("key", key.to_hex().into())]));
}

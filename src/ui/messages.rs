//! The Messages window: direct messages, one conversation per person. A
//! conversation with someone whose signed profile gives a key is end-to-end
//! encrypted; with anyone else it is not private, says so, and sending
//! takes an explicit "Send unencrypted".

use egui::RichText;

use super::i18n::Translate as _;
use super::{fonts, style};
use crate::core::model::display::{inert_name, inert_text};
use crate::core::model::name::Username;
use crate::core::protocol::identity::Identity;
use crate::core::social::compose::DraftError;
use crate::core::social::direct::{
    Conversation, DirectError, DirectMessage, Inbox, Letter, OutgoingDirect, SavedMessage,
};
use crate::core::social::profile::Profiles;

#[derive(Debug, Default)]
pub struct MessagesView {
    pub open: bool,
    inbox: Inbox,
    /// Saved messages not yet in a conversation: that takes the username,
    /// which may still be being typed when the history arrives.
    unplaced: Vec<SavedMessage>,
    /// The person whose conversation is shown.
    person: Option<String>,
    /// The person typed after "To", for a new conversation.
    new_person: String,
    draft: String,
}

/// Who writes here, and what is known of the people written to.
#[derive(Clone, Copy)]
pub struct Sender<'a> {
    /// Signs, and opens what is sealed to us (None: no identity).
    pub identity: Option<&'a Identity>,
    /// Everyone's signed profile: the keys messages are sealed to.
    pub profiles: &'a Profiles,
}

/// What writing to one person is, this moment.
struct Channel<'a> {
    me: &'a str,
    person: &'a str,
    identity: Option<&'a Identity>,
    /// Their key, from a profile signed by the key pinned for them.
    key: Option<[u8; 32]>,
}

impl Channel<'_> {
    fn private(&self) -> bool {
        self.identity.is_some() && self.key.is_some()
    }
}

impl MessagesView {
    /// Opens the conversation with `person`.
    pub fn open_with(&mut self, person: &str) {
        self.open = true;
        self.person = Some(person.to_owned());
        self.inbox.mark_read(person);
    }

    /// The saved messages, oldest first.
    pub fn restore(&mut self, saved: Vec<SavedMessage>) {
        self.unplaced.extend(saved);
    }

    /// Puts the saved messages of `me` into their conversations, as read;
    /// those of another username (kept from before a change) stay out.
    fn place_saved(&mut self, me: &str) {
        if self.unplaced.is_empty() || Username::parse(me).is_err() {
            return;
        }
        for saved in std::mem::take(&mut self.unplaced) {
            let message = saved.message;
            if message.from == me && saved.unsent {
                self.inbox.add_own(me, message);
            } else if message.from == me || message.to == me {
                self.inbox.add(me, message, false);
            }
        }
    }

    /// A message that arrived for `me` (one for another name, left in a
    /// session from an earlier username, is not ours to show). True when
    /// it is new and not read yet.
    pub fn received(&mut self, me: &str, message: DirectMessage) -> bool {
        if message.to != me {
            return false;
        }
        self.place_saved(me);
        let read = self.open && self.person.as_deref() == Some(message.from.as_str());
        self.inbox.add(me, message, !read) && !read
    }

    pub fn acknowledged(&mut self, id: &str) {
        // It may be a saved one not placed yet.
        for saved in self.unplaced.iter_mut().filter(|s| s.message.id == id) {
            saved.unsent = false;
        }
        self.inbox.acknowledged(id);
    }

    pub fn unread(&self) -> usize {
        self.inbox.unread()
    }

    /// Draws the window when open; returns a message to send, already in
    /// its conversation as unsent.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        me: &str,
        connected: bool,
        sender: Sender<'_>,
    ) -> Option<OutgoingDirect> {
        self.place_saved(me);
        if !self.open {
            return None;
        }
        let mut open = self.open;
        let mut sent = None;
        let right = ctx.content_rect().right();
        egui::Window::new(ctx.tr("messages-title"))
            .id(egui::Id::unique("messages-window"))
            .open(&mut open)
            .default_pos([(right - 560.0).max(220.0), 72.0])
            .default_size([540.0, 440.0])
            .collapsible(false)
            .show(ctx, |ui| {
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| {
                        ui.set_width(150.0);
                        self.people_ui(ui);
                    });
                    ui.separator();
                    ui.vertical(|ui| {
                        sent = self.conversation_ui(ui, me, connected, sender);
                    });
                });
            });
        self.open = open;
        if let Some(outgoing) = &sent {
            self.inbox.add_own(me, outgoing.message.clone());
        }
        sent
    }

    fn people_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let label = ui.label(ui.tr("messages-to"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_person)
                        .hint_text(ui.tr("messages-to-hint"))
                        .desired_width(70.0)
                        .id_salt("dm-new-person"),
                )
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button(ui.tr("messages-new")).clicked() || enter)
                && !self.new_person.trim().is_empty()
            {
                let person = self.new_person.trim().trim_start_matches('@').to_owned();
                self.new_person.clear();
                self.open_with(&person);
            }
        });
        ui.add_space(4.0);
        let people: Vec<(String, usize)> = self
            .inbox
            .people()
            .into_iter()
            .map(|(name, c)| (name.to_owned(), c.unread))
            .collect();
        if people.is_empty() && self.person.is_none() {
            ui.label(RichText::new(ui.tr("messages-no-conversations")).color(style::weak(ui)));
        }
        egui::ScrollArea::vertical()
            .id_salt("dm-people")
            .max_height(320.0)
            .show(ui, |ui| {
                for (name, unread) in people {
                    let label = if unread > 0 {
                        format!("@{}  {unread}", inert_name(&name, 24))
                    } else {
                        format!("@{}", inert_name(&name, 24))
                    };
                    let chosen = self.person.as_deref() == Some(name.as_str());
                    if ui.selectable_label(chosen, label).clicked() {
                        self.open_with(&name);
                    }
                }
            });
    }

    fn conversation_ui(
        &mut self,
        ui: &mut egui::Ui,
        me: &str,
        connected: bool,
        sender: Sender<'_>,
    ) -> Option<OutgoingDirect> {
        let Some(person) = self.person.clone() else {
            let hint = ui.tr("messages-pick-person");
            ui.label(RichText::new(hint).color(style::weak(ui)));
            return None;
        };
        let channel = Channel {
            me,
            person: &person,
            identity: sender.identity,
            key: sender.profiles.exchange_key_of(&person),
        };
        ui.label(RichText::new(format!("@{}", inert_name(&person, 32))).strong());
        privacy_ui(ui, &channel);
        egui::ScrollArea::vertical()
            .id_salt("dm-thread")
            .max_height(260.0)
            .stick_to_bottom(true)
            .auto_shrink([false, true])
            .show(ui, |ui| match self.inbox.get(&person) {
                Some(conversation) => thread_ui(ui, conversation, me, connected),
                None => {
                    ui.label(RichText::new(ui.tr("messages-none")).color(style::weak(ui)));
                }
            });
        ui.add_space(4.0);
        self.draft_ui(ui, &channel)
    }

    /// The message being written, and Send (sealed) or Send unencrypted
    /// (an explicit click; Enter never sends in plain text); the message
    /// when sent.
    fn draft_ui(&mut self, ui: &mut egui::Ui, channel: &Channel<'_>) -> Option<OutgoingDirect> {
        let key = channel.key.filter(|_| channel.private());
        let prepared = Letter::new(channel.me, channel.person, &self.draft)
            .signed_by(channel.identity)
            .sealed_to(key.as_ref())
            .prepare();
        let mut sent = None;
        ui.horizontal(|ui| {
            let label = ui.label(ui.tr("messages-your-message"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.draft)
                        .font(fonts::content_font(ui, &egui::TextStyle::Body))
                        .hint_text(ui.tr_args(
                            "messages-draft-hint",
                            &[("user", inert_name(channel.person, 24).into())],
                        ))
                        .desired_width(200.0)
                        .id_salt("dm-draft"),
                )
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let send = if channel.private() {
                let send = egui::Button::new(ui.tr("messages-send"));
                ui.add_enabled(prepared.is_ok(), send).clicked() || enter
            } else {
                let send = egui::Button::new(ui.tr("messages-send-unencrypted"));
                ui.add_enabled(prepared.is_ok(), send)
                    .on_hover_text(ui.tr("messages-send-unencrypted-hover"))
                    .clicked()
            };
            if send && let Ok(outgoing) = &prepared {
                sent = Some(outgoing.clone());
                self.draft.clear();
            }
        });
        if let Err(reason) = &prepared
            && *reason != DirectError::Draft(DraftError::EmptyText)
        {
            // Core's reason, in English for now.
            ui.label(
                RichText::new(reason.to_string())
                    .small()
                    .color(style::error(ui.visuals())),
            );
        }
        sent
    }
}

/// Whether this conversation is private, in plain words.
fn privacy_ui(ui: &mut egui::Ui, channel: &Channel<'_>) {
    let person = || inert_name(channel.person, 24).into();
    let (fill, text) = if channel.private() {
        let text = ui.tr_args("messages-private", &[("user", person())]);
        (style::ACCENT, text)
    } else if channel.identity.is_none() {
        (style::WARN, ui.tr("messages-not-private-no-identity"))
    } else {
        let text = ui.tr_args("messages-not-private-no-key", &[("user", person())]);
        (style::WARN, text)
    };
    egui::Frame::new()
        .fill(fill.gamma_multiply(0.2))
        .corner_radius(6.0)
        .inner_margin(6)
        .show(ui, |ui| {
            ui.add(egui::Label::new(text).wrap());
        });
    ui.add_space(4.0);
}

/// The messages of one conversation, oldest first: ours on the right.
fn thread_ui(ui: &mut egui::Ui, conversation: &Conversation, me: &str, connected: bool) {
    let now = chrono::Utc::now();
    for message in &conversation.messages {
        let mine = message.from == me;
        let layout = if mine {
            egui::Layout::right_to_left(egui::Align::Min)
        } else {
            egui::Layout::left_to_right(egui::Align::Min)
        };
        let status = (mine && conversation.pending.contains(&message.id)).then(|| {
            if connected {
                ui.tr("messages-sending")
            } else {
                ui.tr("messages-waiting")
            }
        });
        ui.with_layout(layout, |ui| bubble_ui(ui, message, mine, status, now));
        ui.add_space(2.0);
    }
}

/// One message as a bubble: its text, when, and (ours, unacknowledged)
/// how its sending goes.
fn bubble_ui(
    ui: &mut egui::Ui,
    message: &DirectMessage,
    mine: bool,
    delivery: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) {
    let fill = if mine {
        style::ACCENT.gamma_multiply(0.35)
    } else {
        ui.visuals().faint_bg_color
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(10.0)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_max_width(300.0);
            ui.vertical(|ui| {
                // Colour emoji, as in tweets.
                let font = fonts::content_font(ui, &egui::TextStyle::Body);
                ui.add(
                    egui::Label::new(RichText::new(inert_text(&message.text)).font(font)).wrap(),
                );
                let shown = message.sent_at.unwrap_or(message.received_at);
                let mut status = ui.translations().relative_time(shown, now);
                if let Some(delivery) = delivery {
                    status.push_str(" · ");
                    status.push_str(&delivery);
                }
                ui.label(RichText::new(status).small().color(style::weak(ui)));
            });
        });
}

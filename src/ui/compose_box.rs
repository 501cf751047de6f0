//! The compose box: the text, a live character count, the hashtag to post
//! under, and the Post button that says why it is disabled.

use std::sync::Arc;

use egui::RichText;

use super::i18n::Translate as _;
use super::{fonts, style};
use crate::core::desktop::settings::FollowedHashtag;
use crate::core::model::display::inert_name;
use crate::core::model::tweet::MAX_TWEET_CHARS;
use crate::core::model::tweet::ReplyTarget;
use crate::core::protocol::identity::Identity;
use crate::core::protocol::topic_root::TopicRoot;
use crate::core::social::compose::{self, Draft, DraftError, OutgoingTweet, PostFormat};

#[derive(Debug, Default)]
pub struct ComposeBox {
    pub text: String,
    /// The tweet being answered, while writing a reply.
    replying_to: Option<ReplyTarget>,
    /// The tweet being quoted, while writing a quote.
    quoting: Option<ReplyTarget>,
    /// Focus the editor on the next frame (a reply was just started).
    focus: bool,
    /// Signs every tweet, reply and mention copy (None: unsigned).
    signer: Option<Arc<Identity>>,
}

impl ComposeBox {
    pub fn sign_with(&mut self, signer: Option<Arc<Identity>>) {
        self.signer = signer;
    }

    /// Starts a reply to `target`: its author named at the front.
    pub fn reply_to(&mut self, target: ReplyTarget, me: &str) {
        if let Some(author) = target.parent.user.as_deref().filter(|a| *a != me) {
            let named = format!("@{author} ");
            if !self.text.starts_with(&named) {
                self.text.insert_str(0, &named);
            }
        }
        self.replying_to = Some(target);
        self.focus = true;
    }

    /// Puts the keyboard in the editor at the next frame.
    pub fn focus(&mut self) {
        self.focus = true;
    }

    /// Starts a quote of `target` (a reply, if one was started, is dropped).
    pub fn quote(&mut self, target: ReplyTarget) {
        self.replying_to = None;
        self.quoting = Some(target);
        self.focus = true;
    }

    /// Returns the tweet to post when the user posted one (the box is then cleared).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        username: &str,
        hashtags: &[FollowedHashtag],
        compose_tag: &mut Option<String>,
        format: PostFormat,
        root: &TopicRoot,
    ) -> Option<OutgoingTweet> {
        let label = self.heading_ui(ui);
        let editor = self.editor_ui(ui, label.id);
        let ctrl_enter = editor.has_focus()
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
        // Only checked each frame; the tweet (id, payload) is built on Post.
        let checked = self
            .draft(username, compose_tag.as_deref(), format, root)
            .check();
        let post_clicked = self.actions_ui(ui, hashtags, compose_tag, checked.is_ok());
        if let Err(reason) = &checked {
            let colour = match reason {
                DraftError::EmptyText => style::weak(ui),
                _ => style::warn(ui.visuals()),
            };
            ui.label(RichText::new(draft_error_text(ui, reason)).color(colour));
        }
        if checked.is_err() || !(post_clicked || ctrl_enter) {
            return None;
        }
        let outgoing = self
            .draft(username, compose_tag.as_deref(), format, root)
            .prepare()
            .ok()?;
        self.text.clear();
        self.replying_to = None;
        self.quoting = None;
        Some(outgoing)
    }

    /// What is written, as a draft: a reply goes under its parent's
    /// hashtags, not the picked one.
    fn draft<'a>(
        &'a self,
        username: &'a str,
        picked_tag: Option<&'a str>,
        format: PostFormat,
        root: &'a TopicRoot,
    ) -> Draft<'a> {
        let picked = match &self.replying_to {
            Some(_) => None,
            None => picked_tag,
        };
        Draft::new(username, &self.text)
            .signed_by(self.signer.as_deref())
            .tags(picked)
            .reply_to(self.replying_to.as_ref())
            .quote(self.quoting.as_ref().map(|target| &target.parent))
            .format(format)
            .under(root)
    }

    /// "New tweet", or "Reply to @user" / "Quote @user" with a button to
    /// cancel it.
    fn heading_ui(&mut self, ui: &mut egui::Ui) -> egui::Response {
        if let Some(target) = &self.quoting {
            let heading = match target.parent.user.as_deref() {
                Some(user) => ui.tr_args("compose-quote", &[("name", inert_name(user, 32).into())]),
                None => ui.tr("compose-quote-unknown"),
            };
            let cancel = ui.tr("compose-cancel-quote");
            let (label, cancelled) = heading_with_cancel_ui(ui, heading, &cancel);
            if cancelled {
                self.quoting = None;
            }
            return label;
        }
        let Some(target) = &self.replying_to else {
            return ui.label(RichText::new(ui.tr("compose-new-tweet")).strong());
        };
        let mut cancelled = false;
        let label = ui
            .horizontal(|ui| {
                let heading = match target.parent.user.as_deref() {
                    Some(user) => {
                        ui.tr_args("compose-reply", &[("name", inert_name(user, 32).into())])
                    }
                    None => ui.tr("compose-reply-unknown"),
                };
                let label = ui.label(RichText::new(heading).strong());
                cancelled = ui.small_button(ui.tr("compose-cancel-reply")).clicked();
                label
            })
            .inner;
        if cancelled {
            self.replying_to = None;
        }
        label
    }

    fn editor_ui(&mut self, ui: &mut egui::Ui, label: egui::Id) -> egui::Response {
        let hint = if self.replying_to.is_some() {
            ui.tr("compose-reply-hint")
        } else {
            ui.tr("compose-hint")
        };
        let editor = ui
            .add(
                egui::TextEdit::multiline(&mut self.text)
                    // Emoji as they will look once posted.
                    .font(fonts::content_font(ui, &egui::TextStyle::Body))
                    .hint_text(hint)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .id_salt("compose"),
            )
            .labelled_by(label);
        if std::mem::take(&mut self.focus) {
            editor.request_focus();
        }
        editor
    }

    /// Where the tweet goes, the counter and Post; whether Post was clicked.
    fn actions_ui(
        &self,
        ui: &mut egui::Ui,
        hashtags: &[FollowedHashtag],
        compose_tag: &mut Option<String>,
        postable: bool,
    ) -> bool {
        ui.horizontal(|ui| {
            match &self.replying_to {
                Some(target) => {
                    let under: Vec<String> = target.tags.iter().map(|t| format!("#{t}")).collect();
                    ui.label(RichText::new(ui.tr("compose-under")).color(style::weak(ui)));
                    ui.label(RichText::new(under.join(" ")).color(style::accent(ui.visuals())));
                }
                None => {
                    let label =
                        ui.label(RichText::new(ui.tr("compose-post-to")).color(style::weak(ui)));
                    tag_picker_ui(ui, hashtags, compose_tag).labelled_by(label.id);
                }
            }
            let in_text = compose::hashtags_in_text(&self.text);
            if !in_text.is_empty() {
                let listed: Vec<String> = in_text.iter().map(ToString::to_string).collect();
                ui.label(
                    RichText::new(format!("+ {}", listed.join(" ")))
                        .color(style::accent(ui.visuals())),
                );
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let button = egui::Button::new(
                    RichText::new(ui.tr("compose-post"))
                        .strong()
                        .color(egui::Color32::WHITE),
                )
                .fill(style::ACCENT_FILL)
                .min_size(egui::vec2(72.0, 28.0));
                let response =
                    (ui.add_enabled(postable, button)).on_hover_text(ui.tr("compose-post-hover"));
                counter_ui(ui, &self.text);
                response.clicked()
            })
            .inner
        })
        .inner
    }
}

/// "12 / 280", red past the limit.
/// The heading and a button to cancel; whether it was clicked.
fn heading_with_cancel_ui(
    ui: &mut egui::Ui,
    heading: String,
    cancel: &str,
) -> (egui::Response, bool) {
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new(heading).strong());
        (label, ui.small_button(cancel).clicked())
    })
    .inner
}

/// Why the draft can't be posted yet. A name's own fault is core's text
/// (English for now).
fn draft_error_text(ui: &egui::Ui, reason: &DraftError) -> String {
    match reason {
        DraftError::NoUsername => ui.tr("compose-error-no-username"),
        DraftError::EmptyText => ui.tr("compose-error-empty"),
        DraftError::TooLong { len } => ui.tr_args(
            "compose-error-too-long",
            &[("count", (*len).into()), ("limit", MAX_TWEET_CHARS.into())],
        ),
        DraftError::NoHashtag => ui.tr("compose-error-no-hashtag"),
        DraftError::QuoteNeedsIdentity => ui.tr("compose-error-quote-needs-identity"),
        DraftError::InvalidUsername(e) | DraftError::InvalidHashtag(e) => e.to_string(),
    }
}

fn counter_ui(ui: &mut egui::Ui, text: &str) {
    let len = text.trim().chars().count();
    let colour = if len > MAX_TWEET_CHARS {
        style::error(ui.visuals())
    } else if len + 20 > MAX_TWEET_CHARS {
        style::warn(ui.visuals())
    } else {
        style::weak(ui)
    };
    ui.label(RichText::new(format!("{len} / {MAX_TWEET_CHARS}")).color(colour));
}

fn tag_picker_ui(
    ui: &mut egui::Ui,
    hashtags: &[FollowedHashtag],
    compose_tag: &mut Option<String>,
) -> egui::Response {
    let shown = compose_tag
        .as_deref()
        .map_or_else(|| ui.tr("compose-no-extra-hashtag"), |t| format!("#{t}"));
    egui::ComboBox::from_id_salt("compose-tag")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(compose_tag, None, ui.tr("compose-no-extra-hashtag"));
            for entry in hashtags {
                ui.selectable_value(
                    compose_tag,
                    Some(entry.tag.clone()),
                    format!("#{}", entry.tag),
                );
            }
        })
        .response
}

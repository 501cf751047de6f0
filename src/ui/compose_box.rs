//! The compose box: the text, a live character count, the hashtag to post
//! under, and the Post button that says why it is disabled.

use egui::RichText;

use super::style;
use crate::core::desktop::settings::FollowedHashtag;
use crate::core::model::display::inert_name;
use crate::core::model::tweet::MAX_TWEET_CHARS;
use crate::core::model::tweet::ReplyTarget;
use crate::core::protocol::topic_root::TopicRoot;
use crate::core::social::compose::{self, DraftError, OutgoingTweet};

#[derive(Debug, Default)]
pub struct ComposeBox {
    pub text: String,
    /// The tweet being answered, while writing a reply.
    replying_to: Option<ReplyTarget>,
    /// Focus the editor on the next frame (a reply was just started).
    focus: bool,
}

impl ComposeBox {
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

    /// Returns the tweet to post when the user posted one (the box is then cleared).
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        username: &str,
        hashtags: &[FollowedHashtag],
        compose_tag: &mut Option<String>,
        classic: bool,
        root: &TopicRoot,
    ) -> Option<OutgoingTweet> {
        // A reply goes under its parent's hashtags, not the picked one.
        let picked: Vec<&str> = match &self.replying_to {
            Some(_) => Vec::new(),
            None => compose_tag.as_deref().into_iter().collect(),
        };
        let reply = self.replying_to.as_ref();
        let draft =
            compose::prepare_reply_under(root, username, &self.text, &picked, classic, reply);

        let label = match &self.replying_to {
            Some(target) => {
                let mut cancelled = false;
                let label = ui
                    .horizontal(|ui| {
                        let to = target.parent.user.as_deref().map_or_else(
                            || "a tweet".to_owned(),
                            |u| format!("@{}", inert_name(u, 32)),
                        );
                        let label = ui.label(RichText::new(format!("Reply to {to}")).strong());
                        cancelled = ui.small_button("Cancel reply").clicked();
                        label
                    })
                    .inner;
                if cancelled {
                    self.replying_to = None;
                }
                label
            }
            None => ui.label(RichText::new("New tweet").strong()),
        };
        let hint = if self.replying_to.is_some() {
            "Write your reply"
        } else {
            "What's happening? Write #hashtags to post under them."
        };
        let editor = ui
            .add(
                egui::TextEdit::multiline(&mut self.text)
                    .hint_text(hint)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .id_salt("compose"),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut self.focus) {
            editor.request_focus();
        }
        let ctrl_enter = editor.has_focus()
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));

        let mut post_clicked = false;
        ui.horizontal(|ui| {
            match &self.replying_to {
                Some(target) => {
                    let under: Vec<String> = target.tags.iter().map(|t| format!("#{t}")).collect();
                    ui.label(RichText::new("Under").color(style::weak(ui)));
                    ui.label(RichText::new(under.join(" ")).color(style::ACCENT));
                }
                None => {
                    let label = ui.label(RichText::new("Post to").color(style::weak(ui)));
                    tag_picker_ui(ui, hashtags, compose_tag).labelled_by(label.id);
                }
            }
            let in_text = compose::hashtags_in_text(&self.text);
            if !in_text.is_empty() {
                let listed: Vec<String> = in_text.iter().map(ToString::to_string).collect();
                ui.label(RichText::new(format!("+ {}", listed.join(" "))).color(style::ACCENT));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let button =
                    egui::Button::new(RichText::new("Post").strong().color(egui::Color32::WHITE))
                        .fill(style::ACCENT)
                        .min_size(egui::vec2(72.0, 28.0));
                let response = ui
                    .add_enabled(draft.is_ok(), button)
                    .on_hover_text("Ctrl+Enter");
                post_clicked = response.clicked();
                counter_ui(ui, &self.text);
            });
        });
        if let Err(reason) = &draft {
            let colour = match reason {
                DraftError::EmptyText => style::weak(ui),
                _ => style::WARN,
            };
            ui.label(RichText::new(reason.to_string()).color(colour));
        }

        let outgoing = draft.ok().filter(|_| post_clicked || ctrl_enter)?;
        self.text.clear();
        self.replying_to = None;
        Some(outgoing)
    }
}

/// "12 / 280", red past the limit.
fn counter_ui(ui: &mut egui::Ui, text: &str) {
    let len = text.trim().chars().count();
    let colour = if len > MAX_TWEET_CHARS {
        style::ERROR
    } else if len + 20 > MAX_TWEET_CHARS {
        style::WARN
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
        .map_or_else(|| "no extra hashtag".to_owned(), |t| format!("#{t}"));
    egui::ComboBox::from_id_salt("compose-tag")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(compose_tag, None, "no extra hashtag");
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

//! The hashtags panel: one checkbox per hashtag (ticked = followed) with its
//! unread count and a way to show only its tweets, and a way to add and
//! remove hashtags.

use egui::RichText;

use super::add_field::AddField;
use super::filtered_view::FilteredViews;
use super::i18n::Translate as _;
use super::spoken;
use super::style;
use crate::core::desktop::settings::FollowedHashtag;
use crate::core::model::name::Hashtag;

/// What the user changed, for the app to pass on to the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowChange {
    Follow(String),
    Unfollow(String),
    Removed(String),
    /// Show only this tag's tweets (None: all tweets).
    Show(Option<String>),
    /// Show the tweets that mention the user.
    ShowMentions,
}

#[derive(Debug, Default)]
pub struct HashtagsPanel {
    new_tag: String,
    error: Option<String>,
}

impl HashtagsPanel {
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        hashtags: &mut Vec<FollowedHashtag>,
        views: &FilteredViews,
    ) -> Vec<FollowChange> {
        let mut changes = Vec::new();
        ui.heading(ui.tr("hashtags-heading"));
        ui.label(
            RichText::new(ui.tr("hashtags-explained"))
                .small()
                .color(style::weak(ui)),
        );
        ui.add_space(4.0);
        views_ui(ui, views, &mut changes);
        list_ui(ui, hashtags, views, &mut changes);
        ui.separator();
        if self.add_field_ui(ui) {
            match self.add(hashtags) {
                Ok(Some(tag)) => changes.push(FollowChange::Follow(tag)),
                Ok(None) => {}
                // Core's reason, in English for now.
                Err(reason) => self.error = Some(reason),
            }
        }
        if let Some(error) = &self.error {
            ui.colored_label(style::error(ui.visuals()), error);
        }
        changes
    }

    /// The field for a new hashtag and its Add button; true when Add is
    /// clicked or Enter pressed.
    fn add_field_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let label = ui.tr("hashtags-add-label");
        let row = AddField {
            label: &label,
            hint: "#hashtag",
            id_salt: "add-hashtag",
            spoken: None,
        };
        let outcome = row.ui(ui, &mut self.new_tag);
        if outcome.changed {
            self.error = None;
        }
        outcome.submitted
    }

    /// Adds the typed hashtag, followed. `Ok(None)` when it was already
    /// there and followed.
    fn add(&mut self, hashtags: &mut Vec<FollowedHashtag>) -> Result<Option<String>, String> {
        let tag = Hashtag::parse(&self.new_tag).map_err(|e| e.to_string())?;
        self.new_tag.clear();
        self.error = None;
        let tag = String::from(tag);
        match hashtags.iter_mut().find(|h| h.tag == tag) {
            Some(existing) if existing.followed => Ok(None),
            Some(existing) => {
                existing.followed = true;
                Ok(Some(tag))
            }
            None => {
                hashtags.push(FollowedHashtag {
                    tag: tag.clone(),
                    followed: true,
                });
                Ok(Some(tag))
            }
        }
    }
}

/// "All tweets" and "Mentions": the views that are not one tag's.
fn views_ui(ui: &mut egui::Ui, views: &FilteredViews, changes: &mut Vec<FollowChange>) {
    if ui
        .selectable_label(!views.is_narrowed(), ui.tr("hashtags-all-tweets"))
        .clicked()
    {
        changes.push(FollowChange::Show(None));
    }
    let unread = views.unread_mentions();
    let mentions = if unread > 0 {
        ui.tr_args("hashtags-mentions-unread", &[("count", unread.into())])
    } else {
        ui.tr("hashtags-mentions")
    };
    if ui
        .selectable_label(views.showing_mentions(), mentions)
        .on_hover_text(ui.tr("hashtags-mentions-hover"))
        .clicked()
    {
        changes.push(FollowChange::ShowMentions);
    }
}

/// One row per hashtag: its checkbox, its view, its remove button.
fn list_ui(
    ui: &mut egui::Ui,
    hashtags: &mut Vec<FollowedHashtag>,
    views: &FilteredViews,
    changes: &mut Vec<FollowChange>,
) {
    let mut removed = None;
    egui::ScrollArea::vertical()
        .id_salt("hashtags")
        // Half the room left: the People list comes below.
        .max_height((ui.available_height() - 90.0) * 0.5)
        .show(ui, |ui| {
            for (index, entry) in hashtags.iter_mut().enumerate() {
                if row_ui(ui, entry, views, changes) {
                    removed = Some(index);
                }
            }
        });
    if let Some(index) = removed {
        let entry = hashtags.remove(index);
        changes.push(FollowChange::Removed(entry.tag));
    }
}

/// One hashtag's row; true when its remove button is clicked.
fn row_ui(
    ui: &mut egui::Ui,
    entry: &mut FollowedHashtag,
    views: &FilteredViews,
    changes: &mut Vec<FollowChange>,
) -> bool {
    ui.horizontal(|ui| {
        let label = format!("#{}", entry.tag);
        if ui.checkbox(&mut entry.followed, label).changed() {
            changes.push(if entry.followed {
                FollowChange::Follow(entry.tag.clone())
            } else {
                FollowChange::Unfollow(entry.tag.clone())
            });
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let remove_text = ui.tr_args("hashtags-remove", &[("tag", entry.tag.as_str().into())]);
            let remove = ui.small_button("×").on_hover_text(&remove_text);
            spoken::name(&remove, remove_text);
            if show_button_ui(ui, &entry.tag, views) {
                changes.push(FollowChange::Show(Some(entry.tag.clone())));
            }
            remove.clicked()
        })
        .inner
    })
    .inner
}

/// The way into a tag's own view: its unread count as a pill, or "›".
fn show_button_ui(ui: &mut egui::Ui, tag: &str, views: &FilteredViews) -> bool {
    let shown = views.shown_tag() == Some(tag);
    let tr = ui.translations();
    let hover = |unread: usize| {
        tr.tr_args(
            "hashtags-show-only",
            &[("tag", tag.into()), ("count", unread.into())],
        )
    };
    unread_button_ui(ui, views.unread(tag), shown, hover)
}

/// A narrowed view's way in: the unread count as a pill, or "›" (marked
/// while `shown`). True when clicked.
pub fn unread_button_ui(
    ui: &mut egui::Ui,
    unread: usize,
    shown: bool,
    hover: impl Fn(usize) -> String,
) -> bool {
    let button = if unread > 0 {
        let count = if unread > 999 {
            "999+".to_owned()
        } else {
            // Below 1,000: no grouping to localise.
            unread.to_string()
        };
        egui::Button::new(RichText::new(count).small().color(egui::Color32::WHITE))
            .fill(style::ACCENT_FILL)
            .corner_radius(8.0)
    } else {
        egui::Button::new(RichText::new("›").small()).selected(shown)
    };
    let response = ui.add(button).on_hover_text(hover(unread));
    // Says what it does, with the count, rather than a bare "3" or "›".
    spoken::name(&response, hover(unread));
    response.clicked()
}

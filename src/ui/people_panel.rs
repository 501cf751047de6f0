//! The People list, below the hashtags: one checkbox per person (ticked =
//! their `chirp/users/<user>` followed, so everything they post arrives
//! whatever the hashtag) with their unread count and a way to show only
//! their tweets, and a way to add and remove people.

use egui::RichText;

use super::add_field::AddField;
use super::filtered_view::FilteredViews;
use super::hashtags_panel::unread_button_ui;
use super::i18n::{Translate as _, Translations};
use super::spoken;
use super::style;
use crate::core::desktop::settings::FollowedPerson;
use crate::core::model::display::inert_name;
use crate::core::model::name::Username;

pub use crate::core::desktop::followed_person::MAX_PEOPLE;

/// What the user changed, for the app to pass on to the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonChange {
    Follow(String),
    Unfollow(String),
    Removed(String),
    /// Show only this person's tweets.
    Show(String),
}

#[derive(Debug, Default)]
pub struct PeoplePanel {
    new_person: String,
    error: Option<String>,
}

impl PeoplePanel {
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        people: &mut Vec<FollowedPerson>,
        views: &FilteredViews,
    ) -> Vec<PersonChange> {
        let mut changes = Vec::new();
        ui.heading(ui.tr("people-heading"));
        ui.label(
            RichText::new(ui.tr("people-explained"))
                .small()
                .color(style::weak(ui)),
        );
        list_ui(ui, people, views, &mut changes);
        if self.add_field_ui(ui) {
            match self.add(&ui.translations(), people) {
                Ok(Some(user)) => changes.push(PersonChange::Follow(user)),
                Ok(None) => {}
                Err(reason) => self.error = Some(reason),
            }
        }
        if let Some(error) = &self.error {
            ui.colored_label(style::error(ui.visuals()), error);
        }
        changes
    }

    /// The field for a new person and its Add button; true when it is
    /// clicked or Enter pressed.
    fn add_field_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let (label, spoken) = (ui.tr("people-add-label"), ui.tr("people-add-spoken"));
        let row = AddField {
            label: &label,
            hint: "@name",
            id_salt: "add-person",
            // Heard as "Add person": the hashtags' field has an Add too.
            spoken: Some(&spoken),
        };
        let outcome = row.ui(ui, &mut self.new_person);
        if outcome.changed {
            self.error = None;
        }
        outcome.submitted
    }

    /// Adds the typed person, followed. `Ok(None)` when they were already
    /// there and followed. Why a name is refused, core says in English.
    fn add(
        &mut self,
        tr: &Translations,
        people: &mut Vec<FollowedPerson>,
    ) -> Result<Option<String>, String> {
        let user = String::from(Username::parse(&self.new_person).map_err(|e| e.to_string())?);
        let known = people.iter().position(|p| p.user == user);
        if known.is_none() && people.len() >= MAX_PEOPLE {
            return Err(tr.tr_args("people-full", &[("limit", MAX_PEOPLE.into())]));
        }
        self.new_person.clear();
        self.error = None;
        match known.map(|index| &mut people[index]) {
            Some(existing) if existing.followed => Ok(None),
            Some(existing) => {
                existing.followed = true;
                Ok(Some(user))
            }
            None => {
                people.push(FollowedPerson {
                    user: user.clone(),
                    followed: true,
                });
                Ok(Some(user))
            }
        }
    }
}

/// One row per person: their checkbox, their view, their remove button.
fn list_ui(
    ui: &mut egui::Ui,
    people: &mut Vec<FollowedPerson>,
    views: &FilteredViews,
    changes: &mut Vec<PersonChange>,
) {
    let mut removed = None;
    egui::ScrollArea::vertical()
        .id_salt("people")
        .max_height(ui.available_height() - 120.0)
        .show(ui, |ui| {
            for (index, entry) in people.iter_mut().enumerate() {
                if row_ui(ui, entry, views, changes) {
                    removed = Some(index);
                }
            }
        });
    if let Some(index) = removed {
        let entry = people.remove(index);
        changes.push(PersonChange::Removed(entry.user));
    }
}

/// One person's row; true when its remove button is clicked.
fn row_ui(
    ui: &mut egui::Ui,
    entry: &mut FollowedPerson,
    views: &FilteredViews,
    changes: &mut Vec<PersonChange>,
) -> bool {
    ui.horizontal(|ui| {
        let name = inert_name(&entry.user, 32);
        if ui
            .checkbox(&mut entry.followed, format!("@{name}"))
            .changed()
        {
            changes.push(if entry.followed {
                PersonChange::Follow(entry.user.clone())
            } else {
                PersonChange::Unfollow(entry.user.clone())
            });
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let remove = ui
                .small_button("×")
                .on_hover_text(ui.tr_args("people-remove", &[("name", name.clone().into())]));
            spoken::name(
                &remove,
                ui.tr_args("people-remove", &[("name", name.clone().into())]),
            );
            let shown = views.shown_person() == Some(entry.user.as_str());
            let tr = ui.translations();
            let hover = |unread: usize| {
                tr.tr_args(
                    "people-show-only",
                    &[("name", name.clone().into()), ("count", unread.into())],
                )
            };
            if unread_button_ui(ui, views.unread_by(&entry.user), shown, hover) {
                changes.push(PersonChange::Show(entry.user.clone()));
            }
            remove.clicked()
        })
        .inner
    })
    .inner
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Language;

    #[test]
    fn adding_validates_the_name_and_keeps_the_list_bounded() {
        let tr = Translations::new(Language::English);
        let mut panel = PeoplePanel::default();
        let mut people = Vec::new();
        panel.new_person = " @alice ".into();
        assert_eq!(panel.add(&tr, &mut people), Ok(Some("alice".to_owned())));
        panel.new_person = "alice".into();
        assert_eq!(panel.add(&tr, &mut people), Ok(None), "already followed");
        for bad in ["a/b", "a+", "#x", "two words", ""] {
            panel.new_person = bad.into();
            assert!(panel.add(&tr, &mut people).is_err(), "{bad:?} refused");
        }
        people.resize(MAX_PEOPLE, FollowedPerson::default());
        panel.new_person = "zed".into();
        assert!(panel.add(&tr, &mut people).is_err(), "full");
    }
}

//! The first-run welcome, over the main window: pick a username (checked
//! as it is typed), see which broker Chirp uses and that what is posted
//! there is public, tick a few hashtags; then Start, or Skip. Whether it
//! is due is `core::desktop::first_run`'s to say.

use egui::RichText;

use super::i18n::Translate as _;
use super::style;
use crate::core::connection::broker::BrokerAddress;
use crate::core::desktop::settings::Settings;
use crate::core::model::name::{Hashtag, Username};
use crate::core::social::presence::PresenceBoard;

/// Hashtags offered, a few for everyone; the person may add their own.
const SUGGESTED: [&str; 8] = [
    "chirp",
    "rust",
    "mqtt",
    "music",
    "garden",
    "news",
    "books",
    "photography",
];
/// Hashtags in one row of the grid.
const PER_ROW: usize = 4;
/// Own hashtags added at most (the welcome is a start, not the panel).
const MAX_PICKS: usize = 16;

/// What the person chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WelcomeOutcome {
    /// The username (valid) and each hashtag shown, ticked or not.
    Start {
        username: String,
        picks: Vec<(String, bool)>,
    },
    Skip,
}

/// What the welcome tells about the connection and the name typed.
pub struct WelcomeContext<'a> {
    /// Where Chirp connects now.
    pub broker: &'a BrokerAddress,
    /// Who is online: a name in use shows a warning.
    pub presence: &'a PresenceBoard,
}

#[derive(Debug, Clone)]
pub struct WelcomeView {
    username: String,
    /// Each hashtag shown and whether it is ticked.
    picks: Vec<(String, bool)>,
    own_tag: String,
    own_error: Option<String>,
    /// The username field was given the keyboard once, when first shown.
    focused: bool,
}

impl WelcomeView {
    /// Ticked: the suggestions `settings` follow already.
    pub fn new(settings: &Settings) -> Self {
        let picks = SUGGESTED
            .iter()
            .map(|&tag| (tag.to_owned(), settings.followed_tags().any(|t| t == tag)))
            .collect();
        Self {
            username: settings.username.clone(),
            picks,
            own_tag: String::new(),
            own_error: None,
            focused: false,
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, context: WelcomeContext<'_>) -> Option<WelcomeOutcome> {
        let mut outcome = None;
        // Clicking beside it or Escape does not close it: Skip does.
        let frame = egui::Frame::popup(ui.style()).inner_margin(20);
        let modal = egui::Modal::new(egui::Id::unique("welcome")).frame(frame);
        modal.show(ui.ctx(), |ui| {
            ui.set_width(480.0);
            ui.heading(ui.tr("welcome-title"));
            ui.label(RichText::new(ui.tr("welcome-explained")).color(style::weak(ui)));
            ui.add_space(10.0);
            let (username, entered) = self.username_ui(ui, context.presence);
            ui.add_space(10.0);
            broker_ui(ui, context.broker);
            ui.add_space(10.0);
            self.hashtags_ui(ui);
            ui.add_space(14.0);
            ui.horizontal(|ui| {
                let start = RichText::new(ui.tr("welcome-start"))
                    .strong()
                    .color(egui::Color32::WHITE);
                let start = egui::Button::new(start)
                    .fill(style::ACCENT)
                    .min_size(egui::vec2(72.0, 28.0));
                let start = ui.add_enabled(username.is_some(), start);
                if let Some(username) = username.filter(|_| start.clicked() || entered) {
                    let picks = self.picks.clone();
                    outcome = Some(WelcomeOutcome::Start { username, picks });
                }
                if ui.button(ui.tr("welcome-skip")).clicked() {
                    outcome = Some(WelcomeOutcome::Skip);
                }
            });
        });
        outcome
    }

    /// The field and what is wrong with the name, or how it will show.
    /// The name, when it is a valid one, and whether Enter was pressed in it.
    fn username_ui(
        &mut self,
        ui: &mut egui::Ui,
        presence: &PresenceBoard,
    ) -> (Option<String>, bool) {
        let label = ui.strong(ui.tr("welcome-username"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut self.username)
                    .hint_text(ui.tr("welcome-username-hint"))
                    .char_limit(64)
                    .desired_width(240.0),
            )
            .labelled_by(label.id);
        if !self.focused {
            field.request_focus();
            self.focused = true;
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let checked = Username::parse(&self.username).map(String::from);
        let (text, colour) = match &checked {
            _ if self.username.trim().is_empty() => {
                (ui.tr("welcome-username-rules"), style::weak(ui))
            }
            // Core's reason, in English for now.
            Err(why) => (capitalized(&why.to_string()), style::error(ui.visuals())),
            Ok(name) if presence.is_online(name) => (
                ui.tr_args("welcome-username-online", &[("name", name.as_str().into())]),
                style::WARN,
            ),
            Ok(name) => (
                ui.tr_args("welcome-username-ok", &[("name", name.as_str().into())]),
                style::ok(ui.visuals()),
            ),
        };
        ui.label(RichText::new(text).small().color(colour));
        (checked.ok(), entered)
    }

    fn hashtags_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong(ui.tr("welcome-hashtags"));
        egui::Grid::new("welcome-hashtags")
            .num_columns(PER_ROW)
            .spacing([16.0, 4.0])
            .show(ui, |ui| {
                for (index, (tag, ticked)) in self.picks.iter_mut().enumerate() {
                    ui.checkbox(ticked, format!("#{tag}"));
                    if index % PER_ROW == PER_ROW - 1 {
                        ui.end_row();
                    }
                }
            });
        ui.horizontal(|ui| {
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.own_tag)
                    .hint_text(ui.tr("welcome-hashtag-hint"))
                    .desired_width(160.0),
            );
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let full = self.picks.len() >= SUGGESTED.len() + MAX_PICKS;
            let add = ui.add_enabled(!full, egui::Button::new(ui.tr("welcome-add-hashtag")));
            if (add.clicked() || entered) && !full {
                self.add_own_tag();
            }
        });
        if let Some(error) = &self.own_error {
            ui.label(
                RichText::new(error)
                    .small()
                    .color(style::error(ui.visuals())),
            );
        }
    }

    /// The hashtag typed, ticked (added if it is not shown yet).
    fn add_own_tag(&mut self) {
        match Hashtag::parse(&self.own_tag) {
            Ok(tag) => {
                let tag = String::from(tag);
                match self.picks.iter_mut().find(|(known, _)| *known == tag) {
                    Some((_, ticked)) => *ticked = true,
                    None => self.picks.push((tag, true)),
                }
                self.own_tag.clear();
                self.own_error = None;
            }
            Err(why) => self.own_error = Some(capitalized(&why.to_string())),
        }
    }
}

/// Where the tweets go, said plainly: on the public broker, everyone can
/// read everything.
fn broker_ui(ui: &mut egui::Ui, broker: &BrokerAddress) {
    ui.strong(ui.tr("welcome-broker"));
    ui.label(ui.tr_args(
        "welcome-broker-address",
        &[("broker", broker.label().into())],
    ));
    let public = if broker.is_public_test_broker() {
        ui.tr("welcome-broker-public")
    } else {
        ui.tr("welcome-broker-private")
    };
    ui.label(RichText::new(public).color(style::warn(ui.visuals())));
    ui.label(
        RichText::new(ui.tr("welcome-broker-later"))
            .small()
            .color(style::weak(ui)),
    );
}

/// "a username can't…" → "A username can't…".
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

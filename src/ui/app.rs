//! The app's state and the frame: drain network events, draw the panels,
//! pass what the user did to the network worker, save settings.

mod actions;
mod appearance;
mod connection;
mod events;
mod first_run;
mod frame_log;
mod identity_jobs;
mod keyboard;
mod language;
mod main_view;
mod mutes;
mod people;
mod reacting;
mod services;
mod settings_outcome;
mod signatures;
mod transfer;
mod windows;

pub use connection::presence_name;

use std::sync::Arc;
use std::time::Duration;

use crate::core::connection::net::{ConnectionConfig, NetCommand, NetLink, WorkerThread};
use crate::core::desktop::first_run::settle_welcome;
use crate::core::desktop::identity_store::{IdentityStore, KeyHome};
use crate::core::desktop::instance::InstanceLock;
use crate::core::desktop::notifier::Notifier;
use crate::core::desktop::settings::{Settings, SettingsWriter};
use crate::core::model::timeline::Timeline;
use crate::core::protocol::identity::Identity;
use crate::core::social::flood_guard::FloodGuard;
use crate::core::social::mutes::{Mutes, Scope};
use crate::core::social::presence::PresenceBoard;
use crate::core::social::reactions::Reactions;

use super::diagnostics::LiveFigures;
use super::flood_lines;
use super::i18n::Language;
use super::messages::Sender;
use super::notices::Notice;
use super::online_list;
use super::passwords::Passwords;
use super::people::People;
use super::settings_dialog::SettingsDialog;
use super::style;
use super::timeline_view::CardContext;
use super::top_bar::{TopBar, TopBarAction};
use super::welcome::WelcomeView;
use connection::{Connection, PRESENCE_SETTLE};
use language::LanguageChoice;
use main_view::MainView;
use services::Services;

use super::frame_pacer::FramePacer;
use windows::Windows;

/// How often the keyring's answers are looked for while some are due.
const KEYRING_POLL: Duration = Duration::from_millis(100);

pub struct ChirpApp {
    settings: Settings,
    /// As last handed to the writer: saved again only when they differ.
    saved_settings: Settings,
    timeline: Timeline,
    presence: PresenceBoard,
    /// The keys pinned for names, and others seen under them.
    people: People,
    /// Likes and reposts (per key) and deletions waiting for their tweet.
    reactions: Reactions,
    connection: Connection,
    view: MainView,
    windows: Windows,
    /// The window has the keyboard focus (as of the last frame).
    focused: bool,
    /// Unsent tweets are on disk and go out at the next start.
    durable_outbox: bool,
    services: Services,
    /// The index of `settings.mutes`, built again when they change.
    mutes: Mutes,
    /// Holds back what one author posts past `settings.flood_rate` a minute.
    flood_guard: FloodGuard,
    /// The system's language, and which one is installed.
    language: LanguageChoice,
}

impl ChirpApp {
    /// The app over a network link whose worker connects with `config`.
    /// Subscribes to the followed hashtags and people.
    pub fn new(mut settings: Settings, net: NetLink, config: ConnectionConfig) -> Self {
        let welcome = settle_welcome(&mut settings).then(|| WelcomeView::new(&settings));
        for tag in settings.followed_tags() {
            net.send(NetCommand::Subscribe(tag.to_owned()));
        }
        for user in settings.followed_people() {
            net.send(NetCommand::FollowPerson(user.to_owned()));
        }
        Self {
            mutes: Mutes::new(&settings.mutes),
            flood_guard: FloodGuard::new(settings.flood_rate),
            saved_settings: settings.clone(),
            timeline: Timeline::with_limit(settings.timeline_limit),
            presence: PresenceBoard::default(),
            people: People::default(),
            reactions: Reactions::default(),
            connection: Connection::new(config, &settings),
            settings,
            view: MainView::default(),
            windows: Windows {
                welcome,
                ..Windows::default()
            },
            focused: true,
            durable_outbox: false,
            services: Services::new(net),
            language: LanguageChoice::default(),
        }
    }

    /// Speaks `language` unless Settings choose another (without this,
    /// English: the window's text never depends on where tests run).
    pub fn with_system_language(mut self, language: Language) -> Self {
        self.language.system = language;
        self
    }

    /// Holds the profile's lock; the one window that has it keeps unsent
    /// tweets on disk, so closing it loses nothing.
    pub fn with_instance_lock(mut self, lock: InstanceLock) -> Self {
        self.durable_outbox = lock.is_primary();
        self.connection.set_primary(lock.is_primary());
        self.services.instance = Some(lock);
        self
    }

    /// Tells the desktop about mentions and messages that arrive while the
    /// window is in the background.
    pub fn with_notifier(mut self, notifier: Notifier) -> Self {
        self.services.notifier = Some(notifier);
        self
    }

    pub fn with_worker(mut self, worker: WorkerThread) -> Self {
        self.services.worker = Some(worker);
        self
    }

    /// Paces the network's wake-ups (`frame_pacer.rs`) with `pacer`.
    pub fn with_frame_pacer(mut self, pacer: FramePacer) -> Self {
        self.services.frame_pacer = pacer;
        self
    }

    /// Saves settings through `writer` whenever they change; its errors
    /// arrive on `notices`.
    pub fn with_settings_writer(
        mut self,
        writer: SettingsWriter,
        notices: crossbeam_channel::Receiver<String>,
    ) -> Self {
        self.services.set_settings_writer(writer, notices);
        self
    }

    /// Signs tweets, replies and presence with `identity` (None: unsigned).
    pub fn with_identity(mut self, identity: Option<Arc<Identity>>) -> Self {
        self.set_identity(identity);
        self
    }

    /// Signs with `identity` from now on (a new or imported one): the
    /// compose box at once, presence from the next connection.
    pub fn set_identity(&mut self, identity: Option<Arc<Identity>>) {
        self.view.compose.sign_with(identity.clone());
        let config = self.connection.config.clone().signed_by(identity.clone());
        if self.connection.adopt(config.clone()) {
            self.services.net.send(NetCommand::Reconfigure(config));
        }
        self.services.identity = identity;
    }

    /// Where the identity is kept, for Settings → Identity to replace it.
    pub fn with_identity_store(mut self, store: IdentityStore, home: Option<KeyHome>) -> Self {
        self.services.identity_jobs = identity_jobs::IdentityJobs::new(store, home);
        self
    }

    /// The identity tweets are signed with, if any.
    pub fn identity(&self) -> Option<&Arc<Identity>> {
        self.services.identity.as_ref()
    }

    /// Passwords known at startup, and the keyring for the rest.
    pub fn with_passwords(mut self, passwords: Passwords) -> Self {
        self.services.passwords = passwords;
        self
    }

    /// A notice shown until dismissed: a message from the catalog, or text
    /// from elsewhere as it is.
    pub fn add_notice(&mut self, notice: impl Into<Notice>) {
        self.view.notices.push(notice);
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Likes and reposts counted so far (for tests and figures).
    pub fn reactions(&self) -> &Reactions {
        &self.reactions
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// One frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let language = self.settings.language.as_deref();
        self.language.install(ui.ctx(), language);
        self.drain_events(ui.ctx());
        self.keyboard(ui.ctx());
        self.sync_appearance(ui.ctx());
        self.top_bar_ui(ui);
        self.hashtags_panel_ui(ui);
        self.central_ui(ui);
        self.check_shown_signatures(ui.ctx());
        self.windows_ui(ui);
        self.welcome_ui(ui);
        self.view.shortcut_keys.end_frame(ui.ctx());
        self.save_settings_if_changed();
        if let Some(config) = self.connection.follow_username(&self.settings.username) {
            self.services.net.send(NetCommand::Reconfigure(config));
        }
        ui.ctx().request_repaint_after(self.next_tick());
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        let frame =
            egui::Frame::side_top_panel(ui.style()).inner_margin(egui::Margin::symmetric(12, 8));
        egui::Panel::top("top-bar").frame(frame).show(ui, |ui| {
            let icon = self
                .view
                .icon
                .get_or_insert_with(|| style::load_icon(ui.ctx()));
            let action = TopBar {
                icon,
                username: &mut self.settings.username,
                connection: &self.connection.state,
                profiles: &self.settings.profiles,
                active: &self.settings.active_profile,
                in_use: &self.connection.config.broker,
                unread_messages: self.windows.messages.unread(),
            }
            .ui(ui);
            if let Some(action) = action {
                self.top_bar_action(action);
            }
        });
    }

    pub(super) fn top_bar_action(&mut self, action: TopBarAction) {
        let windows = &mut self.windows;
        match action {
            TopBarAction::OpenSettings => {
                let dialog = SettingsDialog::new(&self.settings);
                windows.settings_dialog = Some(dialog.with_system_language(self.language.system));
            }
            TopBarAction::SwitchProfile(name) => {
                self.settings.active_profile = name;
                self.connect_active_profile();
            }
            TopBarAction::ToggleDiagnostics => {
                windows.diagnostics.open = !windows.diagnostics.open;
            }
            TopBarAction::ToggleMessages => windows.messages.open = !windows.messages.open,
            TopBarAction::ToggleDiscover => {
                windows.discover.open = !windows.discover.open;
                let open = windows.discover.open;
                self.services.net.send(NetCommand::Discover(open));
            }
        }
    }

    fn hashtags_panel_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::left("hashtags")
            .default_size(210.0)
            .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(12))
            .show(ui, |ui| {
                let view = &mut self.view;
                let changes =
                    view.hashtags_panel
                        .ui(ui, &mut self.settings.hashtags, &view.filtered);
                ui.separator();
                let people = &mut self.settings.people;
                let people_changes = view.people_panel.ui(ui, people, &view.filtered);
                ui.separator();
                online_list::ui(ui, &self.presence);
                self.apply_follow_changes(changes);
                self.apply_people_changes(people_changes);
            });
    }

    /// Notices, the compose box, and the timeline (or the view narrowed
    /// to a tag, a search, Mentions or a conversation).
    fn central_ui(&mut self, ui: &mut egui::Ui) {
        let me = self.me();
        egui::CentralPanel::default_margins().show(ui, |ui| {
            self.view.notices.ui(ui);
            egui::Frame::group(ui.style())
                .corner_radius(8.0)
                .show(ui, |ui| self.compose_ui(ui));
            ui.add_space(8.0);
            let shown_flood = flood_lines::ui(ui, &self.flood_guard);
            let card = CardContext {
                presence: &self.presence,
                connected: self.connection.is_connected(),
                me: &me,
                people: &self.people,
                reactions: &self.reactions,
                my_key: self.services.identity.as_ref().map(|id| id.author_key()),
                mutes: &self.mutes,
                scope: Scope::AllTweets,
            };
            let view = &mut self.view;
            let action = view.filtered.timeline_ui(
                ui,
                &mut view.timeline_view,
                &self.timeline,
                self.settings.timeline_limit,
                card,
            );
            if let Some(action) = action {
                self.tweet_action(action);
            }
            if let Some(author) = shown_flood {
                self.show_flood(&author);
            }
        });
    }

    /// The compose box; a posted tweet shows at once as pending.
    fn compose_ui(&mut self, ui: &mut egui::Ui) {
        let format = self.settings.post_format();
        let posted = self.view.compose.ui(
            ui,
            &self.settings.username,
            &self.settings.hashtags,
            &mut self.settings.compose_tag,
            format,
            &self.connection.config.topic_root,
        );
        if let Some(outgoing) = posted {
            let outgoing = outgoing.retained(self.settings.retain_latest);
            if self.timeline.insert_own(&outgoing.tweet) {
                self.view
                    .filtered
                    .posted(&outgoing.tweet, self.timeline.last_inserted());
            }
            self.services.net.send(NetCommand::Publish(outgoing));
        }
    }

    /// The windows over the main one: settings, Diagnostics, Discover,
    /// the person card, Messages, and the question before closing with unsent tweets.
    fn windows_ui(&mut self, ui: &mut egui::Ui) {
        self.settings_dialog_ui(ui);
        self.diagnostics_ui(ui.ctx());
        self.discover_ui(ui.ctx());
        self.person_card_ui(ui);
        let me = self.me();
        let connected = self.connection.is_connected();
        let sender = Sender {
            identity: self.services.identity.as_deref(),
            profiles: &self.people.profiles,
        };
        let messages = &mut self.windows.messages;
        if let Some(outgoing) = messages.ui(ui.ctx(), &me, connected, sender) {
            self.services.net.send(NetCommand::SendDirect(outgoing));
        }
        self.identity_window_ui(ui.ctx());
        self.windows.shortcut_sheet.ui(ui.ctx());
        self.settings_transfer_ui(ui);
        if !self.durable_outbox {
            let timeline = &self.timeline;
            self.windows
                .close_guard
                .ui(ui.ctx(), || timeline.pending_count());
        }
    }

    fn diagnostics_ui(&mut self, ctx: &egui::Context) {
        if !self.windows.diagnostics.open {
            return;
        }
        let tr = self.language.translations();
        let notifications =
            (self.services).notifications_status(self.settings.notify_in_background, tr);
        let live = LiveFigures {
            connection: &self.connection.state,
            pending_tweets: self.timeline.pending_count(),
            timeline_len: self.timeline.len(),
            timeline_limit: self.settings.timeline_limit,
            overflowed_events: self.services.net.overflowed(),
            client_id: &self.connection.config.client_id,
            notifications: &notifications,
        };
        self.windows.diagnostics.ui(ctx, &live);
    }

    fn discover_ui(&mut self, ctx: &egui::Context) {
        let was_open = self.windows.discover.open;
        let follow = self.windows.discover.ui(ctx, &self.settings.hashtags);
        if was_open && !self.windows.discover.open {
            self.services.net.send(NetCommand::Discover(false));
        }
        if let Some(tag) = follow {
            self.follow_discovered(tag);
        }
    }

    /// When the screen changes by itself: every second while a retry
    /// countdown or a "N s ago" is showing, else twice a minute for
    /// "N min ago". Nothing else repaints an idle window.
    fn next_tick(&self) -> Duration {
        let seconds_old = self.timeline.get(0).is_some_and(|newest| {
            (chrono::Utc::now() - newest.shown_time()) < chrono::TimeDelta::seconds(60)
        });
        if self.services.passwords.awaiting_answers() {
            return KEYRING_POLL;
        }
        if self.connection.presence_pending() {
            return PRESENCE_SETTLE;
        }
        if self.connection.is_counting_down() || seconds_old {
            Duration::from_secs(1)
        } else {
            Duration::from_secs(30)
        }
    }

    fn save_settings_if_changed(&mut self) {
        if self.settings == self.saved_settings {
            return;
        }
        self.saved_settings = self.settings.clone();
        self.services.save(&self.settings);
    }
}

impl eframe::App for ChirpApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.services.frame_pacer.frame_started();
        self.frame_ui(ui);
        self.log_frame(frame);
    }
}

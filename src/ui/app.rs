//! The app's state and the frame: drain network events, draw the panels,
//! pass what the user did to the network worker, save settings.

use std::time::{Duration, Instant};

use crate::core::connection::net::{
    ConnectionConfig, ConnectionState, NetCommand, NetEvent, NetLink, Secret, WorkerThread,
};
use crate::core::connection::profile::{PasswordPlace, Profile};
use crate::core::desktop::instance::InstanceLock;
use crate::core::desktop::notifier::{Notification, Notifier};
use crate::core::desktop::settings::{FollowedHashtag, Settings, SettingsWriter};
use crate::core::model::name::Username;
use crate::core::model::timeline::Timeline;
use crate::core::social::presence::PresenceBoard;
use crate::core::social::search::{self, Filter};

use super::close_guard::CloseGuard;
use super::compose_box::ComposeBox;
use super::diagnostics::{Diagnostics, LiveFigures};
use super::discover::DiscoverView;
use super::filtered_view::FilteredViews;
use super::hashtags_panel::{FollowChange, HashtagsPanel};
use super::host_broker::HostBrokerPanel;
use super::messages::MessagesView;
use super::online_list;
use super::passwords::{self, Lookup, PasswordEvent, Passwords};
use super::settings_dialog::{AppliedSettings, DialogOutcome, SettingsDialog};
use super::status;
use super::style;
use super::timeline_view::{CardContext, TimelineView, TweetAction};
use super::top_bar::{self, TopBarAction};

/// How long one frame may spend taking in network events; the rest wait
/// for the next frame, so a flood never freezes the window.
const EVENT_BUDGET: Duration = Duration::from_millis(6);
/// How often the keyring's answers are looked for while some are due.
const KEYRING_POLL: Duration = Duration::from_millis(100);
/// How long a new username must stand before it is announced.
const PRESENCE_SETTLE: Duration = Duration::from_secs(2);

/// The presence to announce for what is typed as the username: only a
/// valid one.
pub fn presence_name(username: &str) -> Option<String> {
    Username::parse(username).ok().map(String::from)
}

pub struct ChirpApp {
    settings: Settings,
    saved_settings: Settings,
    writer: Option<SettingsWriter>,
    notices_rx: Option<crossbeam_channel::Receiver<String>>,
    net: NetLink,
    // Dropped last-but-one: stopping the worker waits briefly for unsent tweets.
    worker: Option<WorkerThread>,
    /// What the worker connects with; its broker may be `--broker`'s, for
    /// this run only, until the user picks one in settings.
    config: ConnectionConfig,
    /// Held while the app runs: this window owns the profile.
    _instance: Option<InstanceLock>,
    connection: ConnectionState,
    timeline: Timeline,
    compose: ComposeBox,
    hashtags_panel: HashtagsPanel,
    timeline_view: TimelineView,
    filtered: FilteredViews,
    settings_dialog: Option<SettingsDialog>,
    /// Outlives the dialog: the broker it started runs until Chirp closes.
    host_broker: HostBrokerPanel,
    notices: Vec<String>,
    diagnostics: Diagnostics,
    discover: DiscoverView,
    messages: MessagesView,
    presence: PresenceBoard,
    /// A valid username not yet announced, and since when it has stood,
    /// to announce it once typing has settled.
    pending_presence: Option<(String, Instant)>,
    icon: Option<egui::TextureHandle>,
    close_guard: CloseGuard,
    notifier: Option<Notifier>,
    notification_problem: Option<String>,
    /// The window has the keyboard focus (as of the last frame).
    focused: bool,
    /// Unsent tweets are on disk and go out at the next start.
    durable_outbox: bool,
    /// This window owns the profile: it may use a profile's own client id
    /// and a persistent session (a second window may not).
    primary_instance: bool,
    /// The client id of profiles that don't name one.
    install_client_id: String,
    passwords: Passwords,
    /// The keyring account whose password is on its way, to connect with.
    awaiting_password: Option<String>,
}

impl ChirpApp {
    /// The app over a network link whose worker connects with `config`.
    /// Subscribes to the followed hashtags.
    pub fn new(settings: Settings, net: NetLink, config: ConnectionConfig) -> Self {
        for tag in settings.followed_tags() {
            net.send(NetCommand::Subscribe(tag.to_owned()));
        }
        let connection = ConnectionState::Connecting {
            broker: config.broker.label(),
        };
        let install_client_id = if settings.active().client_id.trim().is_empty() {
            config.client_id.clone()
        } else {
            settings.client_id.clone()
        };
        Self {
            primary_instance: config.persistent_session,
            install_client_id,
            passwords: Passwords::default(),
            awaiting_password: None,
            saved_settings: settings.clone(),
            timeline: Timeline::with_limit(settings.timeline_limit),
            settings,
            writer: None,
            notices_rx: None,
            net,
            worker: None,
            config,
            _instance: None,
            connection,
            compose: ComposeBox::default(),
            hashtags_panel: HashtagsPanel::default(),
            timeline_view: TimelineView::default(),
            filtered: FilteredViews::default(),
            settings_dialog: None,
            host_broker: HostBrokerPanel::default(),
            notices: Vec::new(),
            diagnostics: Diagnostics::default(),
            discover: DiscoverView::default(),
            messages: MessagesView::default(),
            presence: PresenceBoard::default(),
            pending_presence: None,
            icon: None,
            close_guard: CloseGuard::default(),
            notifier: None,
            notification_problem: None,
            focused: true,
            durable_outbox: false,
        }
    }

    /// Holds the profile's lock; the one window that has it keeps unsent
    /// tweets on disk, so closing it loses nothing.
    pub fn with_instance_lock(mut self, lock: InstanceLock) -> Self {
        self.durable_outbox = lock.is_primary();
        self.primary_instance = lock.is_primary();
        if !lock.is_primary() {
            self.install_client_id = self.config.client_id.clone();
        }
        self._instance = Some(lock);
        self
    }

    /// Tells the desktop about mentions and messages that arrive while the
    /// window is in the background.
    pub fn with_notifier(mut self, notifier: Notifier) -> Self {
        self.notifier = Some(notifier);
        self
    }

    pub fn with_worker(mut self, worker: WorkerThread) -> Self {
        self.worker = Some(worker);
        self
    }

    /// Saves settings through `writer` whenever they change; its errors
    /// arrive on `notices`.
    pub fn with_settings_writer(
        mut self,
        writer: SettingsWriter,
        notices: crossbeam_channel::Receiver<String>,
    ) -> Self {
        self.writer = Some(writer);
        self.notices_rx = Some(notices);
        self
    }

    /// Passwords known at startup, and the keyring for the rest.
    pub fn with_passwords(mut self, passwords: Passwords) -> Self {
        self.passwords = passwords;
        self
    }

    pub fn add_notice(&mut self, notice: String) {
        self.notices.push(notice);
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// One frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        self.drain_events(ui.ctx());

        egui::Panel::top("top-bar")
            .frame(
                egui::Frame::side_top_panel(ui.style())
                    .inner_margin(egui::Margin::symmetric(12, 8)),
            )
            .show(ui, |ui| {
                let icon = self.icon.get_or_insert_with(|| style::load_icon(ui.ctx()));
                let action = top_bar::ui(
                    ui,
                    icon,
                    &mut self.settings.username,
                    &self.connection,
                    &self.settings.profiles,
                    &self.settings.active_profile,
                    self.messages.unread(),
                );
                match action {
                    Some(TopBarAction::OpenSettings) => {
                        self.settings_dialog = Some(SettingsDialog::new(&self.settings));
                    }
                    Some(TopBarAction::SwitchProfile(name)) => {
                        self.settings.active_profile = name;
                        self.connect_active_profile();
                    }
                    Some(TopBarAction::ToggleDiagnostics) => {
                        self.diagnostics.open = !self.diagnostics.open;
                    }
                    Some(TopBarAction::ToggleMessages) => {
                        self.messages.open = !self.messages.open;
                    }
                    Some(TopBarAction::ToggleDiscover) => {
                        self.discover.open = !self.discover.open;
                        self.net.send(NetCommand::Discover(self.discover.open));
                    }
                    None => {}
                }
            });
        egui::Panel::left("hashtags")
            .default_size(210.0)
            .frame(egui::Frame::side_top_panel(ui.style()).inner_margin(12))
            .show(ui, |ui| {
                let changes =
                    self.hashtags_panel
                        .ui(ui, &mut self.settings.hashtags, &self.filtered);
                ui.separator();
                online_list::ui(ui, &self.presence);
                self.apply_follow_changes(changes);
            });
        let me = self.me();
        egui::CentralPanel::default_margins().show(ui, |ui| {
            self.notices_ui(ui);
            let connected = status::is_connected(&self.connection);
            egui::Frame::group(ui.style())
                .corner_radius(8.0)
                .show(ui, |ui| {
                    let format = self.settings.post_format();
                    let posted = self.compose.ui(
                        ui,
                        &self.settings.username,
                        &self.settings.hashtags,
                        &mut self.settings.compose_tag,
                        format,
                        &self.config.topic_root,
                    );
                    if let Some(outgoing) = posted {
                        let outgoing = outgoing.retained(self.settings.retain_latest);
                        if self.timeline.insert_own(&outgoing.tweet) {
                            self.filtered.posted(&outgoing.tweet, self.timeline.get(0));
                        }
                        self.net.send(NetCommand::Publish(outgoing));
                    }
                });
            ui.add_space(8.0);
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
                self.filtered.open_search();
            }
            let card = CardContext {
                presence: &self.presence,
                connected,
                me: &me,
            };
            let action = self.filtered.timeline_ui(
                ui,
                &mut self.timeline_view,
                &self.timeline,
                self.settings.timeline_limit,
                card,
            );
            if let Some(action) = action {
                self.tweet_action(action);
            }
        });
        self.settings_dialog_ui(ui);
        if self.diagnostics.open {
            let live = LiveFigures {
                connection: &self.connection,
                pending_tweets: self.timeline.pending_count(),
                timeline_len: self.timeline.len(),
                timeline_limit: self.settings.timeline_limit,
                overflowed_events: self.net.overflowed(),
                client_id: &self.config.client_id,
                notifications: match (
                    &self.notification_problem,
                    self.settings.notify_in_background,
                ) {
                    (_, false) => "off (Settings)",
                    (Some(problem), true) => problem,
                    (None, true) => "on, while Chirp is in the background",
                },
            };
            self.diagnostics.ui(ui.ctx(), &live);
        }
        self.discover_ui(ui.ctx());
        let connected = status::is_connected(&self.connection);
        if let Some(outgoing) = self.messages.ui(ui.ctx(), &me, connected) {
            self.net.send(NetCommand::SendDirect(outgoing));
        }
        if !self.durable_outbox {
            let timeline = &self.timeline;
            self.close_guard.ui(ui.ctx(), || timeline.pending_count());
        }
        self.save_settings_if_changed();
        self.follow_username_change();

        ui.ctx().request_repaint_after(self.next_tick());
    }

    /// Presence is per username, and the last will is fixed per connection:
    /// once a new valid name has stood for `PRESENCE_SETTLE`, reconnect
    /// with it (the old name goes offline by its will).
    fn follow_username_change(&mut self) {
        let wanted = presence_name(&self.settings.username);
        let Some(name) = wanted.filter(|_| self.primary_instance) else {
            self.pending_presence = None;
            return;
        };
        if Some(&name) == self.config.presence.as_ref() {
            self.pending_presence = None;
            return;
        }
        let since = match &self.pending_presence {
            // Still typing: the name changed again, so the wait starts over.
            Some((pending, since)) if *pending == name => *since,
            _ => {
                self.pending_presence = Some((name.clone(), Instant::now()));
                return;
            }
        };
        if since.elapsed() >= PRESENCE_SETTLE {
            self.pending_presence = None;
            self.config.presence = Some(name);
            self.net.send(NetCommand::Reconfigure(self.config.clone()));
        }
    }

    /// When the screen changes by itself: every second while a retry
    /// countdown or a "N s ago" is showing, else twice a minute for
    /// "N min ago". Nothing else repaints an idle window.
    fn next_tick(&self) -> Duration {
        let counting_down = matches!(self.connection, ConnectionState::Offline { .. });
        let seconds_old = self.timeline.get(0).is_some_and(|newest| {
            (chrono::Utc::now() - newest.shown_time()) < chrono::TimeDelta::seconds(60)
        });
        if self.passwords.awaiting_answers() {
            return KEYRING_POLL;
        }
        if self.pending_presence.is_some() {
            return PRESENCE_SETTLE;
        }
        if counting_down || seconds_old {
            Duration::from_secs(1)
        } else {
            Duration::from_secs(30)
        }
    }

    fn drain_events(&mut self, ctx: &egui::Context) {
        self.focused = ctx.input(|i| i.focused);
        for event in self.net.drain_within(EVENT_BUDGET) {
            self.handle_event(event);
        }
        if self.net.waiting() > 0 {
            ctx.request_repaint();
        }
        if let Some(notices) = &self.notices_rx {
            self.notices.extend(notices.try_iter());
        }
        // Told in Diagnostics, not as a banner: many desktops have no
        // notification daemon, and that is no news worth interrupting for.
        if let Some(problem) = self
            .notifier
            .as_ref()
            .and_then(|n| n.failures.try_iter().last())
        {
            self.notification_problem = Some(problem);
        }
        for event in self.passwords.drain() {
            self.handle_password_event(event);
        }
    }

    fn handle_password_event(&mut self, event: PasswordEvent) {
        match event {
            PasswordEvent::Loaded { account } => {
                if self.awaiting_password.as_deref() == Some(account.as_str()) {
                    self.awaiting_password = None;
                    self.connect_active_profile();
                }
            }
            PasswordEvent::KeyringMissing {
                account,
                password,
                reason,
            } => {
                for profile in &mut self.settings.profiles {
                    if profile.keyring_account() == account
                        && profile.password_place == PasswordPlace::Keyring
                    {
                        profile.password_place = PasswordPlace::SettingsFile;
                        profile.saved_password = Some(password.clone());
                        let notice = passwords::settings_file_notice(&profile.name, &reason);
                        self.notices.push(notice);
                    }
                }
            }
            PasswordEvent::Notice(notice) => self.notices.push(notice),
        }
    }

    /// Connects with the profile in use, once its password is at hand.
    fn connect_active_profile(&mut self) {
        let profile = self.settings.active();
        match self.passwords.lookup(&profile) {
            Lookup::Ready(password) => {
                self.awaiting_password = None;
                let config = self.connection_for(&profile, password);
                if config != self.config {
                    self.config = config;
                    self.net.send(NetCommand::Reconfigure(self.config.clone()));
                }
            }
            Lookup::Loading => self.awaiting_password = Some(profile.keyring_account()),
        }
    }

    fn connection_for(&self, profile: &Profile, password: Option<Secret>) -> ConnectionConfig {
        let mut config = profile
            .connection_config(&self.install_client_id, password)
            .with_persistent_session(self.primary_instance)
            .with_presence(
                presence_name(&self.settings.username).filter(|_| self.primary_instance),
            );
        if !self.primary_instance {
            // Never a profile's own id: the first window is using it.
            config.client_id = self.install_client_id.clone();
        }
        config.first_retry = self.config.first_retry;
        config.max_retry = self.config.max_retry;
        config.refused_retry = self.config.refused_retry;
        config
    }

    fn handle_event(&mut self, event: NetEvent) {
        self.diagnostics.note(&event);
        match event {
            NetEvent::Connection(state) => self.connection = state,
            NetEvent::Tweet { topic, tweet } => {
                // Counted once per tweet: a tag also watched by Discover
                // may deliver it twice.
                if self.timeline.insert_received(&tweet) {
                    if let Some(tag) = self.config.topic_root.tag_of(&topic) {
                        self.discover.record(tag);
                    }
                    let hashtags = &self.settings.hashtags;
                    let me = presence_name(&self.settings.username);
                    let is_followed =
                        |tag: &str| hashtags.iter().any(|h| h.followed && h.tag == tag);
                    let mention = self.filtered.received(
                        &tweet,
                        self.timeline.get(0),
                        is_followed,
                        me.as_deref(),
                    );
                    if mention {
                        let author = tweet.user.as_deref().unwrap_or("someone");
                        self.notify(&format!("@{author} mentioned you"), &tweet.text);
                    }
                }
            }
            NetEvent::Seen(tag) => self.discover.record(&tag),
            NetEvent::Acknowledged(id) => {
                self.timeline.mark_acknowledged(&id);
                self.filtered.acknowledged(&id);
                self.messages.acknowledged(&id);
            }
            NetEvent::DirectHistory(saved) => self.messages.restore(saved),
            NetEvent::Direct(message) => {
                if let Some(me) = presence_name(&self.settings.username) {
                    let summary = format!("Message from @{}", message.from);
                    let text = message.text.clone();
                    if self.messages.received(&me, message) {
                        self.notify(&summary, &text);
                    }
                }
            }
            // Saved tweets are older than anything that arrived meanwhile.
            NetEvent::History(entries) => self.timeline.extend_older(entries),
            NetEvent::Notice(notice) => self.notices.push(notice),
            NetEvent::StorageUnavailable(reason) => {
                self.durable_outbox = false;
                self.notices.push(format!(
                    "History is not being kept: {reason}. Unsent tweets are lost if Chirp closes."
                ));
            }
            NetEvent::Dropped { .. }
            | NetEvent::Subscribed(_)
            | NetEvent::Unsubscribed(_)
            | NetEvent::RoundTrip(_)
            | NetEvent::BrokerFigure(_)
            | NetEvent::Discovering(_)
            | NetEvent::PersonalReady(_) => {}
            NetEvent::Presence(presence) => self.presence.note(presence),
        }
    }

    fn discover_ui(&mut self, ctx: &egui::Context) {
        let was_open = self.discover.open;
        let follow = self.discover.ui(ctx, &self.settings.hashtags);
        if was_open && !self.discover.open {
            self.net.send(NetCommand::Discover(false));
        }
        if let Some(tag) = follow {
            match self.settings.hashtags.iter_mut().find(|h| h.tag == tag) {
                Some(known) => known.followed = true,
                None => self.settings.hashtags.push(FollowedHashtag {
                    tag: tag.clone(),
                    followed: true,
                }),
            }
            self.net.send(NetCommand::Subscribe(tag));
        }
    }

    fn apply_follow_changes(&mut self, changes: Vec<FollowChange>) {
        for change in changes {
            match change {
                FollowChange::Follow(tag) => self.net.send(NetCommand::Subscribe(tag)),
                FollowChange::Unfollow(tag) => {
                    self.filtered.unfollowed(&tag);
                    self.net.send(NetCommand::Unsubscribe(tag));
                }
                FollowChange::Show(tag) => {
                    self.filtered.show(
                        tag.map(Filter::Tag),
                        &self.timeline,
                        self.settings.timeline_limit,
                    );
                }
                FollowChange::ShowMentions => {
                    self.filtered.show(
                        Some(Filter::Mentions(self.me())),
                        &self.timeline,
                        self.settings.timeline_limit,
                    );
                }
                FollowChange::Removed(tag) => {
                    self.filtered.unfollowed(&tag);
                    if self.settings.compose_tag.as_deref() == Some(tag.as_str()) {
                        self.settings.compose_tag = None;
                    }
                    self.net.send(NetCommand::Unsubscribe(tag));
                }
            }
        }
    }

    /// The username posted under, or empty while no valid one is typed.
    fn me(&self) -> String {
        presence_name(&self.settings.username).unwrap_or_default()
    }

    /// A desktop notification, if wanted and the window is not in view.
    fn notify(&self, summary: &str, text: &str) {
        if let Some(notifier) = &self.notifier
            && self.settings.notify_in_background
            && !self.focused
        {
            notifier.notify(Notification::about(summary, text));
        }
    }

    fn tweet_action(&mut self, action: TweetAction) {
        match action {
            TweetAction::Reply(target) => {
                let me = self.me();
                self.compose.reply_to(target, &me);
            }
            TweetAction::ShowConversation(id) => {
                let ids = search::conversation_of(&self.timeline, &id);
                self.filtered.show(
                    Some(Filter::Conversation(ids)),
                    &self.timeline,
                    self.settings.timeline_limit,
                );
            }
            TweetAction::Message(person) => self.messages.open_with(&person),
        }
    }

    fn settings_dialog_ui(&mut self, ui: &mut egui::Ui) {
        let Some(dialog) = &mut self.settings_dialog else {
            return;
        };
        match dialog.ui(ui, &mut self.host_broker) {
            DialogOutcome::Open => {}
            // For this run only, like --broker: the broker is gone when
            // Chirp closes, so it is not saved as the one to connect to.
            DialogOutcome::Hosting(broker) => {
                self.config.broker = broker;
                self.net.send(NetCommand::Reconfigure(self.config.clone()));
            }
            DialogOutcome::Cancelled => self.settings_dialog = None,
            DialogOutcome::Applied(applied) => {
                self.settings_dialog = None;
                self.apply_settings(applied);
            }
        }
    }

    fn apply_settings(&mut self, applied: AppliedSettings) {
        self.settings.classic_format = applied.classic_format;
        self.settings.timeline_limit = applied.timeline_limit;
        self.settings.retain_latest = applied.retain_latest;
        self.settings.notify_in_background = applied.notify_in_background;
        let mut profiles = applied.profiles;
        for removed in &applied.removed {
            let account = removed.keyring_account();
            if !profiles.iter().any(|p| p.keyring_account() == account) {
                self.passwords.forget(removed);
            }
        }
        for (name, password) in applied.new_passwords {
            if let Some(profile) = profiles.iter_mut().find(|p| p.name == name)
                && let Some(notice) = self.passwords.keep(profile, password)
            {
                self.notices.push(notice);
            }
        }
        self.settings.profiles = profiles;
        self.settings.active_profile = applied.active;
        self.connect_active_profile();
    }

    fn notices_ui(&mut self, ui: &mut egui::Ui) {
        let mut dismissed = None;
        for (index, notice) in self.notices.iter().enumerate() {
            egui::Frame::new()
                .fill(style::WARN.gamma_multiply(0.2))
                .corner_radius(6.0)
                .inner_margin(8)
                .show(ui, |ui| {
                    // A long notice wraps within the panel; the button
                    // stays in view below it.
                    ui.set_width(ui.available_width());
                    ui.add(egui::Label::new(notice).wrap());
                    if ui.small_button("Dismiss").clicked() {
                        dismissed = Some(index);
                    }
                });
        }
        if let Some(index) = dismissed {
            self.notices.remove(index);
        }
    }

    fn save_settings_if_changed(&mut self) {
        if self.settings == self.saved_settings {
            return;
        }
        self.saved_settings = self.settings.clone();
        if let Some(writer) = &self.writer {
            writer.save(self.settings.clone());
        }
    }
}

impl eframe::App for ChirpApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }
}

//! Connection profiles in the window, driven with egui_kittest: switching
//! in one click, editing and creating profiles, refusing a bad topic root,
//! and where a typed password goes — the real desktop keyring (a private
//! gnome-keyring) when there is one, else the settings file, said so.

use crate::common;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use tokio::sync::mpsc::UnboundedReceiver;

use crate::keyring_bus::KeyringBus;
use chirp::core::connection::broker::{BrokerAddress, Transport};
use chirp::core::connection::net::{ConnectionConfig, NetCommand, NetLink, Qos};
use chirp::core::connection::profile::{PasswordPlace, Profile};
use chirp::core::desktop::keyring::Keyring;
use chirp::core::desktop::keyring_thread::KeyringThread;
use chirp::core::desktop::settings::Settings;
use chirp::core::protocol::topic_root::TopicRoot;
use chirp::ui::{ChirpApp, Passwords};

struct Ui {
    harness: Harness<'static, ChirpApp>,
    commands: UnboundedReceiver<NetCommand>,
}

fn settings() -> Settings {
    let mut class = Profile::new(
        "Class",
        BrokerAddress::new("mqtt.school.lan", 8883, Transport::Tls),
    );
    class.topic_root = TopicRoot::parse("twitter").expect("valid");
    class.qos = Qos::AtMostOnce;
    let public = Profile::new(
        "Public",
        BrokerAddress::new("public.lan", 1883, Transport::Tcp),
    );
    Settings {
        username: "ada".into(),
        client_id: "install-id".into(),
        active_profile: "Public".into(),
        profiles: vec![public, class],
        ..Settings::default()
    }
}

fn open(settings: Settings, keyring: Keyring) -> Ui {
    let (command_tx, commands) = tokio::sync::mpsc::unbounded_channel();
    let (_events, event_rx) = crossbeam_channel::unbounded();
    let link = NetLink::new(command_tx, event_rx);
    let config = ConnectionConfig::new(settings.active().broker, settings.client_id.clone());
    let passwords = Passwords::new(KeyringThread::spawn(keyring, || {}));
    let app = ChirpApp::new(settings, link, config).with_passwords(passwords);
    let harness = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_ui_state(|ui, app: &mut ChirpApp| app.frame_ui(ui), app);
    let mut ui = Ui { harness, commands };
    ui.harness.run_steps(2);
    ui
}

/// A keyring nobody answers on: as on a desktop without one.
fn no_keyring() -> Keyring {
    Keyring::new("chirp-test").on_bus("unix:path=/nonexistent/chirp-test-bus")
}

impl Ui {
    fn reconfigured(&mut self) -> Vec<ConnectionConfig> {
        let mut configs = Vec::new();
        while let Ok(command) = self.commands.try_recv() {
            if let NetCommand::Reconfigure(config) = command {
                configs.push(config);
            }
        }
        configs
    }

    /// Runs frames until `done` holds (the keyring answers on its thread).
    fn step_until(&mut self, what: &str, done: impl Fn(&ChirpApp) -> bool) {
        let until = common::deadline();
        while !done(self.harness.state()) {
            assert!(
                std::time::Instant::now() < until,
                "timed out waiting for {what}"
            );
            self.harness.step();
        }
        self.harness.run_steps(2);
    }

    fn replace_text(&mut self, label: &str, text: &str) {
        self.harness.get_by_label(label).focus();
        self.harness
            .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        self.harness.get_by_label(label).type_text(text);
        self.harness.run_steps(1);
    }

    /// Settings → New → a profile on `host` with a login and password → Apply.
    fn add_profile_with_password(&mut self, host: &str, password: &str) {
        self.harness.get_by_label("Settings").click();
        self.harness.run_steps(2);
        self.harness.get_by_label("New").click();
        self.harness.run_steps(2);
        self.replace_text("Name", "School");
        self.replace_text("Host", host);
        self.replace_text("Login", "ada");
        self.replace_text("Password", password);
        self.harness.get_by_label("Apply").click();
        self.harness.run_steps(2);
    }
}

#[test]
fn another_profile_is_one_click_away_in_the_top_bar() {
    let mut ui = open(settings(), no_keyring());
    ui.reconfigured();
    ui.harness.get_by_label("Broker").click();
    ui.harness.run_steps(2);
    ui.harness
        .get_by_label("Class  —  mqtts://mqtt.school.lan:8883")
        .click();
    ui.harness.run_steps(2);

    let configs = ui.reconfigured();
    assert_eq!(configs.len(), 1, "{configs:?}");
    let config = &configs[0];
    assert_eq!(config.broker.to_string(), "mqtts://mqtt.school.lan:8883");
    assert_eq!(config.topic_root.as_str(), "twitter");
    assert_eq!(config.qos, Qos::AtMostOnce);
    assert_eq!(config.client_id, "install-id");
    assert_eq!(ui.harness.state().settings().active_profile, "Class");
}

#[test]
fn a_bad_topic_root_is_refused_with_the_reason_and_nothing_changes() {
    let mut ui = open(settings(), no_keyring());
    ui.reconfigured();
    ui.harness.get_by_label("Settings").click();
    ui.harness.run_steps(2);
    ui.replace_text("Topic root", "class/#");
    ui.harness.get_by_label("Apply").click();
    ui.harness.run_steps(2);
    ui.harness
        .get_by_label("the topic root can't contain '+' or '#': they are MQTT wildcards");
    assert!(ui.reconfigured().is_empty());
    assert_eq!(
        ui.harness.state().settings().active().topic_root.as_str(),
        "hashtags"
    );
}

#[test]
fn without_a_keyring_a_password_goes_to_the_settings_file_and_the_user_is_told() {
    let mut ui = open(settings(), no_keyring());
    ui.reconfigured();
    ui.add_profile_with_password("broker.school.lan", "s3cret-pw");

    // Connected with it at once, whatever the keyring says later.
    let configs = ui.reconfigured();
    let credentials = configs
        .last()
        .and_then(|c| c.credentials.clone())
        .expect("connects with a login");
    assert_eq!(
        (credentials.username.as_str(), credentials.password.expose()),
        ("ada", "s3cret-pw")
    );
    ui.step_until("the fallback to the settings file", |app| {
        app.settings().active().password_place == PasswordPlace::SettingsFile
    });
    ui.harness
        .get_by_label_contains("is saved in Chirp's settings file, readable by anyone");
    let saved = ui.harness.state().settings().active();
    assert_eq!(
        saved
            .saved_password
            .map(|p| p.expose().to_owned())
            .as_deref(),
        Some("s3cret-pw")
    );
}

#[test]
fn with_a_keyring_the_password_is_kept_there_and_not_in_the_settings_file() {
    let bus = KeyringBus::start();
    let keyring = bus.keyring("chirp-ui-test");
    let mut ui = open(settings(), keyring.clone());
    ui.add_profile_with_password("broker.school.lan", "kept-in-keyring");

    let profile = ui.harness.state().settings().active();
    assert_eq!(profile.password_place, PasswordPlace::Keyring);
    let account = profile.keyring_account();
    assert_eq!(account, "ada@mqtt://broker.school.lan:1883");
    let until = common::deadline();
    loop {
        // The keyring thread stores it in the background.
        ui.harness.step();
        if let Ok(Some(stored)) = keyring.load(&account) {
            assert_eq!(stored.expose(), "kept-in-keyring");
            break;
        }
        assert!(
            std::time::Instant::now() < until,
            "never stored in the keyring"
        );
    }
    let json = serde_json::to_string(ui.harness.state().settings()).expect("serialize");
    assert!(!json.contains("kept-in-keyring"), "{json}");
    assert!(
        ui.harness
            .query_by_label_contains("settings file, readable")
            .is_none()
    );
}

#[test]
fn accepting_invalid_certificates_is_explicit_and_warned_about() {
    let settings = Settings {
        active_profile: "Class".into(),
        ..settings()
    };
    let mut ui = open(settings, no_keyring());
    ui.reconfigured();
    ui.harness.get_by_label("Settings").click();
    ui.harness.run_steps(2);
    let warning = "is not checked: the connection is encrypted";
    assert!(ui.harness.query_by_label_contains(warning).is_none());
    ui.harness
        .get_by_label("Accept invalid certificates")
        .click();
    ui.harness.run_steps(2);
    ui.harness.get_by_label_contains(warning);
    ui.harness.get_by_label("Apply").click();
    ui.harness.run_steps(2);
    let configs = ui.reconfigured();
    assert_eq!(configs.len(), 1, "{configs:?}");
    assert!(configs[0].tls.accept_invalid_certs);
    assert!(
        ui.harness
            .state()
            .settings()
            .active()
            .tls
            .accept_invalid_certs
    );
}

#[test]
fn a_new_username_is_announced_once_typing_has_settled() {
    let (command_tx, commands) = tokio::sync::mpsc::unbounded_channel();
    let (_events, event_rx) = crossbeam_channel::unbounded();
    let settings = Settings {
        username: String::new(),
        ..settings()
    };
    // The window that owns its profile (persistent session) shows presence.
    let config = ConnectionConfig::new(settings.active().broker, settings.client_id.clone())
        .with_persistent_session(true);
    let app = ChirpApp::new(settings, NetLink::new(command_tx, event_rx), config);
    let harness = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_ui_state(|ui, app: &mut ChirpApp| app.frame_ui(ui), app);
    let mut ui = Ui { harness, commands };
    ui.harness.run_steps(2);
    ui.reconfigured();

    ui.harness.get_by_label("Username").focus();
    ui.harness.get_by_label("Username").type_text("ada");
    ui.harness.run_steps(2);
    assert!(ui.reconfigured().is_empty(), "not while typing");
    let until = common::deadline();
    let announced = loop {
        ui.harness.step();
        if let Some(config) = ui.reconfigured().pop() {
            break config;
        }
        assert!(std::time::Instant::now() < until, "never announced");
    };
    assert_eq!(announced.presence.as_deref(), Some("ada"));
    assert_eq!(announced.client_id, "install-id", "same identity");
}

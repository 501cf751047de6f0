//! "Host a broker on this computer" in the Settings dialog, driven with
//! egui_kittest: Start runs the real built-in broker (it listens on every
//! IPv4 address and lives until this test process exits) and Chirp is
//! reconnected to it; a port in use shows why.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tokio::sync::mpsc::UnboundedReceiver;

use chirp::core::connection::broker::BrokerAddress;
use chirp::core::connection::hosted_broker::Users;
use chirp::core::connection::net::{ConnectionConfig, NetCommand, NetLink, Secret};
use chirp::core::desktop::settings::Settings;
use chirp::ui::ChirpApp;

use crate::common::{Core, unique_client_id};
use crate::secure::{TestCa, Validity, round_trip};

struct Ui {
    harness: Harness<'static, ChirpApp>,
    commands: UnboundedReceiver<NetCommand>,
    // Kept so the app's event channel stays open.
    _events: crossbeam_channel::Sender<chirp::core::connection::net::NetEvent>,
}

/// The app with its Settings dialog open.
fn open_settings() -> Ui {
    let settings = Settings {
        username: "teacher".into(),
        client_id: "test-client".into(),
        ..Settings::default()
    };
    let (command_tx, commands) = tokio::sync::mpsc::unbounded_channel();
    let (events, event_rx) = crossbeam_channel::unbounded();
    let link = NetLink::new(command_tx, event_rx);
    let config = ConnectionConfig::new(settings.active().broker, settings.client_id.clone());
    let app = ChirpApp::new(settings, link, config);
    let harness = Harness::builder()
        .with_size(egui::vec2(1000.0, 800.0))
        .build_ui_state(|ui, app: &mut ChirpApp| app.frame_ui(ui), app);
    let mut ui = Ui {
        harness,
        commands,
        _events: events,
    };
    ui.harness.run_steps(2);
    ui.harness.get_by_label("Settings").click();
    ui.harness.run_steps(2);
    ui
}

impl Ui {
    fn type_port(&mut self, port: &str) {
        self.harness.get_by_label("Listen on port").focus();
        self.harness
            .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        self.harness.get_by_label("Listen on port").type_text(port);
        self.harness.run_steps(2);
    }

    /// Runs frames until a label containing `text` shows; panics after 10 s.
    fn wait_for_label(&mut self, text: &str) -> String {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(node) = self.harness.query_by_label_contains(text) {
                return text_of(node.accesskit_node());
            }
            assert!(Instant::now() < until, "no label containing {text:?}");
            // The broker starts on another thread; look again next frame.
            std::thread::sleep(Duration::from_millis(10));
            self.harness.step();
        }
    }

    fn reconfigured_brokers(&mut self) -> Vec<BrokerAddress> {
        self.reconfigured().into_iter().map(|c| c.broker).collect()
    }

    fn reconfigured(&mut self) -> Vec<ConnectionConfig> {
        let mut configs = Vec::new();
        while let Ok(command) = self.commands.try_recv() {
            if let NetCommand::Reconfigure(config) = command {
                configs.push(config);
            }
        }
        configs
    }

    /// Ticks "Lock it", which shows the users file, certificate and key.
    fn unfold_lock(&mut self) {
        self.harness
            .get_by_label("Lock it with a users file (and TLS)")
            .click();
        self.harness.run_steps(2);
    }

    fn type_into(&mut self, label: &str, text: &str) {
        self.harness.get_by_label(label).focus();
        self.harness.get_by_label(label).type_text(text);
        self.harness.run_steps(2);
    }
}

/// What a text label shows: AccessKit keeps it as the node's value.
fn text_of(node: egui_kittest::kittest::AccessKitNode<'_>) -> String {
    node.value().or_else(|| node.label()).unwrap_or_default()
}

#[test]
fn starting_the_broker_shows_where_to_connect_and_connects_chirp_to_it() {
    let mut ui = open_settings();
    ui.type_port("0");
    ui.harness.get_by_label("Start broker").click();
    let running = ui.wait_for_label("Running on port");
    let port: u16 = running
        .strip_prefix("Running on port ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no port in {running:?}"));
    assert_ne!(port, 0, "port 0 became a real port");
    ui.harness.run_steps(2);

    let addresses: Vec<String> = ui
        .harness
        .query_all_by_label_contains("mqtt://")
        .map(|node| text_of(node.accesskit_node()))
        .filter(|label| !label.starts_with("On this computer"))
        .collect();
    for address in &addresses {
        assert!(address.ends_with(&format!(":{port}")), "{address}");
    }
    if addresses.is_empty() {
        ui.harness
            .get_by_label("No network address found: only this computer can connect.");
    }
    ui.harness.get_by_label_contains("runs until Chirp closes");
    ui.harness.get_by_label(
        "Anyone on your network can read and post here: this broker asks for no password. \
         To lock it, close Chirp, open it again and start the broker with a users file.",
    );

    let local = BrokerAddress::parse(&format!("mqtt://127.0.0.1:{port}")).expect("address");
    assert_eq!(ui.reconfigured_brokers(), std::slice::from_ref(&local));
    // Apply keeps Chirp on it, as a profile of its own to come back to;
    // the profile it was using is still there.
    ui.harness.get_by_label("Apply").click();
    ui.harness.run_steps(2);
    assert!(ui.reconfigured_brokers().is_empty());
    let settings = ui.harness.state().settings();
    assert_eq!(settings.active_profile, "This computer");
    assert_eq!(settings.active().broker, local);
    assert!(
        settings
            .profiles
            .iter()
            .any(|p| p.broker == BrokerAddress::default())
    );
}

#[test]
fn a_port_in_use_shows_the_reason() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("hold a port");
    let port = taken.local_addr().expect("its address").port();
    let mut ui = open_settings();
    ui.type_port(&port.to_string());
    ui.harness.get_by_label("Start broker").click();
    let reason = ui.wait_for_label("already in use");
    assert_eq!(
        reason,
        format!(
            "Port {port} is already in use on 0.0.0.0 — pick another port or stop the program using it"
        )
    );
    assert!(ui.reconfigured_brokers().is_empty());
    ui.harness.get_by_label("Start broker");
}

#[test]
fn a_port_that_is_not_one_is_refused_before_starting() {
    let mut ui = open_settings();
    ui.type_port("70000");
    ui.harness
        .get_by_label("\"70000\" is not a port: enter 1-65535 (0: any free port)");
    assert!(
        ui.harness
            .get_by_label("Start broker")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_locked_tls_broker_is_hosted_and_chirp_logs_in_to_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let users = dir.path().join("users");
    let mut list = Users::none();
    list.set("pupil", &Secret::new("a long passphrase"))
        .expect("hash");
    std::fs::write(&users, list.to_file_text()).expect("write users");
    let ca = TestCa::new();
    // Named for another host: only the pin lets Chirp in over loopback.
    let cert = ca.server_cert("classroom", &["classroom.example"], Validity::Current);

    let mut ui = open_settings();
    ui.type_port("0");
    ui.unfold_lock();
    ui.type_into("Users file", &users.display().to_string());
    ui.type_into("TLS certificate", &cert.cert_file.display().to_string());
    ui.harness
        .get_by_label("Give both a TLS certificate and its key, or neither.");
    assert!(
        ui.harness
            .get_by_label("Start broker")
            .accesskit_node()
            .is_disabled()
    );
    ui.type_into("TLS key", &cert.key_file.display().to_string());
    ui.harness.get_by_label("Start broker").click();
    let locked = ui.wait_for_label("Locked: only the users in");
    assert_eq!(
        locked,
        format!(
            "Locked: only the users in {} can connect, with their password.",
            users.display()
        )
    );
    ui.harness.get_by_label_contains("Encrypted with TLS");
    assert!(
        ui.harness
            .query_by_label_contains("Anyone on your network")
            .is_none()
    );
    ui.harness.run_steps(2);
    assert!(
        ui.harness
            .query_all_by_label_contains("mqtt://")
            .all(|node| text_of(node.accesskit_node()).contains("mqtts://")),
        "every address is mqtts://"
    );

    let configs = ui.reconfigured();
    let [config] = configs.as_slice() else {
        panic!("one reconfigure, got {configs:?}");
    };
    assert!(config.broker.to_string().starts_with("mqtts://127.0.0.1:"));
    assert!(config.tls.pinned.is_some());
    let login = config.credentials.as_ref().expect("the host's own login");
    assert_ne!(login.username, "pupil", "not a user of the file");
    // What the window would connect with really gets in and passes tweets.
    let window = Core::spawn(config.clone());
    let mut second = config.clone();
    second.client_id = unique_client_id("host-friend");
    let friend = Core::spawn(second);
    window.wait_connected();
    friend.wait_connected();
    round_trip(&window, &friend, "lockedClass");

    // Apply keeps the login and the pin (the profile holds neither).
    ui.harness.get_by_label("Apply").click();
    ui.harness.run_steps(2);
    assert!(
        ui.reconfigured().is_empty(),
        "the connection is kept as it is"
    );
}

#[test]
fn a_users_file_that_is_not_there_starts_nothing_and_says_so() {
    let mut ui = open_settings();
    ui.type_port("0");
    ui.unfold_lock();
    ui.type_into("Users file", "/nonexistent/chirp-users");
    ui.harness.get_by_label("Start broker").click();
    let reason = ui.wait_for_label("chirp-users");
    assert_eq!(reason, "Users file /nonexistent/chirp-users: not found");
    assert!(ui.reconfigured().is_empty());
    ui.harness.get_by_label("Start broker");
}

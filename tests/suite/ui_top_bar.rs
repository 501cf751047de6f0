//! The top bar at the window's default size, driven with egui_kittest:
//! the connection status keeps its reason and countdown whole at 1024 px,
//! and the Broker menu shows the broker really in use when it is not the
//! saved profile's (`--broker`, for this run only).

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tokio::sync::mpsc::UnboundedReceiver;

use chirp::core::connection::broker::BrokerAddress;
use chirp::core::connection::net::{
    ConnectionConfig, ConnectionState, NetCommand, NetEvent, NetLink,
};
use chirp::core::desktop::settings::Settings;
use chirp::ui::ChirpApp;

struct Ui {
    harness: Harness<'static, ChirpApp>,
    commands: UnboundedReceiver<NetCommand>,
    events: crossbeam_channel::Sender<NetEvent>,
}

/// The app `width` px wide, connecting to `broker` (None: the profile's).
fn open(width: f32, broker: Option<BrokerAddress>) -> Ui {
    let settings = Settings {
        username: "ada".into(),
        client_id: "test-client".into(),
        ..Settings::default()
    };
    let (command_tx, commands) = tokio::sync::mpsc::unbounded_channel();
    let (events, event_rx) = crossbeam_channel::unbounded();
    let link = NetLink::new(command_tx, event_rx);
    let broker = broker.unwrap_or_else(|| settings.active().broker);
    let config = ConnectionConfig::new(broker, settings.client_id.clone());
    let app = ChirpApp::new(settings, link, config);
    let harness = Harness::builder()
        .with_size(egui::vec2(width, 700.0))
        .build_ui_state(|ui, app: &mut ChirpApp| app.frame_ui(ui), app);
    let mut ui = Ui {
        harness,
        commands,
        events,
    };
    ui.harness.run_steps(2);
    ui
}

#[test]
fn the_status_keeps_its_reason_and_countdown_whole_at_1024_px() {
    let width = 1024.0;
    let mut ui = open(width, None);
    let reason = "connection refused: nothing listens on that port (is the broker running?)";
    let state = ConnectionState::Offline {
        broker: "test.mosquitto.org:1883".into(),
        reason: reason.into(),
        retry_at: Instant::now() + Duration::from_secs(30),
    };
    ui.events.send(NetEvent::Connection(state)).expect("send");
    ui.harness.run_steps(2);

    let node = ui.harness.get_by_label_contains("retrying in");
    let text = node
        .accesskit_node()
        .value()
        .or_else(|| node.accesskit_node().label())
        .unwrap_or_default();
    assert!(text.contains(reason), "{text}");
    let shown = node.rect();
    // The width the whole text takes in a window far wider; a label cut
    // short at 1024 px would be narrower.
    ui.harness.set_size(egui::vec2(2400.0, 700.0));
    ui.harness.run_steps(2);
    let whole = ui.harness.get_by_label_contains("retrying in").rect();
    assert!(
        shown.width() + 0.5 >= whole.width(),
        "cut to {} of {} px: {text}",
        shown.width(),
        whole.width()
    );
    assert!(shown.right() <= width, "inside the window: {shown:?}");
}

#[test]
fn the_broker_menu_shows_the_broker_in_use_for_this_run() {
    let elsewhere = BrokerAddress::parse("mqtt://127.0.0.1:18830").expect("address");
    let mut ui = open(1024.0, Some(elsewhere));
    let picker = ui.harness.get_by_label("Broker");
    let shown = picker.accesskit_node().value().unwrap_or_default();
    assert_eq!(shown, "127.0.0.1:18830 (this run)");

    // The saved profile is one click away, and picking it connects to it.
    picker.click();
    ui.harness.run_steps(2);
    ui.harness
        .get_by_label("test.mosquitto.org  —  test.mosquitto.org:1883")
        .click();
    ui.harness.run_steps(2);
    let mut brokers = Vec::new();
    while let Ok(command) = ui.commands.try_recv() {
        if let NetCommand::Reconfigure(config) = command {
            brokers.push(config.broker.to_string());
        }
    }
    assert_eq!(brokers, ["mqtt://test.mosquitto.org:1883"]);
    let shown = ui.harness.get_by_label("Broker").accesskit_node().value();
    assert_eq!(shown.as_deref(), Some("test.mosquitto.org"));
}

//! MQTT over WebSockets through mosquitto's websockets listener, plain
//! (`ws://`) and secure (`wss://`, with a CA made by the test).

use chirp::core::connection::net::{ConnectionState, NetEvent};

use crate::common::{Broker, Core, free_port, test_config};
use crate::secure::{LOOPBACK_NAMES, TestCa, Validity, config_with_ca, listener, round_trip};

#[test]
fn ws_exchanges_tweets_with_a_tcp_client() {
    let port = free_port();
    let broker = Broker::start_with_config(&listener(port, true, None));
    let url = format!("ws://127.0.0.1:{port}/mqtt");
    let web = Core::spawn(test_config(&url, "ws"));
    web.wait_for(|e| {
        matches!(e, NetEvent::Connection(ConnectionState::Connected { broker }) if *broker == url)
    });
    let tcp = Core::connect(&broker.url(), "tcp");
    round_trip(&web, &tcp, "overWs");
    round_trip(&tcp, &web, "backOverTcp");
}

#[test]
fn wss_with_the_ca_file_exchanges_tweets() {
    let ca = TestCa::new();
    let cert = ca.server_cert("server", LOOPBACK_NAMES, Validity::Current);
    let port = free_port();
    let broker = Broker::start_with_config(&listener(port, true, Some(&cert)));
    let url = format!("wss://127.0.0.1:{port}");
    let web = Core::spawn(config_with_ca(&url, "wss", &ca.ca_file));
    web.wait_connected();
    let tcp = Core::connect(&broker.url(), "tcp");
    round_trip(&web, &tcp, "overWss");
    round_trip(&tcp, &web, "backOverTcp");
}

#[test]
fn wss_without_the_ca_is_not_trusted() {
    let ca = TestCa::new();
    let cert = ca.server_cert("server", LOOPBACK_NAMES, Validity::Current);
    let port = free_port();
    let _broker = Broker::start_with_config(&listener(port, true, Some(&cert)));
    let web = Core::spawn(test_config(&format!("wss://127.0.0.1:{port}"), "wss-no-ca"));
    match web.wait_for(|e| matches!(e, NetEvent::Connection(ConnectionState::Offline { .. }))) {
        NetEvent::Connection(ConnectionState::Offline { reason, .. }) => {
            assert!(reason.starts_with("certificate not trusted"), "{reason}");
        }
        other => unreachable!("{other:?}"),
    }
}

//! `chirp broker`: the built-in MQTT broker without a window, until the
//! process is stopped (Ctrl+C or SIGTERM end it as they end any program).
//! rumqttd's log (connections, refusals) goes to stderr when RUST_LOG asks,
//! e.g. `RUST_LOG=rumqttd=info` (set up in `main`, as for every subcommand).

use std::net::SocketAddr;

use crate::core::connection::hosted_broker::{DEFAULT_LISTEN, HostedBroker};

use super::CliError;

#[derive(Debug, clap::Args)]
pub struct BrokerArgs {
    /// Where to listen: IP:PORT ([::]:PORT for IPv6 too), or just a port
    /// (on every IPv4 address). Port 0 picks a free one.
    #[arg(long, value_name = "ADDR", default_value_t = DEFAULT_LISTEN, value_parser = parse_listen)]
    listen: SocketAddr,
}

pub fn run(args: BrokerArgs) -> Result<(), CliError> {
    let broker = HostedBroker::start(args.listen).map_err(CliError::network)?;
    println!("Chirp broker listening on {}", broker.listen_addr());
    let others = broker.lan_addresses();
    if others.is_empty() {
        println!("No network address found: only this computer can connect.");
    }
    for address in others {
        println!("Others can connect to: {address}");
    }
    println!("On this computer: {}", broker.local_broker());
    println!("Stop it with Ctrl+C.");
    broker.wait();
    Err(CliError::network(
        "the broker's listener stopped unexpectedly (set RUST_LOG=rumqttd=info to see why)",
    ))
}

fn parse_listen(text: &str) -> Result<SocketAddr, String> {
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::new(DEFAULT_LISTEN.ip(), port));
    }
    text.parse().map_err(|_| {
        format!("{text:?} is not IP:PORT (such as 0.0.0.0:1883 or [::]:1883) or a port number")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_takes_an_address_or_a_port() {
        assert_eq!(
            parse_listen("1884"),
            Ok("0.0.0.0:1884".parse().expect("addr"))
        );
        assert_eq!(
            parse_listen("127.0.0.1:0"),
            Ok("127.0.0.1:0".parse().expect("addr"))
        );
        assert_eq!(
            parse_listen("[::]:1883"),
            Ok("[::]:1883".parse().expect("addr"))
        );
        let error = parse_listen("localhost").expect_err("not an address");
        assert!(error.contains("is not IP:PORT"), "{error}");
    }
}

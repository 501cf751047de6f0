//! `chirp broker`: the built-in MQTT broker without a window, until the
//! process is stopped (Ctrl+C or SIGTERM end it as they end any program).
//! rumqttd's log (connections, refusals) goes to stderr when RUST_LOG asks,
//! e.g. `RUST_LOG=rumqttd=info` (set up in `main`, as for every subcommand).

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::core::connection::hosted_broker::{
    DEFAULT_LISTEN, HostError, HostOptions, HostedBroker, TlsFiles, Users,
};

use super::CliError;
use super::broker_users::{self, AdduserArgs};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BrokerArgs {
    #[command(subcommand)]
    action: Option<BrokerAction>,
    /// Where to listen: IP:PORT ([::]:PORT for IPv6 too), or just a port
    /// (on every IPv4 address). Port 0 picks a free one.
    #[arg(long, value_name = "ADDR", default_value_t = DEFAULT_LISTEN, value_parser = parse_listen)]
    listen: SocketAddr,
    /// Lock the broker: only the users in FILE (made with `chirp broker
    /// adduser NAME --users FILE`) may connect, with their password.
    /// Without it anyone who reaches the port may read and post.
    #[arg(long, value_name = "FILE")]
    users: Option<PathBuf>,
    /// Speak TLS (mqtts://) with this certificate (PEM, with its chain).
    #[arg(long, value_name = "FILE", requires = "key")]
    cert: Option<PathBuf>,
    /// The certificate's private key (PEM).
    #[arg(long, value_name = "FILE", requires = "cert")]
    key: Option<PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
enum BrokerAction {
    /// Add a user to a users file, or change their password (read from
    /// standard input; only its Argon2 hash is written).
    Adduser(AdduserArgs),
}

pub fn run(args: BrokerArgs) -> Result<(), CliError> {
    if let Some(BrokerAction::Adduser(add)) = args.action {
        return broker_users::adduser(add);
    }
    // A users file that can't be used stops here: never open instead.
    let users = args.users.as_deref().map(Users::load).transpose();
    let options = HostOptions {
        listen: args.listen,
        users: users.map_err(CliError::usage)?,
        tls: args
            .cert
            .zip(args.key)
            .map(|(cert, key)| TlsFiles { cert, key }),
    };
    let users_file = args.users;
    let broker = HostedBroker::start_with(options).map_err(|e| match e {
        HostError::Tls(_) => CliError::usage(e),
        _ => CliError::network(e),
    })?;
    println!("Chirp broker listening on {}", broker.listen_addr());
    match users_file {
        Some(file) if broker.is_locked() => println!(
            "Locked: only the users in {} may connect, with their password.",
            file.display()
        ),
        _ => println!(
            "Open: anyone on your network can read and post here (lock it with --users FILE)."
        ),
    }
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

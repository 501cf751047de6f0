//! A broker built in: rumqttd, embedded, so that a classroom or a LAN needs
//! no broker of its own. "Host a broker on this computer" in the GUI and
//! `chirp broker` on the command line both start it here.
//!
//! rumqttd's traps, and what is done about them:
//! - its default router config is unusable: `config.rs` sets every limit;
//! - `start()` blocks forever and has no shutdown handle: it runs on its own
//!   thread, and **the broker lives until the process exits** (dropping a
//!   [`HostedBroker`] does not stop it);
//! - it can't report the port it bound, and a failed bind is only logged:
//!   the address is bound here first, which turns port 0 into a real port
//!   and a port in use into a clear error, then released for rumqttd, and
//!   start returns only once a client's QoS 1 message came back through it.
//!
//! Locked (`HostOptions`): a users file (`users.rs`, Argon2 PHC hashes,
//! checked by `auth.rs`; no username is refused) and TLS with a
//! certificate and key (`tls.rs`, rumqttd's rustls listener). Without a
//! users file anyone who reaches the port may read and post.
//!
//! Persistent sessions work as MQTT 3.1.1 says: with clean session off
//! rumqttd keeps the subscriptions and, while the client is away, what was
//! published to them (as far back as its in-memory log goes, see
//! `config.rs`). Nothing is kept on disk: what the broker holds is gone
//! when the process ends. rumqttd logs through `tracing`; without a
//! subscriber it stays quiet.

mod access;
mod addresses;
mod auth;
mod config;
mod probe;
mod tls;
mod users;

pub use access::HostAccess;
pub use tls::{TlsFiles, TlsFilesError};
pub use users::{Users, UsersError, hash_password, verify_phc};

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::sync::Mutex;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::core::connection::broker::{BrokerAddress, Transport};

use crate::core::connection::net::TlsSetupError;
use addresses::lan_addresses;
use auth::HostLogin;
use probe::ProbeAccess;

/// Where `chirp broker` listens unless told otherwise: every IPv4
/// address, on MQTT's usual port.
pub const DEFAULT_LISTEN: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 1883);
/// How long a starting broker may take to pass a message.
const READY_DEADLINE: Duration = Duration::from_secs(10);
/// Between attempts to reach a broker that is still starting.
const RETRY_INTERVAL: Duration = Duration::from_millis(25);

#[derive(Debug, thiserror::Error)]
pub enum HostError {
    #[error(
        "port {port} is already in use on {ip} — pick another port or stop the program using it",
        port = .0.port(), ip = .0.ip()
    )]
    PortInUse(SocketAddr),
    #[error(
        "port {port} needs administrator rights on this computer — pick a port from 1024 up, such as 1883",
        port = .0.port()
    )]
    PortNeedsRights(SocketAddr),
    #[error(
        "{ip} is not an address of this computer — listen on 0.0.0.0 (all addresses) or on one of its own",
        ip = .0.ip()
    )]
    NotOurAddress(SocketAddr),
    #[error("cannot listen on {listen}: {source}")]
    CannotListen {
        listen: SocketAddr,
        source: io::Error,
    },
    #[error("could not start the broker's thread: {0}")]
    Thread(io::Error),
    #[error(
        "the built-in broker stopped right after starting on {0}; another program may have \
         taken the port meanwhile — try again or pick another port"
    )]
    Stopped(SocketAddr),
    #[error("the built-in broker did not answer on {listen} within {} s ({reason})", READY_DEADLINE.as_secs())]
    NotReady { listen: SocketAddr, reason: String },
    #[error(transparent)]
    Tls(#[from] TlsFilesError),
    #[error(transparent)]
    TlsSetup(#[from] TlsSetupError),
}

/// How to host: where to listen, and whether it is locked.
#[derive(Debug, Clone)]
pub struct HostOptions {
    pub listen: SocketAddr,
    /// Only these users may connect; None: anyone (anonymous).
    pub users: Option<Users>,
    /// TLS with this certificate and key; None: plain TCP.
    pub tls: Option<TlsFiles>,
}

impl HostOptions {
    /// Anonymous, plain TCP: anyone who reaches `listen` reads and posts.
    pub fn open(listen: SocketAddr) -> HostOptions {
        HostOptions {
            listen,
            users: None,
            tls: None,
        }
    }
}

/// Where the brokers started by this process listen (they never stop).
static HOSTED: Mutex<Vec<SocketAddr>> = Mutex::new(Vec::new());

/// True when `broker` is one this process hosts: rumqttd, which closes the
/// connection of a client asking for `$SYS`, so the worker doesn't ask.
pub fn hosted_here(broker: &BrokerAddress) -> bool {
    if !matches!(broker.transport, Transport::Tcp | Transport::Tls) {
        return false;
    }
    let ip = match broker.host.as_str() {
        "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
        host => match host.trim_matches(['[', ']']).parse::<IpAddr>() {
            Ok(ip) => ip,
            Err(_) => return false,
        },
    };
    // A poisoned lock still holds a list that was only ever pushed to.
    let hosted = HOSTED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    hosted.iter().any(|listen| {
        listen.port() == broker.port
            && (listen.ip() == ip || listen.ip().is_unspecified() || ip.is_loopback())
    })
}

/// The embedded broker, running. It keeps running when this is dropped,
/// until the process exits: rumqttd cannot be stopped.
#[derive(Debug)]
pub struct HostedBroker {
    listen: SocketAddr,
    thread: JoinHandle<()>,
    locked: bool,
    access: HostAccess,
}

impl HostedBroker {
    /// Starts an anonymous, plain TCP broker on `listen`: see `start_with`.
    pub fn start(listen: SocketAddr) -> Result<HostedBroker, HostError> {
        HostedBroker::start_with(HostOptions::open(listen))
    }

    /// Starts a broker listening on `options.listen` (port 0: a free port
    /// is picked) and returns once it passes messages. Blocks for as long
    /// as that takes, normally milliseconds, at most about 10 s. TLS files
    /// that can't be used are an error before anything starts.
    pub fn start_with(options: HostOptions) -> Result<HostedBroker, HostError> {
        let leaf = options.tls.as_ref().map(TlsFiles::check).transpose()?;
        let login = options.users.is_some().then(HostLogin::random);
        let locked = options.users.is_some();
        let transport = match options.tls {
            Some(_) => Transport::Tls,
            None => Transport::Tcp,
        };
        let listen = claim(options.listen)?;
        let access = HostAccess::new(local_address(listen), transport, login.as_ref(), leaf);
        let probe = ProbeAccess::new(&access)?;
        let users = options.users.zip(login);
        let config = config::broker_config(listen, options.tls.as_ref(), users);
        let thread = std::thread::Builder::new()
            .name("mqtt-broker".to_owned())
            .spawn(move || {
                // Returns only if its listener failed (it logs why, and
                // `is_finished` tells us).
                let _ = rumqttd::Broker::new(config).start();
            })
            .map_err(HostError::Thread)?;
        wait_ready(&thread, listen, &probe)?;
        HOSTED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(listen);
        tracing::info!(%listen, locked, tls = transport == Transport::Tls, "built-in broker started");
        Ok(HostedBroker {
            listen,
            thread,
            locked,
            access,
        })
    }

    /// The address it listens on, with the real port.
    pub fn listen_addr(&self) -> SocketAddr {
        self.listen
    }

    pub fn port(&self) -> u16 {
        self.listen.port()
    }

    /// What others on the network should enter: `mqtt://IP:PORT` each
    /// (`mqtts://` with TLS).
    pub fn lan_addresses(&self) -> Vec<String> {
        lan_addresses(self.listen, self.access.broker.transport)
    }

    /// True when only the users of a users file may connect; false when
    /// anyone who reaches the port may read and post.
    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// True when it speaks TLS (`mqtts://`).
    pub fn uses_tls(&self) -> bool {
        self.access.broker.transport == Transport::Tls
    }

    /// The broker as this computer reaches it (loopback when it listens
    /// on every address): what Chirp itself connects to.
    pub fn local_broker(&self) -> BrokerAddress {
        self.access.broker.clone()
    }

    /// How Chirp in this process connects and logs in to it.
    pub fn own_access(&self) -> HostAccess {
        self.access.clone()
    }

    /// False once rumqttd's listener has stopped (it never should).
    pub fn is_running(&self) -> bool {
        !self.thread.is_finished()
    }

    /// Blocks for as long as the broker runs: until the process exits,
    /// unless its listener fails.
    pub fn wait(self) {
        let _ = self.thread.join();
    }
}

/// Waits until a message goes round trip through the broker that
/// `thread` runs on `listen`, or says why it did not.
fn wait_ready(
    thread: &JoinHandle<()>,
    listen: SocketAddr,
    probe: &ProbeAccess,
) -> Result<(), HostError> {
    let local = local_address(listen);
    let deadline = Instant::now() + READY_DEADLINE;
    loop {
        if thread.is_finished() {
            return Err(HostError::Stopped(listen));
        }
        match probe::round_trip(local, probe, deadline) {
            // rumqttd binds first thing, so a broker that answered
            // while its thread still runs is ours.
            Ok(()) if !thread.is_finished() => return Ok(()),
            Ok(()) => return Err(HostError::Stopped(listen)),
            Err(reason) if Instant::now() >= deadline => {
                return Err(HostError::NotReady { listen, reason });
            }
            Err(_) => std::thread::sleep(RETRY_INTERVAL),
        }
    }
}

/// Binds `listen` to see that it is free (and which port 0 means), then
/// lets it go for rumqttd.
fn claim(listen: SocketAddr) -> Result<SocketAddr, HostError> {
    let refused = |source: io::Error| match source.kind() {
        io::ErrorKind::AddrInUse => HostError::PortInUse(listen),
        io::ErrorKind::PermissionDenied => HostError::PortNeedsRights(listen),
        io::ErrorKind::AddrNotAvailable => HostError::NotOurAddress(listen),
        _ => HostError::CannotListen { listen, source },
    };
    let listener = TcpListener::bind(listen).map_err(refused)?;
    listener.local_addr().map_err(refused)
}

/// Where this computer reaches a listener on `listen`.
fn local_address(listen: SocketAddr) -> SocketAddr {
    let ip = match listen.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, listen.port())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_in_use_is_refused_with_the_reason() {
        let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = taken.local_addr().expect("address");
        let error = claim(addr).expect_err("in use");
        assert!(matches!(error, HostError::PortInUse(_)), "{error:?}");
        assert_eq!(
            error.to_string(),
            format!(
                "port {} is already in use on 127.0.0.1 — pick another port or stop the program using it",
                addr.port()
            )
        );
    }

    #[test]
    fn an_address_of_another_computer_is_refused_with_the_reason() {
        // TEST-NET-3: never an address of this machine.
        let error = claim("203.0.113.7:1883".parse().expect("address")).expect_err("not ours");
        assert!(matches!(error, HostError::NotOurAddress(_)), "{error:?}");
        assert!(
            error
                .to_string()
                .starts_with("203.0.113.7 is not an address of this computer")
        );
    }

    #[test]
    fn port_zero_becomes_a_real_port() {
        let claimed = claim("127.0.0.1:0".parse().expect("address")).expect("free");
        assert_ne!(claimed.port(), 0);
        assert_eq!(claimed.ip(), IpAddr::V4(Ipv4Addr::LOCALHOST));
    }

    #[test]
    fn every_address_is_reached_over_loopback() {
        let local = |s: &str| local_address(s.parse().expect("address")).to_string();
        assert_eq!(local("0.0.0.0:1883"), "127.0.0.1:1883");
        assert_eq!(local("[::]:1883"), "[::1]:1883");
        assert_eq!(local("192.168.1.20:1999"), "192.168.1.20:1999");
    }
}

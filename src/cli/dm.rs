//! `chirp dm send` and `chirp dm follow`: direct messages from the command
//! line, sealed to the recipient's key from their signed profile, and
//! opened with this computer's identity.

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::core::connection::net::{
    self, ConnectionConfig, ConnectionState, NetCommand, NetEvent, NetLink,
};
use crate::core::model::author_key::{KEY_LEN, Trust};
use crate::core::model::display::inert_line;
use crate::core::protocol::identity::Identity;
use crate::core::protocol::wire::format_ts;
use crate::core::social::direct::{self, DirectMessage, Letter};

use super::connect::hopeless;
use super::post::wait_acknowledged;
use super::{CONNECT_DEADLINE, CliError};

/// After the broker answered the profile subscription, how long its
/// retained profile may take to follow.
const PROFILE_GRACE: Duration = Duration::from_millis(1500);

#[derive(Debug, clap::Args)]
pub struct DmArgs {
    #[command(subcommand)]
    command: DmCommand,
}

#[derive(Debug, clap::Subcommand)]
enum DmCommand {
    /// Send a direct message, end-to-end encrypted to the recipient's key.
    Send(SendArgs),
    /// Print direct messages to you as they arrive, opened with your identity.
    Follow(FollowArgs),
}

#[derive(Debug, clap::Args)]
struct SendArgs {
    /// Your username.
    #[arg(long, value_name = "NAME")]
    user: String,
    /// Who it is for.
    #[arg(long, value_name = "NAME")]
    to: String,
    /// Send it in plain text when the recipient has published no key:
    /// anyone on the broker can then read it.
    #[arg(long)]
    unencrypted: bool,
    /// The message (several words are joined with spaces).
    #[arg(required = true, value_name = "TEXT")]
    text: Vec<String>,
}

#[derive(Debug, clap::Args)]
struct FollowArgs {
    /// Your username: messages to it are printed.
    #[arg(long, value_name = "NAME")]
    user: String,
    /// One JSON object per line instead of text.
    #[arg(long)]
    json: bool,
    /// Exit after this many messages.
    #[arg(long, value_name = "N")]
    count: Option<u64>,
}

pub fn run(
    args: DmArgs,
    config: ConnectionConfig,
    identity: Option<Arc<Identity>>,
) -> Result<(), CliError> {
    match args.command {
        DmCommand::Send(send) => run_send(send, config, identity),
        DmCommand::Follow(follow) => run_follow(&follow, config, identity),
    }
}

fn run_send(
    args: SendArgs,
    config: ConnectionConfig,
    identity: Option<Arc<Identity>>,
) -> Result<(), CliError> {
    let text = args.text.join(" ");
    // Checked before connecting: a refused draft publishes nothing.
    Letter::new(&args.user, &args.to, &text)
        .prepare()
        .map_err(CliError::usage)?;
    let to = args.to.trim().trim_start_matches('@').to_owned();
    let config = config.signed_by(identity.clone());
    let options = net::WorkerOptions::new(config.clone()).without_broker_figures();
    let (link, worker) = net::spawn(options, || {}).map_err(CliError::network)?;
    let key = match (args.unencrypted, &identity) {
        (true, _) => None,
        (false, None) => {
            return Err(CliError::usage(
                "no identity on this computer to sign with: see `chirp identity show`",
            ));
        }
        (false, Some(_)) => Some(recipient_key(&link, &config, &to)?),
    };
    let outgoing = Letter::new(&args.user, &to, &text)
        .signed_by(identity.as_deref())
        .sealed_to(key.as_ref())
        .prepare()
        .map_err(CliError::usage)?;
    let id = outgoing.message.id.clone();
    link.send(NetCommand::SendDirect(outgoing));
    if let Err(e) = wait_acknowledged(&link, &config, &id) {
        worker.detach();
        return Err(e);
    }
    drop(worker);
    let how = if key.is_some() {
        "end-to-end encrypted"
    } else {
        "NOT encrypted: anyone on the broker can read it"
    };
    println!("sent {id} to @{to} ({how})");
    Ok(())
}

/// The X25519 key of `user` from their signed, retained profile, or why
/// there is none to encrypt to.
fn recipient_key(
    link: &NetLink,
    config: &ConnectionConfig,
    user: &str,
) -> Result<[u8; KEY_LEN], CliError> {
    link.send(NetCommand::WatchProfile(user.to_owned()));
    let mut deadline = Instant::now() + CONNECT_DEADLINE;
    let none = || {
        CliError::usage(format!(
            "@{user} has published no key (no signed profile on {}), so the message \
             cannot be encrypted; send it with --unencrypted to let anyone on the broker read it",
            config.broker
        ))
    };
    loop {
        match link.recv_deadline(deadline) {
            Ok(NetEvent::Profile(profile)) if profile.user == user => {
                return match profile.signed.trust {
                    Trust::KeyChanged => Err(CliError::usage(format!(
                        "the profile of @{user} is signed by another key than the one \
                         pinned for them: not sending"
                    ))),
                    _ => Ok(profile.exchange_key),
                };
            }
            Ok(NetEvent::ProfileWatched(watched)) if watched == user => {
                deadline = Instant::now() + PROFILE_GRACE;
            }
            Ok(NetEvent::Connection(ConnectionState::Offline {
                reason, retry_at, ..
            })) if hopeless(config, retry_at, deadline) => {
                return Err(CliError::network(format!("not sent: {reason}")));
            }
            Ok(_) => {}
            Err(_) => return Err(none()),
        }
    }
}

fn run_follow(
    args: &FollowArgs,
    config: ConnectionConfig,
    identity: Option<Arc<Identity>>,
) -> Result<(), CliError> {
    let user = crate::core::model::name::Username::parse(&args.user).map_err(CliError::usage)?;
    if args.count == Some(0) {
        return Ok(());
    }
    let config = ConnectionConfig {
        inbox: Some(user.as_str().to_owned()),
        ..config.signed_by(identity)
    };
    let options = net::WorkerOptions::new(config.clone()).without_broker_figures();
    let (link, _worker) = net::spawn(options, || {}).map_err(CliError::network)?;
    let mut printed = 0;
    let mut seen = std::collections::HashSet::new();
    let deadline = Instant::now() + CONNECT_DEADLINE;
    let mut connected = false;
    let mut out = std::io::stdout().lock();
    loop {
        let event = if connected {
            link.recv()
                .ok_or_else(|| CliError::network("the network worker stopped"))?
        } else {
            link.recv_deadline(deadline)
                .map_err(|_| CliError::network(format!("could not reach {}", config.broker)))?
        };
        match event {
            NetEvent::PersonalReady(_) => {
                connected = true;
                eprintln!(
                    "chirp: following messages to @{} on {}",
                    user.as_str(),
                    config.broker
                );
            }
            NetEvent::Direct(message) if seen.insert(message.id.clone()) => {
                if print_message(&mut out, &message, args.json).is_err() {
                    return Ok(());
                }
                printed += 1;
                if args.count.is_some_and(|n| printed >= n) {
                    return Ok(());
                }
            }
            NetEvent::Dropped { topic, reason } if topic.starts_with(direct::DIRECT_PREFIX) => {
                eprintln!("chirp: refused a message on {topic}: {reason}");
            }
            _ => {}
        }
    }
}

#[derive(Serialize)]
struct JsonMessage<'a> {
    id: &'a str,
    from: &'a str,
    to: &'a str,
    text: &'a str,
    ts: String,
    encrypted: bool,
    /// `verified`/`new_key` when signed (a message by another key than
    /// the sender's pinned one is refused), else `unsigned`.
    signed: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint: Option<String>,
}

fn print_message(out: &mut impl Write, message: &DirectMessage, json: bool) -> std::io::Result<()> {
    if json {
        let line = JsonMessage {
            id: &message.id,
            from: &message.from,
            to: &message.to,
            text: &message.text,
            ts: format_ts(message.sent_at.unwrap_or(message.received_at)),
            encrypted: message.encrypted,
            signed: if message.signer.is_some() {
                "verified"
            } else {
                "unsigned"
            },
            fingerprint: message.signer.map(|key| key.fingerprint().to_string()),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    } else {
        let lock = if message.encrypted {
            "🔒"
        } else {
            "(not private)"
        };
        writeln!(
            out,
            "@{} {lock} {}",
            inert_line(&message.from),
            inert_line(&message.text)
        )?;
    }
    out.flush()
}

//! `chirp post`: publish one tweet and wait for the broker to acknowledge it.

use std::time::Instant;

use crate::core::connection::net::{
    self, Closed, ConnectionConfig, ConnectionState, NetCommand, NetEvent, NetLink, Qos,
};
use crate::core::model::tweet::ReplyTarget;
use crate::core::model::tweet::ReplyTo;
use crate::core::social::compose::{Draft, PostFormat};

use super::connect::hopeless;
use super::{CONNECT_DEADLINE, CliError};

#[derive(Debug, clap::Args)]
pub struct PostArgs {
    /// Your username.
    #[arg(long, value_name = "NAME")]
    user: String,
    /// A hashtag to post under (repeatable); #tags in the text count too.
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Publish `<user>: <text>` instead of JSON, for classic subscribers.
    #[arg(long)]
    classic: bool,
    /// Publish retained: the broker keeps it as each hashtag's newest tweet
    /// for whoever follows the hashtag next.
    #[arg(long)]
    retain: bool,
    /// Answer the tweet with this id (as `chirp follow --json` prints it);
    /// give its hashtags with --tag.
    #[arg(long, value_name = "ID")]
    reply_to: Option<String>,
    /// The author of the tweet answered: shown as "in reply to @NAME", and
    /// told by a copy on their mentions topic.
    #[arg(long, value_name = "NAME", requires = "reply_to")]
    reply_to_user: Option<String>,
    /// Quote the tweet with this id (signed; as `chirp follow --json`
    /// prints it).
    #[arg(long, value_name = "ID", conflicts_with_all = ["unsigned", "classic"])]
    quote: Option<String>,
    /// The author of the tweet quoted.
    #[arg(long, value_name = "NAME", requires = "quote")]
    quote_user: Option<String>,
    /// Don't sign it (by default it is signed with the identity the window
    /// uses, `chirp identity show`).
    #[arg(long)]
    unsigned: bool,
    /// The tweet (several words are joined with spaces).
    #[arg(required = true, value_name = "TEXT")]
    text: Vec<String>,
}

pub fn run(args: PostArgs, config: ConnectionConfig) -> Result<(), CliError> {
    let text = args.text.join(" ");
    let reply = args.reply_to.map(|id| ReplyTarget {
        parent: ReplyTo {
            id,
            user: args.reply_to_user,
        },
        tags: Vec::new(),
    });
    let quote = args.quote.map(|id| ReplyTo {
        id,
        user: args.quote_user,
    });
    let format = if args.classic {
        PostFormat::Classic
    } else {
        PostFormat::Json
    };
    // A classic payload has nowhere to carry a signature.
    let identity = if args.unsigned || args.classic {
        None
    } else {
        let identity = super::identity::load_default().map_err(|e| CliError {
            message: format!("{}; --unsigned posts without a signature", e.message),
            ..e
        })?;
        Some(identity)
    };
    let outgoing = Draft::new(&args.user, &text)
        .signed_by(identity.as_ref())
        .tags(args.tags.iter().map(String::as_str))
        .reply_to(reply.as_ref())
        .quote(quote.as_ref())
        .format(format)
        .under(&config.topic_root)
        .prepare()
        .map_err(CliError::usage)?
        .retained(args.retain);
    let id = outgoing.tweet.id.clone();
    let topics: Vec<String> = outgoing
        .tweet
        .tags
        .iter()
        .map(|t| format!("#{t}"))
        .collect();

    // No $SYS figures: nothing here shows them, and asking costs the
    // connection on brokers that refuse them (rumqttd).
    let options = net::WorkerOptions::new(config.clone()).without_broker_figures();
    let (link, worker) = net::spawn(options, || {}).map_err(CliError::network)?;
    link.send(NetCommand::Publish(outgoing));
    if let Err(e) = wait_acknowledged(&link, &config, &id) {
        // Exit now rather than after the worker's grace period: the tweet
        // was not delivered and the message says so.
        worker.detach();
        return Err(e);
    }
    // At QoS 0 "acknowledged" only means written to the socket: the clean
    // DISCONNECT after it (the broker read everything before it) is what
    // says it left. At QoS 1 the broker's PubAck already did.
    let closed = worker.finish();
    if config.qos == Qos::AtMostOnce && closed != Closed::Cleanly {
        return Err(CliError::network(format!(
            "maybe not posted: the connection to {} ended before it was closed cleanly, \
             and QoS 0 has no acknowledgement (use --qos 1 to be sure)",
            config.broker
        )));
    }
    println!("posted {id} to {}", topics.join(" "));
    Ok(())
}

/// Waits for the broker to acknowledge tweet `id` (at QoS 0: for it to be
/// written), or says why it was not posted.
pub(super) fn wait_acknowledged(
    link: &NetLink,
    config: &ConnectionConfig,
    id: &str,
) -> Result<(), CliError> {
    let label = config.broker.to_string();
    let deadline = Instant::now() + CONNECT_DEADLINE;
    let mut last_problem = String::from("no answer");
    loop {
        match link.recv_deadline(deadline) {
            Ok(NetEvent::Acknowledged(acked)) if acked == id => return Ok(()),
            Ok(NetEvent::Connection(ConnectionState::Offline {
                reason, retry_at, ..
            })) => {
                if hopeless(config, retry_at, deadline) {
                    return Err(CliError::network(format!(
                        "not posted to {label}: {reason}"
                    )));
                }
                last_problem = reason;
            }
            Ok(_) => {}
            Err(_) => {
                return Err(CliError::network(format!(
                    "not posted: no acknowledgement from {label} within {} s ({last_problem})",
                    CONNECT_DEADLINE.as_secs()
                )));
            }
        }
    }
}

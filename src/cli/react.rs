//! `chirp like|repost|delete ID`: a signed reaction to a tweet, published
//! on its hashtags (given with --tag, as `chirp follow --json` prints
//! them), waiting for the broker's acknowledgement.

use crate::core::connection::net::{self, ConnectionConfig, NetCommand};
use crate::core::social::reaction::{self, ReactionKind, Target};

use super::CliError;

#[derive(Debug, clap::Args)]
pub struct ReactArgs {
    /// Your username.
    #[arg(long, value_name = "NAME")]
    user: String,
    /// A hashtag of the tweet (repeatable; at least one): the reaction is
    /// published there.
    #[arg(long = "tag", value_name = "TAG", required = true)]
    tags: Vec<String>,
    /// The tweet's author, as `chirp follow --json` prints it.
    #[arg(long, value_name = "NAME")]
    ref_user: Option<String>,
    /// Take one's like or repost back (not for delete).
    #[arg(long)]
    undo: bool,
    /// The tweet's id.
    #[arg(value_name = "ID")]
    id: String,
}

/// Which reaction a subcommand sends.
#[derive(Debug, Clone, Copy)]
pub enum Verb {
    Like,
    Repost,
    Delete,
}

pub fn run(verb: Verb, args: ReactArgs, config: ConnectionConfig) -> Result<(), CliError> {
    let kind = match (verb, args.undo) {
        (Verb::Like, false) => ReactionKind::Like,
        (Verb::Like, true) => ReactionKind::Unlike,
        (Verb::Repost, false) => ReactionKind::Repost,
        (Verb::Repost, true) => ReactionKind::Unrepost,
        (Verb::Delete, false) => ReactionKind::Delete,
        (Verb::Delete, true) => return Err(CliError::usage("a deletion can't be undone")),
    };
    let identity = super::identity::load_default()?;
    let target = Target {
        id: args.id,
        user: args.ref_user,
        tags: args.tags,
    };
    let outgoing = reaction::prepare(kind, &args.user, &target, &identity, &config.topic_root)
        .map_err(CliError::usage)?;
    let id = outgoing.reaction.id.clone();
    let options = net::WorkerOptions::new(config.clone()).without_broker_figures();
    let (link, worker) = net::spawn(options, || {}).map_err(CliError::network)?;
    link.send(NetCommand::React(outgoing));
    if let Err(e) = super::post::wait_acknowledged(&link, &config, &id) {
        worker.detach();
        return Err(e);
    }
    worker.finish();
    println!("{} {} sent", kind.as_str(), target.id);
    Ok(())
}

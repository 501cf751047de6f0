//! The command line: `chirp` (the GUI), `chirp post`, `chirp follow`. Same
//! core as the GUI: the same validation, wire format and MQTT worker.

mod broker;
mod broker_users;
mod connect;
mod dm;
mod follow;
mod generate;
mod identity;
mod post;
mod react;
mod reaction_line;
mod seen;

pub use connect::{ConnectionArgs, PASSWORD_ENV};

use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::core::connection::broker::BrokerAddress;
use crate::core::connection::profile::Profile;
use crate::core::desktop::settings::Settings;

/// How long `post` and `follow` wait for a broker before giving up.
pub const CONNECT_DEADLINE: Duration = Duration::from_secs(15);

#[derive(Debug, Parser)]
#[command(
    name = "chirp",
    version,
    about = "A Twitter-like hashtag client on MQTT"
)]
pub struct Cli {
    #[command(flatten)]
    pub connection: ConnectionArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Publish a tweet and wait for the broker's acknowledgement.
    Post(post::PostArgs),
    /// Print tweets on the given hashtags, or by the people given with
    /// `--user`, as they arrive, one line each.
    Follow(follow::FollowArgs),
    /// Run the built-in MQTT broker for others to connect to, until stopped.
    Broker(broker::BrokerArgs),
    /// Direct messages: `dm send --user ME --to NAME TEXT`, `dm follow --user ME`.
    Dm(dm::DmArgs),
    /// The identity your tweets are signed with: `show`, or `new --yes`.
    Identity(identity::IdentityArgs),
    /// Like a tweet (signed; `--undo` takes it back): `like ID --user ME --tag T`.
    Like(react::ReactArgs),
    /// Repost a tweet (signed; `--undo` takes it back).
    Repost(react::ReactArgs),
    /// Delete one of your own tweets (signed by the key that signed it).
    Delete(react::ReactArgs),
    /// Write the man page and shell completions into a folder (packaging).
    #[command(hide = true)]
    Generate(generate::GenerateArgs),
}

/// A refusal or failure: printed as one line, exits with `code`.
#[derive(Debug)]
pub struct CliError {
    pub code: i32,
    pub message: String,
}

impl CliError {
    /// The input was refused: nothing was published.
    pub fn usage(message: impl ToString) -> Self {
        Self {
            code: 2,
            message: message.to_string(),
        }
    }

    /// The broker could not be reached or did not acknowledge.
    pub fn network(message: impl ToString) -> Self {
        Self {
            code: 1,
            message: message.to_string(),
        }
    }
}

/// The broker named on the command line, else the GUI's profile in use.
pub fn resolve_broker(flag: Option<&str>) -> Result<BrokerAddress, CliError> {
    match flag {
        Some(url) => BrokerAddress::parse(url).map_err(CliError::usage),
        None => Ok(saved_profile().broker),
    }
}

/// The profile the GUI uses (the public broker's when there are no settings).
pub(crate) fn saved_profile() -> Profile {
    Settings::default_path()
        .ok()
        .and_then(|path| Settings::load(&path).ok())
        .map(|settings| settings.active())
        .unwrap_or_default()
}

/// Runs a subcommand to completion.
pub fn run(connection: &ConnectionArgs, command: Command) -> Result<(), CliError> {
    let config = || connection.config(format!("chirp-cli-{:012x}", fastrand::u64(..) >> 16));
    match command {
        Command::Post(args) => post::run(args, config()?),
        Command::Follow(args) => follow::run(args, config()?),
        Command::Broker(args) => broker::run(args),
        Command::Dm(args) => dm::run(
            args,
            config()?,
            identity::load_default().ok().map(std::sync::Arc::new),
        ),
        Command::Identity(args) => identity::run(args),
        Command::Like(args) => react::run(react::Verb::Like, args, config()?),
        Command::Repost(args) => react::run(react::Verb::Repost, args, config()?),
        Command::Delete(args) => react::run(react::Verb::Delete, args, config()?),
        Command::Generate(args) => generate::run(&args),
    }
}

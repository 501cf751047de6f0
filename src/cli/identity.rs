//! `chirp identity show|new`, and the identity `chirp post` signs with: the
//! one the window uses (same data directory, same keyring entry), made on
//! first use.

use std::time::Duration;

use clap::Subcommand;

use crate::core::desktop::identity_store::{IdentityStore, KeyHome};
use crate::core::desktop::keyring::Keyring;
use crate::core::desktop::logging;
use crate::core::protocol::identity::Identity;

use super::CliError;

/// Long enough to answer the keyring's unlock prompt; a terminal has no
/// frame to keep.
const KEYRING_WAIT: Duration = Duration::from_secs(60);

#[derive(Debug, clap::Args)]
pub struct IdentityArgs {
    #[command(subcommand)]
    command: IdentityCommand,
}

#[derive(Debug, Subcommand)]
enum IdentityCommand {
    /// Print the fingerprint, the whole public key and where the secret is
    /// kept (an identity is made if there is none yet).
    Show,
    /// Replace the identity with a new one. Followers see a new key for
    /// your name (and a warning) until they trust it.
    New {
        /// Yes, replace it.
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(args: IdentityArgs) -> Result<(), CliError> {
    let store = store()?;
    match args.command {
        IdentityCommand::Show => {
            let (identity, home) = load(&store)?;
            print(&identity, &home);
        }
        IdentityCommand::New { yes: false } => {
            return Err(CliError::usage(
                "a new identity replaces this one: people who follow you see another key \
                 for your name and a warning until they trust it; run again with --yes",
            ));
        }
        IdentityCommand::New { yes: true } => {
            let identity = Identity::generate();
            let home = store.replace(&identity).map_err(failure)?;
            print(&identity, &home);
        }
    }
    Ok(())
}

/// The identity of the window's data directory, made if there is none.
pub fn load_default() -> Result<Identity, CliError> {
    load(&store()?).map(|(identity, _)| identity)
}

fn store() -> Result<IdentityStore, CliError> {
    let data_dir =
        logging::data_dir().ok_or_else(|| failure("no home directory to keep the identity in"))?;
    Ok(IdentityStore::new(data_dir, Some(Keyring::default())))
}

fn load(store: &IdentityStore) -> Result<(Identity, KeyHome), CliError> {
    store.load_within(KEYRING_WAIT).map_err(failure)
}

fn print(identity: &Identity, home: &KeyHome) {
    println!("fingerprint: {}", identity.fingerprint());
    println!("public key:  {}", identity.author_key().to_base64());
    match home {
        KeyHome::Keyring => println!("secret:      in the desktop keyring"),
        KeyHome::File(path) => println!("secret:      in {}", path.display()),
    }
}

fn failure(message: impl ToString) -> CliError {
    CliError {
        code: 1,
        message: message.to_string(),
    }
}

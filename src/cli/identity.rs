//! `chirp identity show|new|export|import`, and the identity `chirp post` signs with: the
//! one the window uses (same data directory, same keyring entry), made on
//! first use.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Subcommand;

use crate::core::desktop::identity_store::{IdentityStore, KeyHome};
use crate::core::desktop::keyring::Keyring;
use crate::core::desktop::logging;
use crate::core::desktop::private_file::write_private;
use crate::core::model::secret::Secret;
use crate::core::protocol::identity::Identity;
use crate::core::protocol::identity_file::{self, check_passphrase};

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
    /// Write the identity to FILE, locked with a passphrase (from
    /// --passphrase-file, else CHIRP_PASSPHRASE; never an argument), to
    /// import it on another computer.
    Export {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        passphrase: PassphraseArgs,
    },
    /// Use the identity exported to FILE instead of this one.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        passphrase: PassphraseArgs,
    },
}

/// Where the passphrase of an exported identity comes from.
#[derive(Debug, clap::Args)]
struct PassphraseArgs {
    /// A file whose first line is the passphrase.
    #[arg(long, value_name = "PATH")]
    passphrase_file: Option<PathBuf>,
}

/// The environment variable a passphrase may come from.
pub const PASSPHRASE_ENV: &str = "CHIRP_PASSPHRASE";

impl PassphraseArgs {
    fn read(&self) -> Result<Secret, CliError> {
        let passphrase = match &self.passphrase_file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    CliError::usage(format!("passphrase file {}: {e}", path.display()))
                })?;
                Secret::new(text.lines().next().unwrap_or_default())
            }
            None => Secret::new(std::env::var(PASSPHRASE_ENV).unwrap_or_default()),
        };
        if passphrase.is_empty() {
            return Err(CliError::usage(format!(
                "give the passphrase in a file (--passphrase-file) or in {PASSPHRASE_ENV}"
            )));
        }
        Ok(passphrase)
    }
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
        IdentityCommand::Export { file, passphrase } => export(&store, &file, &passphrase)?,
        IdentityCommand::Import { file, passphrase } => import(&store, &file, &passphrase)?,
    }
    Ok(())
}

fn export(store: &IdentityStore, file: &Path, passphrase: &PassphraseArgs) -> Result<(), CliError> {
    let passphrase = passphrase.read()?;
    check_passphrase(passphrase.expose())
        .map_err(|weak| CliError::usage(format!("passphrase too weak: {weak}")))?;
    let (identity, _) = load(store)?;
    let text = identity_file::export(&identity, passphrase.expose()).map_err(failure)?;
    write_private(file, &text)
        .map_err(|e| failure(format!("could not write {}: {e}", file.display())))?;
    println!("exported {} to {}", identity.fingerprint(), file.display());
    Ok(())
}

fn import(store: &IdentityStore, file: &Path, passphrase: &PassphraseArgs) -> Result<(), CliError> {
    let passphrase = passphrase.read()?;
    let text = std::fs::read_to_string(file)
        .map_err(|e| CliError::usage(format!("{}: {e}", file.display())))?;
    // Checked before anything is replaced: a wrong passphrase changes nothing.
    let identity = identity_file::import(&text, passphrase.expose())
        .map_err(|e| CliError::usage(format!("not imported, nothing changed: {e}")))?;
    let home = store.replace(&identity).map_err(failure)?;
    print(&identity, &home);
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

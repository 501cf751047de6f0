//! `chirp broker adduser NAME [--users FILE]`: adds a user to the built-in
//! broker's users file, or changes their password. The password is read
//! from standard input: typed twice without echo on a terminal, else the
//! first line (for scripts). Only its Argon2 hash is written; the file is
//! replaced atomically and readable by its owner only (0600).

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::core::connection::hosted_broker::Users;
use crate::core::desktop::settings::Settings;
use crate::core::model::secret::Secret;

use super::CliError;

/// The users file's name beside settings.json, when --users is not given.
const DEFAULT_FILE_NAME: &str = "broker-users";

#[derive(Debug, clap::Args)]
pub struct AdduserArgs {
    /// The user name others will log in with (no ':' or spaces).
    name: String,
    /// The users file to add to (created if missing); by default
    /// `broker-users` beside Chirp's settings.
    #[arg(long, value_name = "FILE")]
    users: Option<PathBuf>,
}

pub fn adduser(args: AdduserArgs) -> Result<(), CliError> {
    let path = match args.users {
        Some(path) => path,
        None => default_file()?,
    };
    let mut users = match std::fs::read_to_string(&path) {
        Ok(text) => Users::parse(&path, &text).map_err(CliError::usage)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Users::none(),
        Err(e) => {
            return Err(CliError::usage(format!(
                "users file {}: could not be read ({e})",
                path.display()
            )));
        }
    };
    let known = users.names().contains(&args.name);
    let password = read_password(&args.name)?;
    users.set(&args.name, &password).map_err(CliError::usage)?;
    write_users_file(&path, &users.to_file_text())?;
    if known {
        println!(
            "Changed the password of {} in {}.",
            args.name,
            path.display()
        );
    } else {
        println!("Added {} to {}.", args.name, path.display());
    }
    println!(
        "Start the locked broker with: chirp broker --users {}",
        path.display()
    );
    Ok(())
}

fn default_file() -> Result<PathBuf, CliError> {
    let settings = Settings::default_path().map_err(CliError::usage)?;
    let dir = settings
        .parent()
        .ok_or_else(|| CliError::usage("no configuration directory: give --users FILE"))?;
    Ok(dir.join(DEFAULT_FILE_NAME))
}

/// The password from standard input: twice, unechoed, on a terminal.
fn read_password(name: &str) -> Result<Secret, CliError> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let line = read_line()?;
        if line.is_empty() {
            return Err(CliError::usage(
                "no password on standard input (one line is read)",
            ));
        }
        return Ok(line);
    }
    let first = prompt(&format!("Password for {name}: "))?;
    if first.is_empty() {
        return Err(CliError::usage("the password is empty"));
    }
    let again = prompt("Again: ")?;
    if first != again {
        return Err(CliError::usage("the two passwords differ; nothing changed"));
    }
    Ok(first)
}

/// Asks on stderr and reads a line with the terminal's echo off (`stty`,
/// as on any Unix; where it is missing, the typing shows).
fn prompt(question: &str) -> Result<Secret, CliError> {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let hidden = stty("-echo");
    let line = read_line();
    if hidden {
        stty("echo");
        eprintln!();
    }
    line
}

fn stty(mode: &str) -> bool {
    Command::new("stty")
        .arg(mode)
        .stdin(Stdio::inherit())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// One line of standard input without its line ending.
fn read_line() -> Result<Secret, CliError> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::usage(format!("could not read the password ({e})")))?;
    let end = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(end);
    Ok(Secret::new(line))
}

/// Replaces `path` with `text` atomically: a 0600 temporary file in the
/// same directory, synced, renamed over it.
fn write_users_file(path: &Path, text: &str) -> Result<(), CliError> {
    let failed = |e: &dyn std::fmt::Display| {
        CliError::usage(format!(
            "users file {}: could not be written ({e})",
            path.display()
        ))
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| failed(&e))?;
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| failed(&e))?;
    file.write_all(text.as_bytes()).map_err(|e| failed(&e))?;
    file.as_file().sync_all().map_err(|e| failed(&e))?;
    file.persist(path).map_err(|e| failed(&e.error))?;
    Ok(())
}

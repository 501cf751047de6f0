//! The built-in broker's users file: who may connect when it is locked.
//! One `NAME:HASH` line per user, the hash an Argon2 PHC string
//! (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`), as `chirp broker
//! adduser` writes it; blank lines and lines starting with `#` are skipped.
//! Passwords are never stored, and nothing here prints a hash or a
//! password: errors name the file, the line and the user only.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};

use crate::core::model::secret::Secret;

/// The longest user name accepted (MQTT allows more; nobody types more).
const MAX_NAME_CHARS: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum UsersError {
    #[error("users file {}: not found", .0.display())]
    NotFound(PathBuf),
    #[error("users file {}: could not be read ({source})", path.display())]
    Unreadable { path: PathBuf, source: io::Error },
    #[error(
        "users file {}: has no users (add one with `chirp broker adduser NAME --users {}`)",
        .0.display(), .0.display()
    )]
    Empty(PathBuf),
    #[error("users file {}, line {line}: {problem}", path.display())]
    Malformed {
        path: PathBuf,
        line: usize,
        problem: String,
    },
    #[error("{0}")]
    BadName(String),
    #[error("the password is empty")]
    EmptyPassword,
    #[error("could not hash the password ({0})")]
    Hash(String),
}

/// The users a locked broker lets in, each with their password's hash.
/// Debug lists the names only.
#[derive(Clone)]
pub struct Users {
    /// In file order, for writing the file back.
    names: Vec<String>,
    hashes: HashMap<String, String>,
}

impl fmt::Debug for Users {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Users").field("names", &self.names).finish()
    }
}

impl Users {
    /// Reads a users file. Missing, unreadable, empty or malformed is an
    /// error naming the file (and the line): a broker asked to be locked
    /// must never start open instead.
    pub fn load(path: &Path) -> Result<Users, UsersError> {
        let text = std::fs::read_to_string(path).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => UsersError::NotFound(path.to_owned()),
            _ => UsersError::Unreadable {
                path: path.to_owned(),
                source,
            },
        })?;
        let users = Users::parse(path, &text)?;
        if users.names.is_empty() {
            return Err(UsersError::Empty(path.to_owned()));
        }
        Ok(users)
    }

    /// Parses the text of the file at `path` (named in errors only).
    pub fn parse(path: &Path, text: &str) -> Result<Users, UsersError> {
        let mut users = Users {
            names: Vec::new(),
            hashes: HashMap::new(),
        };
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            let malformed = |problem: String| UsersError::Malformed {
                path: path.to_owned(),
                line: number,
                problem,
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, hash) = parse_line(line).map_err(malformed)?;
            if let Some(first) = first_seen.insert(name.to_owned(), number) {
                return Err(malformed(format!(
                    "{name} is listed twice (first on line {first})"
                )));
            }
            users.names.push(name.to_owned());
            users.hashes.insert(name.to_owned(), hash.to_owned());
        }
        Ok(users)
    }

    /// No users: a file that does not exist yet, for `adduser`.
    pub fn none() -> Users {
        Users {
            names: Vec::new(),
            hashes: HashMap::new(),
        }
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Adds `name` with a fresh hash of `password`, or replaces its hash.
    pub fn set(&mut self, name: &str, password: &Secret) -> Result<(), UsersError> {
        check_name(name).map_err(UsersError::BadName)?;
        let hash = hash_password(password)?;
        if self.hashes.insert(name.to_owned(), hash).is_none() {
            self.names.push(name.to_owned());
        }
        Ok(())
    }

    /// The file's text: `NAME:HASH` lines in the order they were added.
    pub fn to_file_text(&self) -> String {
        let mut text = String::new();
        for name in &self.names {
            if let Some(hash) = self.hashes.get(name) {
                text.push_str(name);
                text.push(':');
                text.push_str(hash);
                text.push('\n');
            }
        }
        text
    }

    /// True when `name` is a user and `password` is theirs. Costs one
    /// Argon2 verification (tens of milliseconds) whether or not the name
    /// exists, so timing does not tell which names do.
    pub fn verify(&self, name: &str, password: &str) -> bool {
        match self.hashes.get(name) {
            Some(hash) => verify_phc(hash, password),
            None => {
                // A hash of a password nobody has, checked for the time it takes.
                let _ = verify_phc(DECOY_HASH, password);
                false
            }
        }
    }
}

/// The Argon2id hash of a random password nobody knows, with Argon2's
/// default cost (what `adduser` uses): checked for unknown names.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$2cRPY8lJMzr0kxHZ1lF7yA$RWcbp7kRZK4m+0jNZr4XjhTLd5fBSXpa4tAIqwtEtOE";

/// True when `password` matches the PHC string `phc` (its own algorithm,
/// version and cost).
pub fn verify_phc(phc: &str, password: &str) -> bool {
    PasswordHash::new(phc)
        .and_then(|hash| Argon2::default().verify_password(password.as_bytes(), &hash))
        .is_ok()
}

/// A fresh Argon2id PHC string for `password` (random salt, default cost).
pub fn hash_password(password: &Secret) -> Result<String, UsersError> {
    if password.is_empty() {
        return Err(UsersError::EmptyPassword);
    }
    let salt = SaltString::generate(&mut rand_core::OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| UsersError::Hash(e.to_string()))
}

/// `NAME:HASH` → (name, hash), or what is wrong, without quoting the line
/// (it may hold a password typed in by mistake).
fn parse_line(line: &str) -> Result<(&str, &str), String> {
    let Some((name, hash)) = line.split_once(':') else {
        return Err("expected NAME:HASH (add users with `chirp broker adduser NAME`)".to_owned());
    };
    check_name(name)?;
    let parsed = PasswordHash::new(hash)
        .map_err(|_| format!("the hash for {name} is not a PHC string ($argon2id$v=19$...)"))?;
    if !parsed.algorithm.as_str().starts_with("argon2") {
        return Err(format!(
            "the hash for {name} is {}, not Argon2 (make it again with `chirp broker adduser {name}`)",
            parsed.algorithm
        ));
    }
    Ok((name, hash))
}

/// A user name: 1 to 64 characters, no `:`, spaces or control characters.
fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a user name is empty".to_owned());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "a user name is longer than {MAX_NAME_CHARS} characters"
        ));
    }
    if name
        .chars()
        .any(|c| c == ':' || c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "user name {name:?} has a ':', a space or a control character"
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "users_tests.rs"]
mod tests;

//! Opening the database file, and moving an unreadable one aside (never
//! deleting it: it may be the only copy of someone's history) so Chirp
//! starts with a fresh one instead of refusing to start.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode};

use super::{StorageError, schema};

/// Files SQLite keeps beside the database; they belong with it.
const COMPANION_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// An open, checked, current-schema connection, and what the user should be
/// told about the file.
pub(super) fn open_file(path: &Path) -> Result<(Connection, Option<String>), StorageError> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|source| StorageError::CreateDir {
            path: dir.to_owned(),
            source,
        })?;
    }
    let damage = match open_checked(path) {
        Ok(conn) => return Ok((conn, None)),
        Err(e) if is_damage(&e) => e,
        Err(e) => return Err(e.opening(path)),
    };
    let moved_to = move_aside(path)?;
    let conn = open_checked(path).map_err(|e| e.opening(path))?;
    let notice = format!(
        "The tweet history {} could not be read ({damage}). It was moved to {} and a new, empty history started.",
        path.display(),
        moved_to.display()
    );
    Ok((conn, Some(notice)))
}

fn open_checked(path: &Path) -> Result<Connection, StorageError> {
    let mut conn = Connection::open(path)?;
    schema::prepare(&mut conn)?;
    Ok(conn)
}

/// The file itself is bad, as opposed to the disk, permissions or a lock:
/// those are reported and the file is left alone.
fn is_damage(error: &StorageError) -> bool {
    match error {
        StorageError::Damaged(_) => true,
        StorageError::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
        ),
        _ => false,
    }
}

/// Renames the file (and its companions) to `<name>.corrupt-<UTC time>`.
fn move_aside(path: &Path) -> Result<PathBuf, StorageError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut target = with_suffix(path, &format!(".corrupt-{stamp}"));
    let mut attempt = 1;
    while target.exists() {
        attempt += 1;
        target = with_suffix(path, &format!(".corrupt-{stamp}-{attempt}"));
    }
    rename(path, &target)?;
    for suffix in COMPANION_SUFFIXES {
        let companion = with_suffix(path, suffix);
        if companion.exists() {
            rename(&companion, &with_suffix(&target, suffix))?;
        }
    }
    Ok(target)
}

fn rename(from: &Path, to: &Path) -> Result<(), StorageError> {
    fs::rename(from, to).map_err(|source| StorageError::MoveAside {
        path: from.to_owned(),
        source,
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

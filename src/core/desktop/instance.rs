//! One Chirp per profile at a time on the broker: two instances sharing a
//! client id would kick each other off in a loop (each connect drops the
//! other). The first takes a lock in the data directory; a second one runs
//! with its own temporary identity and says so.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

pub enum InstanceLock {
    /// This is the only Chirp on this profile; the lock lasts as long as the file.
    Primary(File),
    /// Another Chirp holds the profile.
    Secondary,
}

impl InstanceLock {
    pub fn acquire(data_dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(data_dir)?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(data_dir.join("chirp.lock"))?;
        match file.try_lock() {
            Ok(()) => Ok(Self::Primary(file)),
            Err(TryLockError::WouldBlock) => Ok(Self::Secondary),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    pub fn is_primary(&self) -> bool {
        matches!(self, Self::Primary(_))
    }
}

/// The client id a second instance uses: the profile's, plus a random part,
/// so the broker sees two different clients.
pub fn secondary_client_id(profile_id: &str) -> String {
    format!("{profile_id}-{:06x}", fastrand::u32(..0x100_0000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_on_the_same_directory_is_secondary_until_the_first_goes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = InstanceLock::acquire(dir.path()).expect("lock");
        assert!(first.is_primary());
        let second = InstanceLock::acquire(dir.path()).expect("lock");
        assert!(!second.is_primary());
        drop(first);
        assert!(
            InstanceLock::acquire(dir.path())
                .expect("lock")
                .is_primary()
        );
    }

    #[test]
    fn secondary_ids_differ_from_the_profile() {
        let id = secondary_client_id("chirp-abc");
        assert!(id.starts_with("chirp-abc-") && id.len() > "chirp-abc-".len());
    }
}

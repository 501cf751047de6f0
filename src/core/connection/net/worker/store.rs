//! The worker's store: history and unsent tweets opened at start, and
//! background write errors told once.

use super::Worker;
use crate::core::connection::net::{NetEvent, StorageLocation};
use crate::core::model::timeline::HistoryEntry;
use crate::core::social::direct;
use crate::core::social::trust::{PinChange, Pins};
use crate::core::storage::Store;

impl Worker {
    /// A pin made, replaced or forgotten: kept on disk, and told to the UI.
    pub(super) fn pin_changed(&mut self, change: PinChange) {
        if let Some(store) = &self.store {
            store.record_pin(change.clone());
        }
        self.emit(NetEvent::PinChanged(change));
    }

    /// A background write that failed (history, acknowledgements) is told
    /// to the user once per new error, and that it works again once a
    /// write went through (space came back on a full disk, say).
    pub(super) fn report_storage_error(&mut self) {
        let Some(store) = self.store.as_ref() else {
            return;
        };
        match store.last_error() {
            Some(error) if self.reported_storage_error.as_ref() != Some(&error) => {
                tracing::error!(%error, "history could not be saved");
                self.emit(NetEvent::Notice(format!(
                    "History could not be saved: {error}"
                )));
                self.reported_storage_error = Some(error);
            }
            None if self.reported_storage_error.is_some() => {
                tracing::info!("history is saved again");
                self.emit(NetEvent::Notice("History is saved again.".to_owned()));
                self.reported_storage_error = None;
            }
            _ => {}
        }
    }

    /// Opens the store, reports its history and takes its unsent tweets
    /// into the outbox. A store that can't be opened leaves the app running
    /// without one, and says so.
    pub(super) fn open_store(&mut self, location: &StorageLocation, history_limit: usize) {
        let opened = match location {
            StorageLocation::Nowhere => return,
            StorageLocation::Memory => Store::open_in_memory(history_limit),
            StorageLocation::File(path) => Store::open(path, history_limit),
        };
        let (store, opened) = match opened {
            Ok(opened) => opened,
            Err(e) => {
                tracing::error!(error = %e, "storage unavailable; running without history");
                self.emit(NetEvent::StorageUnavailable(e.to_string()));
                return;
            }
        };
        self.store = Some(store);
        if let Some(notice) = opened.notice {
            tracing::warn!(%notice, "storage");
            self.emit(NetEvent::Notice(notice));
        }
        self.pins = Pins::from_saved(opened.pins.iter().cloned());
        let history = self.rejudged(opened.history);
        self.emit(NetEvent::History(history));
        self.emit(NetEvent::Pins(opened.pins));
        let unsent: std::collections::HashSet<&str> =
            opened.outbox.iter().map(|(id, _)| id.as_str()).collect();
        let direct = opened
            .direct
            .into_iter()
            .map(|message| direct::SavedMessage {
                unsent: unsent.contains(message.id.as_str()),
                message,
            })
            .collect();
        self.emit(NetEvent::DirectHistory(direct));
        for (id, publishes) in opened.outbox {
            self.outbox.push_copies(id, publishes);
        }
    }

    /// A stored tweet keeps who signed it, not what that meant then: it
    /// is judged again against the pins as they are now (read only; a
    /// reload pins nothing).
    fn rejudged(&self, mut history: Vec<HistoryEntry>) -> Vec<HistoryEntry> {
        for entry in &mut history {
            let tweet = &mut entry.tweet;
            if let (Some(signed), Some(user)) = (tweet.signed.as_mut(), tweet.user.as_deref()) {
                signed.trust = self.pins.trust_of(user, &signed.key);
            }
        }
        history
    }
}

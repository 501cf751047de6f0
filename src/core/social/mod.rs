//! What people do with tweets: compose, mention, message, search, presence, trends.
//! Uses `model` and `protocol`; never `storage`, `connection` or `desktop`.

pub mod compose;
pub mod direct;
pub mod direct_envelope;
pub mod flood_guard;
pub mod mentions;
pub mod mutes;
pub mod people;
pub mod presence;
pub mod profile;
pub mod reaction;
pub mod reactions;
pub mod search;
pub mod trending;
pub mod trust;

//! The things Chirp shows and keeps: tweets, names, the timeline and its compact entries.
//! Plain data and rules only; imports nothing else from `core`.

pub mod author_key;
pub mod bounds;
pub mod display;
pub mod emoji;
pub mod interner;
pub mod links;
pub mod name;
pub mod secret;
pub mod timeline;
pub mod timeline_entry;
pub mod tweet;

//! Shared fixtures for the broker-backed tests: a real mosquitto on a free
//! loopback port, a Chirp core connected to it, and helpers that wait on
//! conditions with deadlines (never fixed sleeps).
//!
//! One file per concern: `broker` (mosquitto on a free port), `chirp_core`
//! (the Chirp core wrapper and its waits), `process` (child processes) and
//! `classic` (mosquitto_pub / mosquitto_sub wrappers); all re-exported here,
//! so callers name everything `crate::common::X`.

mod broker;
mod chirp_core;
mod classic;
mod process;
mod slow_link;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use broker::{Broker, free_port};
pub use chirp_core::{Core, test_config, unique_client_id, wait_for};
pub use classic::{ClassicSubscriber, mosquitto_pub, mosquitto_pub_lines, mosquitto_pub_retained};
pub use process::{ChildGuard, chirp_in, files_under};
pub use slow_link::SlowLink;

/// How long any one condition may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// A deadline `TIMEOUT` from now.
pub fn deadline() -> Instant {
    Instant::now() + TIMEOUT
}

/// The path of an installed program, or a panic that says how to install it.
/// Looks on PATH, then in the sbin directories a non-root PATH may lack.
pub fn tool(name: &str) -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    let extra = ["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from);
    on_path
        .into_iter()
        .chain(extra)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| {
            let package = match name {
                "mosquitto" | "mosquitto_passwd" => "mosquitto",
                "mosquitto_pub" | "mosquitto_sub" => "mosquitto-clients",
                "dbus-daemon" => "dbus-daemon",
                "gnome-keyring-daemon" => "gnome-keyring",
                _ => "coreutils",
            };
            panic!(
                "`{name}` is not installed, and the broker tests need it: install the Debian \
                 package `{package}` (`bash tests/run.sh` installs them)."
            )
        })
}

/// A character that must never reach the screen or a terminal from received
/// text: a control character other than '\n', or a bidi control or
/// zero-width character. Listed here independently of the app's own
/// `name::is_invisible`, so that the display tests don't check the code
/// against itself.
pub fn is_hostile_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}')
}

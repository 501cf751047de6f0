//! A real desktop keyring for tests: a private D-Bus session bus with
//! gnome-keyring-daemon on it, its keyring created and unlocked, all in a
//! temp dir. Nothing touches the user's own session or keyring.

use std::io::Write as _;
use std::process::{Child, Command, Stdio};

use chirp::core::desktop::keyring::Keyring;

use crate::common::{deadline, tool};

pub struct KeyringBus {
    pub address: String,
    bus: Child,
    daemon: Child,
    _dir: tempfile::TempDir,
}

impl KeyringBus {
    pub fn start() -> KeyringBus {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = dir.path().join("bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>"#,
                dir.path().display()
            ),
        )
        .expect("write the bus config");
        let mut bus = Command::new(tool("dbus-daemon"))
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-daemon (tests/run.sh installs it)");
        let mut address = String::new();
        {
            use std::io::BufRead as _;
            let stdout = bus.stdout.take().expect("piped");
            std::io::BufReader::new(stdout)
                .read_line(&mut address)
                .expect("the bus address");
        }
        let address = address.trim().to_owned();
        assert!(!address.is_empty(), "dbus-daemon printed no address");

        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).expect("home");
        // --unlock reads the new login keyring's password from stdin.
        let mut daemon = Command::new(tool("gnome-keyring-daemon"))
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_RUNTIME_DIR", dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start gnome-keyring-daemon (tests/run.sh installs it)");
        if let Some(mut stdin) = daemon.stdin.take() {
            stdin.write_all(b"test-keyring").expect("unlock password");
        }
        let keyring_bus = KeyringBus {
            address,
            bus,
            daemon,
            _dir: dir,
        };
        // Ready once the keyring answers a lookup.
        let until = deadline();
        let probe = keyring_bus.keyring("probe");
        loop {
            match probe.load("nobody") {
                Ok(_) => break,
                Err(e) => assert!(
                    std::time::Instant::now() < until,
                    "the test keyring never answered: {e}"
                ),
            }
            // Polling: the daemon says nothing when it is ready.
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        keyring_bus
    }

    /// A keyring on this bus with its own service name.
    pub fn keyring(&self, service: &str) -> Keyring {
        Keyring::new(service).on_bus(self.address.clone())
    }
}

impl Drop for KeyringBus {
    fn drop(&mut self) {
        for child in [&mut self.daemon, &mut self.bus] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

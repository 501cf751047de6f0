//! A full disk under the history and the outbox: a small tmpfs as the data
//! directory, filled up by another file. Chirp keeps receiving, says so
//! once, keeps an unsent tweet in memory and sends it, never corrupts the
//! database, and writes again when space returns.

use std::path::{Path, PathBuf};
use std::process::Command;

use chirp::core::connection::net::{self, NetCommand, NetEvent, NetLink, StorageLocation};
use chirp::core::social::compose::Draft;

use crate::common::{Broker, Core, deadline, mosquitto_pub_lines, test_config, wait_for};

/// A 2 MiB tmpfs, unmounted on drop. Mounting needs root (or sudo without
/// a password), as `tests/run.sh` has for its packages.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> SmallDisk {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().to_str().expect("utf-8 path").to_owned();
        let args = ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", &target];
        let as_root = is_root();
        let status = if as_root {
            Command::new(args[0]).args(&args[1..]).status()
        } else {
            Command::new("sudo").arg("-n").args(args).status()
        };
        assert!(
            status.is_ok_and(|s| s.success()),
            "this test mounts a 2 MiB tmpfs: run it as root or with passwordless sudo"
        );
        SmallDisk { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Takes all the space left with another file; returns its path.
    fn fill(&self) -> PathBuf {
        use std::io::Write as _;
        let filler = self.path().join("filler");
        let mut file = std::fs::File::create(&filler).expect("create the filler");
        let block = vec![0u8; 4096];
        while file.write_all(&block).is_ok() {}
        let _ = file.sync_all();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let target = self.dir.path().to_string_lossy().into_owned();
        let _ = Command::new("umount").args(["-l", &target]).status();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn v1_line(n: usize) -> String {
    serde_json::json!({
        "v": 1, "id": format!("disk-{n:04}"), "user": "filler",
        "text": format!("tweet {n} {}", "while the disk is full ".repeat(8)),
        "tags": ["diskfull"], "ts": "2026-12-05T01:00:00Z",
    })
    .to_string()
}

fn stored_ids(history: &Path) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(history, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the history");
    let mut select = conn.prepare("SELECT id FROM tweets").expect("prepare");
    let ids = select.query_map([], |row| row.get(0)).expect("query");
    ids.map(|id| id.expect("an id")).collect()
}

fn integrity(history: &Path) -> String {
    let conn = rusqlite::Connection::open(history).expect("open the history");
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity_check")
}

/// Drains until `done`; counts the notices that say the history is not saved.
fn drain_counting_notices(link: &NetLink, mut done: impl FnMut(&NetEvent) -> bool) -> usize {
    let mut notices = 0;
    wait_for(link, deadline(), |event| {
        if let NetEvent::Notice(text) = event
            && text.starts_with("History could not be saved")
        {
            notices += 1;
        }
        done(event)
    });
    notices
}

#[test]
fn a_full_disk_loses_nothing_in_memory_and_writing_resumes_when_space_returns() {
    let disk = SmallDisk::mount();
    let history = disk.path().join("history.sqlite3");
    let broker = Broker::start();
    let options = net::WorkerOptions::new(test_config(&broker.url(), "disk"))
        .without_broker_figures()
        .following(vec!["diskfull".to_owned()])
        .stored_at(StorageLocation::File(history.clone()), 10_000);
    let (link, _worker) = net::spawn(options, || {}).expect("spawn");
    wait_for(&link, deadline(), |e| matches!(e, NetEvent::Subscribed(_)));
    let follower = Core::connect(&broker.url(), "follower");
    follower.follow("diskfull");

    let filler = disk.fill();
    let lines: Vec<String> = (0..300).map(v1_line).collect();
    mosquitto_pub_lines(&broker, "hashtags/diskfull", &lines);
    let mut received = 0;
    let mut notices = drain_counting_notices(&link, |e| {
        received += usize::from(matches!(e, NetEvent::Tweet { .. }));
        received == lines.len()
    });

    // Ours, written while the disk is full: not on disk, still sent.
    let ours = Draft::new("dana", "posted on a full disk")
        .tag("diskfull")
        .prepare()
        .expect("valid");
    link.send(NetCommand::Publish(ours.clone()));
    let mut told_unsaved = false;
    notices += drain_counting_notices(&link, |e| {
        told_unsaved |=
            matches!(e, NetEvent::Notice(t) if t.starts_with("Your tweet could not be saved"));
        matches!(e, NetEvent::Acknowledged(id) if *id == ours.tweet.id)
    });
    follower.wait_tweet(&ours.tweet.id);
    assert!(told_unsaved, "the user is told the tweet is not on disk");
    assert_eq!(notices, 1, "the full disk is told once");

    std::fs::remove_file(filler).expect("free the space");
    let freed = std::time::Instant::now();
    mosquitto_pub_lines(&broker, "hashtags/diskfull", &[v1_line(9999)]);
    wait_for(
        &link,
        deadline(),
        |e| matches!(e, NetEvent::Notice(t) if t == "History is saved again."),
    );
    let by = deadline();
    while !stored_ids(&history).contains(&"disk-9999".to_owned()) {
        assert!(std::time::Instant::now() < by, "writing did not resume");
        // Polled: the history writer batches in the background.
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(integrity(&history), "ok");
    eprintln!(
        "disk full: told once; history written again {:.2} s after space returned",
        freed.elapsed().as_secs_f64()
    );
}

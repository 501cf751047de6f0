//! The classic MQTT clients: `mosquitto_pub` and `mosquitto_sub` wrappers.

use std::process::Command;

use super::{Broker, ChildGuard, deadline, tool};

/// Publishes `payload` on `topic` with `mosquitto_pub` (QoS 1, so it is
/// at the broker when this returns).
pub fn mosquitto_pub(broker: &Broker, topic: &str, payload: &[u8]) {
    run_mosquitto_pub(broker, topic, payload, false);
}

/// Like [`mosquitto_pub`], as a retained message.
pub fn mosquitto_pub_retained(broker: &Broker, topic: &str, payload: &[u8]) {
    run_mosquitto_pub(broker, topic, payload, true);
}

/// Publishes each of `lines` (no newlines inside) as a message of its own,
/// QoS 1, with one `mosquitto_pub -l` run: fast enough for a flood.
pub fn mosquitto_pub_lines(broker: &Broker, topic: &str, lines: &[String]) {
    use std::io::Write as _;
    let mut child = Command::new(tool("mosquitto_pub"))
        .args(["-h", "127.0.0.1", "-p", &broker.port().to_string()])
        .args(["-q", "1", "-t", topic, "-l"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("run mosquitto_pub");
    let mut stdin = child.stdin.take().expect("stdin");
    for line in lines {
        assert!(!line.contains('\n'), "one message a line");
        writeln!(stdin, "{line}").expect("write a line");
    }
    drop(stdin);
    let status = child.wait().expect("mosquitto_pub ends");
    assert!(status.success(), "mosquitto_pub -l failed: {status}");
}

fn run_mosquitto_pub(broker: &Broker, topic: &str, payload: &[u8], retain: bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("payload");
    std::fs::write(&file, payload).expect("write payload");
    let output = Command::new(tool("mosquitto_pub"))
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &broker.port().to_string(),
            "-q",
            "1",
            "-t",
            topic,
            "-f",
        ])
        .arg(&file)
        .args(retain.then_some("-r"))
        .output()
        .expect("run mosquitto_pub");
    assert!(
        output.status.success(),
        "mosquitto_pub failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A `mosquitto_sub -C 1` waiting for one message on a topic.
pub struct ClassicSubscriber {
    process: ChildGuard,
}

impl ClassicSubscriber {
    /// Starts `mosquitto_sub` and returns once the broker confirmed its subscription.
    pub fn start(broker: &Broker, topic: &str) -> ClassicSubscriber {
        // -d prints the protocol exchange, SUBACK included; stdbuf makes it
        // line-buffered so the SUBACK line is readable before the process ends.
        let mut command = Command::new(tool("stdbuf"));
        command.arg("-oL").arg(tool("mosquitto_sub")).args([
            "-h",
            "127.0.0.1",
            "-p",
            &broker.port().to_string(),
            "-t",
            topic,
            "-C",
            "1",
            "-W",
            "10",
            "-d",
        ]);
        let process = ChildGuard::spawn(&mut command);
        process
            .stdout()
            .wait_line(deadline(), |line| line.contains("received SUBACK"));
        ClassicSubscriber { process }
    }

    /// Waits for the message, and returns its payload as mosquitto_sub printed it.
    pub fn payload(self) -> String {
        self.message().1
    }

    /// Waits for the message: mosquitto_sub's "received PUBLISH (d0, q1,
    /// r0, m1, 'topic', ...)" line, and the payload.
    pub fn message(mut self) -> (String, String) {
        let until = deadline();
        let code = self.process.wait_exit(until);
        let lines = self.process.stdout().all(until);
        assert_eq!(
            code,
            Some(0),
            "mosquitto_sub failed: {lines:#?}\n{:#?}",
            self.process.stderr().all(until)
        );
        // With -d, the payload is the line after "received PUBLISH".
        let at = lines
            .iter()
            .position(|line| line.contains("received PUBLISH"))
            .unwrap_or_else(|| panic!("mosquitto_sub received nothing: {lines:#?}"));
        (
            lines[at].clone(),
            lines.get(at + 1).cloned().unwrap_or_default(),
        )
    }
}

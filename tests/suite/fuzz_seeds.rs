//! The fuzz targets' seed corpus (`fuzz/seeds/<target>/`): one real input
//! of every kind each target reads, made with Chirp's own encoders, plus
//! the payload examples of PROTOCOL.md. This test checks that the committed
//! seeds still decode as what they are meant to be (so the fuzzer starts
//! from deep inside each decoder, not from its first refusal);
//! `CHIRP_WRITE_FUZZ_SEEDS=1` writes them anew.

use std::path::{Path, PathBuf};

use chirp::core::connection::broker::BrokerAddress;
use chirp::core::desktop::settings::Settings;
use chirp::core::desktop::settings_transfer;
use chirp::core::protocol::identity::Identity;
use chirp::core::protocol::topic_root::TopicRoot;
use chirp::core::protocol::wire;
use chirp::core::social::compose::Draft;
use chirp::core::social::direct::{self, Letter};
use chirp::core::social::presence::{self, PresenceState};
use chirp::core::social::profile::{self, About};
use chirp::core::social::reaction::{self, ReactionKind, Target};

/// The recipient the `direct_decode` target opens sealed messages as.
fn fuzz_identity() -> Identity {
    Identity::from_secret_bytes(&[7; 64])
}

fn seeds_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target)
}

fn made_seeds() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let alice = Identity::from_secret_bytes(&[1; 64]);
    let plain = Draft::new("alice", "hello #rust").prepare().expect("valid");
    let signed = Draft::new("alice", "signed hello")
        .tag("rust")
        .signed_by(Some(&alice))
        .prepare()
        .expect("valid");
    let target = Target {
        id: signed.tweet.id.clone(),
        user: Some("alice".to_owned()),
        tags: vec!["rust".to_owned()],
    };
    let root = TopicRoot::default();
    let like = reaction::prepare(ReactionKind::Like, "bob", &target, &alice, &root).expect("like");
    let sealed = Letter::new("alice", "bob", "sealed for the fuzzer")
        .signed_by(Some(&alice))
        .sealed_to(Some(&fuzz_identity().exchange_key()))
        .prepare()
        .expect("sealed");
    let now = chrono::Utc::now();
    let name = chirp::core::model::name::Username::parse("alice").expect("valid");
    let export = settings_transfer::export_of(&Settings::default());
    vec![
        ("wire_decode", "v1", plain.publishes[0].payload.clone()),
        (
            "wire_decode",
            "v1-signed",
            signed.publishes[0].payload.clone(),
        ),
        ("wire_decode", "like", like.publishes[0].payload.clone()),
        ("wire_decode", "classic", b"alice: hello #rust".to_vec()),
        // Three of the hostile-input cases (tests/suite/hostile_input).
        (
            "wire_decode",
            "nested",
            format!("{}{}", "[".repeat(2000), "]".repeat(2000)).into_bytes(),
        ),
        ("wire_decode", "invalid-utf8", vec![b'{', 0xff, 0xfe, b'}']),
        (
            "wire_decode",
            "bidi",
            "{\"v\":1,\"id\":\"b\",\"user\":\"a\",\"text\":\"\u{202e}evil\",\"tags\":[\"x\"]}"
                .as_bytes()
                .to_vec(),
        ),
        (
            "direct_decode",
            "plain",
            direct::prepare("alice", "bob", "hi")
                .expect("dm")
                .publish
                .payload,
        ),
        ("direct_decode", "sealed", sealed.publish.payload),
        (
            "presence_profile",
            "presence",
            presence::encode("alice", PresenceState::Online, now, "c1", Some(&alice)),
        ),
        (
            "presence_profile",
            "profile",
            profile::encode(&name, &About::default(), &alice, now),
        ),
        (
            "settings_json",
            "settings",
            serde_json::to_vec(&Settings::default()).expect("json"),
        ),
        (
            "settings_json",
            "export",
            settings_transfer::to_json(&export)
                .expect("json")
                .into_bytes(),
        ),
        ("broker_url", "tls", b"mqtts://broker.example:8883".to_vec()),
        (
            "broker_url",
            "websocket",
            b"wss://broker.example/mqtt".to_vec(),
        ),
    ]
}

/// The one-line JSON payloads among PROTOCOL.md's examples.
fn protocol_examples() -> Vec<String> {
    let protocol =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("PROTOCOL.md"))
            .expect("PROTOCOL.md");
    protocol
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("{\"") && line.ends_with('}'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_fuzz_seeds_are_real_inputs_of_each_kind() {
    if std::env::var_os("CHIRP_WRITE_FUZZ_SEEDS").is_some() {
        for (target, name, bytes) in made_seeds() {
            std::fs::create_dir_all(seeds_dir(target)).expect("seeds dir");
            std::fs::write(seeds_dir(target).join(name), bytes).expect("write a seed");
        }
        for (n, example) in protocol_examples().iter().enumerate() {
            std::fs::write(
                seeds_dir("wire_decode").join(format!("protocol-{n:02}")),
                example,
            )
            .expect("write a seed");
        }
    }
    let read = |target: &str, name: &str| {
        std::fs::read(seeds_dir(target).join(name)).unwrap_or_else(|e| {
            panic!("fuzz/seeds/{target}/{name}: {e} (CHIRP_WRITE_FUZZ_SEEDS=1 makes them)")
        })
    };
    let now = chrono::Utc::now();
    let signed = wire::decode_tagged(Some("rust"), &read("wire_decode", "v1-signed"), now)
        .expect("the signed seed decodes");
    assert!(signed.signed.is_some(), "and its signature verifies");
    assert!(reaction::decode(Some("rust"), &read("wire_decode", "like")).is_ok());
    let me = fuzz_identity();
    let sealed = direct::decode(
        "chirp/dm/bob",
        &read("direct_decode", "sealed"),
        now,
        Some(&me),
    )
    .expect("the sealed seed opens with the fuzz target's key");
    assert!(sealed.encrypted && sealed.text == "sealed for the fuzzer");
    assert!(
        presence::decode(
            "chirp/presence/alice",
            &read("presence_profile", "presence")
        )
        .is_some()
    );
    assert!(profile::decode("chirp/profile/alice", &read("presence_profile", "profile")).is_ok());
    assert!(Settings::from_json(&read("settings_json", "settings")).is_ok());
    assert!(settings_transfer::parse(&read("settings_json", "export")).is_ok());
    let url = String::from_utf8(read("broker_url", "tls")).expect("utf-8");
    assert!(BrokerAddress::parse(&url).is_ok());
    let examples = protocol_examples();
    assert!(
        examples.len() >= 5,
        "PROTOCOL.md's examples: {}",
        examples.len()
    );
    for (n, example) in examples.iter().enumerate() {
        assert_eq!(
            read("wire_decode", &format!("protocol-{n:02}")),
            example.as_bytes()
        );
    }
}

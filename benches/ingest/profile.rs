//! A GUI profile for the window parts: settings.json for the broker, and
//! optionally a history of tweets.

use std::fs;
use std::path::PathBuf;

use anyhow::{Result, anyhow, bail, ensure};
use chirp::core::model::name::Hashtag;
use chirp::core::protocol::wire;
use chirp::core::storage::Store;
use clap::Args;

use crate::load::TweetMaker;

#[derive(Args)]
pub(crate) struct ProfileArgs {
    /// Created; gets config/chirp/settings.json and data/chirp/.
    #[arg(long)]
    dir: PathBuf,
    #[arg(long)]
    port: u16,
    /// Tweets of history to write to data/chirp/history.sqlite3 (and the
    /// timeline limit, so that the window loads them all).
    #[arg(long, default_value_t = 0)]
    history: usize,
    /// Put before each history tweet's text (issue 17: emoji, to see what
    /// showing them costs an idle window).
    #[arg(long, default_value = "")]
    text_prefix: String,
}

pub(crate) fn make_profile(args: &ProfileArgs) -> Result<()> {
    let config_dir = args.dir.join("config/chirp");
    let data_dir = args.dir.join("data/chirp");
    fs::create_dir_all(&config_dir)?;
    fs::create_dir_all(&data_dir)?;
    let mut settings = serde_json::json!({
        "username": "bench",
        "broker": {"host": "127.0.0.1", "port": args.port},
    });
    if args.history > 0 {
        settings["timeline_limit"] = args.history.into();
    }
    fs::write(
        config_dir.join("settings.json"),
        serde_json::to_vec_pretty(&settings)?,
    )?;
    if args.history == 0 {
        return Ok(());
    }

    let path = data_dir.join("history.sqlite3");
    let (store, opened) = Store::open(&path, args.history)?;
    ensure!(
        opened.history.is_empty(),
        "{} already has history",
        path.display()
    );
    let tag = Hashtag::parse("chirp").map_err(|e| anyhow!("{e}"))?;
    let topic = chirp::core::protocol::topic_root::TopicRoot::default().topic(tag.as_str());
    let mut maker = TweetMaker::new(4)?;
    let now = chrono::Utc::now();
    for n in 0..args.history {
        let payload = maker.payload(&uuid::Uuid::new_v4().to_string(), &tag, &args.text_prefix);
        let received_at = now - chrono::TimeDelta::seconds((args.history - n) as i64);
        let tweet = wire::decode(&topic, &payload, received_at)
            .map_err(|e| anyhow!("decoding a bench payload: {e}"))?;
        store.record_received(&tweet);
        if n % 10_000 == 9_999 {
            store.flush()?;
        }
    }
    store.flush()?;
    ensure!(store.skipped_received() == 0, "the store skipped tweets");
    if let Some(e) = store.last_error() {
        bail!("writing the history: {e}");
    }
    drop(store);
    let size = fs::metadata(&path)?.len();
    println!(
        "  profile with {} tweets of history: {} ({:.1} MiB)",
        args.history,
        path.display(),
        size as f64 / (1024.0 * 1024.0)
    );
    Ok(())
}

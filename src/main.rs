//! `chirp` opens the window; `chirp post` and `chirp follow` work from a terminal.

use clap::Parser as _;

use chirp::cli::{Cli, CliError, resolve_broker, run};

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => run(cli.broker.as_deref(), command),
        None => open_window(cli.broker.as_deref()),
    };
    if let Err(CliError { code, message }) = result {
        eprintln!("chirp: {message}");
        std::process::exit(code);
    }
}

fn open_window(broker_flag: Option<&str>) -> Result<(), CliError> {
    let broker_override = broker_flag
        .map(|_| resolve_broker(broker_flag))
        .transpose()?;
    chirp::ui::run(broker_override).map_err(CliError::network)
}

//! `chirp` opens the window; `chirp post` and `chirp follow` work from a terminal.

use clap::Parser as _;

use chirp::cli::{Cli, CliError, ConnectionArgs, resolve_broker, run};
use chirp::core::desktop::logging;

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => {
            let _log = logging::init_cli();
            run(&cli.connection, command)
        }
        None => {
            // Kept until the window closes: dropping it writes what is queued.
            let _log = logging::init_gui();
            open_window(&cli.connection)
        }
    };
    // The guard is dropped by now: `exit` would skip its final write.
    if let Err(CliError { code, message }) = result {
        eprintln!("chirp: {message}");
        std::process::exit(code);
    }
}

fn open_window(connection: &ConnectionArgs) -> Result<(), CliError> {
    if connection.has_connection_options() {
        return Err(CliError::usage(
            "--username, --password-file, --ca-file, --insecure, --topic-root and --qos are \
             for post and follow; the window connects with its profiles (Settings)",
        ));
    }
    let broker_flag = connection.broker.as_deref();
    let broker_override = broker_flag
        .map(|_| resolve_broker(broker_flag))
        .transpose()?;
    chirp::ui::run(broker_override).map_err(CliError::network)
}

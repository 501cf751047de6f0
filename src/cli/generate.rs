//! `chirp generate DIR` (hidden): the man page and the bash, zsh and fish
//! completions, made from the same clap definition as the command line, for
//! packaging/deb.sh to put in the package.

use std::path::PathBuf;

use clap::CommandFactory as _;
use clap_complete::Shell;

use super::{Cli, CliError};

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Where to write chirp.1, chirp.bash, _chirp and chirp.fish.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

pub fn run(args: &GenerateArgs) -> Result<(), CliError> {
    let failed = |what: &str, e: std::io::Error| {
        CliError::network(format!(
            "could not write the {what} into {}: {e}",
            args.dir.display()
        ))
    };
    std::fs::create_dir_all(&args.dir).map_err(|e| failed("files", e))?;
    let mut command = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .map_err(|e| failed("man page", e))?;
    std::fs::write(args.dir.join("chirp.1"), page).map_err(|e| failed("man page", e))?;
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut command, "chirp", &args.dir)
            .map_err(|e| failed("completions", e))?;
    }
    println!(
        "wrote chirp.1, chirp.bash, _chirp and chirp.fish to {}",
        args.dir.display()
    );
    Ok(())
}

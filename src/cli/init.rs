//! `faqlint init`: a commented starter config.

use std::io::Write;
use std::path::Path;

use super::InitArgs;
use crate::ExitStatus;
use crate::config::CONFIG_FILE;

pub const STARTER: &str = include_str!("starter.toml");

pub fn run(args: &InitArgs) -> anyhow::Result<ExitStatus> {
    let path = Path::new(CONFIG_FILE);
    if path.exists() && !args.force {
        anyhow::bail!("{CONFIG_FILE} already exists (use --force to overwrite)");
    }
    crate::fix::write_atomic(path, STARTER.as_bytes())?;
    let mut err = std::io::stderr().lock();
    writeln!(err, "wrote {CONFIG_FILE}")?;
    Ok(ExitStatus::Clean)
}

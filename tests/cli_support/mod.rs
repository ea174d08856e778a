//! Running the binary as a user would, but sealed off from the machine's
//! own files: an empty working directory, home, data and configuration
//! directories inside `dir`, and the state file `dir/state.json`.

use std::path::Path;
use std::process::Command;

pub fn plantrack(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plantrack"));
    command
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("PLANTRACK_STATE", dir.join("state.json"))
        // Lights for a fixed day, not the machine's clock.
        .env("PLANTRACK_TODAY", "2020-06-01")
        // Days and times of changes in one zone, not the machine's.
        .env("TZ", "UTC")
        .env_remove("PLANTRACK_CONFIG")
        .env_remove("NO_COLOR")
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
}

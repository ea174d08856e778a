//! The configuration file as the program reads it: warnings with their
//! line, and `state` below the command line and the environment.

use std::path::Path;
use std::process::Output;

mod cli_support;

fn run(dir: &Path, envs: &[(&str, &Path)], args: &[&str]) -> Output {
    let mut command = cli_support::plantrack(dir, args);
    command.env_remove("PLANTRACK_STATE");
    for (name, value) in envs {
        command.env(name, value);
    }
    command.output().expect("runs")
}

#[test]
fn config_state_is_used_unknown_keys_warn_with_their_line_and_env_wins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    let config = dir.join("team.toml");
    std::fs::write(&config, "state = \"team-state.json\"\ncolour = \"red\"\n").expect("write");

    let out = run(
        dir,
        &[("PLANTRACK_CONFIG", &config)],
        &["mark", "3", "done"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("team.toml:2:1: unknown key \"colour\" is ignored"),
        "{stderr}"
    );
    assert!(dir.join("team-state.json").exists());

    let env_state = dir.join("env-state.json");
    let out = run(
        dir,
        &[("PLANTRACK_STATE", &env_state)],
        &["--config", "team.toml", "mark", "4", "done"],
    );
    assert!(out.status.success());
    assert!(env_state.exists(), "the environment overrides the file");

    // A file that is not TOML is reported, and the program still runs.
    std::fs::write(&config, "theme = dark\n").expect("write");
    let out = run(dir, &[], &["--config", "team.toml", "show", "3"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("team.toml:1:9: not valid TOML"), "{stderr}");
}

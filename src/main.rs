use std::process::ExitCode;

fn main() -> ExitCode {
    plantrack::cli::main()
}

/// See Cargo.toml for why. The benchmarks and the timing drivers in
/// examples/ declare it too; the tests run the library on the system's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

//! `dynptr-play`: the engine on the command line.
fn main() {
    eprintln!("dynptr-play: no subcommands yet");
    std::process::exit(2);
}

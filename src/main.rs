//! Operations Monitor SPA entry point (built by Trunk).

fn main() {
    ops_monitor::start();
}
